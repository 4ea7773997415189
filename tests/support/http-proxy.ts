// A small HTTP proxy on loopback for tests: requests in absolute form (RFC 9112 §3.2.2, what a client
// sends a proxy for an http:// target) are forwarded, CONNECT (RFC 9110 §9.3.6) is tunnelled, and a
// Basic Proxy-Authorization (RFC 9110 §11.7.1) is checked when asked to. It records every request
// (method and target host:port) so a test can tell what went through it, and it can map names to
// local ports, standing in for the proxy's own DNS where the client's cannot resolve the name.
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

export interface HttpProxyOptions {
  /** Require this user name and password (Basic); without it, anyone may use the proxy. */
  auth?: { username: string; password: string };
  /** Where a requested "host:port" really goes, e.g. { 'sub.blocked.test:80': '127.0.0.1:4567' }. */
  resolve?: Record<string, string>;
}

export interface HttpProxyRequest {
  method: string;
  /** host:port the client asked for (before `resolve`). */
  target: string;
}

export interface HttpProxy {
  host: string;
  port: number;
  /** http://127.0.0.1:PORT */
  url: string;
  requests: HttpProxyRequest[];
  /** Authentication attempts with the user name each used (passwords are not kept). */
  logins: { username: string; accepted: boolean }[];
  close(): Promise<void>;
}

/** "host:port" -> where to connect, or null for a name the proxy cannot resolve either. */
function destination(target: string, options: HttpProxyOptions): { host: string; port: number } | null {
  const mapped = options.resolve?.[target];
  const [host = '', port = ''] = (mapped ?? target).split(/:(?=\d+$)/);
  if (!mapped && !['127.0.0.1', 'localhost'].includes(host)) return null;
  return { host, port: Number(port) };
}

export async function startHttpProxy(options: HttpProxyOptions = {}): Promise<HttpProxy> {
  const sockets = new Set<Socket>();

  /** True when the request may go on; otherwise the 407 has been sent. */
  const authorized = (req: IncomingMessage, refuse: () => void): boolean => {
    if (!options.auth) return true;
    const header = req.headers['proxy-authorization'] ?? '';
    const match = /^Basic\s+(\S+)$/i.exec(header);
    const [username = '', password = ''] = match
      ? Buffer.from(match[1]!, 'base64').toString('utf8').split(/:(.*)/s)
      : [];
    if (match) {
      const accepted = username === options.auth.username && password === options.auth.password;
      state.logins.push({ username, accepted });
      if (accepted) return true;
    }
    refuse();
    return false;
  };

  const forward = (req: IncomingMessage, res: ServerResponse) => {
    let target: URL;
    try {
      target = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end();
      return;
    }
    const hostPort = `${target.hostname}:${target.port || '80'}`;
    state.requests.push({ method: req.method ?? 'GET', target: hostPort });
    const refuse = () =>
      res.writeHead(407, { 'proxy-authenticate': 'Basic realm="test"', connection: 'close' }).end();
    if (!authorized(req, refuse)) return;
    const to = destination(hostPort, options);
    if (!to) {
      res.writeHead(502).end();
      return;
    }
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    delete headers['proxy-connection'];
    const upstream = request(
      {
        host: to.host,
        port: to.port,
        method: req.method,
        path: `${target.pathname}${target.search}`,
        headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.once('error', () => (res.headersSent ? res.destroy() : res.writeHead(502).end()));
    req.pipe(upstream);
  };

  const server: Server = createServer(forward);
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  server.on('connect', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const hostPort = req.url ?? '';
    state.requests.push({ method: 'CONNECT', target: hostPort });
    const refuse = () =>
      socket.end(
        'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\n\r\n',
      );
    if (!authorized(req, refuse)) return;
    const to = destination(hostPort, options);
    if (!to) return void socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
    const upstream = connect(to);
    upstream.once('error', () => socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n'));
    upstream.once('connect', () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      socket.pipe(upstream);
      upstream.pipe(socket);
      socket.once('close', () => upstream.destroy());
      upstream.once('close', () => socket.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const state: HttpProxy = {
    host: '127.0.0.1',
    port,
    url: `http://127.0.0.1:${port}`,
    requests: [],
    logins: [],
    async close() {
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return state;
}
