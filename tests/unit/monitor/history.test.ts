// Usage history: per-day accumulation, gaps, resets that lower usage, the 180-day bound, time zones.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { UsageHistory } from '../../../src/main/monitor/history';
import {
  HISTORY_DAYS,
  dailyUse,
  dayNumber,
  emptyHistory,
  localDate,
  parseHistory,
  recordUsage,
} from '../../../src/main/monitor/history';
import { DAY, GB, HOUR, T0, makeService, makeSnapshot } from '../../support/service';

const TZ = 'UTC';
const record = (history: UsageHistory, used: number, at: number, extra = {}) =>
  recordUsage(history, makeSnapshot([makeService({ usedBytes: used, ...extra })], at), at, TZ);

describe('recordUsage / dailyUse', () => {
  it('accumulates a day from its observations and starts a new record each local day', () => {
    let h = emptyHistory();
    h = record(h, 10 * GB, T0 + 1 * HOUR);
    h = record(h, 11 * GB, T0 + 2 * HOUR);
    h = record(h, 13 * GB, T0 + 5 * HOUR);
    h = record(h, 14 * GB, T0 + DAY + 1 * HOUR);
    expect(dailyUse(h, 4)).toEqual([
      { date: '2025-03-01', usedBytes: 13 * GB, deltaBytes: 3 * GB, coveredMs: 4 * HOUR },
      { date: '2025-03-02', usedBytes: 14 * GB, deltaBytes: 1 * GB, coveredMs: 20 * HOUR },
    ]);
  });

  it('a gap lands on the day the app sees again, with the whole gap as covered time', () => {
    let h = emptyHistory();
    h = record(h, 10 * GB, T0 + 12 * HOUR);
    h = record(h, 16 * GB, T0 + 3 * DAY + 12 * HOUR);
    expect(dailyUse(h, 4).map((d) => [d.date, d.deltaBytes, d.coveredMs])).toEqual([
      ['2025-03-01', 0, 0],
      ['2025-03-04', 6 * GB, 3 * DAY],
    ]);
  });

  it('a reset, renewal or top-up that lowers usage never gives negative use', () => {
    let h = emptyHistory();
    h = record(h, 90 * GB, T0 + 1 * HOUR);
    h = record(h, 95 * GB, T0 + 2 * HOUR);
    h = record(h, 2 * GB, T0 + 3 * HOUR); // reset to 0, then 2 GB used since
    h = record(h, 3 * GB, T0 + 4 * HOUR);
    expect(dailyUse(h, 4)).toEqual([
      { date: '2025-03-01', usedBytes: 3 * GB, deltaBytes: 5 * GB + 2 * GB + 1 * GB, coveredMs: 3 * HOUR },
    ]);
  });

  it('recording the same or an older snapshot again changes nothing', () => {
    let h = record(emptyHistory(), 10 * GB, T0 + HOUR);
    h = record(h, 12 * GB, T0 + 2 * HOUR);
    expect(record(h, 12 * GB, T0 + 2 * HOUR)).toEqual(h);
    expect(record(h, 11 * GB, T0 + HOUR)).toEqual(h);
  });

  it('keeps at most 180 days, dropping the oldest, for every service', () => {
    let h = emptyHistory();
    for (let day = 0; day < 400; day += 1) {
      const at = T0 + day * DAY + 12 * HOUR;
      h = recordUsage(
        h,
        makeSnapshot(
          [makeService({ id: 1, usedBytes: day * GB }), ...(day < 10 ? [makeService({ id: 2 })] : [])],
          at,
        ),
        at,
        TZ,
      );
    }
    const days = dailyUse(h, 1);
    expect(days).toHaveLength(HISTORY_DAYS);
    const today = localDate(T0 + 399 * DAY, TZ);
    expect(days[days.length - 1]?.date).toBe(today);
    expect(dayNumber(days[0]!.date)).toBe(dayNumber(today) - (HISTORY_DAYS - 1));
    expect(days.every((d) => d.deltaBytes === GB)).toBe(true);
    expect(h.services['2']).toBeUndefined(); // gone from the panel and aged out
    expect(JSON.parse(JSON.stringify(h))).toEqual(h); // plain JSON
  });

  it('dates follow the given time zone', () => {
    const at = Date.UTC(2025, 2, 1, 22, 0);
    expect(localDate(at, 'UTC')).toBe('2025-03-01');
    expect(localDate(at, 'Asia/Tehran')).toBe('2025-03-02');
    expect(localDate(at, 'America/Los_Angeles')).toBe('2025-03-01');
    const h = recordUsage(emptyHistory(), makeSnapshot([makeService()], at), at, 'Asia/Tehran');
    expect(dailyUse(h, 4)[0]?.date).toBe('2025-03-02');
  });

  it('holds its invariants over arbitrary observation sequences', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ hours: fc.integer({ min: 0, max: 24 * 20 }), used: fc.integer({ min: 0, max: 500 }) }),
          { maxLength: 80 },
        ),
        (steps) => {
          let h = emptyHistory();
          let at = T0;
          for (const step of steps) {
            at += step.hours * HOUR;
            h = record(h, step.used * GB, at);
          }
          const days = dailyUse(h, 4);
          expect(days.length).toBeLessThanOrEqual(HISTORY_DAYS);
          for (let i = 0; i < days.length; i += 1) {
            expect(days[i]!.deltaBytes).toBeGreaterThanOrEqual(0);
            expect(days[i]!.coveredMs).toBeGreaterThanOrEqual(0);
            if (i > 0) expect(days[i]!.date > days[i - 1]!.date).toBe(true);
          }
          if (days.length > 0) {
            expect(dayNumber(days[0]!.date)).toBeGreaterThan(dayNumber(localDate(at, TZ)) - HISTORY_DAYS);
          }
        },
      ),
    );
  });

  it('parseHistory keeps sound records and drops junk', () => {
    const good = { date: '2025-03-01', usedBytes: 1, totalBytes: 2, deltaBytes: 1, coveredMs: 5, at: 9 };
    expect(parseHistory(undefined)).toEqual(emptyHistory());
    expect(
      parseHistory({
        version: 1,
        services: { '4': [good, { date: 'x' }, { ...good, deltaBytes: -1 }], '5': 'nope' },
      }),
    ).toEqual({ version: 1, services: { '4': [good] } });
  });
});
