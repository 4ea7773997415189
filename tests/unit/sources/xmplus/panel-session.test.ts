// The panel session's snapshot on a fake client and a fake clock: a steady refresh is account/info
// alone; server lists are asked when never fetched, on a change of plan, when older than the servers
// interval, on "Refresh now", and on demand; one failing service/info is that service's part's error,
// with its last known servers kept and its own backoff.
import { describe, expect, it } from 'vitest';
import type { Service } from '../../../../src/shared/domain';
import { serverListPart } from '../../../../src/shared/domain';
import type { Result } from '../../../../src/shared/errors';
import { appError, fail, ok } from '../../../../src/shared/errors';
import { createPanelSession } from '../../../../src/main/sources/xmplus/panel-session';
import { withServers } from '../../../../src/main/sources/server-parts';
import type { PanelClient, ServiceDetail } from '../../../../src/main/sources/xmplus/client';
import { expectErr, expectOk } from '../../../support/expect';
import { makeService } from '../../../support/service';

function service(id: number): Service {
  return makeService({ id });
}

interface FakeState {
  ids: number[];
  /** Service id -> the error its service/info answers with. */
  failing?: Map<number, ReturnType<typeof appError>>;
  /** Service id -> package id account/info reports. */
  packages?: Map<number, number>;
  /** Remark of every server, so a test can see which fetch a list came from. */
  remark?: string;
}

const MIN = 60_000;
const HOUR = 60 * MIN;

function fakeClient(state: FakeState, clock: { now: number }) {
  const log: string[] = [];
  const notUsed = async (): Promise<Result<never>> => fail(appError('internal', 'not used in this test'));
  const withPackage = (sid: number): Service => ({
    ...service(sid),
    packageId: state.packages?.get(sid) ?? 1,
  });
  const client: PanelClient = {
    base: 'http://127.0.0.1:1',
    host: '127.0.0.1:1',
    timeZone: 'UTC',
    fetchToken: async () => {
      log.push('token');
      return ok({ token: 't', expiresAt: clock.now + 48 * HOUR, issuedAt: clock.now });
    },
    accountInfo: async () => {
      log.push('account');
      // A few turns of the event loop, so requests started alongside show up before it answers.
      for (let i = 0; i < 5; i++) await Promise.resolve();
      log.push('account:done');
      return ok({
        account: { id: 1, username: 'u', email: 'e', balance: { amount: 0, currency: '', text: '' } },
        services: state.ids.map(withPackage),
      });
    },
    serviceInfo: async (_t, _c, sid): Promise<Result<ServiceDetail>> => {
      log.push(`service:${sid}`);
      if (!state.ids.includes(sid)) return fail(appError('panel', 'Service not found.', { code: 208 }));
      const refusal = state.failing?.get(sid);
      if (refusal) return fail(refusal);
      const server = {
        type: 'vless',
        remark: state.remark ?? 'node',
        address: 'a.example',
        port: 443,
        network: 'tcp',
        security: 'tls',
        uri: `vless://u@a.example:443#${sid}`,
        fields: {},
      };
      return ok({ service: withPackage(sid), servers: [server] });
    },
    passwordReset: notUsed,
    registerSendCode: notUsed,
    register: notUsed,
    packages: notUsed,
    trafficPackages: notUsed,
    packageInfo: notUsed,
    invoiceCreate: notUsed,
    serviceRenew: notUsed,
    serviceAddTraffic: notUsed,
    gateways: notUsed,
    invoices: notUsed,
    invoiceView: notUsed,
    invoicePay: notUsed,
    close: async () => undefined,
  };
  return { client, log };
}

function sessionOn(client: PanelClient, clock: { now: number }) {
  return expectOk(
    createPanelSession({
      panelUrl: 'http://127.0.0.1:1',
      client,
      getApiKey: async () => ok('k'),
      getCredentials: async () => ok({ email: 'e', password: 'p' }),
      now: () => clock.now,
    }),
  );
}

function setup(state: FakeState) {
  const clock = { now: Date.UTC(2026, 0, 10, 9, 0) };
  const { client, log } = fakeClient(state, clock);
  const session = sessionOn(client, clock);
  // Requests in the order they were sent, except that lists due by time go out before account/info.
  const take = () =>
    log
      .splice(0, log.length)
      .filter((l) => l !== 'account:done')
      .sort((a, b) => Number(a.startsWith('service')) - Number(b.startsWith('service')));
  return { clock, log, session, take };
}

async function snap(session: ReturnType<typeof sessionOn>, plan?: Parameters<typeof session.snapshot>[1]) {
  return expectOk(await session.snapshot('p1', plan));
}

const refused = appError('panel', 'Your service has expired. Renew it to use the servers.', { code: 208 });

describe('snapshot', () => {
  it('cold: token, account, then every service; steady: account/info alone', async () => {
    const { session, take, clock } = setup({ ids: [4, 7] });
    const first = await snap(session);
    expect(take()).toEqual(['token', 'account', 'service:4', 'service:7']);
    expect(Object.keys(first.servers)).toEqual(['4', '7']);
    expect(first.serverParts).toEqual({
      '4': { fetchedAt: clock.now, error: null },
      '7': { fetchedAt: clock.now, error: null },
    });
    clock.now += 15 * MIN;
    const second = await snap(session);
    expect(take()).toEqual(['account']);
    expect(second.servers).toEqual(first.servers);
    expect(second.fetchedAt).toBe(clock.now);
    expect(second.serverParts?.['4']?.fetchedAt).toBe(first.fetchedAt);
  });

  it('asks again for lists older than the servers interval, alongside account/info', async () => {
    const { session, take, clock, log } = setup({ ids: [4, 7] });
    await snap(session);
    take();
    clock.now += 5 * HOUR + 59 * MIN;
    await snap(session);
    expect(take()).toEqual(['account']);
    clock.now += MIN;
    await snap(session);
    // Started before account/info answered: one round trip.
    expect(log.indexOf('service:4')).toBeLessThan(log.indexOf('account'));
    expect(take()).toEqual(['account', 'service:4', 'service:7']);
    // A shorter interval from the settings applies at once.
    clock.now += 2 * HOUR;
    await snap(session, { serversMaxAgeMs: HOUR });
    expect(take()).toEqual(['account', 'service:4', 'service:7']);
  });

  it('a change of package asks for that service only; a new service is fetched, a gone one dropped', async () => {
    const state: FakeState = { ids: [4, 7], packages: new Map() };
    const { session, take, clock } = setup(state);
    await snap(session);
    take();
    clock.now += 15 * MIN;
    state.packages?.set(7, 3);
    await snap(session);
    expect(take()).toEqual(['account', 'service:7']);
    state.ids = [7, 9];
    clock.now += 15 * MIN;
    const next = await snap(session);
    expect(take()).toEqual(['account', 'service:9']);
    expect(Object.keys(next.servers).sort()).toEqual(['7', '9']);
    expect(Object.keys(next.serverParts ?? {}).sort()).toEqual(['7', '9']);
  });

  it('"Refresh now" (servers: all) asks for every list', async () => {
    const { session, take, clock } = setup({ ids: [4, 7] });
    await snap(session);
    take();
    clock.now += MIN;
    await snap(session, { servers: 'all' });
    expect(take()).toEqual(['account', 'service:4', 'service:7']);
  });

  it('uses the cached snapshot given as previous, dating lists of an old cache from its fetch time', async () => {
    const { session, take, clock } = setup({ ids: [4, 7] });
    const cold = await snap(session);
    take();
    const { serverParts: _parts, ...legacy } = cold;
    void _parts;
    clock.now += 2 * HOUR;
    const fromCache = await snap(session, { previous: legacy });
    expect(take()).toEqual(['account']);
    expect(serverListPart(fromCache, 4).fetchedAt).toBe(cold.fetchedAt);
    clock.now += 4 * HOUR;
    await snap(session, { previous: legacy });
    expect(take()).toEqual(['account', 'service:4', 'service:7']);
    await snap(session, { previous: null });
    expect(take()).toEqual(['account', 'service:4', 'service:7']);
  });

  it('one refused service keeps its data and last servers, marks the error; the others are unaffected', async () => {
    const state: FakeState = { ids: [4, 7], failing: new Map(), remark: 'first' };
    const { session, take, clock } = setup(state);
    const cold = await snap(session);
    take();
    state.failing?.set(7, refused);
    state.remark = 'second';
    clock.now += MIN;
    const broken = await snap(session, { servers: 'all' });
    expect(take()).toEqual(['account', 'service:4', 'service:7']);
    expect(broken.services.map((s) => s.id)).toEqual([4, 7]);
    expect(broken.servers['4']?.[0]?.remark).toBe('second');
    expect(broken.servers['7']).toEqual(cold.servers['7']);
    expect(broken.serverParts?.['4']).toEqual({ fetchedAt: clock.now, error: null });
    expect(broken.serverParts?.['7']).toEqual({
      fetchedAt: cold.fetchedAt,
      error: {
        kind: 'panel',
        message: 'Your service has expired. Renew it to use the servers.',
        code: 208,
        failedAt: clock.now,
        attempts: 1,
        retryAt: clock.now + MIN,
      },
    });
  });

  it('retries a failed list on the next cycle, then with a growing backoff, and clears the error on success', async () => {
    const state: FakeState = { ids: [4, 7], failing: new Map([[7, refused]]) };
    const { session, take, clock } = setup(state);
    const first = await snap(session);
    take();
    expect(first.servers['7']).toBeUndefined();
    expect(first.serverParts?.['7']?.error?.attempts).toBe(1);
    clock.now += 15 * MIN;
    const second = await snap(session);
    expect(take()).toEqual(['account', 'service:7']);
    expect(second.serverParts?.['7']?.error).toMatchObject({ attempts: 2, retryAt: clock.now + 4 * MIN });
    clock.now += 15 * MIN;
    await snap(session);
    expect(take()).toEqual(['account', 'service:7']);
    // Third failure: 16 min to wait, so the next 15-minute cycle leaves it alone.
    clock.now += 15 * MIN;
    await snap(session);
    expect(take()).toEqual(['account']);
    state.failing?.clear();
    clock.now += 15 * MIN;
    const healed = await snap(session);
    expect(take()).toEqual(['account', 'service:7']);
    expect(healed.serverParts?.['7']).toEqual({ fetchedAt: clock.now, error: null });
    expect(healed.servers['7']).toHaveLength(1);
  });

  it('fails only when account/info fails', async () => {
    const state: FakeState = {
      ids: [4],
      failing: new Map([[4, appError('http', 'HTTP 502', { status: 502 })]]),
    };
    const { session } = setup(state);
    expectOk(await session.snapshot('p1'));
  });

  it('passes a credentials failure through without calling the panel', async () => {
    const clock = { now: 0 };
    const { client, log } = fakeClient({ ids: [4] }, clock);
    const session = expectOk(
      createPanelSession({
        panelUrl: 'http://127.0.0.1:1',
        client,
        getApiKey: async () => ok('k'),
        getCredentials: async () => fail(appError('auth', 'Signed out.')),
      }),
    );
    const result = await session.snapshot('p1');
    expectErr(result, 'auth');
    expect(log).toEqual([]);
  });
});

describe('ensureServers', () => {
  it('asks only for lists older than the maximum age or failed, and shares a request in flight', async () => {
    const state: FakeState = { ids: [4, 7, 9], failing: new Map([[9, refused]]), remark: 'old' };
    const { session, take, clock } = setup(state);
    const cold = await snap(session);
    take();
    clock.now += 2 * MIN;
    const fresh = await session.ensureServers(cold, null);
    expect(take()).toEqual(['service:9']);
    expect(Object.keys(expectOk(fresh).parts)).toEqual(['9']);
    clock.now += 4 * MIN;
    state.remark = 'new';
    const [a, b] = await Promise.all([session.ensureServers(cold, [7]), session.ensureServers(cold, [7])]);
    expect(take()).toEqual(['service:7']);
    const merged = withServers(cold, expectOk(a));
    expect(merged.servers['7']?.[0]?.remark).toBe('new');
    expect(merged.servers['4']?.[0]?.remark).toBe('old');
    expect(merged.serverParts?.['7']?.fetchedAt).toBe(clock.now);
    expect(expectOk(b)).toEqual(expectOk(a));
  });

  it("a failure stays that list's error with its last known servers", async () => {
    const state: FakeState = { ids: [4], failing: new Map() };
    const { session, take, clock } = setup(state);
    const cold = await snap(session);
    take();
    state.failing?.set(4, refused);
    clock.now += 10 * MIN;
    const merged = withServers(cold, expectOk(await session.ensureServers(cold, [4])));
    expect(merged.servers['4']).toEqual(cold.servers['4']);
    expect(merged.serverParts?.['4']).toMatchObject({ fetchedAt: cold.fetchedAt, error: { code: 208 } });
  });
});

describe("a sign-in's account/info", () => {
  const answered = (clock: { now: number }, ids: number[]) => ({
    info: {
      account: { id: 1, username: 'u', email: 'e', balance: { amount: 0, currency: '', text: '' } },
      services: ids.map(service),
    },
    at: clock.now,
  });

  function sessionWith(clock: { now: number }, ids: number[]) {
    const { client, log } = fakeClient({ ids }, clock);
    const session = expectOk(
      createPanelSession({
        panelUrl: 'http://127.0.0.1:1',
        client,
        getApiKey: async () => ok('k'),
        getCredentials: async () => ok({ email: 'e', password: 'p' }),
        now: () => clock.now,
        firstAccountInfo: answered(clock, [4]),
      }),
    );
    return { session, log };
  }

  it('stands in for the first snapshot once; the next refresh asks the panel', async () => {
    const clock = { now: Date.UTC(2026, 0, 10, 9, 0) };
    const { session, log } = sessionWith(clock, [4, 7]);
    const first = expectOk(await session.snapshot('p'));
    expect(first.services.map((s) => s.id)).toEqual([4]);
    expect(log.filter((l) => l === 'account')).toEqual([]);
    clock.now += 15 * MIN;
    const second = expectOk(await session.snapshot('p'));
    expect(second.services.map((s) => s.id)).toEqual([4, 7]);
    expect(log.filter((l) => l === 'account')).toEqual(['account']);
  });

  it('is not used once older than half a minute', async () => {
    const clock = { now: Date.UTC(2026, 0, 10, 9, 0) };
    const { session, log } = sessionWith(clock, [4, 7]);
    clock.now += 31_000;
    expect(expectOk(await session.snapshot('p')).services.map((s) => s.id)).toEqual([4, 7]);
    expect(log.filter((l) => l === 'account')).toEqual(['account']);
  });
});
