// Clock jumps between refreshes: the platform clock (and the panel's, as after a 3-day sleep) jumps
// forward 3 days, then back 2 hours. No crash; the expired token is replaced before use (the panel
// never refuses one); alerts do not repeat after the backward jump; history never counts negative
// time; the scheduler's next refresh stays within one interval of "now". A second case moves only
// the local clock (a wrong system time) and the refresh still succeeds.
import { afterEach, describe, expect, it } from 'vitest';
import { startPanelSim, type PanelSim } from '../../tools/panel-sim/index';
import type { DataState } from '../../src/shared/contract';
import { DEFAULT_SETTINGS } from '../../src/shared/settings';
import { makeCoreRig, manualClock, recordUnhandled, signInDemo, type CoreRig } from '../support/core-rig';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const INTERVAL = DEFAULT_SETTINGS.refreshMinutes * 60_000;

let sim: PanelSim | null = null;
let rig: CoreRig | null = null;
afterEach(async () => {
  await rig?.dispose();
  await sim?.close();
  rig = null;
  sim = null;
});

async function setUp(simClock: () => number, localClock: () => number) {
  const log: string[] = [];
  sim = await startPanelSim({ now: simClock, log: (line) => void log.push(line) });
  rig = await makeCoreRig({ now: localClock });
  await signInDemo(rig, sim);
  return { sim, rig, refusals: () => log.filter((line) => / 401 /.test(line)) };
}

function expectSaneSchedule(state: DataState, now: number) {
  expect(state.monitor.nextAt).not.toBeNull();
  const wait = (state.monitor.nextAt ?? 0) - now;
  expect(wait).toBeGreaterThan(0);
  expect(wait).toBeLessThanOrEqual(INTERVAL);
}

function historyCovered(rig: CoreRig): number[] {
  const all = rig.platform.cacheStore.get('history') as Record<
    string,
    { services: Record<string, { coveredMs: number; deltaBytes: number }[]> }
  >;
  return Object.values(all).flatMap((h) =>
    Object.values(h.services).flatMap((days) => days.flatMap((d) => [d.coveredMs, d.deltaBytes])),
  );
}

describe('clock jumps', () => {
  it('forward 3 days then back 2 hours: fresh token, no repeated alerts, sane schedule', async () => {
    const unhandled = recordUnhandled();
    const clock = manualClock();
    const { sim, rig, refusals } = await setUp(clock.now, clock.now);

    const first = await rig.call<DataState>('data.refresh');
    expect(first.ok && first.value.stale).toBe(false);
    if (first.ok) expectSaneSchedule(first.value, clock.now());
    const alertsAtStart = rig.notifications.length;
    expect(alertsAtStart).toBeGreaterThan(0);
    const tokensBefore = sim.admin.stats().tokenRequests;

    // Three days later (past the 23.5 h token lifetime): the client must notice the token expired.
    clock.advance(3 * DAY);
    const later = await rig.call<DataState>('data.refresh');
    expect(later.ok && later.value.stale).toBe(false);
    if (later.ok) expectSaneSchedule(later.value, clock.now());
    expect(sim.admin.stats().tokenRequests).toBe(tokensBefore + 1);
    expect(refusals()).toEqual([]);
    const alertsAfterJump = rig.notifications.length;
    // The plan that had 2 days left has now expired: that is a new crossing, announced once.
    expect(alertsAfterJump).toBeGreaterThan(alertsAtStart);
    const expired = rig.notifications.slice(alertsAtStart);
    expect(new Set(expired.map((n) => `${n.serviceId}:${n.title}`)).size).toBe(expired.length);

    // Two hours back (NTP correction): nothing is announced again, the token is still good.
    clock.advance(-2 * HOUR);
    const back = await rig.call<DataState>('data.refresh');
    expect(back.ok && back.value.stale).toBe(false);
    if (back.ok) expectSaneSchedule(back.value, clock.now());
    clock.advance(30 * 60_000);
    const again = await rig.call<DataState>('data.refresh');
    expect(again.ok && again.value.stale).toBe(false);
    expect(rig.notifications.length).toBe(alertsAfterJump);
    expect(sim.admin.stats().tokenRequests).toBe(tokensBefore + 1);
    expect(refusals()).toEqual([]);

    // History never books negative time or traffic.
    for (const value of historyCovered(rig)) expect(value).toBeGreaterThanOrEqual(0);
    const history = await rig.call<{ days: { deltaBytes: number }[] }>('service.history', { serviceId: 4 });
    expect(history.ok).toBe(true);

    unhandled.stop();
    expect(unhandled.reasons).toEqual([]);
    expect(rig.internalErrors).toEqual([]);
  });

  it('only the local clock is wrong (3 days ahead, then 2 hours behind the panel): refreshes still succeed', async () => {
    const panel = manualClock();
    const local = manualClock();
    const { rig } = await setUp(panel.now, local.now);
    expect((await rig.call<DataState>('data.refresh')).ok).toBe(true);

    local.advance(3 * DAY);
    const ahead = await rig.call<DataState>('data.refresh');
    expect(ahead.ok && ahead.value.stale).toBe(false);
    if (ahead.ok) expectSaneSchedule(ahead.value, local.now());

    // Local clock now behind the panel's; the panel's clock moves past the token's lifetime: the
    // client still believes in its token, the panel refuses it, and the client recovers.
    local.set(panel.now() - 2 * HOUR);
    panel.advance(25 * HOUR);
    const behind = await rig.call<DataState>('data.refresh');
    expect(behind.ok && behind.value.stale).toBe(false);
    if (behind.ok) expectSaneSchedule(behind.value, local.now());
    expect(rig.internalErrors).toEqual([]);
  });
});
