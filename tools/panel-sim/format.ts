// Value formatting the way an XMPlus (PHP) panel prints it: money, sizes, dates, limits.
// Every string the simulator puts on the wire for these values comes from this module.

export const GB = 1024 ** 3;
export const DAY_MS = 86_400_000;

export type FullBillingKey = 'month' | 'quater' | 'semiannual' | 'annual';
export type BillingKey = FullBillingKey | 'topup_traffic';

export const FULL_BILLING_KEYS: readonly FullBillingKey[] = ['month', 'quater', 'semiannual', 'annual'];

/** Days a paid cycle adds to a service (the API document's "Quaterly" service runs 90 days). */
export const CYCLE_DAYS: Record<FullBillingKey, number> = {
  month: 30,
  quater: 90,
  semiannual: 180,
  annual: 365,
};

/** The label account/info prints in `billing` (service/info prints the key itself). */
export const BILLING_LABELS: Record<BillingKey, string> = {
  month: 'Monthly',
  quater: 'Quaterly',
  semiannual: 'Semi-Annually',
  annual: 'Annually',
  topup_traffic: 'Topup Traffic',
};

export function isBillingKey(value: string): value is BillingKey {
  return value in BILLING_LABELS;
}

/** "30.00": the bare amount invoices and package/info print. */
export function formatAmount(cents: number): string {
  return (cents / 100).toFixed(2);
}

/** "$ 49.00 ": symbol, space, amount and the trailing space the panel's template leaves. */
export function formatMoney(cents: number, symbol = '$'): string {
  return `${symbol} ${formatAmount(cents)} `;
}

/** Parses "12.5", "$ 12.50 " or 12.5 into cents. */
export function parseMoneyToCents(value: string | number): number {
  const n = typeof value === 'number' ? value : Number(value.replace(/[^0-9.-]/g, ''));
  return Math.round(n * 100);
}

const SIZE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'] as const;

/**
 * "150 GB", "13.5 GB", "0 B": 1024-based units, rounded to 2 decimals with trailing zeros dropped,
 * as PHP's round() prints a float.
 */
export function formatSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes <= 0) return '0 B';
  const pow = Math.max(0, Math.min(Math.floor(Math.log(bytes) / Math.log(1024)), SIZE_UNITS.length - 1));
  const value = Math.round((bytes / 1024 ** pow) * 100) / 100;
  return `${String(value)} ${SIZE_UNITS[pow] ?? 'B'}`;
}

/** "0/2": devices online over the limit. */
export function formatIpLimit(online: number, limit: number): string {
  return `${online}/${limit}`;
}

/** "100 Mb/s"; 0 means no limit. */
export function formatSpeed(mbps: number): string {
  return mbps > 0 ? `${mbps} Mb/s` : 'Unlimited';
}

const dateFormatters = new Map<string, Intl.DateTimeFormat>();

/** "YYYY-MM-DD HH:mm" in the panel's time zone. */
export function formatDate(epochMs: number, timeZone: string): string {
  let fmt = dateFormatters.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    dateFormatters.set(timeZone, fmt);
  }
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    fmt.formatToParts(epochMs).find((p) => p.type === type)?.value ?? '00';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

/** Unix seconds, as `created` / `expire` / JWT claims carry them. */
export function unixSeconds(epochMs: number): number {
  return Math.floor(epochMs / 1000);
}
