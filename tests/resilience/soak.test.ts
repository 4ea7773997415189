// A 24-hour soak on a virtual clock: the whole core, built by createCore with virtual timers and a
// seeded random, against the simulator on the same clock. Every hour the panel books more traffic;
// three times a day it fails for 40 minutes. The scheduler must refresh at its interval (never two
// at once), retry with backoff during outages and come back after, keep the usage history bounded,
// and announce each threshold crossing exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPanelSim, type FaultKind, type PanelSim } from '../../tools/panel-sim/index';
import type { DataState } from '../../src/shared/contract';
import { DEFAULT_SETTINGS } from '../../src/shared/settings';
import { HISTORY_DAYS } from '../../src/main/monitor/history';
import {
  makeCoreRig,
  manualClock,
  recordUnhandled,
  signInDemo,
  virtualTimers,
  type CoreRig,
} from '../support/core-rig';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const GB = 1024 ** 3;
const INTERVAL = DEFAULT_SETTINGS.refreshMinutes * MINUTE;
const ACCOUNT = '/api/client/account/info';
/** Outages: [start hour, fault]; each lasts 40 minutes. */
const OUTAGES: [number, FaultKind][] = [
  [5, 'http502'],
  [11, 'reset'],
  [17, 'malformedJson'],
];
const OUTAGE_MS = 40 * MINUTE;
/** Traffic booked per hour, per service id of the demo seed. */
const USAGE_PER_HOUR: Record<number, number> = { 4: 0.5 * GB, 7: 4 * GB, 9: 8 * GB };

/** Seeded uniform [0, 1) (mulberry32), so backoff draws are the same on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One refresh as the monitor reported it, with the panel requests made while it ran. */
interface Refresh {
  start: number;
  end: number;
  ok: boolean;
  /** account/info requests (the snapshot) and token requests the simulator saw during it. */
  snapshots: number;
  tokens: number;
}

let sim: PanelSim;
let rig: CoreRig;
const clock = manualClock();
const virtual = virtualTimers(clock);
const refreshes: Refresh[] = [];
/** account/info requests made while no refresh ran (a fetch the monitor did not announce). */
let unannounced = 0;
let unhandled: ReturnType<typeof recordUnhandled>;
const start = clock.now();

beforeAll(async () => {
  unhandled = recordUnhandled();
  sim = await startPanelSim({ now: clock.now });
  rig = await makeCoreRig({ now: clock.now, timers: virtual.timers, random: seeded(7) });
  // Refreshes from the monitor's own state changes; requests from the simulator's counters, read
  // when a refresh starts and ends (all its requests have arrived by the time it ends).
  let open: (Refresh & { from: { snapshots: number; tokens: number } }) | null = null;
  const counts = () => {
    const stats = sim.admin.stats();
    return { snapshots: stats.requests[ACCOUNT] ?? 0, tokens: stats.tokenRequests };
  };
  let last = counts();
  rig.onEvent((event, payload) => {
    if (event !== 'data') return;
    const { monitor } = payload as DataState;
    if (monitor.refreshing && !open) {
      const now = counts();
      unannounced += now.snapshots - last.snapshots;
      open = { start: clock.now(), end: 0, ok: false, snapshots: 0, tokens: 0, from: now };
    } else if (!monitor.refreshing && open) {
      const now = counts();
      const { from, ...refresh } = open;
      refreshes.push({
        ...refresh,
        end: clock.now(),
        ok: monitor.lastError === null,
        snapshots: now.snapshots - from.snapshots,
        tokens: now.tokens - from.tokens,
      });
      last = now;
      open = null;
    }
  });
  await signInDemo(rig, sim);
});

afterAll(async () => {
  await rig.dispose();
  await sim.close();
  unhandled.stop();
});

describe('24 hours of polling on a virtual clock', () => {
  it('refreshes at the interval, retries through outages, bounded history, each crossing announced once', async () => {
    await rig.idle();
    const end = start + 24 * HOUR;
    let nextHour = start + HOUR;
    const outageEnds = new Map<number, number>();
    let maxPendingTimers = 0;

    while (clock.now() < end) {
      maxPendingTimers = Math.max(maxPendingTimers, virtual.size);
      const due = virtual.next();
      // The monitor must always have its next refresh scheduled while signed in.
      expect(due, `no timer at ${(clock.now() - start) / HOUR} h`).toBeDefined();
      if (!due) break;
      const nextEvent = Math.min(nextHour, ...outageEnds.values());
      if (nextEvent <= due.at && nextEvent < end) {
        clock.set(nextEvent);
        if (nextEvent === nextHour) {
          for (const [sid, bytes] of Object.entries(USAGE_PER_HOUR)) sim.admin.addUsage(Number(sid), bytes);
          const hour = Math.round((nextHour - start) / HOUR);
          const outage = OUTAGES.find(([h]) => h === hour);
          if (outage) {
            sim.admin.setFault('*', { kind: outage[1] });
            outageEnds.set(hour, nextHour + OUTAGE_MS);
          }
          nextHour += HOUR;
        }
        for (const [hour, at] of outageEnds) {
          if (at <= clock.now()) {
            sim.admin.clearFaults();
            outageEnds.delete(hour);
          }
        }
        continue;
      }
      if (due.at >= end) break;
      virtual.fire(due);
      await rig.idle();
    }

    // Never two fetches at once: each refresh asked for exactly one snapshot (the token is renewed
    // before it runs out, so none is refused and repeated), and none was asked for outside a
    // refresh but the sign-in's password check, whose answer is the first refresh's snapshot.
    refreshes.forEach((r, index) => {
      expect(r.snapshots, `refresh at ${(r.start - start) / MINUTE} min`).toBe(index === 0 ? 0 : 1);
    });
    expect(unannounced).toBe(1);
    // Never two timers pending: one next refresh, nothing else scheduled.
    expect(maxPendingTimers).toBeLessThanOrEqual(1);

    // 24 h / 15 min = 96 interval refreshes (+1 at sign-in); outages add bounded retries.
    const good = refreshes.filter((f) => f.ok);
    const failed = refreshes.filter((f) => !f.ok);
    expect(good.length).toBeGreaterThanOrEqual(90);
    expect(good.length).toBeLessThanOrEqual(98);
    expect(failed.length).toBeGreaterThanOrEqual(OUTAGES.length);
    // Backoff: at least 1 s apart, capped by the interval; at most ~a dozen tries per 40-minute outage.
    expect(failed.length).toBeLessThanOrEqual(OUTAGES.length * 12);
    // Outside outages consecutive good refreshes are one interval apart (within a minute).
    for (let i = 1; i < good.length; i++) {
      const [a, b] = [good[i - 1]!, good[i]!];
      if (failed.some((f) => f.start > a.start && f.start < b.start)) continue;
      expect(b.start - a.start).toBeGreaterThanOrEqual(INTERVAL - MINUTE);
      expect(b.start - a.start).toBeLessThanOrEqual(INTERVAL + MINUTE);
    }
    // Each outage was noticed and recovered from within its 40 minutes + one interval.
    for (const [hour] of OUTAGES) {
      const outageStart = start + hour * HOUR;
      const recovered = good.find((f) => f.start >= outageStart + OUTAGE_MS);
      expect(recovered, `outage at ${hour} h`).toBeDefined();
      expect(recovered!.start - (outageStart + OUTAGE_MS)).toBeLessThanOrEqual(INTERVAL);
    }

    const state = (rig.events.findLast((e) => e.event === 'data')?.payload ?? null) as DataState | null;
    if (!state) throw new Error('no data event');
    expect(state.stale).toBe(false);
    expect(state.monitor.lastError).toBeNull();
    const wait = (state.monitor.nextAt ?? 0) - clock.now();
    expect(wait).toBeGreaterThanOrEqual(0);
    expect(wait).toBeLessThanOrEqual(INTERVAL);

    // History: one record per service per day, so a day of polling leaves at most 2 days each.
    const history = rig.platform.cacheStore.get('history') as Record<
      string,
      { services: Record<string, unknown[]> }
    >;
    for (const perProfile of Object.values(history)) {
      for (const days of Object.values(perProfile.services)) {
        expect(days.length).toBeGreaterThanOrEqual(1);
        expect(days.length).toBeLessThanOrEqual(2);
        expect(days.length).toBeLessThanOrEqual(HISTORY_DAYS);
      }
    }
    expect(JSON.stringify(history).length).toBeLessThan(20_000);

    // Alerts: each (service, title) at most once; the crossings the usage caused are all there.
    const notes = rig.notifications.map((n) => `${n.serviceId}|${n.title}`);
    expect(new Set(notes).size).toBe(notes.length);
    const titles = (sid: number) => rig.notifications.filter((n) => n.serviceId === sid).map((n) => n.title);
    // Service 9: 12.34 GB of 200 GB + 8 GB an hour crosses 80, 90 and 95 %.
    for (const percent of [80, 90, 95]) {
      expect(
        titles(9).filter((t) => t.includes(`${percent}% of traffic used`)),
        `sid 9 ${percent}%`,
      ).toHaveLength(1);
    }
    // Service 4: 90 % at the start, 95 % after 15 hours.
    expect(titles(4).filter((t) => t.includes('95% of traffic used'))).toHaveLength(1);
    // Service 7 expired-in-2-days at the start: "expires in 1 day" once.
    expect(titles(7).filter((t) => /expires in 1 day/.test(t))).toHaveLength(1);

    expect(unhandled.reasons).toEqual([]);
  }, 120_000);
});
