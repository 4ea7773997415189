// A 24-hour soak on a virtual clock: accounts + the data service (as core.ts wires them) with
// injected timers and a seeded random, against the simulator on the same clock. Every hour the
// panel books more traffic; three times a day it fails for 40 minutes. The scheduler must refresh
// at its interval (never two at once), retry with backoff during outages and come back after, keep
// the usage history bounded, and announce each threshold crossing exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPanelSim, type FaultKind, type PanelSim } from '../../tools/panel-sim/index';
import { createAccounts } from '../../src/main/accounts';
import { createDataService, type DataService } from '../../src/main/data';
import { createCredentialStore } from '../../src/main/session/secrets';
import type { PanelSession } from '../../src/main/session/panel-session';
import { DEFAULT_SETTINGS } from '../../src/shared/settings';
import { HISTORY_DAYS } from '../../src/main/monitor/history';
import { makePlatform, manualClock, recordUnhandled, type PlatformRecorder } from '../support/core-rig';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const GB = 1024 ** 3;
const INTERVAL = DEFAULT_SETTINGS.refreshMinutes * MINUTE;
/** Outages: [start hour, fault]; each lasts 40 minutes. */
const OUTAGES: [number, FaultKind][] = [
  [5, 'http502'],
  [11, 'reset'],
  [17, 'malformedJson'],
];
const OUTAGE_MS = 40 * MINUTE;
/** Traffic booked per hour, per service id of the demo seed. */
const USAGE_PER_HOUR: Record<number, number> = { 4: 0.5 * GB, 7: 4 * GB, 9: 8 * GB };

interface Timer {
  id: number;
  at: number;
  callback: () => void;
}

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

const realSleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let sim: PanelSim;
let rec: PlatformRecorder;
let data: DataService;
const clock = manualClock();
const timers = new Map<number, Timer>();
let nextTimerId = 1;
/** Start and end (virtual) of every snapshot fetch, and how many ran at once at most. */
const fetches: { start: number; end: number; ok: boolean }[] = [];
let inFlight = 0;
let maxInFlight = 0;
let unhandled: ReturnType<typeof recordUnhandled>;
let disposeAccounts: () => Promise<void> = async () => undefined;
const start = clock.now();

beforeAll(async () => {
  unhandled = recordUnhandled();
  sim = await startPanelSim({ now: clock.now });
  rec = makePlatform({ now: clock.now });
  const { platform } = rec;
  const credentials = createCredentialStore(platform.secrets);
  let service: DataService | null = null;
  const accounts = createAccounts({
    platform,
    credentials,
    onActiveChanged: (profile, signedIn) => service?.activeChanged(profile?.id ?? null, signedIn),
    onRemoved: (id) => service?.forget(id),
  });
  disposeAccounts = () => accounts.dispose();
  /** Counts every snapshot fetch and how many overlap. */
  const counted = {
    active: () => accounts.active(),
    activeProfile: () => accounts.activeProfile(),
    async sessionFor(id: string) {
      const session = await accounts.sessionFor(id);
      if (!session.ok) return session;
      const real: PanelSession = session.value;
      const wrapped: PanelSession = Object.create(real) as PanelSession;
      wrapped.snapshot = async (profileId) => {
        const entry = { start: clock.now(), end: 0, ok: false };
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        try {
          const result = await real.snapshot(profileId);
          entry.ok = result.ok;
          return result;
        } finally {
          inFlight -= 1;
          entry.end = clock.now();
          fetches.push(entry);
        }
      };
      return { ok: true as const, value: wrapped };
    },
  };
  service = createDataService({
    platform,
    accounts: counted,
    random: seeded(7),
    timers: {
      setTimeout(callback, ms) {
        const id = nextTimerId++;
        timers.set(id, { id, at: clock.now() + Math.max(0, ms), callback });
        return id;
      },
      clearTimeout(handle) {
        timers.delete(handle as number);
      },
    },
  });
  data = service;
  await accounts.init();
  const signed = await accounts.handlers['auth.signIn']({
    panelUrl: sim.url,
    apiKey: sim.apiKey,
    email: sim.demo.email,
    password: sim.demo.password,
    remember: true,
  });
  expect(signed.ok).toBe(true);
});

afterAll(async () => {
  data.dispose();
  await disposeAccounts();
  await sim.close();
  unhandled.stop();
});

async function settle() {
  // Network I/O to the simulator is real; the clock is not: wait for the refresh to finish.
  for (let i = 0; i < 2_000 && (data.state().monitor.refreshing || inFlight > 0); i++) await realSleep(2);
  expect(data.state().monitor.refreshing).toBe(false);
}

describe('24 hours of polling on a virtual clock', () => {
  it('refreshes at the interval, retries through outages, bounded history, each crossing announced once', async () => {
    await settle();
    const end = start + 24 * HOUR;
    let nextHour = start + HOUR;
    const outageEnds = new Map<number, number>();
    let maxPendingTimers = 0;

    while (clock.now() < end) {
      maxPendingTimers = Math.max(maxPendingTimers, timers.size);
      const due = [...timers.values()].sort((a, b) => a.at - b.at)[0];
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
      clock.set(due.at);
      timers.delete(due.id);
      due.callback();
      await settle();
    }

    // Never two refreshes at once, never two timers pending.
    expect(maxInFlight).toBe(1);
    expect(maxPendingTimers).toBeLessThanOrEqual(1);

    // 24 h / 15 min = 96 interval refreshes (+1 at sign-in); outages add bounded retries.
    const good = fetches.filter((f) => f.ok);
    const failed = fetches.filter((f) => !f.ok);
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

    const state = data.state();
    expect(state.stale).toBe(false);
    expect(state.monitor.lastError).toBeNull();
    const wait = (state.monitor.nextAt ?? 0) - clock.now();
    expect(wait).toBeGreaterThanOrEqual(0);
    expect(wait).toBeLessThanOrEqual(INTERVAL);

    // History: one record per service per day, so a day of polling leaves at most 2 days each.
    const history = rec.platform.cacheStore.get('history') as Record<
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
    const notes = rec.notifications.map((n) => `${n.serviceId}|${n.title}`);
    expect(new Set(notes).size).toBe(notes.length);
    const titles = (sid: number) => rec.notifications.filter((n) => n.serviceId === sid).map((n) => n.title);
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
