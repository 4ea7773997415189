// Panel requests through a real SOCKS5 proxy on loopback (tests/support/socks5-server.ts), and the
// choice of proxy: the profile's, then the system's (a PAC answer from the desktop), then the
// environment's. Every error names the proxy it went through, never its password.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Transport, TransportOptions } from '../../../src/main/net/transport';
import { createTransport, validatePanelUrl } from '../../../src/main/net/transport';
import { startSocks5Server, type Socks5Server } from '../../support/socks5-server';
import { expectErr, expectOk } from '../../support/expect';

const servers: Server[] = [];
const proxies: Socks5Server[] = [];
const transports: Transport[] = [];

afterEach(async () => {
  for (const t of transports.splice(0)) await t.close();
  for (const p of proxies.splice(0)) await p.close();
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

async function panel(): Promise<{ port: number; requests: string[] }> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url} host=${req.headers.host}`);
    res.setHeader('content-type', 'application/json');
    res.end('{"code":100,"via":"panel"}');
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { port: (server.address() as AddressInfo).port, requests };
}

async function socks(options: Parameters<typeof startSocks5Server>[0] = {}): Promise<Socks5Server> {
  const proxy = await startSocks5Server(options);
  proxies.push(proxy);
  return proxy;
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

function transport(url: string, extra: Partial<TransportOptions> = {}): Transport {
  const t = expectOk(createTransport({ panelUrl: expectOk(validatePanelUrl(url)), env: {}, ...extra }));
  transports.push(t);
  return t;
}

describe('SOCKS5 proxies', () => {
  it('reaches the panel through the proxy, leaving the host name for the proxy to resolve', async () => {
    const sim = await panel();
    const proxy = await socks();
    const t = transport(`http://localhost:${sim.port}`, { proxyUrl: proxy.url });
    for (let i = 0; i < 3; i++) {
      const r = await t.post('/api/client/token', {});
      expect(expectOk(r).text).toBe('{"code":100,"via":"panel"}');
    }
    // socks5h semantics: the name went to the proxy (address type "domain"), not a local DNS answer;
    // tunnels are kept alive (undici may open a second while the first is being released, never three).
    expect(proxy.connects.length).toBeLessThanOrEqual(2);
    for (const c of proxy.connects)
      expect(c).toEqual({ addressType: 'domain', host: 'localhost', port: sim.port });
    expect(sim.requests).toHaveLength(3);
    expect(t.proxy).toBe(proxy.url);
  });

  it('accepts socks5h:// and logs in with the user name and password of the address', async () => {
    const sim = await panel();
    const proxy = await socks({ auth: { username: 'alice', password: 'pa@ss' } });
    const good = transport(`http://localhost:${sim.port}`, {
      proxyUrl: `socks5h://alice:pa%40ss@127.0.0.1:${proxy.port}`,
    });
    expectOk(await good.post('/api/client/token', {}));
    expect(proxy.logins).toEqual([{ username: 'alice', accepted: true }]);

    const bad = transport(`http://localhost:${sim.port}/other`, {
      proxyUrl: `socks5://alice:wrongsecret@127.0.0.1:${proxy.port}`,
    });
    const r = await bad.post('/api/client/token', {});
    const error = expectErr(r, 'network');
    expect(error.message).toBe(
      `This profile's proxy socks5://127.0.0.1:${proxy.port} refused the user name and password, or asks for them. Check the proxy address in Settings (socks5://user:password@host:port).`,
    );
    expect(JSON.stringify(error)).not.toContain('wrongsecret');
    expect(sim.requests).toHaveLength(1);
  });

  it('says the proxy refused when nothing listens on its port', async () => {
    const port = await closedPort();
    const t = transport('http://localhost:9', { proxyUrl: `socks5://u:hidden@127.0.0.1:${port}` });
    const r = await t.post('/api/client/token', {});
    expect(expectErr(r)).toMatchObject({
      kind: 'network',
      detail: 'ECONNREFUSED',
      message: `This profile's proxy socks5://127.0.0.1:${port} refused the connection. Check that your proxy app is running, or change the proxy in Settings.`,
    });
    expect(JSON.stringify(r)).not.toContain('hidden');
  });

  it('says the proxy could not reach the panel when the proxy answers "host unreachable"', async () => {
    const proxy = await socks();
    const t = transport('https://panel.blocked.test', { proxyUrl: proxy.url });
    const r = await t.post('/api/client/token', {});
    expect(proxy.connects).toEqual([{ addressType: 'domain', host: 'panel.blocked.test', port: 443 }]);
    expect(expectErr(r).message).toBe(
      `This profile's proxy ${proxy.url} could not reach the panel at panel.blocked.test (host unreachable). The panel may be down, or blocked for the proxy too; try again later or ask your provider.`,
    );
  });

  it('says so when the port is not a SOCKS5 proxy (an http port typed as socks5://)', async () => {
    const sim = await panel();
    const t = transport('https://panel.example.test', { proxyUrl: `socks5://127.0.0.1:${sim.port}` });
    const r = await t.post('/api/client/token', {});
    expect(expectErr(r).message).toMatch(
      new RegExp(
        `^This profile's proxy socks5://127\\.0\\.0\\.1:${sim.port} did not answer like a SOCKS5 proxy`,
      ),
    );
  });
});

describe('which proxy: profile, then system, then environment', () => {
  const target = 'https://panel.blocked.test';

  it('uses the system proxy from a PAC answer, asked for the panel URL', async () => {
    const proxy = await socks();
    const asked: string[] = [];
    const t = transport(target, {
      systemProxy: async (url) => {
        asked.push(url);
        return `SOCKS ${proxy.host}:1; SOCKS5 ${proxy.host}:${proxy.port}; DIRECT`;
      },
    });
    const r = await t.post('/api/client/account/info', {});
    expect(asked).toEqual(['https://panel.blocked.test/']);
    expect(proxy.connects).toEqual([{ addressType: 'domain', host: 'panel.blocked.test', port: 443 }]);
    expect(expectErr(r).message).toMatch(
      new RegExp(`^The system proxy socks5://127\\.0\\.0\\.1:${proxy.port} could not reach the panel`),
    );
    expect(t.proxy).toBe(proxy.url);
  });

  it("prefers the profile's proxy to the system's, and the system's to the environment's", async () => {
    const profile = await socks();
    const system = await socks();
    const environment = await socks();
    let asked = 0;
    const systemProxy = async () => {
      asked++;
      return `SOCKS5 127.0.0.1:${system.port}`;
    };
    const env = { HTTPS_PROXY: environment.url };

    await transport(target, { proxyUrl: profile.url, systemProxy, env }).post('/api/client/token', {});
    expect([profile.connects.length, system.connects.length, environment.connects.length]).toEqual([1, 0, 0]);
    expect(asked).toBe(0);

    await transport(target, { systemProxy, env }).post('/api/client/token', {});
    expect([profile.connects.length, system.connects.length, environment.connects.length]).toEqual([1, 1, 0]);

    // DIRECT, no answer, or a failing resolver: no system proxy, so the environment's applies.
    for (const answer of [
      async () => 'DIRECT',
      async () => null,
      () => Promise.reject(new Error('no session')),
    ]) {
      const r = await transport(target, { systemProxy: answer, env }).post('/api/client/token', {});
      expect(expectErr(r).message).toMatch(
        new RegExp(
          `^The proxy socks5://127\\.0\\.0\\.1:${environment.port} from HTTPS_PROXY could not reach`,
        ),
      );
    }
    expect(environment.connects).toHaveLength(3);
  });

  it('never sends a loopback panel through the system or environment proxy', async () => {
    const sim = await panel();
    const proxy = await socks();
    const t = transport(`http://127.0.0.1:${sim.port}`, {
      systemProxy: async () => `SOCKS5 127.0.0.1:${proxy.port}`,
      env: { HTTP_PROXY: proxy.url },
    });
    expectOk(await t.post('/api/client/token', {}));
    expect(proxy.connects).toHaveLength(0);
    expect(t.proxy).toBeNull();
  });

  it('names an http system proxy that refuses, with what to do about it', async () => {
    const port = await closedPort();
    const t = transport(target, { systemProxy: async () => `PROXY 127.0.0.1:${port}; DIRECT` });
    const r = await t.post('/api/client/token', {});
    expect(expectErr(r).message).toBe(
      `The system proxy http://127.0.0.1:${port} refused the connection. Check that your proxy app is running, or set a proxy for this profile in Settings.`,
    );
  });
});
