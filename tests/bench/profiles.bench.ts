// Bench: several profiles watched at once.
// - panel_requests_steady_refresh_3_profiles: the requests one steady interval costs with three
//   profiles on three simulators (real HTTP, the composed core on virtual time): one account/info
//   each, nothing else.
// - refresh_spread_min_gap_ms: over a simulated day, the smallest gap between two different
//   profiles' steady refreshes (the data service with its real schedulers, on synthetic sources).
// - monitor_heap_growth_5_profiles: a week of virtual time with five profiles; the heap after the
//   week against the heap after the first day.
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import type { ProfileView, ProfilesState } from '../../src/shared/contract';
import { SOURCE_CAPABILITIES, type Service, type Snapshot } from '../../src/shared/domain';
import { appError, fail, ok, type Result } from '../../src/shared/errors';
import { DEFAULT_SETTINGS } from '../../src/shared/settings';
import { createDataService } from '../../src/main/data';
import type { Source } from '../../src/main/sources/types';
import { startPanelSim, type PanelSim } from '../../tools/panel-sim/index';
import { makeCoreRig, manualClock, signInDemo, virtualTimers } from '../support/core-rig';
import { makePlatform } from '../support/platform';
import { DAY, GB, makeService } from '../support/service';
import type { Figure } from './run';

const INTERVAL = DEFAULT_SETTINGS.refreshMinutes * 60_000;

const settle = async () => {
  for (let i = 0; i < 5; i += 1) await new Promise<void>((resolve) => setImmediate(resolve));
};

async function steadyRequests(): Promise<number> {
  const clock = manualClock();
  const virtual = virtualTimers(clock);
  const sims: PanelSim[] = await Promise.all([0, 1, 2].map(() => startPanelSim({ now: clock.now })));
  const rig = await makeCoreRig({ memory: true, now: clock.now, timers: virtual.timers, random: () => 0.5 });
  try {
    for (const sim of sims) {
      await signInDemo(rig, sim);
      await rig.idle();
    }
    // Past the start: every profile's first refresh (which fetches its server lists) is done.
    const startEnd = clock.now() + INTERVAL / 2;
    for (let next = virtual.next(); next && next.at <= startEnd; next = virtual.next()) {
      virtual.fire(next);
      await rig.idle();
    }
    const total = () =>
      sims.reduce((sum, sim) => {
        const stats = sim.admin.stats();
        return sum + Object.values(stats.requests).reduce((a, b) => a + b, 0);
      }, 0);
    const before = total();
    const end = clock.now() + INTERVAL;
    for (let next = virtual.next(); next && next.at <= end; next = virtual.next()) {
      virtual.fire(next);
      await rig.idle();
    }
    return total() - before;
  } finally {
    await rig.dispose();
    await Promise.all(sims.map((s) => s.close()));
  }
}

/** A source whose plans fill up with time; fails now and then like a real panel. */
function syntheticSource(clock: { now(): number }, failEvery: number): Source {
  let services: Service[] = [1, 2, 3].map((id) =>
    makeService({
      id,
      packageName: `Plan ${id}`,
      expiresAt: clock.now() + (20 + id * 7) * DAY,
      totalBytes: 300 * GB * id,
      sublink: `https://panel.example/link/${id}`,
    }),
  );
  let calls = 0;
  let last = clock.now();
  return {
    kind: 'xmplus',
    capabilities: SOURCE_CAPABILITIES.xmplus,
    billing: null,
    async refresh(profileId): Promise<Result<Snapshot>> {
      calls += 1;
      if (calls % failEvery === 0) return fail(appError('network', 'Could not reach the panel.'));
      const elapsed = clock.now() - last;
      last = clock.now();
      services = services.map((s) => ({
        ...s,
        usedBytes: Math.min(s.totalBytes, s.usedBytes + Math.round((elapsed / DAY) * 2 * GB)),
      }));
      return ok({ profileId, kind: 'xmplus', account: null, services, servers: {}, fetchedAt: clock.now() });
    },
    ensureServers: async () => ok({ servers: {}, parts: {} }),
    close: async () => undefined,
  };
}

/** The data service watching `count` profiles on synthetic sources, on virtual time. */
function watchProfiles(count: number) {
  const clock = manualClock(Date.UTC(2026, 0, 1));
  const virtual = virtualTimers(clock);
  const { platform } = makePlatform({ memory: true, now: clock.now });
  // Nothing recorded: a week of events kept in arrays would be the bench's growth, not the monitor's.
  Object.assign(platform, { emit: () => undefined, notify: () => undefined, updateTray: () => undefined });
  const views: ProfileView[] = Array.from({ length: count }, (_, i) => ({
    id: `p${i}`,
    kind: 'xmplus',
    capabilities: { ...SOURCE_CAPABILITIES.xmplus },
    panelUrl: `https://panel${i}.example`,
    email: `user${i}@example.com`,
    displayName: `Profile ${i}`,
    options: { proxyUrl: '', timeZone: '' },
    remember: true,
    signedIn: true,
    watch: true,
    refreshMinutes: null,
  }));
  const sources = new Map(views.map((v, i) => [v.id, syntheticSource(clock, 29 + i)]));
  const state: ProfilesState = { profiles: views, activeId: 'p0', secretStorage: 'memory' };
  const data = createDataService({
    platform,
    accounts: {
      state: () => state,
      activeProfile: () => ({ ...views[0]!, createdAt: 0 }),
      sourceFor: async (id) => {
        const source = sources.get(id);
        return source ? ok(source) : fail(appError('state', 'no such profile'));
      },
    },
    timers: virtual.timers,
    random: () => 0.5,
  });
  const refreshes: { id: string; at: number }[] = [];
  for (const [id, source] of sources) {
    const refresh = source.refresh.bind(source);
    source.refresh = (profileId, plan) => {
      refreshes.push({ id, at: clock.now() });
      return refresh(profileId, plan);
    };
  }
  data.profilesChanged();
  /** Fires every timer due up to `until`, letting each refresh land. */
  async function runUntil(until: number) {
    for (let next = virtual.next(); next && next.at <= until; next = virtual.next()) {
      virtual.fire(next);
      await settle();
    }
    clock.set(Math.max(clock.now(), until));
  }
  return { clock, data, refreshes, runUntil };
}

async function spreadOverADay(): Promise<number> {
  const { clock, data, refreshes, runUntil } = watchProfiles(3);
  const start = clock.now();
  await runUntil(start + DAY);
  data.dispose();
  // Steady refreshes: after the first interval (the start takes turns a few seconds apart).
  const steady = refreshes.filter((r) => r.at >= start + INTERVAL);
  if (steady.length < 3 * 80) throw new Error(`only ${steady.length} steady refreshes in a day`);
  let min = Infinity;
  for (let i = 1; i < steady.length; i += 1) {
    if (steady[i]!.id !== steady[i - 1]!.id) min = Math.min(min, steady[i]!.at - steady[i - 1]!.at);
  }
  return min;
}

/** A garbage collector: --expose-gc's global.gc, else one obtained at runtime, else none. */
function findGc(): (() => void) | null {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (typeof exposed === 'function') return exposed;
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    if (typeof gc === 'function') return gc as () => void;
  } catch {
    // readings without a collection are noisier but still comparable
  }
  return null;
}

async function heapUsed(gc: (() => void) | null): Promise<number> {
  for (let i = 0; i < 3; i += 1) {
    gc?.();
    await settle();
  }
  return process.memoryUsage().heapUsed;
}

async function heapOverAWeek(): Promise<{ growth: number; refreshes: number }> {
  const gc = findGc();
  const { clock, data, refreshes, runUntil } = watchProfiles(5);
  const start = clock.now();
  await runUntil(start + DAY);
  const early = await heapUsed(gc);
  await runUntil(start + 7 * DAY);
  const late = await heapUsed(gc);
  const count = refreshes.length;
  data.dispose();
  if (count < 5 * 7 * 80) throw new Error(`only ${count} refreshes in a week`);
  return { growth: ((late - early) / early) * 100, refreshes: count };
}

export async function run(): Promise<Figure[]> {
  const requests = await steadyRequests();
  const gap = await spreadOverADay();
  const heap = await heapOverAWeek();
  return [
    {
      name: 'panel_requests_steady_refresh_3_profiles',
      value: requests,
      unit: 'requests',
      target: '3 (one account/info per profile)',
    },
    {
      name: 'refresh_spread_min_gap_ms',
      value: gap,
      unit: 'ms',
      target: `>= ${INTERVAL / (3 * 4)} (interval / (profiles × 4))`,
    },
    { name: 'monitor_heap_growth_5_profiles', value: heap.growth, unit: '%', target: '<= 5' },
  ];
}
