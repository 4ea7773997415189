// A plain-Node rig around the composed core for resilience and audit tests: the recording desktop
// of ./platform (file or memory stores, an injectable clock and secret backend), the core on real or
// virtual timers, the router, and a recorder for unhandled rejections. Mirrors what the Electron
// shell wires in src/main/electron/main.ts, minus the desktop.
import { createCore, type Core } from '../../src/main/core';
import type { Timers } from '../../src/main/timers';
import { createRouter, type Router } from '../../src/main/router';
import type { NativeNotification, Platform, TrayState } from '../../src/main/platform';
import type { ChannelInput, DataState, EventName, ProfilesState } from '../../src/shared/contract';
import type { Snapshot } from '../../src/shared/domain';
import type { PanelSim } from '../../tools/panel-sim/index';
import { expectOk } from './expect';
import type { ErrorKind, Result } from '../../src/shared/errors';
import { makePlatform, type EventListener, type PlatformOptions, type TestDesktop } from './platform';

/** Every ErrorKind, checked against the type both ways so a new kind fails to compile here. */
export const ERROR_KINDS = [
  'network',
  'timeout',
  'http',
  'panel',
  'auth',
  'schema',
  'keychain',
  'validation',
  'state',
  'internal',
] as const satisfies readonly ErrorKind[];
type Missing = Exclude<ErrorKind, (typeof ERROR_KINDS)[number]>;
const exhaustive: Missing extends never ? true : never = true;
void exhaustive;

export interface RigOptions extends PlatformOptions {
  /** Start the core (accounts.init) before returning; default true. */
  start?: boolean;
  /** What the core schedules with (createCore's `timers`); the real timers by default. */
  timers?: Timers;
  /** The core's jitter source (createCore's `random`); Math.random by default. */
  random?: () => number;
}

export interface CoreRig {
  core: Core;
  router: Router;
  platform: Platform;
  /** The whole recording desktop (also what the fields below come from). */
  desktop: TestDesktop;
  dir: string;
  clipboard: string[];
  notifications: NativeNotification[];
  trays: TrayState[];
  events: { event: EventName; payload: unknown }[];
  /** Router-reported handler crashes (bugs): tests assert none. */
  internalErrors: { channel: string; error: unknown }[];
  /** How many times each channel's handler actually ran (validation passed and it was called). */
  handlerRuns: Map<string, number>;
  /** Where stores moved a damaged file, as the shell reports it. */
  movedAside: string[];
  call<T>(channel: string, input?: unknown): Promise<Result<T>>;
  /**
   * Settles once no refresh of any profile runs, as the core's own 'data' events tell (at once when
   * none does).
   * Panel I/O is real even when the clock is not, so tests on virtual time wait for it here.
   */
  idle(): Promise<void>;
  /** Calls `listener` with every event the core emits from now on; returns the unsubscribe. */
  onEvent(listener: EventListener): () => void;
  dispose(): Promise<void>;
}

export async function makeCoreRig(options: RigOptions = {}): Promise<CoreRig> {
  const desktop = makePlatform(options);
  const { platform, dir, clipboard, notifications, trays, events, movedAside } = desktop;
  const internalErrors: CoreRig['internalErrors'] = [];
  const core = createCore(platform, {
    ...(options.timers ? { timers: options.timers } : {}),
    ...(options.random ? { random: options.random } : {}),
  });
  if (options.start !== false) await core.start();
  const handlerRuns = new Map<string, number>();
  const counted = Object.fromEntries(
    Object.entries(core.handlers).map(([channel, handler]) => [
      channel,
      (input: never) => {
        handlerRuns.set(channel, (handlerRuns.get(channel) ?? 0) + 1);
        return (handler as (input: never) => unknown)(input);
      },
    ]),
  ) as unknown as Core['handlers'];
  const router = createRouter(counted, {
    onInternalError: (channel, error) => void internalErrors.push({ channel, error }),
  });
  let disposed = false;
  return {
    core,
    router,
    platform,
    desktop,
    dir,
    clipboard,
    notifications,
    trays,
    events,
    internalErrors,
    handlerRuns,
    movedAside,
    call: (channel, input = {}) => router.dispatch(channel, input) as never,
    onEvent: desktop.onEvent,
    idle: () => {
      // Any profile's refresh: every watched profile has its own schedule.
      const refreshing = (payload: unknown) => {
        const data = payload as DataState;
        return data.monitor.refreshing || data.profiles.some((p) => p.refreshing);
      };
      const last = events.findLast((e) => e.event === 'data');
      if (!last || !refreshing(last.payload)) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const stop = desktop.onEvent((event, payload) => {
          if (event !== 'data' || refreshing(payload)) return;
          stop();
          resolve();
        });
      });
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      await core.dispose();
    },
  };
}

export type SignInInput = ChannelInput<'auth.signIn'>;

/** The sign-in form filled in for the simulator's demo account (remembered); any field overridable. */
export function demoSignIn(sim: PanelSim, overrides: Partial<SignInInput> = {}): SignInInput {
  return {
    panelUrl: sim.url,
    apiKey: sim.apiKey,
    email: sim.demo.email,
    password: sim.demo.password,
    remember: true,
    ...overrides,
  };
}

export interface DemoSession {
  profiles: ProfilesState;
  /** The signed-in (active) profile. */
  profileId: string;
  /** The snapshot of a refresh after sign-in, when asked for (`refresh: true`); else null. */
  snapshot: Snapshot | null;
}

/**
 * Signs a rig in to the simulator's demo account through the router, as the form does, and fails
 * the test with the core's error when it cannot. With `refresh`, refreshes once and returns the
 * snapshot too.
 */
export async function signInDemo(
  rig: Pick<CoreRig, 'call'>,
  sim: PanelSim,
  options: Partial<SignInInput> & { refresh: true },
): Promise<DemoSession & { snapshot: Snapshot }>;
export async function signInDemo(
  rig: Pick<CoreRig, 'call'>,
  sim: PanelSim,
  options?: Partial<SignInInput> & { refresh?: boolean },
): Promise<DemoSession>;
export async function signInDemo(
  rig: Pick<CoreRig, 'call'>,
  sim: PanelSim,
  options: Partial<SignInInput> & { refresh?: boolean } = {},
): Promise<DemoSession> {
  const { refresh = false, ...overrides } = options;
  const profiles = expectOk(await rig.call<ProfilesState>('auth.signIn', demoSignIn(sim, overrides)));
  if (profiles.activeId === null) throw new Error('signed in, but no profile is active');
  if (!refresh) return { profiles, profileId: profiles.activeId, snapshot: null };
  const data = expectOk(await rig.call<DataState>('data.refresh'));
  if (!data.snapshot) throw new Error('refreshed, but there is no snapshot');
  return { profiles, profileId: profiles.activeId, snapshot: data.snapshot };
}

/** Records unhandled rejections (and uncaught exceptions) while installed. */
export function recordUnhandled(): { reasons: unknown[]; stop(): void } {
  const reasons: unknown[] = [];
  const onRejection = (reason: unknown) => void reasons.push(reason);
  const onException = (error: unknown) => void reasons.push(error);
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return {
    reasons,
    stop() {
      process.off('unhandledRejection', onRejection);
      process.off('uncaughtException', onException);
    },
  };
}

export interface VirtualTimer {
  id: number;
  /** When it is due, on the clock it was made with. */
  at: number;
  callback: () => void;
}

/**
 * Timers on a manual clock: nothing runs until the test fires it. `fire` moves the clock to the
 * timer's time first, as the passing of real time would.
 */
export function virtualTimers(clock: { now(): number; set(ms: number): void }) {
  const pending = new Map<number, VirtualTimer>();
  let nextId = 1;
  const timers: Timers = {
    setTimeout(callback, ms) {
      const id = nextId++;
      pending.set(id, { id, at: clock.now() + Math.max(0, ms), callback });
      return id;
    },
    clearTimeout(handle) {
      if (typeof handle === 'number') pending.delete(handle);
    },
  };
  return {
    timers,
    /** How many are scheduled and not yet fired or cleared. */
    get size() {
      return pending.size;
    },
    /** The one due first (the first scheduled among equals). */
    next(): VirtualTimer | undefined {
      return [...pending.values()].sort((a, b) => a.at - b.at || a.id - b.id)[0];
    },
    fire(timer: VirtualTimer) {
      if (!pending.delete(timer.id)) throw new Error(`timer ${timer.id} is not pending`);
      clock.set(Math.max(clock.now(), timer.at));
      timer.callback();
    },
  };
}

/** A manually advanced clock for platform.now and the simulator's `now`. */
export function manualClock(start = Date.UTC(2026, 0, 10, 9, 0, 0)) {
  let t = start;
  return {
    now: () => t,
    set(ms: number) {
      t = ms;
    },
    advance(ms: number) {
      t += ms;
    },
  };
}
