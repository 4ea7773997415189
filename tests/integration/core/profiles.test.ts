// Every profile watched at once, through the composed core on virtual time against three panel
// simulators: each profile's own schedule (spread, never one burst), its own alerts named after it,
// a switch of the active profile that loses and repeats nothing, one panel down while the others
// refresh, and a restart from the cache that repeats no alert.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startPanelSim, type PanelSim } from '../../../tools/panel-sim/index';
import type { DataState, NavigateTarget, ProfilesState } from '../../../src/shared/contract';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings';
import { memoryBackend, type SecretBackend } from '../../../src/main/secrets';
import { printedStatus } from '../../../src/main/cli/commands/status';
import { trayMenu, type TrayMenuEntry } from '../../../src/main/monitor/tray-menu';
import { makeCoreRig, manualClock, signInDemo, virtualTimers, type CoreRig } from '../../support/core-rig';
import { expectOk } from '../../support/expect';

const INTERVAL = DEFAULT_SETTINGS.refreshMinutes * 60_000;
const GB = 1024 ** 3;
/** The demo account's healthy plan (200 GB, 12 GB used): quiet until the test fills it. */
const HEALTHY = 9;
const ACCOUNT = '/api/client/account/info';

let clock: ReturnType<typeof manualClock>;
let virtual: ReturnType<typeof virtualTimers>;
let sims: PanelSim[];
let rigs: CoreRig[];
let secrets: SecretBackend;
let dir: string;

beforeEach(async () => {
  clock = manualClock();
  virtual = virtualTimers(clock);
  sims = await Promise.all(['A', 'B', 'C'].map(() => startPanelSim({ now: clock.now })));
  rigs = [];
  secrets = memoryBackend();
  dir = mkdtempSync(join(tmpdir(), 'xmplus-profiles-'));
});

afterEach(async () => {
  for (const rig of rigs) {
    await rig.dispose();
    expect(rig.internalErrors).toEqual([]);
  }
  await Promise.all(sims.map((s) => s.close()));
});

async function rig(): Promise<CoreRig> {
  const made = await makeCoreRig({ dir, secrets, now: clock.now, timers: virtual.timers, random: () => 0.5 });
  rigs.push(made);
  return made;
}

/** Signs in to the three simulators as profiles A, B and C (C ends up active); their ids. */
async function signInAll(core: CoreRig): Promise<string[]> {
  const ids: string[] = [];
  for (const [index, sim] of sims.entries()) {
    const name = 'ABC'[index]!;
    ids.push((await signInDemo(core, sim, { displayName: name })).profileId);
    await core.idle();
  }
  return ids;
}

/** Fires every timer due up to `until` in order, waiting for each refresh to land. */
async function runUntil(core: CoreRig, until: number): Promise<void> {
  for (let next = virtual.next(); next && next.at <= until; next = virtual.next()) {
    virtual.fire(next);
    await core.idle();
  }
  clock.set(Math.max(clock.now(), until));
}

const data = async (core: CoreRig) => expectOk(await core.call<DataState>('data.get'));
const alertsFor = (core: CoreRig, profileId: string, serviceId: number) =>
  core.notifications.filter((n) => n.profileId === profileId && n.serviceId === serviceId);
const accountRequests = (sim: PanelSim) => sim.admin.stats().requests[ACCOUNT] ?? 0;

describe('every profile watched at once', () => {
  it('each signed-in profile refreshes on its own schedule, once per interval, never in one burst', async () => {
    const core = await rig();
    const ids = await signInAll(core);
    const before = sims.map(accountRequests);
    const started = clock.now();
    // Each refresh as it starts: which profile, and when.
    const starts: { id: string; at: number }[] = [];
    const running = new Set<string>();
    core.onEvent((event, payload) => {
      if (event !== 'data') return;
      for (const p of (payload as DataState).profiles) {
        if (p.refreshing && !running.has(p.id)) starts.push({ id: p.id, at: clock.now() });
        if (p.refreshing) running.add(p.id);
        else running.delete(p.id);
      }
    });
    await runUntil(core, started + 4 * INTERVAL);
    const after = sims.map(accountRequests);
    // Four intervals, four steady refreshes per profile: one account/info each.
    expect(after.map((n, i) => n - before[i]!)).toEqual([4, 4, 4]);
    const overview = (await data(core)).profiles;
    expect(overview.map((p) => [p.id, p.name, p.kind, p.watched, p.stale])).toEqual([
      [ids[0], 'A', 'xmplus', true, false],
      [ids[1], 'B', 'xmplus', true, false],
      [ids[2], 'C', 'xmplus', true, false],
    ]);
    // Steady refreshes of different profiles stay apart: at least interval / (profiles × 4).
    expect(starts).toHaveLength(12);
    const gaps = starts.slice(1).flatMap((s, i) => (s.id === starts[i]!.id ? [] : [s.at - starts[i]!.at]));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(INTERVAL / (3 * 4));
  });

  it("alerts per profile: a plan filling up on B notifies once, naming B, and opens B's service", async () => {
    const core = await rig();
    const [, b, c] = await signInAll(core);
    sims[1]!.admin.setUsage(HEALTHY, { usedBytes: 196 * GB });
    await runUntil(core, clock.now() + INTERVAL);
    const alerts = alertsFor(core, b!, HEALTHY);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.title.startsWith('B: ')).toBe(true);
    expect(core.notifications.filter((n) => n.serviceId === HEALTHY && n.profileId !== b)).toEqual([]);
    // The click opens B's service: B becomes the active profile.
    expect(expectOk(await core.call<ProfilesState>('profiles.list')).activeId).toBe(c);
    const target: NavigateTarget = { page: 'services', serviceId: HEALTHY, profileId: b! };
    core.core.actions.navigate(target);
    expect(expectOk(await core.call<ProfilesState>('profiles.list')).activeId).toBe(b);
    expect(expectOk(await core.call<NavigateTarget | null>('app.takeNavigation'))).toEqual(target);
    // The tray gauge shows the most urgent service across profiles: B's full plan.
    const tray = core.trays.at(-1)!;
    expect(tray.level).toBe('critical');
    expect(tray.profiles.map((p) => p.name)).toEqual(['A', 'B', 'C']);
    expect(tray.services.filter((s) => s.profileId === b).map((s) => s.id)).toEqual([4, 7, HEALTHY]);
  });

  it("a lone profile's notifications read as before, without its name", async () => {
    const core = await rig();
    const { profileId } = await signInDemo(core, sims[0]!, { displayName: 'A' });
    await core.idle();
    // The demo account's plan at 90 % and the one ending in two days alert at once.
    const alerts = core.notifications.filter((n) => n.profileId === profileId);
    expect(alerts.length).toBeGreaterThan(0);
    for (const alert of alerts) expect(alert.title.startsWith('A: ')).toBe(false);
  });

  it('switching the active profile loses no alert and repeats none', async () => {
    const core = await rig();
    const [a, b, c] = await signInAll(core);
    // A's plan fills while C is active; the switch to A comes before A's next refresh.
    sims[0]!.admin.setUsage(HEALTHY, { usedBytes: 196 * GB });
    expectOk(await core.call('profiles.switch', { id: a }));
    await runUntil(core, clock.now() + INTERVAL);
    expect(alertsFor(core, a!, HEALTHY)).toHaveLength(1);
    // Back and forth, for several intervals: nothing is repeated.
    for (const id of [b, c, a, b]) {
      expectOk(await core.call('profiles.switch', { id }));
      await runUntil(core, clock.now() + INTERVAL);
    }
    expect(alertsFor(core, a!, HEALTHY)).toHaveLength(1);
    // B's plan fills while B is active: its alert comes too, once.
    sims[1]!.admin.setUsage(HEALTHY, { usedBytes: 196 * GB });
    expectOk(await core.call('profiles.switch', { id: c }));
    await runUntil(core, clock.now() + 2 * INTERVAL);
    expect(alertsFor(core, b!, HEALTHY)).toHaveLength(1);
  });

  it("one profile's panel down: it keeps its last data with the reason; the others refresh", async () => {
    const core = await rig();
    const [a, b, c] = await signInAll(core);
    const known = (await data(core)).profiles.find((p) => p.id === b)!;
    sims[1]!.admin.setFault('*', { kind: 'http500' });
    const before = [accountRequests(sims[0]!), accountRequests(sims[2]!)];
    await runUntil(core, clock.now() + 2 * INTERVAL);
    expect([accountRequests(sims[0]!), accountRequests(sims[2]!)]).toEqual(before.map((n) => n + 2));
    const overview = (await data(core)).profiles;
    const down = overview.find((p) => p.id === b)!;
    expect(down.snapshot?.services).toEqual(known.snapshot?.services);
    expect(down.fetchedAt).toBe(known.fetchedAt);
    expect(down.stale).toBe(true);
    expect(down.error?.kind).toBe('http');
    for (const id of [a, c]) {
      const up = overview.find((p) => p.id === id)!;
      expect(up).toMatchObject({ stale: false, error: null });
      expect(up.fetchedAt).toBeGreaterThan(known.fetchedAt!);
    }
    // The tray still lists B's plans (its last known lines) and says why they are old.
    const tray = core.trays.at(-1)!;
    expect(tray.services.filter((s) => s.profileId === b)).toHaveLength(3);
    expect(tray.profiles.find((p) => p.id === b)?.note).toMatch(/^Last refresh failed: /);
    expect(tray.profiles.find((p) => p.id === a)?.note).toBeNull();
  });

  it('the tray says when a profile has no data yet, and why when its first refresh failed', async () => {
    const lines = (core: CoreRig, name: string) => {
      const group = trayMenu(core.trays.at(-1)!).find(
        (e): e is Extract<TrayMenuEntry, { type: 'item' }> => e.type === 'item' && e.label.startsWith(name),
      );
      return (group?.submenu ?? []).flatMap((e) => (e.type === 'item' && !e.enabled ? [e.label] : []));
    };
    const first = await rig();
    await signInDemo(first, sims[0]!, { displayName: 'A' });
    await first.idle();
    const b = (await signInDemo(first, sims[1]!, { displayName: 'B' })).profileId;
    // Signed in, its first refresh not run yet: no data yet (not "No services").
    expect(first.trays.at(-1)!.profiles.find((p) => p.id === b)).toMatchObject({
      hasData: false,
      note: null,
    });
    expect(lines(first, 'B')).toEqual(['No data yet']);
    await first.idle();
    await first.dispose();
    while (virtual.next()) virtual.fire(virtual.next()!);

    // Started again without its cache, B's panel failing: why it has no data.
    rmSync(join(dir, 'cache.json'));
    sims[1]!.admin.setFault('*', { kind: 'http500' });
    const second = await rig();
    await second.idle();
    await runUntil(second, clock.now() + INTERVAL);
    const failed = second.trays.at(-1)!.profiles.find((p) => p.id === b)!;
    expect(failed.hasData).toBe(false);
    expect(failed.note).toMatch(/^Not updated: The panel at .* had an error/);
    expect(lines(second, 'B')).toEqual([failed.note]);
  });

  it('a profile\'s own interval, and "watch" off, change its schedule alone', async () => {
    const core = await rig();
    const [a, b, c] = await signInAll(core);
    expectOk(await core.call('profiles.update', { id: a, refreshMinutes: 60 }));
    expectOk(await core.call('profiles.update', { id: b, watch: false }));
    const profiles = expectOk(await core.call<ProfilesState>('profiles.list')).profiles;
    expect(profiles.map((p) => [p.watch, p.refreshMinutes])).toEqual([
      [true, 60],
      [false, null],
      [true, null],
    ]);
    const before = sims.map(accountRequests);
    await runUntil(core, clock.now() + 4 * INTERVAL);
    // An hour: A once (its own hour), B not at all (not watched, not active), C every 15 minutes.
    expect(sims.map(accountRequests).map((n, i) => n - before[i]!)).toEqual([1, 0, 4]);
    const overview = (await data(core)).profiles;
    expect(overview.map((p) => [p.id, p.watched])).toEqual([
      [a, true],
      [b, false],
      [c, true],
    ]);
    // B keeps its last data, shown as it was.
    expect(overview[1]!.snapshot).not.toBeNull();
  });

  it('the status socket answers for every watched profile, a signed-out one with its reason', async () => {
    const core = await rig();
    const [a, b, c] = await signInAll(core);
    expectOk(await core.call('auth.signOut'));
    const shown = core.core.statusProfiles();
    expect(shown.map((p) => [p.id, p.name, p.snapshot !== null, p.error?.reason ?? null])).toEqual([
      [a, 'A', true, null],
      [b, 'B', true, null],
      [c, 'C', true, 'signedOut'],
    ]);
    const thresholds = {
      trafficPercent: DEFAULT_SETTINGS.trafficThresholds,
      daysLeft: DEFAULT_SETTINGS.expiryThresholds,
    };
    const line = JSON.parse(printedStatus('--waybar', shown, thresholds, clock.now())) as { tooltip: string };
    for (const name of ['A:', 'B:', 'C:']) expect(line.tooltip).toContain(name);
  });

  it('a restart shows every profile from the cache at once and repeats no alert', async () => {
    const first = await rig();
    const [a, b] = await signInAll(first);
    sims[0]!.admin.setUsage(HEALTHY, { usedBytes: 196 * GB });
    await runUntil(first, clock.now() + INTERVAL);
    expect(alertsFor(first, a!, HEALTHY)).toHaveLength(1);
    const shown = (await data(first)).profiles.map((p) => [p.id, p.fetchedAt]);
    await first.dispose();
    while (virtual.next()) virtual.fire(virtual.next()!);

    const second = await rig();
    // Before any request: every profile's last data, from the cache.
    const cached = (await data(second)).profiles;
    expect(cached.map((p) => [p.id, p.fetchedAt])).toEqual(shown);
    expect(cached.every((p) => p.snapshot !== null)).toBe(true);
    await second.idle();
    await runUntil(second, clock.now() + 2 * INTERVAL);
    expect(second.notifications.filter((n) => n.serviceId === HEALTHY)).toEqual([]);
    // Both alerts fired before the restart (B's 90 % plan, A's filled one) stay fired.
    expect(second.notifications.filter((n) => n.profileId === b)).toEqual([]);
  });
});
