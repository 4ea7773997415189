// Token handling against the simulator: one token request for 100 concurrent calls at expiry, the
// refused-token retry in both refusal modes, a refused API key, and the snapshot's request pattern.
import { afterEach, describe, expect, it } from 'vitest';
import type { RefusedTokenMode } from '../../../tools/panel-sim/index';
import { isTokenRefused } from '../../../src/main/sources/xmplus/errors';
import { ok } from '../../../src/shared/errors';
import type { Rig } from './helpers';
import { startRig } from './helpers';
import { expectErr, expectOk } from '../../support/expect';

let rig: Rig | null = null;
afterEach(async () => {
  await rig?.close();
  rig = null;
});

const HOUR = 3_600_000;

describe('tokens against the simulator', () => {
  it('100 concurrent calls with an expired token make exactly one token request', async () => {
    rig = await startRig({ latencyMs: 20 });
    const r = rig;
    expectOk(await r.session.packages());
    r.clock.now += 24 * HOUR; // past the 23.5 h lifetime, on both clocks
    r.sim.admin.resetStats();
    const results = await Promise.all(Array.from({ length: 100 }, () => r.session.gateways()));
    expect(results.every((x) => x.ok)).toBe(true);
    expect(r.sim.admin.stats().tokenRequests).toBe(1);
    expect(r.sim.admin.stats().requests['/api/client/gateways']).toBe(100);
  });

  it.each<RefusedTokenMode>(['http401', 'code200'])(
    'a refused token (%s) is refreshed once and the call retried once',
    async (mode) => {
      rig = await startRig({ refusedTokenMode: mode });
      const r = rig;
      expectOk(await r.session.accountInfo());
      r.sim.admin.expireTokens();
      r.sim.admin.resetStats();
      const again = await r.session.accountInfo();
      expectOk(again);
      expect(r.sim.admin.stats()).toEqual({
        tokenRequests: 1,
        requests: { '/api/client/account/info': 2, '/api/client/token': 1 },
        serviceInfo: {},
      });
      expect(r.session.tokenRequests).toBe(2);
    },
  );

  it.each<RefusedTokenMode>(['http401', 'code200'])(
    'concurrent calls refused together (%s) share one new token',
    async (mode) => {
      rig = await startRig({ refusedTokenMode: mode, latencyMs: 10 });
      const r = rig;
      expectOk(await r.session.snapshot('p'));
      r.sim.admin.expireTokens();
      r.sim.admin.resetStats();
      const snaps = await Promise.all([
        r.session.snapshot('p'),
        r.session.snapshot('p'),
        r.session.packages(),
      ]);
      expect(snaps.every((s) => s.ok)).toBe(true);
      expect(r.sim.admin.stats().tokenRequests).toBe(1);
    },
  );

  it('a wrong API key is an auth error that is not retried and names no key', async () => {
    rig = await startRig({}, { getApiKey: async () => ok('definitely-not-the-key') });
    const r = rig;
    const result = await r.session.packages();
    const error = expectErr(result, 'auth');
    expect(isTokenRefused(error)).toBe(false);
    expect(error.message).toMatch(/API key/);
    expect(JSON.stringify(result)).not.toContain('definitely-not-the-key');
    expect(r.sim.admin.stats().tokenRequests).toBe(1);
    const verify = await r.session.verifyKey();
    expectErr(verify, 'auth');
  });

  it('cold snapshot: token, then account/info, then every service/info; warm: account/info alone', async () => {
    rig = await startRig();
    const r = rig;
    const cold = expectOk(await r.session.snapshot('profile-1'));
    expect(cold.profileId).toBe('profile-1');
    expect(cold.fetchedAt).toBe(r.clock.now);
    const ids = cold.services.map((s) => String(s.id));
    expect(Object.keys(cold.servers).sort()).toEqual(ids.sort());
    expect(r.sim.admin.stats().requests).toEqual({
      '/api/client/token': 1,
      '/api/client/account/info': 1,
      '/api/client/service/info': ids.length,
    });
    r.sim.admin.resetStats();
    const warm = await r.session.snapshot('profile-1');
    expectOk(warm);
    // The server lists are fresh: a steady refresh is one request.
    expect(r.sim.admin.stats().requests).toEqual({ '/api/client/account/info': 1 });
    expect(expectOk(warm).servers).toEqual(cold.servers);
  });

  it('a usage change on the panel shows in the next snapshot', async () => {
    rig = await startRig();
    const r = rig;
    const first = expectOk(await r.session.snapshot('p'));
    const sid = first.services[0]?.id ?? 4;
    r.sim.admin.setUsage(sid, { usedBytes: 5 * 1024 ** 3, todayBytes: 1024 ** 3 });
    const second = expectOk(await r.session.snapshot('p'));
    expect(second.services.find((s) => s.id === sid)).toMatchObject({
      usedBytes: 5 * 1024 ** 3,
      todayBytes: 1024 ** 3,
    });
  });
});
