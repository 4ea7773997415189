// A plain-Node rig around the composed core for resilience and audit tests: a recording Platform
// (clipboard, notifications, tray, events), file or memory stores, an injectable clock and secret
// backend, the router, and a recorder for unhandled rejections. Mirrors what the Electron shell
// wires in src/main/electron/main.ts, minus the desktop.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core } from '../../src/main/core';
import type { Timers } from '../../src/main/timers';
import { createRouter, type Router } from '../../src/main/router';
import { UNBRANDED, type ProviderConfig } from '../../src/main/provider';
import type { NativeNotification, Platform, TrayState } from '../../src/main/platform';
import { memoryStore, openFileStore, type KeyValueStore } from '../../src/main/settings/store';
import { memoryBackend, type SecretBackend } from '../../src/main/session/secrets';
import type { DataState, EventName } from '../../src/shared/contract';
import { ok, type AppError, type ErrorKind, type Result } from '../../src/shared/errors';

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

export interface RigOptions {
  /** Folder for config.json / cache.json; a fresh temp folder by default. Ignored with `memory`. */
  dir?: string;
  /** In-memory stores instead of files. */
  memory?: boolean;
  secrets?: SecretBackend;
  provider?: ProviderConfig;
  now?: () => number;
  /** The OS locale the shell reports (Platform.app.locale); 'en-US' by default. */
  locale?: string;
  /** Start the core (accounts.init) before returning; default true. */
  start?: boolean;
  /** The desktop's system proxy answer for a URL (Platform.resolveProxy); none by default. */
  resolveProxy?: Platform['resolveProxy'];
  /** What the core schedules with (createCore's `timers`); the real timers by default. */
  timers?: Timers;
  /** The core's jitter source (createCore's `random`); Math.random by default. */
  random?: () => number;
}

export interface CoreRig {
  core: Core;
  router: Router;
  platform: Platform;
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
   * Settles once no refresh runs, as the core's own 'data' events tell (at once when none does).
   * Panel I/O is real even when the clock is not, so tests on virtual time wait for it here.
   */
  idle(): Promise<void>;
  /** Calls `listener` with every event the core emits from now on; returns the unsubscribe. */
  onEvent(listener: (event: EventName, payload: unknown) => void): () => void;
  dispose(): Promise<void>;
}

export interface PlatformRecorder {
  platform: Platform;
  dir: string;
  clipboard: string[];
  notifications: NativeNotification[];
  trays: TrayState[];
  events: { event: EventName; payload: unknown }[];
  movedAside: string[];
  /** How many times the core asked the app to quit. */
  quits: { count: number };
  /** Calls `listener` with every event the core emits from now on; returns the unsubscribe. */
  onEvent(listener: (event: EventName, payload: unknown) => void): () => void;
}

/** A desktop Platform that records what the core asks of the desktop. */
export function makePlatform(options: Omit<RigOptions, 'start'> = {}): PlatformRecorder {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'xmplus-resilience-'));
  const clipboard: string[] = [];
  const notifications: NativeNotification[] = [];
  const trays: TrayState[] = [];
  const events: CoreRig['events'] = [];
  const movedAside: string[] = [];
  const quits = { count: 0 };
  const listeners = new Set<(event: EventName, payload: unknown) => void>();

  let settingsStore: KeyValueStore;
  let cacheStore: KeyValueStore;
  if (options.memory) {
    settingsStore = memoryStore();
    cacheStore = memoryStore();
  } else {
    const settings = openFileStore(join(dir, 'config.json'));
    const cache = openFileStore(join(dir, 'cache.json'));
    settingsStore = settings.store;
    cacheStore = cache.store;
    for (const file of [settings.movedAside, cache.movedAside]) if (file) movedAside.push(file);
  }
  const exportDir = join(dir, 'exports');
  const platform: Platform = {
    app: { name: 'xmplus-tray', version: '0.1.0', platform: 'linux', locale: options.locale ?? 'en-US' },
    provider: options.provider ?? UNBRANDED,
    settingsStore,
    cacheStore,
    secrets: options.secrets ?? memoryBackend(),
    secretsNotice: null,
    movedAside,
    emit: (event, payload) => {
      events.push({ event, payload });
      for (const listener of [...listeners]) listener(event, payload);
    },
    openExternal: async () => ok({ opened: true as const }),
    writeClipboard: async (text) => {
      clipboard.push(text);
      return ok({ copied: true as const });
    },
    openLogFolder: async () => ok({ opened: true as const }),
    quit: () => void (quits.count += 1),
    chooseFolder: async () => {
      mkdirSync(exportDir, { recursive: true });
      return exportDir;
    },
    notify: (n) => void notifications.push(n),
    setStartAtLogin: async () => undefined,
    updateTray: (state) => void trays.push(state),
    ...(options.resolveProxy ? { resolveProxy: options.resolveProxy } : {}),
    now: options.now ?? (() => Date.now()),
  };
  const onEvent = (listener: (event: EventName, payload: unknown) => void) => {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  };
  return { platform, dir, clipboard, notifications, trays, events, movedAside, quits, onEvent };
}

export async function makeCoreRig(options: RigOptions = {}): Promise<CoreRig> {
  const recorder = makePlatform(options);
  const { platform, dir, clipboard, notifications, trays, events, movedAside } = recorder;
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
    dir,
    clipboard,
    notifications,
    trays,
    events,
    internalErrors,
    handlerRuns,
    movedAside,
    call: (channel, input = {}) => router.dispatch(channel, input) as never,
    onEvent: recorder.onEvent,
    idle: () => {
      const refreshing = (payload: unknown) => (payload as DataState).monitor.refreshing;
      const last = events.findLast((e) => e.event === 'data');
      if (!last || !refreshing(last.payload)) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const stop = recorder.onEvent((event, payload) => {
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

/** Every string in an AppError a person or a log could see. */
export function errorText(error: AppError): string {
  return JSON.stringify(error);
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
