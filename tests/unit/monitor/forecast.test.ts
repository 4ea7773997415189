// The run-out forecast with exact numbers: rate over covered time, window, gaps, reset vs expiry.
import { describe, expect, it } from 'vitest';
import type { DailyUse } from '../../../src/main/monitor/history';
import { emptyHistory, recordUsage } from '../../../src/main/monitor/history';
import { forecastAll, forecastService, usageRate } from '../../../src/main/monitor/forecast';
import { DAY, GB, HOUR, T0, makeService, makeSnapshot } from '../../support/service';

/** Whole days of use, one per date from 2025-03-01. */
function days(deltasGB: number[], coveredDays: number[] = deltasGB.map(() => 1)): DailyUse[] {
  return deltasGB.map((delta, i) => ({
    date: new Date(T0 + i * DAY).toISOString().slice(0, 10),
    usedBytes: 0,
    deltaBytes: delta * GB,
    coveredMs: (coveredDays[i] ?? 1) * DAY,
  }));
}

const AT = T0 + 7 * DAY;

describe('forecastService', () => {
  it('2 GB a day with 20 GB left runs out in 10 days: 5 days before a 15-day expiry', () => {
    const f = forecastService(
      days([2, 2, 2, 2, 2, 2, 2]),
      makeService({ usedBytes: 80 * GB, totalBytes: 100 * GB, expiresAt: AT + 15 * DAY }),
      AT,
    );
    expect(f).toEqual({
      serviceId: 4,
      bytesPerDay: 2 * GB,
      runOutAt: AT + 10 * DAY,
      renewsAt: AT + 15 * DAY,
      renewsBy: 'expiry',
      daysEarly: 5,
      warning: true,
      basisMs: 7 * DAY,
    });
  });

  it('weighs days by covered time: a 3-day gap with 6 GB and a day with 2 GB give 2 GB a day', () => {
    expect(usageRate(days([6, 2], [3, 1]))).toEqual({ bytesPerMs: (8 * GB) / (4 * DAY), basisMs: 4 * DAY });
    // A half-observed day (today) counts for half: 1 GB in 12 h is 2 GB a day.
    const f = forecastService(
      days([2, 2, 1], [1, 1, 0.5]),
      makeService({ usedBytes: 90 * GB, expiresAt: null }),
      AT,
    );
    expect(f.bytesPerDay).toBe(2 * GB);
    expect(f.runOutAt).toBe(AT + 5 * DAY);
    expect(f.renewsAt).toBeNull();
    expect(f.daysEarly).toBeNull();
    expect(f.warning).toBe(false);
  });

  it('uses only the last 7 measured days, within 28 days of the latest', () => {
    // 3 heavy old days, then 7 days of 1 GB: only the 7 count.
    expect(usageRate(days([100, 100, 100, 1, 1, 1, 1, 1, 1, 1])).bytesPerMs * DAY).toBe(GB);
    // Unmeasured days (coveredMs 0) are skipped, not counted as zero use.
    expect(usageRate(days([4, 0, 4], [1, 0, 1])).bytesPerMs * DAY).toBe(4 * GB);
    // A day 40 days before the latest is outside the lookback.
    const stale: DailyUse[] = [
      { date: '2025-01-01', usedBytes: 0, deltaBytes: 50 * GB, coveredMs: DAY },
      { date: '2025-02-10', usedBytes: 0, deltaBytes: 3 * GB, coveredMs: DAY },
    ];
    expect(usageRate(stale).bytesPerMs * DAY).toBe(3 * GB);
  });

  it('the next traffic reset counts as renewal when it comes before expiry', () => {
    const f = forecastService(
      days([4, 4, 4, 4, 4, 4, 4]),
      makeService({ usedBytes: 80 * GB, expiresAt: AT + 30 * DAY, resetInDays: 8 }),
      AT,
    );
    expect(f.runOutAt).toBe(AT + 5 * DAY);
    expect(f.renewsAt).toBe(AT + 8 * DAY);
    expect(f.renewsBy).toBe('reset');
    expect(f.daysEarly).toBe(3);
    expect(f.warning).toBe(true);
  });

  it('no warning when the traffic lasts, or runs out less than a day early', () => {
    const lasts = forecastService(
      days([1, 1, 1, 1, 1, 1, 1]),
      makeService({ usedBytes: 50 * GB, expiresAt: AT + 20 * DAY }),
      AT,
    );
    expect(lasts.runOutAt).toBe(AT + 50 * DAY);
    expect(lasts.daysEarly).toBeNull();
    expect(lasts.warning).toBe(false);
    const close = forecastService(
      days([4, 4, 4, 4, 4, 4, 4]),
      makeService({ usedBytes: 80 * GB, expiresAt: AT + 5.5 * DAY }),
      AT,
    );
    expect(close.daysEarly).toBe(0.5);
    expect(close.warning).toBe(false);
  });

  it('too little measurement gives a rate but no run-out date', () => {
    const f = forecastService(
      days([1], [0.25]),
      makeService({ usedBytes: 99 * GB, expiresAt: AT + 20 * DAY }),
      AT,
    );
    expect(f.bytesPerDay).toBe(4 * GB);
    expect(f.runOutAt).toBeNull();
    expect(f.warning).toBe(false);
  });

  it('traffic already gone: run-out is now, no warning (the 100 % alert covers it); no size: nothing', () => {
    const gone = forecastService(
      days([5, 5, 5]),
      makeService({ usedBytes: 100 * GB, expiresAt: AT + 9 * DAY }),
      AT,
    );
    expect(gone.runOutAt).toBe(AT);
    expect(gone.warning).toBe(false);
    const unlimited = forecastService(days([5, 5, 5]), makeService({ totalBytes: 0, usedBytes: 7 * GB }), AT);
    expect(unlimited.bytesPerDay).toBe(5 * GB);
    expect(unlimited.runOutAt).toBeNull();
    expect(forecastService([], makeService(), AT)).toMatchObject({
      bytesPerDay: 0,
      runOutAt: null,
      basisMs: 0,
    });
  });
});

describe('forecastAll', () => {
  it('forecasts from recorded history: 0.5 GB every 6 h is 2 GB a day', () => {
    let h = emptyHistory();
    let at = T0;
    let used = 40 * GB;
    for (let i = 0; i <= 7 * 4; i += 1) {
      const snapshot = makeSnapshot([makeService({ usedBytes: used, expiresAt: T0 + 30 * DAY })], at);
      h = recordUsage(h, snapshot, at, 'UTC');
      at += 6 * HOUR;
      used += GB / 2;
    }
    const last = makeSnapshot(
      [makeService({ usedBytes: used - GB / 2, expiresAt: T0 + 30 * DAY })],
      at - 6 * HOUR,
    );
    const f = forecastAll(h, last)['4']!;
    expect(f.bytesPerDay).toBeCloseTo(2 * GB, 0);
    // 54 GB used after 7 days: 46 GB left at 2 GB a day lasts 23 days, right up to the expiry on day 30.
    expect(f.runOutAt).toBeCloseTo(T0 + 7 * DAY + 23 * DAY, -3);
    expect(f.warning).toBe(false);
  });
});
