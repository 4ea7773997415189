// What the tray costs the panel over a simulated day: the whole core (createCore on virtual
// timers) against the simulator on one manual clock, each scheduled refresh fired by the test.
// Counted from the simulator's request log: one account/info per steady refresh, the server lists
// at sign-in, every servers interval, on a change of package and on demand (the Export page); one
// refused service/info leaves every other part intact and is retried on its own.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startPanelSim, type PanelSim, type SimStats } from '../../../tools/panel-sim/index';
import type { DataState, ExportPreview, ProfilesState } from '../../../src/shared/contract';
import { serverListPart } from '../../../src/shared/domain';
import { makeCoreRig, manualClock, signInDemo, virtualTimers, type CoreRig } from '../../support/core-rig';
import { expectErr, expectOk } from '../../support/expect';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const ACCOUNT = '/api/client/account/info';
const DETAILS = '/api/client/service/info';
const EXPIRED = 'Service expired. Please renew it to get the server list.';

let sim: PanelSim;
let rig: CoreRig;
let clock: ReturnType<typeof manualClock>;
let virtual: ReturnType<typeof virtualTimers>;

/** What the window would show now. */
const state = async () => expectOk(await rig.call<DataState>('data.get'));
const preview = (serviceId: number) =>
  rig.call<ExportPreview>('export.preview', { serviceId, format: 'links' });

/** Advance the clock to the next scheduled refresh and run it; the requests it made. */
async function nextRefresh(): Promise<SimStats> {
  const due = virtual.next();
  expect(due, 'a refresh is always scheduled while signed in').toBeDefined();
  if (!due) throw new Error('no timer');
  sim.admin.resetStats();
  virtual.fire(due);
  await rig.idle();
  return sim.admin.stats();
}

/** Run refreshes until `until`; the stats of each one, with its time. */
async function refreshUntil(until: number): Promise<{ at: number; stats: SimStats }[]> {
  const out: { at: number; stats: SimStats }[] = [];
  for (let due = virtual.next(); due && due.at <= until; due = virtual.next()) {
    const at = due.at;
    out.push({ at, stats: await nextRefresh() });
  }
  return out;
}

beforeEach(async () => {
  clock = manualClock();
  virtual = virtualTimers(clock);
  sim = await startPanelSim({ now: clock.now });
  rig = await makeCoreRig({ now: clock.now, memory: true, timers: virtual.timers, random: () => 0.5 });
  sim.admin.resetStats();
  await signInDemo(rig, sim);
  await rig.idle();
});

afterEach(async () => {
  await rig.dispose();
  await sim.close();
});

describe('panel load over a simulated day', () => {
  it('sign-in asks for every list once; steady refreshes are one account/info; lists every 6 h', async () => {
    const signIn = sim.admin.stats();
    // The account/info that checks the password is the first snapshot's too.
    expect(signIn.requests[ACCOUNT]).toBe(1);
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
    const { snapshot } = await state();
    expect(snapshot && serverListPart(snapshot, 4).fetchedAt).toBe(start + 24 * HOUR);
  });

  it('the servers interval follows its setting', async () => {
    rig.platform.settingsStore.set('settings', { serversRefreshHours: 1 });
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
    expectOk(await rig.call('data.refresh'));
    expect(sim.admin.stats().serviceInfo).toEqual({ '4': 1, '7': 1, '9': 1 });
  });

  it('opening the Export page refetches lists older than a few minutes; a panel-side change is in the export', async () => {
    clock.advance(2 * MINUTE);
    sim.admin.resetStats();
    expectOk(await preview(9));
    expect(sim.admin.stats().requests).toEqual({});

    sim.admin.patchServer(9, 0, { remark: 'Renamed on the panel' });
    clock.advance(10 * MINUTE);
    const renamed = expectOk(await preview(9));
    expect(sim.admin.stats().serviceInfo).toEqual({ '9': 1 });
    expect(sim.admin.stats().requests[ACCOUNT]).toBeUndefined();
    expect(renamed.text).toContain(encodeURIComponent('Renamed on the panel'));
    // The fresh list is the shown one too, with its new fetch time.
    const shown = (await state()).snapshot;
    expect(shown && serverListPart(shown, 9).fetchedAt).toBe(clock.now());
    expect(shown && serverListPart(shown, 4).fetchedAt).toBe(clock.now() - 12 * MINUTE);
  });

  it('one refused service keeps its usage, alerts and last servers; the others and export work', async () => {
    const before = (await state()).snapshot;
    sim.admin.patchService(7, { detailsRefusal: EXPIRED });
    const refreshed = expectOk(await rig.call<DataState>('data.refresh'));
    expect(refreshed.stale).toBe(false);
    expect(refreshed.monitor.lastError).toBeNull();
    const snap = refreshed.snapshot;
    if (!snap || !before) throw new Error('no snapshot');
    expect(snap.services.map((s) => s.id)).toEqual([4, 7, 9]);
    expect(snap.services.find((s) => s.id === 7)?.expiresAt).toBeGreaterThan(clock.now());
    expect(serverListPart(snap, 7).error).toMatchObject({ kind: 'panel', code: 208, message: EXPIRED });
    expect(snap.servers['7']).toEqual(before.servers['7']);
    expect(serverListPart(snap, 4)).toEqual({ fetchedAt: clock.now(), error: null });
    // Service 7 expires in 2 days in the seed: its alert level still comes from account/info.
    expect(refreshed.level).not.toBe('ok');

    const tray = rig.trays.at(-1);
    expect(tray?.services.map((s) => s.id)).toEqual([4, 7, 9]);
    expect(tray?.services.find((s) => s.id === 7)?.label).toContain(`Servers unavailable: ${EXPIRED}`);
    expect(tray?.services.find((s) => s.id === 4)?.label).not.toContain('unavailable');

    // Last known servers stay exportable; the healthy service exports fresh ones.
    expect(expectOk(await preview(7)).count).toBeGreaterThan(0);

    // The export asked again (attempt 2). Retried at the next cycle on its own (attempt 3); the
    // healthy lists are not asked again. Then its backoff (16 min) skips one 15-minute cycle.
    const retry = await nextRefresh();
    expect(retry.serviceInfo).toEqual({ '7': 1 });
    expect((await state()).snapshot?.serverParts?.['7']?.error?.attempts).toBe(3);
    sim.admin.patchService(7, { detailsRefusal: null });
    expect((await nextRefresh()).serviceInfo).toEqual({});
    const healed = await nextRefresh();
    expect(healed.serviceInfo).toEqual({ '7': 1 });
    const after = (await state()).snapshot;
    expect(after && serverListPart(after, 7).error).toBeNull();
  });

  it('a refused service with no known servers cannot be exported and says why; the others can', async () => {
    // Removing the account forgets its cache: signed in again, nothing is known of its servers.
    const { activeId } = expectOk(await rig.call<ProfilesState>('profiles.list'));
    expectOk(await rig.call('profiles.remove', { id: activeId }));
    sim.admin.patchService(4, { detailsRefusal: EXPIRED });
    await signInDemo(rig, sim);
    await rig.idle();
    const broken = await preview(4);
    expect(expectErr(broken)).toMatchObject({
      kind: 'panel',
      message: `Servers unavailable: ${EXPIRED}`,
    });
    expect(expectOk(await preview(9)).count).toBeGreaterThan(0);
  });
});
