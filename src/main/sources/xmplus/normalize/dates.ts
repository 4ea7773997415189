// Panel dates to epoch ms: wall-clock text read in the panel's time zone (Intl only, no date library),
// unix times in seconds or ms, and the empty or zero dates panels print for "none". The zone
// arithmetic itself is time-zones.ts's.
import { zonedTimeToEpoch } from '../../../time-zones';
import { asciiDigits } from './values';

export { isValidTimeZone, machineTimeZone, zoneOffsetMs, zonedTimeToEpoch } from '../../../time-zones';

export interface NormalizeContext {
  /** IANA zone the panel writes its dates in. */
  timeZone: string;
  /** The clock (epoch ms) that far-future expiry dates are measured from; Date.now by default. */
  now?: () => number;
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
