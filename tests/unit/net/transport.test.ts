// The transport: panel URL rules, proxy choice (explicit, environment, NO_PROXY), the User-Agent,
// keep-alive reuse, timeouts, refused connections, TLS verification and requests through a proxy.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Transport } from '../../../src/main/net/transport';
import {
  createTransport,
  openPoolCount,
  defaultUserAgent,
  noProxyMatches,
  resolveProxy,
  validatePanelUrl,
} from '../../../src/main/net/transport';
import { expectErr, expectOk } from '../../support/expect';

const servers: Server[] = [];
const transports: Transport[] = [];
afterEach(async () => {
  for (const t of transports.splice(0)) await t.close();
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

async function listen(server: Server): Promise<string> {
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function transport(url: string, extra: Partial<Parameters<typeof createTransport>[0]> = {}): Transport {
  const t = expectOk(createTransport({ panelUrl: expectOk(validatePanelUrl(url)), env: {}, ...extra }));
  transports.push(t);
  return t;
}

describe('validatePanelUrl', () => {
  it('normalizes https addresses to origin + path prefix', () => {
    const v = (s: string) => {
      const r = validatePanelUrl(s);
      return r.ok ? r.value.href : r.error.kind;
    };
    expect(v('https://Panel.Example.com/')).toBe('https://panel.example.com/');
    expect(v(' https://panel.example.com/xmplus/ ')).toBe('https://panel.example.com/xmplus');
    expect(v('https://panel.example.com/xmplus/api/client')).toBe('https://panel.example.com/xmplus');
    expect(v('https://panel.example.com:8443')).toBe('https://panel.example.com:8443/');
    expect(v('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080/');
    expect(v('http://localhost:3000/p')).toBe('http://localhost:3000/p');
    expect(v('http://[::1]:3000')).toBe('http://[::1]:3000/');
  });

  it('refuses plain http off loopback, credentials, query, fragment and non-URLs', () => {
    for (const bad of [
      'http://panel.example.com',
      'http://127.0.0.2.example.com',
      'https://user:pw@panel.example.com',
      'https://panel.example.com/?a=1',
      'https://panel.example.com/#x',
      'panel.example.com',
      'ftp://panel.example.com',
      '',
      'https://',
    ]) {
      expectErr(validatePanelUrl(bad), 'validation');
    }
    const r = validatePanelUrl('https://alice:s3cretpw@panel.example.com');
    expect(JSON.stringify(expectErr(r))).not.toContain('s3cretpw');
  });
});

describe('proxy choice', () => {
  const target = new URL('https://panel.example.com');
  it('prefers an explicit proxy, then HTTPS_PROXY, https_proxy, HTTP_PROXY, ALL_PROXY', () => {
    expect(resolveProxy(target, 'http://explicit:8080', { HTTPS_PROXY: 'http://env:1' })).toBe(
      'http://explicit:8080',
    );
    expect(resolveProxy(target, null, { HTTPS_PROXY: 'http://a:1', HTTP_PROXY: 'http://b:1' })).toBe(
      'http://a:1',
    );
    expect(resolveProxy(target, null, { https_proxy: 'http://c:1' })).toBe('http://c:1');
    expect(resolveProxy(target, null, { HTTP_PROXY: 'http://b:1' })).toBe('http://b:1');
    expect(resolveProxy(target, null, { all_proxy: 'socks5://127.0.0.1:7890' })).toBe(
      'socks5://127.0.0.1:7890',
    );
    expect(resolveProxy(target, null, { ALL_PROXY: 's:1', HTTP_PROXY: 'http://b:1' })).toBe('http://b:1');
    expect(resolveProxy(target, null, {})).toBeNull();
  });

  it('honours NO_PROXY and never proxies loopback from the environment', () => {
    const env = { HTTPS_PROXY: 'http://p:3128', HTTP_PROXY: 'http://p:3128' };
    expect(resolveProxy(target, null, { ...env, NO_PROXY: 'example.com' })).toBeNull();
    expect(resolveProxy(target, null, { ...env, no_proxy: '.example.com' })).toBeNull();
    expect(resolveProxy(target, null, { ...env, NO_PROXY: '*' })).toBeNull();
    expect(resolveProxy(target, null, { ...env, NO_PROXY: 'other.com,ample.com' })).toBe('http://p:3128');
    expect(resolveProxy(new URL('http://127.0.0.1:9'), null, env)).toBeNull();
    expect(noProxyMatches(new URL('https://panel.example.com:8443'), 'panel.example.com:443')).toBe(false);
    expect(noProxyMatches(new URL('https://panel.example.com:8443'), 'panel.example.com:8443')).toBe(true);
    expect(noProxyMatches(new URL('https://panel.example.com'), '*.example.com')).toBe(true);
  });
});

describe('requests', () => {
  it('sends the User-Agent with the package version and reuses one connection', async () => {
    const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
    expect(defaultUserAgent()).toBe(`xmplus-tray/${version} (${process.platform})`);
    let connections = 0;
    const seen: { ua: string | undefined; type: string | undefined; body: string }[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen.push({ ua: req.headers['user-agent'], type: req.headers['content-type'], body });
        res.end('{"code":100}');
      });
    });
    server.on('connection', () => connections++);
    const host = await listen(server);
    const t = transport(`http://${host}`);
    for (let i = 0; i < 10; i++) {
      const r = await t.post('/api/client/x', { i });
      expect(expectOk(r).text).toBe('{"code":100}');
    }
    // Kept alive: undici may open a second socket while the first is being released, never ten.
    expect(connections).toBeLessThanOrEqual(2);
    expect(seen[3]).toEqual({ ua: defaultUserAgent(), type: 'application/json', body: '{"i":3}' });
  });

  it('maps a panel that never answers to a timeout naming the host and the wait', async () => {
    const host = await listen(createServer(() => undefined));
    // The wait is the behaviour under test: 0.3 s of real time, which the message then names.
    const t = transport(`http://${host}`, { timeouts: { headersMs: 300 } });
    const r = await t.post('/api/client/token', undefined);
    expect(expectErr(r, 'timeout').message).toBe(
      `The panel at ${host} did not answer within 0.3 s. Check your connection or try again later.`,
    );
  });

  it('maps a stalled body to a timeout', async () => {
    const host = await listen(
      createServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"code":');
      }),
    );
    const t = transport(`http://${host}`, { timeouts: { bodyMs: 300 } });
    const r = await t.post('/x', {});
    expectErr(r, 'timeout');
  });

  it('maps refused and reset connections to network errors', async () => {
    const probe = await listen(createServer());
    const closed = servers.pop() as Server;
    await new Promise((r) => closed.close(r));
    const refused = await transport(`http://${probe}`).post('/x', {});
    expect(expectErr(refused)).toMatchObject({ kind: 'network', detail: 'ECONNREFUSED' });
    expect(expectErr(refused).message).toMatch(/refused the connection/);

    const host = await listen(createServer((req) => req.socket.destroy()));
    const reset = await transport(`http://${host}`).post('/x', {});
    expect(expectErr(reset, 'network').message).toMatch(/cut off/);
  });

  it('goes through an explicit proxy', async () => {
    const panelHost = await listen(createServer((_req, res) => res.end('{"code":100,"via":"panel"}')));
    let proxied = 0;
    const proxy = createServer((req: IncomingMessage, res: ServerResponse) => {
      // Plain-http targets are forwarded in absolute form.
      proxied++;
      const target = new URL(req.url ?? '/');
      fetch(target, { method: req.method ?? 'POST' })
        .then(async (r) => res.end(await r.text()))
        .catch(() => res.destroy());
    });
    const proxyHost = await listen(proxy);
    const t = transport(`http://${panelHost}`, { proxyUrl: `http://${proxyHost}` });
    expect(t.proxy).toBe(`http://${proxyHost}`);
    const r = await t.post('/api/client/token', undefined);
    expect(expectOk(r).text).toBe('{"code":100,"via":"panel"}');
    expect(proxied).toBe(1);
  });

  it('refuses a proxy address it cannot use, saying why, and an environment proxy that is malformed', () => {
    const panelUrl = expectOk(validatePanelUrl('https://panel.example.com'));
    const socks4 = createTransport({ panelUrl, proxyUrl: 'socks4://p:1080', env: {} });
    expect(expectErr(socks4)).toMatchObject({ kind: 'validation', detail: 'socks4' });
    const noPort = createTransport({ panelUrl, proxyUrl: 'socks5://u:secretpw@p', env: {} });
    expect(expectErr(noPort).message).toMatch(/Add the port/);
    expect(JSON.stringify(noPort)).not.toContain('secretpw');
    const env = createTransport({ panelUrl, env: { HTTPS_PROXY: 'ftp://p:21' } });
    expect(expectErr(env).message).toMatch(/HTTPS_PROXY environment variable cannot be used/);
  });
});

describe('TLS', () => {
  let hasOpenssl = true;
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
  } catch {
    hasOpenssl = false;
  }

  it('refuses a panel whose certificate cannot be verified', async (ctx) => {
    if (!hasOpenssl) return ctx.skip('openssl is not installed, so no self-signed certificate can be made');
    const dir = await mkdtemp(join(tmpdir(), 'xmplus-tls-'));
    try {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-days',
          '1',
          '-subj',
          '/CN=localhost',
          '-keyout',
          join(dir, 'key.pem'),
          '-out',
          join(dir, 'cert.pem'),
        ],
        { stdio: 'ignore' },
      );
      const server = createHttpsServer(
        { key: await readFile(join(dir, 'key.pem')), cert: await readFile(join(dir, 'cert.pem')) },
        (_req, res) => res.end('{"code":100}'),
      );
      const host = await listen(server);
      const r = await transport(`https://${host}`).post('/api/client/token', undefined);
      expect(expectErr(r, 'network').message).toMatch(/certificate that could not be verified/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('one pool per panel origin', () => {
  it('shares keep-alive connections between transports to the same panel, until the last closes', async () => {
    let connections = 0;
    const server = createServer((_req, res) => res.end('{"code":100}'));
    server.on('connection', () => connections++);
    const host = await listen(server);
    const before = openPoolCount();
    const a = transport(`http://${host}`);
    const b = transport(`http://${host}/panel`);
    expect(openPoolCount()).toBe(before + 1);
    for (let i = 0; i < 6; i++) {
      const r = await (i % 2 ? a : b).post('/api/client/x', {});
      expectOk(r);
    }
    expect(connections).toBeLessThanOrEqual(2);
    await a.close();
    // The other user still has its pool.
    expectOk(await b.post('/api/client/x', {}));
    expectErr(await a.post('/api/client/x', {}));
    await b.close();
    expect(openPoolCount()).toBe(before);
  });
});

describe('close', () => {
  it('does not wait on a panel that never answers: the request in flight ends with an error', async () => {
    const sockets: Socket[] = [];
    const silent = createServer(() => undefined);
    silent.on('connection', (socket) => sockets.push(socket));
    const host = await listen(silent);
    // Header timeout far beyond the test's own timeout: only close() can end this request.
    const t = transport(`http://${host}`, { timeouts: { headersMs: 600_000, bodyMs: 600_000 } });
    const arrived = new Promise((resolve) => silent.once('request', resolve));
    const pending = t.post('/api/client/token', {});
    await arrived;
    await t.close();
    const result = await pending;
    expectErr(result);
    for (const socket of sockets) socket.destroy();
  });
});
