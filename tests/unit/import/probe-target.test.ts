// What the background probe may fetch: https links (plain http only to this computer), and only
// hosts whose every address is public, unless the panel itself is on that kind of address. Address
// classes cover IPv4 and IPv6 ranges and IPv4 carried inside IPv6 (mapped, compatible, NAT64, 6to4).
// The last tests run the real probe against a loopback HTTP server and count what reached it.
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { checkProbeTarget, classifyAddress, type Resolver } from '../../../src/main/import/probe-target';
import { probeSubscription } from '../../../src/main/import/probe';
import { expectErr, expectOk } from '../../support/expect';

/** A DNS of the test's own: name -> addresses; an unknown name fails as ENOTFOUND would. */
const dns =
  (table: Record<string, string[]>): Resolver =>
  async (host) => {
    const found = table[host];
    if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return found;
  };

describe('classifyAddress', () => {
  it.each([
    ['8.8.8.8', 'public'],
    ['198.18.0.7', 'public'], // fake-IP DNS of mihomo / sing-box: must stay usable
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['172.32.0.1', 'public'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'reserved'],
    ['255.255.255.255', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['fc00::1', 'private'],
    ['fd12:3456::1', 'private'],
    ['fec0::1', 'private'],
    ['ff02::1', 'reserved'],
    ['2606:4700::1111', 'public'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:192.168.0.1', 'private'],
    ['::ffff:8.8.8.8', 'public'],
    ['::127.0.0.1', 'loopback'],
    ['64:ff9b::a9fe:a9fe', 'link-local'],
    ['2002:c0a8:101::1', 'private'],
    ['[::1]', 'loopback'],
    ['not-an-ip', 'reserved'],
  ])('%s is %s', (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });
});

describe('checkProbeTarget', () => {
  const publicPanel = { panelUrl: 'https://panel.example', proxied: false };
  const resolve = dns({
    'panel.example': ['203.0.113.10'],
    'sub.example': ['203.0.113.20', '2001:4860::8888'],
    'mixed.example': ['203.0.113.30', '10.0.0.5'],
    'mapped.example': ['::ffff:192.168.1.1'],
    'router.example': ['192.168.1.1'],
    'lan-panel.example': ['192.168.1.10'],
    localhost: ['203.0.113.99'],
  });
  const check = (url: string, options: Partial<Parameters<typeof checkProbeTarget>[1]> = {}) =>
    checkProbeTarget(new URL(url), { ...publicPanel, resolve, ...options });

  it('fetches https links whose every address is public', async () => {
    expectOk(await check('https://sub.example/link/abc?client=meta'));
    expectOk(await check('https://203.0.113.7/link/abc'));
  });

  it('refuses plain http off loopback', async () => {
    expect(expectErr(await check('http://sub.example/link/abc'), 'validation').message).toMatch(/plain http/);
  });

  it('checks every address a name resolves to, IPv4 inside IPv6 included', async () => {
    expect(expectErr(await check('https://mixed.example/s/abc')).message).toContain('10.0.0.5');
    expect(expectErr(await check('https://mapped.example/s/abc')).message).toContain('private');
    expectErr(await check('https://router.example/s/abc'));
    expectErr(await check('https://[fe80::1]/s/abc'));
    expectErr(await check('https://169.254.169.254/latest/meta-data/'));
    expectErr(await check('https://[::ffff:127.0.0.1]/s/abc'));
  });

  it('treats localhost as this computer whatever DNS says', async () => {
    expect(expectErr(await check('https://localhost/s/abc')).message).toContain('loopback');
    expect(expectErr(await check('http://localhost:8080/s/abc')).message).toContain('loopback');
  });

  it('allows the kind of address the panel itself is on, and no other', async () => {
    const lan = { panelUrl: 'https://lan-panel.example' };
    expectOk(await check('https://router.example/link/abc', lan));
    expectErr(await check('https://127.0.0.1/link/abc', lan));
    const local = { panelUrl: 'http://127.0.0.1:8080' };
    expectOk(await check('http://127.0.0.1:9090/link/abc', local));
    expectErr(await check('https://router.example/link/abc', local));
  });

  it('refuses a name that does not resolve, unless a proxy will resolve it', async () => {
    expectErr(await check('https://unknown.example/link/abc'));
    expectOk(await check('https://unknown.example/link/abc', { proxied: true }));
  });
});

describe('the probe against a real server on loopback', () => {
  const servers: (Server | TcpServer)[] = [];
  afterEach(async () => {
    for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
  });

  it('connects to the address it checked, not to what the name resolves to later', async () => {
    // A .invalid name never resolves in real DNS (RFC 6761): only the checked address can be used.
    let connections = 0;
    const tcp = createTcpServer((socket) => {
      connections += 1;
      socket.destroy();
    });
    servers.push(tcp);
    await new Promise<void>((r) => tcp.listen(0, '127.0.0.1', r));
    const port = (tcp.address() as AddressInfo).port;
    const result = await probeSubscription(`https://rebind.invalid:${port}/link/abc`, 'base64', {
      panelUrl: 'http://127.0.0.1:8080',
      resolve: dns({ 'rebind.invalid': ['127.0.0.1'] }),
      env: {},
      now: () => 0,
    });
    // The TLS handshake fails (the server is not TLS), after the connection reached the checked address.
    expect(result.outcome.status).toBe('failed');
    expect(connections).toBe(1);
  });

  async function sublinkServer() {
    let requests = 0;
    const server = createServer((_req, res) => {
      requests += 1;
      res.end(Buffer.from('vless://a@203.0.113.1:443#x\n').toString('base64'));
    });
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests: () => requests };
  }

  it('a panel on the Internet cannot make the app fetch this computer', async () => {
    const local = await sublinkServer();
    const result = await probeSubscription(`${local.url}/link/abc`, 'base64', {
      panelUrl: 'https://panel.example',
      resolve: dns({ 'panel.example': ['203.0.113.10'] }),
      env: {},
      now: () => 0,
    });
    expect(result.outcome.status).toBe('failed');
    expect(result.outcome.status === 'failed' && result.outcome.error.detail).toBe('probeRefused');
    expect(local.requests()).toBe(0);
  });

  it('a panel on this computer (the simulator) has its links probed', async () => {
    const local = await sublinkServer();
    const result = await probeSubscription(`${local.url}/link/abc`, 'base64', {
      panelUrl: local.url,
      env: {},
      now: () => 0,
    });
    expect(result.outcome).toEqual({ status: 'served', servers: 1 });
    expect(local.requests()).toBe(1);
  });
});
