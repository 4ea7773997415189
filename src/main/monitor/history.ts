// Daily usage history per service, as plain JSON the app keeps in its store: one record per
// service and local date, updated on every refresh, bounded to HISTORY_DAYS. It feeds the usage
// chart and the run-out forecast. Pure: every function returns a new value.
//
// How a day's use is counted: each refresh is an observation (usedBytes at fetchedAt). The step
// from the previous observation adds `used - previousUsed` to the day of the new observation,
// and the time between them to that day's `coveredMs`. When usage goes *down* (a traffic reset,
// a renewal or a top-up that zeroes the counter) the step adds `used`: the counter restarted from
// zero, so what it shows now was used since. Use is never negative. A gap (app closed for three
// days) lands on the day the app sees again, with three days of `coveredMs`, so a rate computed as
// bytes / covered time stays right (see forecast.ts).
import type { Snapshot } from '../../shared/domain';
import { wallClock } from '../time-zones';
import { storedServiceEntries } from './stored';

export const HISTORY_DAYS = 180;
const DAY_MS = 86_400_000;

export interface UsageDay {
  /** Local date, 'YYYY-MM-DD'. */
  date: string;
  /** Last observed used traffic of the day. */
  usedBytes: number;
  /** Last observed total (plan size) of the day. */
  totalBytes: number;
  /** Traffic used, attributed to this day (never negative). */
  deltaBytes: number;
  /** Time the delta was measured over (sum of steps between observations ending this day). */
  coveredMs: number;
  /** Time of the day's last observation (epoch ms). */
  at: number;
}

export interface UsageHistory {
  version: 1;
  /** Service id (as a string key) -> days, oldest first, one per date. */
  services: Record<string, UsageDay[]>;
}

export interface DailyUse {
  date: string;
  usedBytes: number;
  deltaBytes: number;
  coveredMs: number;
}

export function emptyHistory(): UsageHistory {
  return { version: 1, services: {} };
}

/** Accept whatever the store gave back (old, missing, hand-edited) and keep only sound records. */
export function parseHistory(value: unknown): UsageHistory {
  const history = emptyHistory();
  for (const [id, days] of storedServiceEntries(value)) {
    if (!Array.isArray(days)) continue;
    const clean = days.filter(isUsageDay).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    if (clean.length > 0) history.services[id] = clean;
  }
  return history;
}

function isUsageDay(value: unknown): value is UsageDay {
  if (typeof value !== 'object' || value === null) return false;
  const day = value as Record<string, unknown>;
  return (
    typeof day.date === 'string' &&
    /^\d{4}-\d{2}-\d{2}$/.test(day.date) &&
    [day.usedBytes, day.totalBytes, day.deltaBytes, day.coveredMs, day.at].every(
      (n) => typeof n === 'number' && Number.isFinite(n) && n >= 0,
    )
  );
}

const two = (n: number): string => String(n).padStart(2, '0');

/** The local calendar date of `time` in `timeZone` (default: the system's), as 'YYYY-MM-DD'. */
export function localDate(time: number, timeZone?: string): string {
  const { year, month, day } = wallClock(time, timeZone);
  return `${String(year).padStart(4, '0')}-${two(month)}-${two(day)}`;
}

/** Whole days since 1970-01-01 for a 'YYYY-MM-DD' date (calendar arithmetic, no time zone). */
export function dayNumber(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Math.round(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / DAY_MS);
}

/**
 * Record the snapshot's usage. The observation time is `snapshot.fetchedAt` (recording the same
 * snapshot twice, e.g. a cached one after a restart, changes nothing); `now` sets the retention
 * window: days older than HISTORY_DAYS before today are dropped, for every service.
 */
export function recordUsage(
  history: UsageHistory,
  snapshot: Snapshot,
  now: number,
  timeZone?: string,
): UsageHistory {
  const at = snapshot.fetchedAt;
  const services: Record<string, UsageDay[]> = { ...history.services };
  const date = localDate(at, timeZone);

  for (const service of snapshot.services) {
    const used = service.usedBytes;
    if (!Number.isFinite(used) || used < 0) continue;
    const total = Number.isFinite(service.totalBytes) && service.totalBytes > 0 ? service.totalBytes : 0;
    const key = String(service.id);
    const days = services[key] ?? [];
    const last = days[days.length - 1];
    if (last && at <= last.at) continue; // older or same observation: nothing new

    let delta = 0;
    let covered = 0;
    if (last) {
      delta = used >= last.usedBytes ? used - last.usedBytes : used;
      covered = at - last.at;
    }
    if (last && last.date === date) {
      services[key] = [
        ...days.slice(0, -1),
        {
          date,
          usedBytes: used,
          totalBytes: total,
          deltaBytes: last.deltaBytes + delta,
          coveredMs: last.coveredMs + covered,
          at,
        },
      ];
    } else if (last && last.date > date) {
      // The clock or time zone went backwards: fold into the latest day rather than reorder.
      services[key] = [
        ...days.slice(0, -1),
        { ...last, usedBytes: used, totalBytes: total, deltaBytes: last.deltaBytes + delta, at },
      ];
    } else {
      services[key] = [
        ...days,
        { date, usedBytes: used, totalBytes: total, deltaBytes: delta, coveredMs: covered, at },
      ];
    }
  }

  const oldest = dayNumber(localDate(now, timeZone)) - (HISTORY_DAYS - 1);
  for (const [key, days] of Object.entries(services)) {
    let firstKept = 0;
    while (firstKept < days.length && dayNumber(days[firstKept]!.date) < oldest) firstKept += 1;
    const kept = firstKept > 0 ? days.slice(firstKept) : days;
    // Also bound by count, in case dates came from a clock far in the future.
    const bounded = kept.length > HISTORY_DAYS ? kept.slice(kept.length - HISTORY_DAYS) : kept;
    if (bounded.length === 0) delete services[key];
    else services[key] = bounded;
  }
  return { version: 1, services };
}

/** The service's daily use, oldest first, for the chart and the forecast. */
export function dailyUse(history: UsageHistory, serviceId: number | string): DailyUse[] {
  const days = history.services[String(serviceId)] ?? [];
  return days.map((day) => ({
    date: day.date,
    usedBytes: day.usedBytes,
    deltaBytes: day.deltaBytes,
    coveredMs: day.coveredMs,
  }));
}
