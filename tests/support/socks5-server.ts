// A small SOCKS5 proxy on loopback for tests (RFC 1928, CONNECT only; RFC 1929 user name and
// password when asked to). It records every CONNECT (address type, host, port) so a test can tell
// whether the client sent a host name for the proxy to resolve, and it can map names to local
// ports, standing in for the proxy's own DNS where the client's is blocked.
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface Socks5Connect {
  /** 'domain' when the client left name resolution to the proxy. */
  addressType: 'ipv4' | 'domain' | 'ipv6';
  host: string;
  port: number;
}

export interface Socks5ServerOptions {
  /** Require this user name and password (method 0x02); without it, no authentication (0x00). */
  auth?: { username: string; password: string };
  /** Where a requested "host:port" really goes, e.g. { 'panel.blocked.test:443': '127.0.0.1:4567' }. */
  resolve?: Record<string, string>;
}

export interface Socks5Server {
  host: string;
  port: number;
  /** socks5://127.0.0.1:PORT */
  url: string;
  connects: Socks5Connect[];
  /** Authentication attempts with the user name each used (passwords are not kept). */
  logins: { username: string; accepted: boolean }[];
  close(): Promise<void>;
}

const REPLY = { ok: 0x00, refused: 0x05, hostUnreachable: 0x04, addressType: 0x08 } as const;

/** Reads exactly `n` bytes from a socket that is in paused, readable mode. */
function reader(socket: Socket) {
  let buffer = Buffer.alloc(0);
  let waiting: { n: number; resolve: (b: Buffer) => void; reject: (e: Error) => void } | null = null;
  const pump = () => {
    if (waiting && buffer.length >= waiting.n) {
      const { n, resolve } = waiting;
      waiting = null;
      const chunk = buffer.subarray(0, n);
      buffer = buffer.subarray(n);
      resolve(chunk);
    }
  };
  const onData = (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    pump();
  };
  socket.on('data', onData);
  socket.once('close', () => waiting?.reject(new Error('closed')));
  return {
    read(n: number): Promise<Buffer> {
      return new Promise((resolve, reject) => {
        waiting = { n, resolve, reject };
        pump();
      });
    },
    /** Stop reading and hand over what is left (bytes sent after the CONNECT request). */
    detach(): Buffer {
      socket.off('data', onData);
      return buffer;
    },
  };
}

function reply(socket: Socket, code: number): void {
  // VER REP RSV ATYP=IPv4 BND.ADDR=0.0.0.0 BND.PORT=0
  socket.write(Buffer.from([0x05, code, 0x00, 0x01, 0, 0, 0, 0, 0, 0]));
}

async function handle(socket: Socket, options: Socks5ServerOptions, state: Socks5Server): Promise<void> {
  const input = reader(socket);
  const [version, count = 0] = await input.read(2);
  if (version !== 0x05) return void socket.destroy();
  const methods = [...(await input.read(count))];
  const wanted = options.auth ? 0x02 : 0x00;
  if (!methods.includes(wanted)) {
    socket.end(Buffer.from([0x05, 0xff]));
    return;
  }
  socket.write(Buffer.from([0x05, wanted]));
  if (options.auth) {
    const [, ulen = 0] = await input.read(2);
    const username = (await input.read(ulen)).toString('utf8');
    const [plen = 0] = await input.read(1);
    const password = (await input.read(plen)).toString('utf8');
    const accepted = username === options.auth.username && password === options.auth.password;
    state.logins.push({ username, accepted });
    socket.write(Buffer.from([0x01, accepted ? 0x00 : 0x01]));
    if (!accepted) return void socket.end();
  }
  const [, command, , atyp] = await input.read(4);
  let host: string;
  let addressType: Socks5Connect['addressType'];
  if (atyp === 0x01) {
    host = [...(await input.read(4))].join('.');
    addressType = 'ipv4';
  } else if (atyp === 0x03) {
    const [length = 0] = await input.read(1);
    host = (await input.read(length)).toString('utf8');
    addressType = 'domain';
  } else if (atyp === 0x04) {
    const bytes = await input.read(16);
    host = Array.from({ length: 8 }, (_, i) => bytes.readUInt16BE(i * 2).toString(16)).join(':');
    addressType = 'ipv6';
  } else {
    reply(socket, REPLY.addressType);
    return void socket.end();
  }
  const port = (await input.read(2)).readUInt16BE(0);
  state.connects.push({ addressType, host, port });
  if (command !== 0x01) {
    reply(socket, 0x07);
    return void socket.end();
  }
  const mapped = options.resolve?.[`${host}:${port}`];
  if (!mapped && addressType === 'domain' && !['localhost'].includes(host)) {
    // A name the proxy cannot resolve either.
    reply(socket, REPLY.hostUnreachable);
    return void socket.end();
  }
  const [targetHost, targetPort] = mapped
    ? [mapped.split(':')[0] ?? '', Number(mapped.split(':')[1])]
    : [host, port];
  const upstream = connect({ host: targetHost, port: targetPort });
  upstream.once('error', () => {
    if (!socket.destroyed) {
      reply(socket, REPLY.refused);
      socket.end();
    }
  });
  upstream.once('connect', () => {
    reply(socket, REPLY.ok);
    const early = input.detach();
    if (early.length > 0) upstream.write(early);
    socket.pipe(upstream);
    upstream.pipe(socket);
    socket.once('close', () => upstream.destroy());
    upstream.once('close', () => socket.destroy());
  });
}

/** Starts the proxy on a free loopback port. */
export async function startSocks5Server(options: Socks5ServerOptions = {}): Promise<Socks5Server> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    handle(socket, options, state).catch(() => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const state: Socks5Server = {
    host: '127.0.0.1',
    port,
    url: `socks5://127.0.0.1:${port}`,
    connects: [],
    logins: [],
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return state;
}
