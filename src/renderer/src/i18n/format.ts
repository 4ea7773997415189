// Pure, locale-aware formatting: message interpolation and plurals, sizes (1024 base, as the
// panels count), numbers, dates and relative time. No React here, so unit tests can reach it.
import type { LocaleCode, Message, Vars } from './types';

const PLACEHOLDER = /\{(\w+)\}/g;

/** Placeholder names used by a message (all plural forms together), sorted and unique. */
export function placeholders(message: Message): string[] {
  const texts = typeof message === 'string' ? [message] : Object.values(message);
  const names = new Set<string>();
  for (const text of texts) for (const match of (text ?? '').matchAll(PLACEHOLDER)) names.add(match[1] ?? '');
  return [...names].sort();
}

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: LocaleCode, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    numberFormats.set(key, format);
  }
  return format;
}

export function formatNumber(locale: LocaleCode, value: number, options?: Intl.NumberFormatOptions): string {
  return numberFormat(locale, options).format(value);
}

/** Fill a message: choose the plural form by `vars.count`, then replace {name} placeholders. */
export function interpolate(locale: LocaleCode, message: Message, vars: Vars = {}): string {
  let text: string;
  if (typeof message === 'string') {
    text = message;
  } else {
    const count = typeof vars.count === 'number' ? vars.count : 0;
    const rule = new Intl.PluralRules(locale).select(count);
    text = message[rule] ?? message.other;
  }
  return text.replace(PLACEHOLDER, (whole, name: string) => {
    const value = vars[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? formatNumber(locale, value) : value;
  });
}

export type SizeUnits = readonly [string, string, string, string, string];

/**
 * Bytes as "45.2 GB": 1024 base, one decimal from KB up (none below 10 KB would read oddly, so
 * we keep one unless the value is whole), digits as the locale writes them.
 */
export function formatBytes(locale: LocaleCode, bytes: number, units: SizeUnits): string {
  const safe = Number.isFinite(bytes) && bytes > 0 ? bytes : 0;
  let index = 0;
  let value = safe;
  while (value >= 1024 && index < units.length - 1) {
    value /= 1024;
    index += 1;
  }
  const digits = index === 0 ? 0 : 1;
  // Round first so that 1023.96 MB becomes "1 GB" rather than "1,024 MB".
  const rounded = Number(value.toFixed(digits));
  if (rounded >= 1024 && index < units.length - 1) {
    value = rounded / 1024;
    index += 1;
  }
  const number = formatNumber(locale, index === 0 ? Math.round(value) : value, {
    maximumFractionDigits: digits,
    minimumFractionDigits: 0,
  });
  return `${number} ${units[index]}`;
}

export function formatDate(
  locale: LocaleCode,
  epochMs: number,
  options?: Intl.DateTimeFormatOptions,
): string {
  return new Intl.DateTimeFormat(locale, options ?? { dateStyle: 'medium' }).format(epochMs);
}

export function formatDateTime(locale: LocaleCode, epochMs: number): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(epochMs);
}

const RELATIVE_STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 30],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
];

/** "12 minutes ago" / "in 3 days", for the locale; under 45 s reads as "now". */
export function formatRelative(locale: LocaleCode, epochMs: number, now: number): string {
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  let delta = (epochMs - now) / 1000;
  if (Math.abs(delta) < 45) return format.format(0, 'second');
  for (const [unit, size] of RELATIVE_STEPS) {
    if (Math.abs(delta) < size) return format.format(Math.round(delta), unit);
    delta /= size;
  }
  return format.format(Math.round(delta), 'year');
}

/** hh:mm:ss for a countdown, digits as the locale writes them. */
export function formatCountdown(locale: LocaleCode, ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const parts = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
  return parts
    .map((part) => formatNumber(locale, part, { minimumIntegerDigits: 2, useGrouping: false }))
    .join(':');
}
