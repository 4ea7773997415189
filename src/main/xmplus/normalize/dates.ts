// Panel dates to epoch ms: wall-clock text read in the panel's time zone (Intl only, no date library),
// unix times in seconds or ms, and the empty or zero dates panels print for "none".
import { asciiDigits } from './values';

export interface NormalizeContext {
  /** IANA zone the panel writes its dates in. */
  timeZone: string;
  /** The clock (epoch ms) that far-future expiry dates are measured from; Date.now by default. */
  now?: () => number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
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

/** Offset of the zone from UTC at an instant, in ms (east positive). */
export function zoneOffsetMs(epochMs: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of zoneFormatter(timeZone).formatToParts(new Date(epochMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const asUtc = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
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

/**
 * A panel date to epoch ms: "YYYY-MM-DD HH:mm[:ss]" (or with "T", or date only) read in the panel's
 * zone; a unix time in seconds or ms as a number; null for "", "0000-00-00..." and unreadable text.
 */
export function parsePanelDate(value: unknown, timeZone: string): number | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number' || (typeof value === 'string' && /^\s*\d{9,13}\s*$/.test(value))) {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0) return null;
    return n < 1e11 ? n * 1000 : n;
  }
  if (typeof value !== 'string') return null;
  const text = asciiDigits(value).trim();
  const match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?/.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year === 0 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  const [hour, minute, second] = [Number(match[4] ?? 0), Number(match[5] ?? 0), Number(match[6] ?? 0)];
  if (/(Z|[+-]\d{2}:?\d{2})$/.test(text)) {
    const direct = Date.parse(text.replace(' ', 'T'));
    if (Number.isFinite(direct)) return direct;
  }
  return zonedTimeToEpoch(year, month, day, hour, minute, second, timeZone);
}

const YEAR_MS = 365.25 * 86_400_000;
/** Later than this many years ahead, an expiry date stands for "never" (panels print 2099 or 2220). */
export const NO_EXPIRY_AFTER_YEARS = 10;

/** Words panels put in an expiry field for a plan that never ends ("Never", "永久", "نامحدود", ...). */
const NEVER_WORDS =
  /^(?:never|lifetime|life\s*time|forever|permanent|unlimited|no\s*expir\w*|∞|-1|永久|永不过期|永不到期|无限期|不限|無限|نامحدود|بدون\s*انقضا|بدون\s*تاریخ\s*انقضا|دائمی|همیشگی|бессрочн\w*|навсегда|без\s*срока|не\s*ограничен\w*)$/i;

/**
 * An expiry date, or null for a plan with none: empty or zero dates, the words panels use for
 * "never", the 32-bit end of time (2038-01-19), and dates more than NO_EXPIRY_AFTER_YEARS away.
 */
export function parseExpiry(value: unknown, ctx: NormalizeContext): number | null {
  if (typeof value === 'string' && NEVER_WORDS.test(asciiDigits(value).trim())) return null;
  const at = parsePanelDate(value, ctx.timeZone);
  if (at === null) return null;
  if (Math.floor(at / 1000) === 2_147_483_647) return null;
  const now = (ctx.now ?? Date.now)();
  return at - now > NO_EXPIRY_AFTER_YEARS * YEAR_MS ? null : at;
}
