// Run-out forecast from recent daily use: when the traffic left runs out at the recent rate, and
// whether that comes before the plan renews (expiry) or its traffic resets. Pure.
//
// The maths. Take the most recent `windowDays` (7) days of history that measured something
// (coveredMs > 0) and lie within `lookbackDays` (28) of the observation; older use says little
// about this week. Each day i carries the bytes used, d_i, and the time they were measured over,
// c_i (see history.ts: a day after a gap carries the whole gap). The rate is
//
//     r = (Σ d_i) / (Σ c_i)            bytes per ms;  bytesPerDay = r · 86 400 000
//
// i.e. total use over total measured time, not a mean of daily figures, so a partly observed day
// (today, or the first day) and a multi-day gap weigh exactly as much as the time they cover.
// With R = max(0, total − used) bytes left at the observation time t:
//
//     runOutAt = t + R / r                         (none when r = 0 or the plan has no size)
//     renewsAt = min(expiresAt, t + resetInDays · 1 day)   (whichever is known and in the future)
//     daysEarly = (renewsAt − runOutAt) / 1 day    when runOutAt < renewsAt, else null
//     warning   = daysEarly ≥ minDaysEarly (1)     a few hours early is noise, not news
//
// Fewer than `minCoveredMs` (12 h) of measurement gives the rate but no run-out date. Traffic
// already gone (R = 0) gives runOutAt = t and no warning: the 100 % traffic alert says that.
import type { Service, Snapshot } from '../../shared/domain';
import type { DailyUse, UsageHistory } from './history';
import { dailyUse, dayNumber } from './history';

const DAY_MS = 86_400_000;

export interface ForecastOptions {
  windowDays?: number;
  lookbackDays?: number;
  minCoveredMs?: number;
  minDaysEarly?: number;
}

export interface Forecast {
  serviceId: number;
  /** Recent average use; 0 when nothing was measured. */
  bytesPerDay: number;
  /** When the traffic left runs out at that rate; null when it never does or data is too thin. */
  runOutAt: number | null;
  /** The next renewal: expiry or traffic reset, whichever comes first; null when neither is known. */
  renewsAt: number | null;
  renewsBy: 'expiry' | 'reset' | null;
  /** Days between run-out and renewal when run-out comes first; otherwise null. */
  daysEarly: number | null;
  warning: boolean;
  /** How much time the rate was measured over (ms). */
  basisMs: number;
}

export function usageRate(
  days: readonly DailyUse[],
  options: Pick<ForecastOptions, 'windowDays' | 'lookbackDays'> = {},
): { bytesPerMs: number; basisMs: number } {
  const windowDays = options.windowDays ?? 7;
  const lookbackDays = options.lookbackDays ?? 28;
  const measured = days.filter((day) => day.coveredMs > 0);
  const latest = measured[measured.length - 1];
  if (!latest) return { bytesPerMs: 0, basisMs: 0 };
  const oldest = dayNumber(latest.date) - (lookbackDays - 1);
  const recent = measured.filter((day) => dayNumber(day.date) >= oldest).slice(-windowDays);
  let bytes = 0;
  let covered = 0;
  for (const day of recent) {
    bytes += Math.max(0, day.deltaBytes);
    covered += day.coveredMs;
  }
  return { bytesPerMs: covered > 0 ? bytes / covered : 0, basisMs: covered };
}

/** Forecast one service from its daily use, as observed at `at` (the snapshot's fetchedAt). */
export function forecastService(
  days: readonly DailyUse[],
  service: Pick<Service, 'id' | 'totalBytes' | 'usedBytes' | 'expiresAt' | 'resetInDays'>,
  at: number,
  options: ForecastOptions = {},
): Forecast {
  const minCoveredMs = options.minCoveredMs ?? 12 * 3_600_000;
  const minDaysEarly = options.minDaysEarly ?? 1;
  const { bytesPerMs, basisMs } = usageRate(days, options);

  let renewsAt: number | null = null;
  let renewsBy: Forecast['renewsBy'] = null;
  if (service.expiresAt !== null && service.expiresAt > at) {
    renewsAt = service.expiresAt;
    renewsBy = 'expiry';
  }
  if (service.resetInDays !== null && service.resetInDays >= 0) {
    const resetAt = at + service.resetInDays * DAY_MS;
    if (renewsAt === null || resetAt < renewsAt) {
      renewsAt = resetAt;
      renewsBy = 'reset';
    }
  }

  const base: Forecast = {
    serviceId: service.id,
    bytesPerDay: bytesPerMs * DAY_MS,
    runOutAt: null,
    renewsAt,
    renewsBy,
    daysEarly: null,
    warning: false,
    basisMs,
  };
  if (!(service.totalBytes > 0)) return base;
  const remaining = Math.max(0, service.totalBytes - service.usedBytes);
  if (remaining === 0) return { ...base, runOutAt: at };
  if (bytesPerMs <= 0 || basisMs < minCoveredMs) return base;

  const runOutAt = at + remaining / bytesPerMs;
  const daysEarly = renewsAt !== null && runOutAt < renewsAt ? (renewsAt - runOutAt) / DAY_MS : null;
  return { ...base, runOutAt, daysEarly, warning: daysEarly !== null && daysEarly >= minDaysEarly };
}

/** Forecasts for every service of the snapshot, keyed by service id. */
export function forecastAll(
  history: UsageHistory,
  snapshot: Snapshot,
  options: ForecastOptions = {},
): Record<string, Forecast> {
  const result: Record<string, Forecast> = {};
  for (const service of snapshot.services) {
    result[String(service.id)] = forecastService(
      dailyUse(history, service.id),
      service,
      snapshot.fetchedAt,
      options,
    );
  }
  return result;
}
