// The polling scheduler on vitest fake timers: interval, backoff with jitter bounds and cap,
// no overlapping refreshes, resume/online/manual refreshes, pause while signed out.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import type { Result } from '../../../src/shared/errors';
import { appError, fail, ok } from '../../../src/shared/errors';
import {
  DEFAULT_BACKOFF,
  createScheduler,
  nextSlot,
  retryDelayMs,
} from '../../../src/main/monitor/scheduler';
import { expectErr } from '../../support/expect';

const MIN = 60_000;

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

const failure = (): Result<number> => fail(appError('network', 'Could not reach the panel.'));

beforeEach(() => {
  vi.useFakeTimers({ now: Date.UTC(2025, 0, 1) });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createScheduler', () => {
  it('refreshes on start and then every interval', async () => {
    const refresh = vi.fn(async () => ok(1));
    const scheduler = createScheduler({ refresh, intervalMs: () => 15 * MIN });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(scheduler.state.lastOkAt).toBe(Date.now());
    expect(scheduler.state.nextAt).toBe(Date.now() + 15 * MIN);

    await vi.advanceTimersByTimeAsync(15 * MIN - 1);
    expect(refresh).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(refresh).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(45 * MIN);
    expect(refresh).toHaveBeenCalledTimes(5);
    scheduler.stop();
  });

  it('start({ immediate: false }) waits one interval', async () => {
    const refresh = vi.fn(async () => ok(1));
    const scheduler = createScheduler({ refresh, intervalMs: () => 5 * MIN });
    scheduler.start({ immediate: false });
    await vi.advanceTimersByTimeAsync(5 * MIN - 1);
    expect(refresh).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(refresh).toHaveBeenCalledTimes(1);
    scheduler.stop();
  });

  it('never runs two refreshes at once: refreshNow joins the running one', async () => {
    const gate = deferred<Result<number>>();
    let concurrent = 0;
    let maxConcurrent = 0;
    const refresh = vi.fn(async () => {
      concurrent += 1;
      maxConcurrent = Math.max(maxConcurrent, concurrent);
      const result = await gate.promise;
      concurrent -= 1;
      return result;
    });
    const scheduler = createScheduler({ refresh });
    scheduler.start();
    expect(scheduler.state.running).toBe(true);
    const a = scheduler.refreshNow('manual');
    scheduler.onResume();
    scheduler.onOnline();
    const b = scheduler.refreshNow('manual');
    await vi.advanceTimersByTimeAsync(60 * MIN); // no timer may start a second one meanwhile
    expect(refresh).toHaveBeenCalledTimes(1);
    gate.resolve(ok(42));
    expect(await a).toEqual(ok(42));
    expect(await b).toEqual(ok(42));
    expect(maxConcurrent).toBe(1);
    expect(scheduler.state.running).toBe(false);
    scheduler.stop();
  });

  it('a manual refresh after the running one ends starts a new one and resets the timer', async () => {
    const refresh = vi.fn(async () => ok(1));
    const scheduler = createScheduler({ refresh, intervalMs: () => 15 * MIN });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(10 * MIN);
    await scheduler.refreshNow();
    expect(refresh).toHaveBeenCalledTimes(2);
    expect(scheduler.state.nextAt).toBe(Date.now() + 15 * MIN);
    await vi.advanceTimersByTimeAsync(14 * MIN);
    expect(refresh).toHaveBeenCalledTimes(2);
    scheduler.stop();
  });

  it('backs off exponentially on failure, capped by maxMs and the interval, with the top jitter draw', async () => {
    const refresh = vi.fn(async () => failure());
    const scheduler = createScheduler({
      refresh,
      intervalMs: () => 60 * MIN,
      random: () => 0.999999,
      backoff: { baseMs: 30_000, maxMs: 30 * MIN, minMs: 1_000 },
    });
    scheduler.start();
    const delays: number[] = [];
    for (let i = 0; i < 9; i += 1) {
      await vi.advanceTimersByTimeAsync(0);
      const { nextAt, lastAttemptAt } = scheduler.state;
      delays.push((nextAt ?? 0) - (lastAttemptAt ?? 0));
      await vi.advanceTimersByTimeAsync((nextAt ?? 0) - Date.now());
    }
    const expected = [0.5, 1, 2, 4, 8, 16, 30, 30, 30].map((m) => Math.floor(0.999999 * m * MIN));
    expect(delays).toEqual(expected);
    expect(scheduler.state.consecutiveFailures).toBe(10);
    expect(scheduler.state.lastError?.kind).toBe('network');
    scheduler.stop();
  });

  it('never waits longer than the normal interval after a failure', async () => {
    const refresh = vi.fn(async () => failure());
    const scheduler = createScheduler({ refresh, intervalMs: () => 5 * MIN, random: () => 0.999999 });
    scheduler.start();
    for (let i = 0; i < 8; i += 1) {
      await vi.advanceTimersByTimeAsync(0);
      const { nextAt, lastAttemptAt } = scheduler.state;
      expect((nextAt ?? 0) - (lastAttemptAt ?? 0)).toBeLessThanOrEqual(5 * MIN);
      await vi.advanceTimersByTimeAsync((nextAt ?? 0) - Date.now());
    }
    scheduler.stop();
  });

  it('jitter stays within [min(minMs, ceiling), ceiling] for any draw', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.integer({ min: 1, max: 120 }),
        (failures, draw, intervalMinutes) => {
          const interval = intervalMinutes * MIN;
          const ceiling = Math.min(
            DEFAULT_BACKOFF.maxMs,
            DEFAULT_BACKOFF.baseMs * 2 ** Math.min(failures - 1, 40),
            interval,
          );
          const delay = retryDelayMs(failures, interval, DEFAULT_BACKOFF, draw);
          expect(delay).toBeGreaterThanOrEqual(Math.min(DEFAULT_BACKOFF.minMs ?? 0, ceiling));
          expect(delay).toBeLessThanOrEqual(ceiling);
        },
      ),
    );
    // The low end of the draw hits the floor, not zero.
    expect(retryDelayMs(3, 15 * MIN, DEFAULT_BACKOFF, 0)).toBe(1_000);
  });

  it('a success resets the backoff to the normal interval', async () => {
    let fails = 3;
    const refresh = vi.fn(async () => (fails-- > 0 ? failure() : ok(1)));
    const scheduler = createScheduler({ refresh, intervalMs: () => 15 * MIN, random: () => 0.5 });
    scheduler.start();
    for (let i = 0; i < 3; i += 1) {
      await vi.advanceTimersByTimeAsync(0);
      await vi.advanceTimersByTimeAsync((scheduler.state.nextAt ?? 0) - Date.now());
    }
    await vi.advanceTimersByTimeAsync(0);
    expect(refresh).toHaveBeenCalledTimes(4);
    expect(scheduler.state.consecutiveFailures).toBe(0);
    expect(scheduler.state.lastError).toBeNull();
    expect(scheduler.state.nextAt).toBe(Date.now() + 15 * MIN);
    scheduler.stop();
  });

  it('a thrown refresh counts as a failure with an internal error', async () => {
    const refresh = vi.fn(async (): Promise<Result<number>> => {
      throw new Error('boom');
    });
    const scheduler = createScheduler({ refresh });
    scheduler.start();
    const result = await scheduler.refreshNow();
    expectErr(result);
    expect(scheduler.state.lastError?.kind).toBe('internal');
    expect(scheduler.state.consecutiveFailures).toBe(1);
    scheduler.stop();
  });

  it('resume and online refresh at once', async () => {
    const refresh = vi.fn(async () => ok(1));
    const scheduler = createScheduler({ refresh, intervalMs: () => 15 * MIN });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(1 * MIN);
    expect(refresh).toHaveBeenCalledTimes(1);
    scheduler.onResume();
    await vi.advanceTimersByTimeAsync(0);
    expect(refresh).toHaveBeenCalledTimes(2);
    expect(scheduler.state.reason).toBe('resume');
    scheduler.onOnline();
    await vi.advanceTimersByTimeAsync(0);
    expect(refresh).toHaveBeenCalledTimes(3);
    expect(scheduler.state.reason).toBe('online');
    scheduler.stop();
  });

  it('stop pauses everything; start resumes with a refresh', async () => {
    const refresh = vi.fn(async () => ok(1));
    const scheduler = createScheduler({ refresh, intervalMs: () => 5 * MIN });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(0);
    scheduler.stop();
    expect(scheduler.state.active).toBe(false);
    expect(scheduler.state.nextAt).toBeNull();
    scheduler.onResume();
    scheduler.onOnline();
    scheduler.setIntervalChanged();
    await vi.advanceTimersByTimeAsync(120 * MIN);
    expect(refresh).toHaveBeenCalledTimes(1);
    const refused = await scheduler.refreshNow();
    expectErr(refused, 'state');
    expect(refresh).toHaveBeenCalledTimes(1);
    scheduler.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(refresh).toHaveBeenCalledTimes(2);
    scheduler.stop();
  });

  it('stop during a refresh schedules nothing; start meanwhile refreshes again after it', async () => {
    const gates = [deferred<Result<number>>(), deferred<Result<number>>()];
    let call = 0;
    const refresh = vi.fn(() => gates[call++]!.promise);
    const scheduler = createScheduler({ refresh, intervalMs: () => 5 * MIN });
    scheduler.start();
    scheduler.stop();
    scheduler.start(); // signed in again (maybe another account) while the old refresh still runs
    gates[0]!.resolve(ok(1));
    await vi.advanceTimersByTimeAsync(0);
    expect(refresh).toHaveBeenCalledTimes(2);
    gates[1]!.resolve(ok(2));
    await vi.advanceTimersByTimeAsync(0);
    expect(scheduler.state.nextAt).toBe(Date.now() + 5 * MIN);
    scheduler.stop();

    const gate = deferred<Result<number>>();
    const refresh2 = vi.fn(() => gate.promise);
    const s2 = createScheduler({ refresh: refresh2, intervalMs: () => 5 * MIN });
    s2.start();
    s2.stop();
    gate.resolve(ok(1));
    await vi.advanceTimersByTimeAsync(60 * MIN);
    expect(refresh2).toHaveBeenCalledTimes(1);
    expect(s2.state.nextAt).toBeNull();
  });

  it('a shorter interval applies from the last attempt', async () => {
    let interval = 15 * MIN;
    const refresh = vi.fn(async () => ok(1));
    const scheduler = createScheduler({ refresh, intervalMs: () => interval });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(2 * MIN);
    interval = 5 * MIN; // window opened 2 min after the last refresh
    scheduler.setIntervalChanged();
    expect(scheduler.state.nextAt).toBe(Date.now() + 3 * MIN);
    await vi.advanceTimersByTimeAsync(3 * MIN);
    expect(refresh).toHaveBeenCalledTimes(2);

    interval = 15 * MIN; // window closed
    scheduler.setIntervalChanged();
    await vi.advanceTimersByTimeAsync(7 * MIN);
    interval = 5 * MIN; // reopened 7 min after the last refresh: overdue, refresh now
    scheduler.setIntervalChanged();
    await vi.advanceTimersByTimeAsync(0);
    expect(refresh).toHaveBeenCalledTimes(3);
    scheduler.stop();
  });

  it('tells subscribers about every state change until they unsubscribe', async () => {
    const refresh = vi.fn(async () => ok(1));
    const scheduler = createScheduler({ refresh });
    const seen: boolean[] = [];
    const unsubscribe = scheduler.subscribe((state) => seen.push(state.running));
    scheduler.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toEqual([true, false]);
    unsubscribe();
    await scheduler.refreshNow();
    expect(seen).toEqual([true, false]);
    scheduler.stop();
  });
});

describe('phases and turns (several profiles)', () => {
  it('nextSlot: the first time at or after a moment that falls on the phase', () => {
    expect(nextSlot(0, 15 * MIN, 5 * MIN)).toBe(5 * MIN);
    expect(nextSlot(5 * MIN, 15 * MIN, 5 * MIN)).toBe(5 * MIN);
    expect(nextSlot(5 * MIN + 1, 15 * MIN, 5 * MIN)).toBe(20 * MIN);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 40 }),
        fc.integer({ min: 0, max: 15 * MIN - 1 }),
        (from, phase) => {
          const at = nextSlot(from, 15 * MIN, phase);
          return at >= from && at - from < 15 * MIN && at % (15 * MIN) === phase;
        },
      ),
    );
  });

  it('with a phase, steady refreshes fall on it: between half and one and a half intervals apart', async () => {
    const interval = 15 * MIN;
    const times: number[] = [];
    const refresh = vi.fn(async () => {
      times.push(Date.now());
      return ok(1);
    });
    const scheduler = createScheduler({ refresh, intervalMs: () => interval, phase: () => 10 * MIN });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(4 * interval);
    scheduler.stop();
    // The start at once, then every refresh on the phase.
    expect(times[0]).toBe(Date.UTC(2025, 0, 1));
    for (const at of times.slice(1)) expect(at % interval).toBe(10 * MIN);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(interval / 2);
    expect(times[1]! - times[0]!).toBeLessThan(1.5 * interval);
  });

  it('start({ delayMs }) waits its turn, and a change of interval does not push the turn back', async () => {
    const refresh = vi.fn(async () => ok(1));
    let interval = 15 * MIN;
    const scheduler = createScheduler({ refresh, intervalMs: () => interval });
    scheduler.start({ delayMs: 8_000 });
    expect(scheduler.state.nextAt).toBe(Date.now() + 8_000);
    interval = 5 * MIN;
    scheduler.setIntervalChanged();
    await vi.advanceTimersByTimeAsync(7_999);
    expect(refresh).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(scheduler.state.reason).toBe('start');
    scheduler.stop();
  });

  it('onResume(delayMs) refreshes after the delay, not at once', async () => {
    const refresh = vi.fn(async () => ok(1));
    const scheduler = createScheduler({ refresh, intervalMs: () => 15 * MIN });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(0);
    scheduler.onResume(4_000);
    await vi.advanceTimersByTimeAsync(3_999);
    expect(refresh).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(refresh).toHaveBeenCalledTimes(2);
    expect(scheduler.state.reason).toBe('resume');
    scheduler.stop();
  });
});
