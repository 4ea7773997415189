// The subscription readers against the simulator's panel families over real HTTP: each mode's
// headers and body, read into usage, metadata and servers; refusals as the panels word them; and the
// transport cases the simulator offers (redirect chains, Retry-After, trickling and huge bodies).

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildExport } from '../../../src/main/export';
import {
  readBody,
  readSubscription,
  toPanelServer,
  type SubscriptionReading,
} from '../../../src/main/sources/subscription';
import {
  DEMO_SUB_TOKEN,
  startSubscriptionSim,
  type SubscriptionSim,
} from '../../../tools/panel-sim/subscription';

const GB = 1024 ** 3;
const APP_UA = 'xmplus-tray/0.1.0';
let sim: SubscriptionSim;

beforeAll(async () => {
  sim = await startSubscriptionSim();
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  sim.clearFaults();
  sim.resetRequests();
  sim.patchUser(DEMO_SUB_TOKEN, { status: 'active', hwidLimit: false, startsOnFirstUseDays: null });
});

async function get(url: string, ua = APP_UA): Promise<{ status: number; headers: Headers; body: string }> {
  const res = await fetch(url, { headers: { 'user-agent': ua } });
  return { status: res.status, headers: res.headers, body: await res.text() };
}

async function read(url: string, ua = APP_UA): Promise<SubscriptionReading> {
  const res = await get(url, ua);
  expect(res.status).toBe(200);
  return readSubscription({ headers: res.headers, body: res.body, url });
}

function expectDemoUsage(r: SubscriptionReading): void {
  const demo = sim.user(DEMO_SUB_TOKEN)!;
  expect(r.usage).toMatchObject({ kind: 'reading', usedBytes: 40 * GB, totalBytes: 100 * GB });
  expect(r.usage.kind === 'reading' && r.usage.expiresAt).toBe(Math.floor(demo.expiresAt! / 1000) * 1000);
}

describe.each([
  ['marzban', APP_UA, 'base64-links'],
  ['marzban', 'clash-verge/v2.2.3', 'clash'],
  ['marzban', 'SFA/1.11.0', 'singbox'],
  ['marzneshin', 'mihomo/1.19', 'clash'],
  ['pasarguard', 'v2rayN/7.15.4', 'base64-links'],
  ['pasarguard', 'HiddifyNext/2.5.7', 'singbox'],
] as const)('%s answering %s', (family, ua, format) => {
  it(`reads usage, title and all 10 servers from ${format}`, async () => {
    const r = await read(sim.link(family), ua);
    expect(r.format).toBe(format);
    expectDemoUsage(r);
    expect(r.usageSource).toBe('header');
    expect(r.metadata).toMatchObject({
      title: 'Sim Provider · Pro',
      titleSource: 'profile-title',
      updateIntervalHours: 12,
      supportUrl: 'https://support.sim-provider.example/help',
      webPageUrl: null, // the simulator is http: an http page is not a button
    });
    expect(r.servers).toHaveLength(10);
    expect(r.notes).toEqual([]);
  });
});

describe('marzneshin', () => {
  it('leaves out total and expire when unlimited and never-ending: unlimited, no expiry', async () => {
    const before = sim.user(DEMO_SUB_TOKEN)!;
    const saved = { totalBytes: before.totalBytes, expiresAt: before.expiresAt };
    sim.patchUser(DEMO_SUB_TOKEN, { totalBytes: null, expiresAt: null });
    try {
      const res = await get(sim.link('marzneshin'));
      expect(res.headers.get('subscription-userinfo')).toBe(`upload=0; download=${40 * GB}`);
      const r = readSubscription({ headers: res.headers, body: res.body, url: sim.link('marzneshin') });
      expect(r.usage).toMatchObject({
        kind: 'reading',
        usedBytes: 40 * GB,
        totalBytes: null,
        expiresAt: null,
      });
    } finally {
      sim.patchUser(DEMO_SUB_TOKEN, saved);
    }
  });
});

describe('pasarguard', () => {
  it('refuses an unknown User-Agent with 406 "Client not supported"', async () => {
    const res = await get(sim.link('pasarguard'));
    expect(res.status).toBe(406);
    expect(JSON.parse(res.body)).toEqual({ detail: 'Client not supported' });
  });

  it('sends an announcement as base64: with an https announce-url', async () => {
    const r = await read(sim.link('pasarguard'), 'Happ/3.1.0');
    expect(r.metadata.announce).toBe('Scheduled maintenance on Sunday 02:00–03:00 UTC');
    expect(r.metadata.announceUrl).toBe('https://status.sim-provider.example/');
  });
});

describe('3x-ui', () => {
  it('a negative expire reads as "starts on first use", not expired', async () => {
    sim.patchUser(DEMO_SUB_TOKEN, { startsOnFirstUseDays: 30 });
    const r = await read(sim.link('3x-ui'));
    expect(r.usage).toMatchObject({
      kind: 'reading',
      expiresAt: null,
      startsOnFirstUse: { durationMs: 30 * 86_400_000 },
    });
    expect(r.servers).toHaveLength(10);
    expect(r.plan.remainingBytes).toBe(60 * GB);
  });

  it('a used-up account answers 400 "Error!"', async () => {
    sim.patchUser(DEMO_SUB_TOKEN, { status: 'limited' });
    const res = await get(sim.link('3x-ui'));
    expect([res.status, res.body]).toEqual([400, 'Error!']);
  });
});

describe('remnawave', () => {
  it('HWID limit: empty body, usage header kept, and the reason there are no servers', async () => {
    sim.patchUser(DEMO_SUB_TOKEN, { hwidLimit: true });
    const r = await read(sim.link('remnawave'));
    expectDemoUsage(r);
    expect(r.servers).toEqual([]);
    expect(r.serversHidden).not.toBeNull();
    expect(r.metadata.title).toBe('Sim Provider · Pro');
  });

  it('subscription-refill-date is the next reset', async () => {
    const r = await read(sim.link('remnawave'));
    const now = new Date();
    expect(r.metadata.nextResetAt).toBe(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  });

  it('an expired user gets a placeholder server, never counted', async () => {
    sim.patchUser(DEMO_SUB_TOKEN, { status: 'expired' });
    const r = await read(sim.link('remnawave'));
    expect(r.servers).toEqual([]);
    expect(r.notes).toEqual([
      { remark: '⚠️ Subscription expired', reason: 'placeholder address, not a reachable server' },
    ]);
  });
});

describe('xboard', () => {
  it('Chinese pseudo-servers on a real address are plan info, not servers', async () => {
    const r = await read(sim.link('xboard'));
    expect(r.servers).toHaveLength(10);
    expect(r.notes.map((n) => n.remark)).toEqual([
      '剩余流量：60 GB',
      '距离下次重置剩余：12 天',
      expect.stringMatching(/^套餐到期：\d{4}-\d{2}-\d{2}$/),
    ]);
    expect(r.plan).toMatchObject({ remainingBytes: 60 * GB, resetInDays: 12 });
    expectDemoUsage(r);
  });

  it('a plan that never expires prints an empty expire=: no expiry', async () => {
    const before = sim.user(DEMO_SUB_TOKEN)!.expiresAt;
    sim.patchUser(DEMO_SUB_TOKEN, { expiresAt: null });
    try {
      const r = await read(sim.link('xboard'));
      expect(r.usage).toMatchObject({ kind: 'reading', expiresAt: null });
      expect(r.plan.expiresAt).toBeNull();
    } finally {
      sim.patchUser(DEMO_SUB_TOKEN, { expiresAt: before });
    }
  });

  it('flag=clash: Clash YAML with the pseudo-servers as proxies, still not counted', async () => {
    const r = await read(`${sim.link('xboard')}&flag=clash`);
    expect(r.format).toBe('clash');
    expect(r.servers).toHaveLength(10);
    expect(r.notes).toHaveLength(3);
  });

  it('an unavailable account answers 403 {"message":"Account unavailable"}', async () => {
    sim.patchUser(DEMO_SUB_TOKEN, { status: 'disabled' });
    const res = await get(sim.link('xboard'));
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body)).toEqual({ message: 'Account unavailable' });
  });
});

describe('sspanel', () => {
  it('a usage header with a leading space, and a Clash body', async () => {
    const res = await get(sim.link('sspanel'));
    // fetch trims header values; the raw value is checked in the unit tests.
    const r = readSubscription({
      headers: { 'subscription-userinfo': ` ${res.headers.get('subscription-userinfo') ?? ''}` },
      body: res.body,
      url: sim.link('sspanel'),
    });
    expect(r.format).toBe('clash');
    expect(r.usage).toMatchObject({ kind: 'reading', usedBytes: 40 * GB });
    expect(r.metadata.titleSource).toBe('host');
  });

  it('sip008: shadowsocks servers from a JSON array', async () => {
    const r = await read(sim.link('sspanel').replace(/\/clash$/, '/sip008'));
    expect(r.format).toBe('sip008');
    expect(r.servers.map((s) => s.protocol)).toEqual(['shadowsocks']);
  });
});

describe('hiddify', () => {
  it('usage from # meta lines at the top of the body, with no usage header', async () => {
    const res = await get(sim.link('hiddify'));
    expect(res.headers.get('subscription-userinfo')).toBeNull();
    const r = readSubscription({ headers: res.headers, body: res.body, url: sim.link('hiddify') });
    expect(r.usageSource).toBe('body');
    expectDemoUsage(r);
    expect(r.metadata.title).toBe('Sim Provider · Pro');
    expect(r.servers).toHaveLength(10);
  });
});

describe('xmplus', () => {
  it('client=latest: base64 with "Total: … Used: …" and "Expire: …" pseudo-servers', async () => {
    const r = await read(sim.link('xmplus'));
    expect(r.servers).toHaveLength(10);
    expect(r.notes.map((n) => n.remark)).toEqual([
      'Total: 100 GB Used: 40 GB',
      expect.stringMatching(/^Expire: \d{4}-\d{2}-\d{2}$/),
    ]);
    expectDemoUsage(r);
    expect(r.metadata.title).toBe('Sim Provider · Pro');
  });

  it('client=meta: Clash YAML; client=singbox: sing-box JSON', async () => {
    const base = sim.link('xmplus').replace('client=latest', '');
    expect((await read(`${base}client=meta`)).format).toBe('clash');
    expect((await read(`${base}client=singbox`)).servers).toHaveLength(10);
  });

  it('a pseudo-server with usage but no usage header still gives the usage', async () => {
    const res = await get(sim.link('xmplus'));
    const r = readSubscription({ headers: {}, body: res.body, url: sim.link('xmplus') });
    expect(r.usageSource).toBe('pseudo-servers');
    expect(r.usage).toMatchObject({ kind: 'reading', usedBytes: 40 * GB, totalBytes: 100 * GB });
  });
});

describe('simulator faults', () => {
  it('records every request: User-Agent and any device-id header', async () => {
    await get(sim.link('marzban'));
    await fetch(sim.link('remnawave'), { headers: { 'x-hwid': 'abc', 'x-device-os': 'Linux' } });
    const [plain, withDevice] = sim.requests();
    expect(plain).toMatchObject({ userAgent: APP_UA, deviceHeaders: [] });
    expect(withDevice?.deviceHeaders.sort()).toEqual(['x-device-os', 'x-hwid']);
  });

  it('a chain of redirects, each hop recorded, ending at the subscription', async () => {
    sim.setFaults({ redirects: { count: 3, status: 301 } });
    const r = await read(sim.link('marzban'));
    expect(r.servers).toHaveLength(10);
    expect(sim.requests().map((q) => q.url.split('/').slice(0, 3).join('/'))).toEqual([
      '/marzban/sub',
      '/__hop/2',
      '/__hop/1',
      '/__hop/0',
    ]);
  });

  it('the last redirect may point anywhere (an http downgrade, another host)', async () => {
    sim.setFaults({ redirects: { count: 1, finalLocation: 'http://elsewhere.invalid/sub' } });
    const res = await fetch(sim.link('marzban'), { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('http://elsewhere.invalid/sub');
  });

  it('Retry-After on the first answers, then the subscription', async () => {
    sim.setFaults({ retryAfter: { status: 429, seconds: 120, times: 1 } });
    const first = await get(sim.link('marzban'));
    expect([first.status, first.headers.get('retry-after')]).toEqual([429, '120']);
    expect((await get(sim.link('marzban'))).status).toBe(200);
  });

  it('a trickled body arrives whole', async () => {
    sim.setFaults({ trickle: { chunkBytes: 512, intervalMs: 2 } });
    expect((await read(sim.link('marzban'))).servers).toHaveLength(10);
  });

  it('a huge body: about the size asked for, every line a server', async () => {
    sim.setFaults({ hugeBodyBytes: 2_000_000 });
    const res = await get(sim.link('marzban'));
    expect(res.body.length).toBeGreaterThanOrEqual(2_000_000);
    const r = readSubscription({ headers: res.headers, body: res.body, url: sim.link('marzban') });
    expect(r.servers.length).toBeGreaterThan(1000);
  });

  it('an unknown token: 404', async () => {
    expect((await get(sim.link('marzban', 'nope'))).status).toBe(404);
  });
});

describe('servers in the export model', () => {
  it.each(['marzban', 'xboard', 'xmplus'] as const)(
    '%s: exported as links, Clash, sing-box and QR codes, and the links and Clash read back the same',
    async (family) => {
      const r = await read(sim.link(family));
      const servers = r.servers.map(toPanelServer);
      const links = await buildExport(servers, 'links');
      const clash = await buildExport(servers, 'clash');
      const singbox = await buildExport(servers, 'singbox');
      const qr = await buildExport(servers, 'qr');
      if (links.format === 'qr' || clash.format === 'qr' || singbox.format === 'qr' || qr.format !== 'qr')
        throw new Error('unexpected export shapes');
      expect(links.dropped).toEqual([]);
      expect(readBody(links.text).servers).toEqual(r.servers);
      expect(readBody(clash.text).servers).toHaveLength(clash.count);
      expect(readBody(singbox.text).servers).toHaveLength(singbox.count);
      expect(qr.count).toBe(r.servers.length);
    },
  );
});
