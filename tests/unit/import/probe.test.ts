// The body checks of the subscription probe (what each client reads), the headers clients read
// (subscription-userinfo, profile-title; Clash Verge Rev docs, docs/guide/url_schemes.md), the
// comparison with account/info, and the probe cache's time and sharing.
import { describe, expect, it } from 'vitest';
import {
  checkMihomo,
  checkShareLinks,
  checkSingbox,
  compareUserinfo,
  createProbeCache,
  parseTitle,
  parseUserinfo,
  FAILED_PROBE_TTL_MS,
  PROBE_TTL_MS,
  type ProbeResult,
} from '../../../src/main/import/probe';

const GIB = 1024 ** 3;
const links = 'vless://u@h:443?type=tcp#A\ntrojan://p@h:443#B\nss://YWVzLTI1Ni1nY206cA@h:8388#C';

describe('share links (v2rayNG, Shadowrocket, Happ, Streisand)', () => {
  it('reads base64 of share links and counts them', () => {
    expect(checkShareLinks(Buffer.from(links).toString('base64'))).toEqual({ status: 'served', servers: 3 });
  });
  it('reads URL-safe base64 wrapped over lines', () => {
    const b64 = Buffer.from(links).toString('base64url');
    expect(checkShareLinks(b64.replace(/(.{20})/g, '$1\n'))).toEqual({ status: 'served', servers: 3 });
  });
  it('reads plain share links too', () => {
    expect(checkShareLinks(links)).toEqual({ status: 'served', servers: 3 });
  });
  it.each([
    ['YAML', 'proxies:\n  - {name: a, type: ss}\n'],
    ['JSON', '{"outbounds":[]}'],
    ['HTML', '<html><body>Not Found</body></html>'],
    ['empty', '  \n'],
  ])('refuses %s', (_what, body) => {
    expect(checkShareLinks(body).status).toBe('not-served');
  });
});

describe('mihomo YAML (Clash Verge Rev, Clash Party, FlClash)', () => {
  it('needs a mapping with proxies that have a type', () => {
    expect(checkMihomo('proxies:\n  - {name: a, type: ss, server: h, port: 1}\n')).toEqual({
      status: 'served',
      servers: 1,
    });
    expect(checkMihomo('proxy-providers:\n  sub: {type: http, url: "https://x"}\n')).toMatchObject({
      status: 'served',
    });
  });
  it.each([
    ['base64 share links', Buffer.from(links).toString('base64')],
    ['no proxies', 'mode: rule\nproxies: []\n'],
    ['broken YAML', 'proxies: [a, b\n'],
    ['a list', '- a\n- b\n'],
  ])('refuses %s', (_what, body) => {
    expect(checkMihomo(body).status).toBe('not-served');
  });
});

describe('sing-box JSON (sing-box, Hiddify, Karing)', () => {
  it('needs outbounds with at least one proxy', () => {
    const body = JSON.stringify({
      outbounds: [
        { type: 'selector', tag: 'p', outbounds: ['a'] },
        { type: 'vless', tag: 'a' },
        { type: 'direct' },
      ],
    });
    expect(checkSingbox(body)).toEqual({ status: 'served', servers: 1 });
  });
  it.each([
    ['only direct and block', JSON.stringify({ outbounds: [{ type: 'direct' }, { type: 'block' }] })],
    ['no outbounds', '{"inbounds":[]}'],
    ['not JSON', 'proxies: []'],
    ['null', 'null'],
  ])('refuses %s', (_what, body) => {
    expect(checkSingbox(body).status).toBe('not-served');
  });
});

describe('headers', () => {
  it('subscription-userinfo: bytes and unix seconds, in any order and spacing', () => {
    expect(parseUserinfo('upload=10; download=20;total=300 ; expire=1767225600')).toEqual({
      upload: 10,
      download: 20,
      total: 300,
      expireAt: 1767225600_000,
    });
    expect(parseUserinfo('upload=0; download=5; total=0; expire=0')).toMatchObject({
      total: 0,
      expireAt: null,
    });
    expect(parseUserinfo(undefined)).toBeNull();
    expect(parseUserinfo('garbage')).toBeNull();
  });
  it('profile-title: plain or base64:', () => {
    expect(parseTitle('My VPN')).toBe('My VPN');
    expect(parseTitle(`base64:${Buffer.from('🇮🇷 پرو').toString('base64')}`)).toBe('🇮🇷 پرو');
    expect(parseTitle('')).toBeNull();
  });
});

describe('subscription-userinfo against account/info', () => {
  const service = { usedBytes: 135 * GIB, totalBytes: 150 * GIB, expiresAt: Date.UTC(2027, 0, 1) };
  it('agrees within the rounding of the panel’s printed sizes and minutes', () => {
    expect(
      compareUserinfo(
        {
          upload: 0,
          download: 135 * GIB + 0.004 * GIB,
          total: 150 * GIB,
          expireAt: service.expiresAt + 3_600_000,
        },
        service,
      ),
    ).toEqual([]);
  });
  it('names each field that disagrees', () => {
    expect(
      compareUserinfo(
        { upload: GIB, download: 100 * GIB, total: 200 * GIB, expireAt: service.expiresAt + 3 * 86_400_000 },
        service,
      ),
    ).toEqual([
      { field: 'used', panel: 135 * GIB, subscription: 101 * GIB },
      { field: 'total', panel: 150 * GIB, subscription: 200 * GIB },
      { field: 'expire', panel: service.expiresAt, subscription: service.expiresAt + 3 * 86_400_000 },
    ]);
  });
  it('no total or no expiry in the header is not a disagreement', () => {
    expect(compareUserinfo({ upload: 0, download: 135 * GIB, total: 0, expireAt: null }, service)).toEqual(
      [],
    );
  });
});

describe('probe cache', () => {
  const result = (status: 'served' | 'failed', checkedAt: number): ProbeResult => ({
    url: 'u',
    format: 'base64',
    outcome:
      status === 'served'
        ? { status: 'served', servers: 1 }
        : { status: 'failed', error: { kind: 'network', message: 'x' } },
    userinfo: null,
    title: null,
    updateHours: null,
    checkedAt,
  });

  it('keeps a result for its TTL (shorter for failures) and shares a probe in flight', async () => {
    let now = 1_000;
    let runs = 0;
    const cache = createProbeCache(() => now);
    const run = (status: 'served' | 'failed') => async () => {
      runs += 1;
      return result(status, now);
    };
    const [a, b] = await Promise.all([cache.get('k', run('served')), cache.get('k', run('served'))]);
    expect(a).toBe(b);
    expect(runs).toBe(1);
    now += PROBE_TTL_MS - 1;
    await cache.get('k', run('served'));
    expect(runs).toBe(1);
    now += 1;
    await cache.get('k', run('failed'));
    expect(runs).toBe(2);
    now += FAILED_PROBE_TTL_MS - 1;
    await cache.get('k', run('served'));
    expect(runs).toBe(2);
    await cache.get('k', run('served'), true);
    expect(runs).toBe(3);
    expect(cache.peek('k')?.outcome.status).toBe('served');
  });
});
