// What the tray costs the panel over a simulated day: accounts + the data service + export (as
// core.ts wires them) against the simulator on one manual clock, with the scheduler's timers fired
// by hand. Counted from the simulator's request log: one account/info per steady refresh, the
// server lists at sign-in, every servers interval, on a change of package and on demand (the
// Export page); one refused service/info leaves every other part intact and is retried on its own.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startPanelSim, type PanelSim, type SimStats } from '../../../tools/panel-sim/index';
import { createAccounts } from '../../../src/main/accounts';
import { createDataService, type DataService } from '../../../src/main/data';
import { createExportService, type ExportService } from '../../../src/main/export/service';
import { createCredentialStore } from '../../../src/main/session/secrets';
import type { ExportPreview } from '../../../src/shared/contract';
import { serverListPart } from '../../../src/shared/domain';
import type { Result } from '../../../src/shared/errors';
import { manualClock } from '../../support/core-rig';
import { makePlatform, type TestDesktop } from '../../support/platform';
import { expectErr, expectOk } from '../../support/expect';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const ACCOUNT = '/api/client/account/info';
const DETAILS = '/api/client/service/info';
const EXPIRED = 'Service expired. Please renew it to get the server list.';

interface Timer {
  at: number;
  callback: () => void;
}

let sim: PanelSim;
let rec: TestDesktop;
let data: DataService;
let exporter: ExportService;
let profileId: string;
let disposeAccounts: () => Promise<void>;
let clock: ReturnType<typeof manualClock>;
let timer: Timer | null;

const realTurn = () => new Promise((resolve) => setImmediate(resolve));

/** Network I/O to the simulator is real, the clock is not: wait until the refresh has ended. */
async function settle() {
  for (let i = 0; i < 5_000 && data.state().monitor.refreshing; i++) await realTurn();
  expect(data.state().monitor.refreshing).toBe(false);
}

/** Advance the clock to the next scheduled refresh and run it; the requests it made. */
async function nextRefresh(): Promise<SimStats> {
  const due = timer;
  expect(due, 'a refresh is always scheduled while signed in').not.toBeNull();
  if (!due) throw new Error('no timer');
  timer = null;
  clock.set(due.at);
  sim.admin.resetStats();
  due.callback();
  await settle();
  return sim.admin.stats();
}

/** Run refreshes until `until`; the stats of each one, with its time. */
async function refreshUntil(until: number): Promise<{ at: number; stats: SimStats }[]> {
  const out: { at: number; stats: SimStats }[] = [];
  while (timer && timer.at <= until) {
    const at = timer.at;
    out.push({ at, stats: await nextRefresh() });
  }
  return out;
}

beforeEach(async () => {
  clock = manualClock();
  timer = null;
  sim = await startPanelSim({ now: clock.now });
  rec = makePlatform({ now: clock.now, memory: true });
  const { platform } = rec;
  let service: DataService | null = null;
  const accounts = createAccounts({
    platform,
    credentials: createCredentialStore(platform.secrets),
    onActiveChanged: (profile, signedIn) => service?.activeChanged(profile?.id ?? null, signedIn),
    onRemoved: (id) => service?.forget(id),
  });
  disposeAccounts = () => accounts.dispose();
  service = createDataService({
    platform,
    accounts,
    random: () => 0.5,
    timers: {
      setTimeout(callback, ms) {
        timer = { at: clock.now() + Math.max(0, ms), callback };
        return timer;
      },
      clearTimeout(handle) {
        if (timer === handle) timer = null;
      },
    },
  });
  data = service;
  exporter = createExportService(platform, {
    snapshot: () => data.snapshot(profileId),
    ensureServers: (sid) => data.ensureServers(profileId, sid === null ? null : [sid]),
  });
  await accounts.init();
  sim.admin.resetStats();
  const signed = await accounts.handlers['auth.signIn']({
    panelUrl: sim.url,
    apiKey: sim.apiKey,
    email: sim.demo.email,
    password: sim.demo.password,
    remember: true,
  });
  if (!signed.ok) throw new Error(signed.error.message);
  profileId = signed.value.activeId ?? '';
  await settle();
});

afterEach(async () => {
  data.dispose();
  await disposeAccounts();
  await sim.close();
});

describe('panel load over a simulated day', () => {
  it('sign-in asks for every list once; steady refreshes are one account/info; lists every 6 h', async () => {
    const signIn = sim.admin.stats();
    // One account/info checks the password, one is the first snapshot.
    expect(signIn.requests[ACCOUNT]).toBe(2);
    expect(signIn.serviceInfo).toEqual({ '4': 1, '7': 1, '9': 1 });
    const start = clock.now();

    const day = await refreshUntil(start + 24 * HOUR);
    expect(day.length).toBe(96);
    for (const { at, stats } of day) {
      const listsDue = (at - start) % (6 * HOUR) === 0;
      expect(stats.requests[ACCOUNT], `account/info at ${(at - start) / HOUR} h`).toBe(1);
      expect(stats.serviceInfo, `service/info at ${(at - start) / HOUR} h`).toEqual(
        listsDue ? { '4': 1, '7': 1, '9': 1 } : {},
      );
      // Nothing else: no token (it lives 23.5 h and is renewed once), no other endpoint.
      const others = Object.keys(stats.requests).filter(
        (p) => p !== ACCOUNT && p !== DETAILS && p !== '/api/client/token',
      );
      expect(others).toEqual([]);
    }
    const snapshot = data.snapshot(profileId);
    expect(snapshot && serverListPart(snapshot, 4).fetchedAt).toBe(start + 24 * HOUR);
  });

  it('the servers interval follows its setting', async () => {
    rec.platform.settingsStore.set('settings', { serversRefreshHours: 1 });
    const start = clock.now();
    const hour = await refreshUntil(start + 2 * HOUR);
    const withLists = hour
      .filter((r) => Object.keys(r.stats.serviceInfo).length > 0)
      .map((r) => r.at - start);
    expect(withLists).toEqual([HOUR, 2 * HOUR]);
  });

  it('a change of package on the panel refetches that service only, at the next refresh', async () => {
    await nextRefresh();
    sim.admin.patchService(7, { packageid: 4 });
    const changed = await nextRefresh();
    expect(changed.requests[ACCOUNT]).toBe(1);
    expect(changed.serviceInfo).toEqual({ '7': 1 });
    expect((await nextRefresh()).serviceInfo).toEqual({});
  });

  it('"Refresh now" asks for everything', async () => {
    await nextRefresh();
    sim.admin.resetStats();
    const result = await data.refreshNow();
    expectOk(result);
    expect(sim.admin.stats().serviceInfo).toEqual({ '4': 1, '7': 1, '9': 1 });
  });

  it('opening the Export page refetches lists older than a few minutes; a panel-side change is in the export', async () => {
    clock.advance(2 * MINUTE);
    sim.admin.resetStats();
    const fresh = (await exporter.handlers['export.preview']({
      serviceId: 9,
      format: 'links',
    })) as Result<ExportPreview>;
    expectOk(fresh);
    expect(sim.admin.stats().requests).toEqual({});

    sim.admin.patchServer(9, 0, { remark: 'Renamed on the panel' });
    clock.advance(10 * MINUTE);
    const preview = (await exporter.handlers['export.preview']({
      serviceId: 9,
      format: 'links',
    })) as Result<ExportPreview>;
    if (!preview.ok) throw new Error(preview.error.message);
    expect(sim.admin.stats().serviceInfo).toEqual({ '9': 1 });
    expect(sim.admin.stats().requests[ACCOUNT]).toBeUndefined();
    expect(preview.value.text).toContain(encodeURIComponent('Renamed on the panel'));
    // The fresh list is the shown one too, with its new fetch time.
    const shown = data.state().snapshot;
    expect(shown && serverListPart(shown, 9).fetchedAt).toBe(clock.now());
    expect(shown && serverListPart(shown, 4).fetchedAt).toBe(clock.now() - 12 * MINUTE);
  });

  it('one refused service keeps its usage, alerts and last servers; the others and export work', async () => {
    const before = data.snapshot(profileId);
    sim.admin.patchService(7, { detailsRefusal: EXPIRED });
    const result = await data.refreshNow();
    expectOk(result);
    const state = data.state();
    expect(state.stale).toBe(false);
    expect(state.monitor.lastError).toBeNull();
    const snap = state.snapshot;
    if (!snap || !before) throw new Error('no snapshot');
    expect(snap.services.map((s) => s.id)).toEqual([4, 7, 9]);
    expect(snap.services.find((s) => s.id === 7)?.expiresAt).toBeGreaterThan(clock.now());
    expect(serverListPart(snap, 7).error).toMatchObject({ kind: 'panel', code: 208, message: EXPIRED });
    expect(snap.servers['7']).toEqual(before.servers['7']);
    expect(serverListPart(snap, 4)).toEqual({ fetchedAt: clock.now(), error: null });
    // Service 7 expires in 2 days in the seed: its alert level still comes from account/info.
    expect(state.level).not.toBe('ok');

    const tray = rec.trays.at(-1);
    expect(tray?.services.map((s) => s.id)).toEqual([4, 7, 9]);
    expect(tray?.services.find((s) => s.id === 7)?.label).toContain(`Servers unavailable: ${EXPIRED}`);
    expect(tray?.services.find((s) => s.id === 4)?.label).not.toContain('unavailable');

    // Last known servers stay exportable; the healthy service exports fresh ones.
    const last = (await exporter.handlers['export.preview']({
      serviceId: 7,
      format: 'links',
    })) as Result<ExportPreview>;
    expect(expectOk(last).count).toBeGreaterThan(0);

    // The export asked again (attempt 2). Retried at the next cycle on its own (attempt 3); the
    // healthy lists are not asked again. Then its backoff (16 min) skips one 15-minute cycle.
    const retry = await nextRefresh();
    expect(retry.serviceInfo).toEqual({ '7': 1 });
    expect(data.snapshot(profileId)?.serverParts?.['7']?.error?.attempts).toBe(3);
    sim.admin.patchService(7, { detailsRefusal: null });
    expect((await nextRefresh()).serviceInfo).toEqual({});
    const healed = await nextRefresh();
    expect(healed.serviceInfo).toEqual({ '7': 1 });
    const after = data.snapshot(profileId);
    expect(after && serverListPart(after, 7).error).toBeNull();
  });

  it('a refused service with no known servers cannot be exported and says why; the others can', async () => {
    data.forget(profileId);
    sim.admin.patchService(4, { detailsRefusal: EXPIRED });
    await data.refreshNow();
    const broken = await exporter.handlers['export.preview']({ serviceId: 4, format: 'links' });
    expect(expectErr(broken)).toMatchObject({
      kind: 'panel',
      message: `Servers unavailable: ${EXPIRED}`,
    });
    const healthy = (await exporter.handlers['export.preview']({
      serviceId: 9,
      format: 'links',
    })) as Result<ExportPreview>;
    expect(expectOk(healthy).count).toBeGreaterThan(0);
  });
});
