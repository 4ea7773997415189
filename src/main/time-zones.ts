// Time zones with Intl alone (no date library): the wall clock an instant shows in a zone, a zone's
// offset, and a wall-clock time in a zone back to an instant. The panel's dates are read with these
// (sources/xmplus/normalize/dates.ts), and the usage history names its local days with them.

// Keyed by the zone's name; undefined is the machine's zone.
const formatters = new Map<string | undefined, Intl.DateTimeFormat>();

/** One cached formatter per zone; throws a RangeError for an unknown zone. */
function zoneFormatter(timeZone?: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    zoneFormatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

export function machineTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export interface WallClock {
  year: number;
  /** 1-12. */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** What a clock in `timeZone` (default: the machine's) shows at the instant `epochMs`. */
export function wallClock(epochMs: number, timeZone?: string): WallClock {
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const part of zoneFormatter(timeZone).formatToParts(new Date(epochMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** Offset of the zone from UTC at an instant, in ms (east positive). */
export function zoneOffsetMs(epochMs: number, timeZone: string): number {
  const wall = wallClock(epochMs, timeZone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return asUtc - (epochMs - (((epochMs % 1000) + 1000) % 1000));
}

/**
 * Wall-clock time in a zone -> epoch ms. In a DST gap the time is read with the offset from before
 * the gap (so it lands after it); in an overlap the earlier instant wins.
 */
export function zonedTimeToEpoch(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  timeZone: string,
): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const offsetA = zoneOffsetMs(wall - 86_400_000 / 2, timeZone);
  const offsetB = zoneOffsetMs(wall + 86_400_000 / 2, timeZone);
  const candidates = [wall - offsetA, wall - offsetB].filter((t) => zoneOffsetMs(t, timeZone) === wall - t);
  if (candidates.length > 0) return Math.min(...candidates);
  return wall - offsetA;
}
