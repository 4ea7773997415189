// Polling schedule for the monitor: one refresh at a time, a steady interval when things work,
// exponential backoff with full jitter when they do not, and immediate refreshes on resume from
// sleep, when the network comes back, and on request. Plain Node: timers and clock are injected so
// the Electron shell, the CLI, tests (fake timers) and the bench all drive the same code.
//
// Retry policy (decided here, see `retryDelayMs`):
//   after the n-th consecutive failure the next attempt waits
//     ceiling = min(backoff.maxMs, backoff.baseMs * 2^(n-1), intervalMs())
//     delay   = max(backoff.minMs, random() * ceiling)          ("full jitter")
//   so retries spread out instead of hitting a struggling panel in lockstep, and a failure never
//   makes the app check *less* often than it would when all is well (the interval is a cap too:
//   with the window open, 5 min). One success resets the count and the normal interval applies.
import type { AppError, Result } from '../../shared/errors';
import { appError, fail, toAppError } from '../../shared/errors';
import { realTimers, type Timers } from '../timers';

export const DEFAULT_INTERVAL_MS = 15 * 60_000;
export const WINDOW_OPEN_INTERVAL_MS = 5 * 60_000;
export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 30_000, maxMs: 30 * 60_000, minMs: 1_000 };

export type RefreshReason =
  'start' | 'interval' | 'retry' | 'manual' | 'resume' | 'online' | 'interval-changed';

export type SchedulerTimers = Timers;

export interface BackoffOptions {
  /** Ceiling of the first retry's delay. */
  baseMs: number;
  /** Absolute ceiling of any retry's delay (the interval caps it too). */
  maxMs: number;
  /** Floor, so a jitter draw near 0 cannot turn into a tight retry loop. */
  minMs?: number;
}

export interface SchedulerOptions<T> {
  /** Told why it runs: a manual refresh asks the panel for more than a timed one. */
  refresh: (reason: RefreshReason) => Promise<Result<T>>;
  /** Read on every scheduling decision, so settings changes apply at the next one. */
  intervalMs?: () => number;
  timers?: SchedulerTimers;
  now?: () => number;
  /** Uniform in [0, 1); injectable for tests. */
  random?: () => number;
  backoff?: Partial<BackoffOptions>;
  /**
   * Where in each interval this schedule's steady refreshes fall (ms after a multiple of the
   * interval), or null for anywhere. Several profiles' schedulers get phases apart, so that they
   * never refresh in one burst; a steady wait is then between half and one and a half intervals.
   */
  phase?: (intervalMs: number) => number | null;
}

/** The first time at or after `from` that falls on `phase` within an interval. */
export function nextSlot(from: number, intervalMs: number, phase: number): number {
  const offset = (((phase - from) % intervalMs) + intervalMs) % intervalMs;
  return from + offset;
}

export interface SchedulerState {
  /** Started and not stopped (signed in). */
  active: boolean;
  /** A refresh is in flight. */
  running: boolean;
  /** Why the current (or last) refresh ran. */
  reason: RefreshReason | null;
  lastOkAt: number | null;
  /** When the last refresh ended, successful or not. */
  lastAttemptAt: number | null;
  /** The last failure; cleared by a success. */
  lastError: AppError | null;
  consecutiveFailures: number;
  /** When the next timed refresh is due; null while stopped or while a refresh runs. */
  nextAt: number | null;
}

export type SchedulerListener = (state: Readonly<SchedulerState>) => void;

export interface Scheduler<T> {
  /**
   * Start polling (after sign-in). Refreshes at once, or after `delayMs` (profiles starting together
   * take turns), or not before the next interval with `immediate: false`.
   */
  start(options?: { immediate?: boolean; delayMs?: number }): void;
  /** Pause polling (sign-out). A refresh in flight finishes but schedules nothing. */
  stop(): void;
  /** Refresh now, or join the refresh already running. Fails with kind `state` while stopped. */
  refreshNow(reason?: RefreshReason): Promise<Result<T>>;
  /** The machine woke up: the timer may be far behind, refresh at once (or after `delayMs`). */
  onResume(delayMs?: number): void;
  /** The network came back: refresh at once (joins a running refresh), or after `delayMs`. */
  onOnline(delayMs?: number): void;
  /** `intervalMs()` changed (window opened or closed, settings): reschedule from the last attempt. */
  setIntervalChanged(): void;
  readonly state: Readonly<SchedulerState>;
  /** Called on every state change; returns the unsubscribe function. */
  subscribe(listener: SchedulerListener): () => void;
}

/** The delay before retry number `failures` (1-based); exported for tests and documentation. */
export function retryDelayMs(
  failures: number,
  intervalMs: number,
  backoff: BackoffOptions,
  draw: number,
): number {
  const exponent = Math.min(Math.max(failures - 1, 0), 40);
  const ceiling = Math.min(backoff.maxMs, backoff.baseMs * 2 ** exponent, intervalMs);
  const floor = Math.min(backoff.minMs ?? 0, ceiling);
  const jitter = Math.min(Math.max(draw, 0), 1);
  return Math.max(floor, Math.floor(jitter * ceiling));
}

export function createScheduler<T>(options: SchedulerOptions<T>): Scheduler<T> {
  const timers = options.timers ?? realTimers;
  const now = options.now ?? (() => Date.now());
  const random = options.random ?? Math.random;
  const backoff: BackoffOptions = { ...DEFAULT_BACKOFF, ...options.backoff };
  const readInterval = (): number => {
    const value = options.intervalMs?.() ?? DEFAULT_INTERVAL_MS;
    // A broken setting must not turn into a busy loop.
    return Number.isFinite(value) && value >= 1_000 ? value : DEFAULT_INTERVAL_MS;
  };

  const state: SchedulerState = {
    active: false,
    running: false,
    reason: null,
    lastOkAt: null,
    lastAttemptAt: null,
    lastError: null,
    consecutiveFailures: 0,
    nextAt: null,
  };
  const listeners = new Set<SchedulerListener>();
  let timer: unknown = null;
  let inFlight: Promise<Result<T>> | null = null;
  /** The delay chosen after the last attempt (interval or jittered retry), kept for rescheduling. */
  let retryDelay: number | null = null;
  /** start() after a stop() while the old refresh still ran: that result belongs to the old session. */
  let refreshAgainAfterCurrent = false;

  const emit = (): void => {
    const view = { ...state };
    for (const listener of listeners) {
      try {
        listener(view);
      } catch {
        // A listener's bug must not break polling.
      }
    }
  };

  const clearTimer = (): void => {
    if (timer !== null) {
      timers.clearTimeout(timer);
      timer = null;
    }
  };

  const scheduleFrom = (base: number): void => {
    clearTimer();
    if (!state.active) {
      state.nextAt = null;
      return;
    }
    const interval = readInterval();
    const delay = state.consecutiveFailures > 0 ? Math.min(retryDelay ?? interval, interval) : interval;
    const phase = state.consecutiveFailures > 0 ? null : (options.phase?.(interval) ?? null);
    const at = phase === null ? base + delay : nextSlot(base + interval / 2, interval, phase);
    const wait = Math.max(0, at - now());
    state.nextAt = now() + wait;
    const reason: RefreshReason = state.consecutiveFailures > 0 ? 'retry' : 'interval';
    timer = timers.setTimeout(() => {
      timer = null;
      void run(reason);
    }, wait);
  };

  /** A delayed refresh is waiting for its turn: a change of interval must not push it back. */
  let turnPending = false;

  /** A refresh for `reason` after `delayMs` (0: now). */
  const runIn = (reason: RefreshReason, delayMs: number): void => {
    if (delayMs <= 0 || inFlight) {
      void run(reason);
      return;
    }
    clearTimer();
    state.nextAt = now() + delayMs;
    turnPending = true;
    timer = timers.setTimeout(() => {
      timer = null;
      void run(reason);
    }, delayMs);
    emit();
  };

  const run = (reason: RefreshReason): Promise<Result<T>> => {
    if (inFlight) return inFlight;
    clearTimer();
    turnPending = false;
    state.running = true;
    state.reason = reason;
    state.nextAt = null;
    emit();
    const attempt = (async (): Promise<Result<T>> => {
      let result: Result<T>;
      try {
        result = await options.refresh(reason);
      } catch (thrown) {
        result = fail(toAppError(thrown));
      }
      const endedAt = now();
      state.lastAttemptAt = endedAt;
      if (result.ok) {
        state.lastOkAt = endedAt;
        state.lastError = null;
        state.consecutiveFailures = 0;
        retryDelay = null;
      } else {
        state.lastError = result.error;
        state.consecutiveFailures += 1;
        retryDelay = retryDelayMs(state.consecutiveFailures, readInterval(), backoff, random());
      }
      state.running = false;
      inFlight = null;
      if (refreshAgainAfterCurrent && state.active) {
        refreshAgainAfterCurrent = false;
        void run('start');
        return result;
      }
      refreshAgainAfterCurrent = false;
      scheduleFrom(endedAt);
      emit();
      return result;
    })();
    inFlight = attempt;
    return attempt;
  };

  return {
    start({ immediate = true, delayMs = 0 } = {}) {
      if (state.active) return;
      state.active = true;
      if (inFlight) {
        refreshAgainAfterCurrent = true;
        emit();
        return;
      }
      if (immediate) {
        runIn('start', delayMs);
      } else {
        scheduleFrom(state.lastAttemptAt ?? now());
        emit();
      }
    },
    stop() {
      if (!state.active) return;
      state.active = false;
      refreshAgainAfterCurrent = false;
      turnPending = false;
      clearTimer();
      state.nextAt = null;
      emit();
    },
    refreshNow(reason = 'manual') {
      if (!state.active) {
        return Promise.resolve(
          fail(appError('state', 'Sign in to refresh: monitoring is paused while signed out.')),
        );
      }
      return run(reason);
    },
    onResume(delayMs = 0) {
      if (state.active) runIn('resume', delayMs);
    },
    onOnline(delayMs = 0) {
      if (state.active) runIn('online', delayMs);
    },
    setIntervalChanged() {
      if (!state.active || state.running || turnPending) return;
      // Measured from the last attempt: shortening 15 -> 5 min after 7 min of quiet refreshes now.
      scheduleFrom(state.lastAttemptAt ?? now());
      emit();
    },
    get state() {
      return { ...state };
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
