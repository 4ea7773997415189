// Pure, locale-aware formatting for the window: dates, relative time and countdowns, beside the
// shared core's interpolation, plurals, numbers and sizes. No React here, so unit tests can reach it.
import { formatNumber, type LocaleCode } from '../../../shared/i18n';

export {
  formatNumber,
  formatSize as formatBytes,
  interpolate,
  placeholders,
  SIZE_UNITS,
} from '../../../shared/i18n';

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
