// Scalar readers for the panels' loosely typed fields: text, numbers (Persian digits, thousands
// separators), booleans, sizes to bytes (1 GB = 1024^3), money to { amount, currency, text }, IP limits,
// and the label tables that map a panel's words onto a small closed set.
import type { IpLimit, Money } from '../../../../shared/domain';

/** Persian / Arabic-Indic digits (and the Arabic separators ٬ ٫) to ASCII, so "۲۳ روز" reads like "23 روز". */
export function asciiDigits(text: string): string {
  return text
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/\u066C/g, ',')
    .replace(/\u066B/g, '.');
}

export function toText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

/** A number from a number or numeric string ("4", " 0.00", "1,234.5"); null when there is none. */
export function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value !== 'string') return null;
  const text = asciiDigits(value)
    .trim()
    .replace(/,(?=\d{3}(\D|$))/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(text)) return null;
  return Number(text);
}

export function toInt(value: unknown, fallback = 0): number {
  const n = toNumber(value);
  return n === null ? fallback : Math.trunc(n);
}

export function toBool(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') return /^(1|true|yes|on|enabled?)$/i.test(value.trim());
  return false;
}

const UNIT_POWER: Record<string, number> = { '': 0, B: 0, K: 1, M: 2, G: 3, T: 4, P: 5, E: 6 };

/**
 * "150 GB" -> bytes. Units B, K(B), M(B), G(B), T(B), P(B), also "GiB" and bare "G"; all binary
 * (1 GB = 1024^3), as the panels compute them. A bare number is bytes. Null when unreadable.
 */
export function parseBytes(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.round(value) : null;
  if (typeof value !== 'string') return null;
  const text = asciiDigits(value).trim();
  const match = /^(-?\d+(?:[.,]\d+)?)\s*([KMGTPE]?)(?:i?B|i)?(?:ytes?)?$/i.exec(text);
  if (!match) return null;
  const amount = Number((match[1] ?? '').replace(',', '.'));
  const power = UNIT_POWER[(match[2] ?? '').toUpperCase()] ?? 0;
  if (!Number.isFinite(amount) || amount < 0) return null;
  return Math.round(amount * 1024 ** power);
}

/** What panels print as a traffic total for a plan without one ("Unlimited", "∞", "不限", "نامحدود"). */
const UNLIMITED_WORDS =
  /^(?:unlimited|no\s*limit|∞|-1|不限|不限量|无限|无限制|無限|نامحدود|بدون\s*محدودیت|безлимит\w*|без\s*ограничений|не\s*ограничен\w*)$/i;

/** A plan's traffic total in bytes; 0 for a plan without one (zero, missing or "Unlimited"). */
export function parseTrafficTotal(value: unknown): number {
  if (typeof value === 'string' && UNLIMITED_WORDS.test(asciiDigits(value).trim())) return 0;
  if (typeof value === 'number' && value < 0) return 0;
  return parseBytes(value) ?? 0;
}

/**
 * The number in a money amount with its separators: "1,234.50", "1.234,50", "1,500,000", "1.500.000",
 * "49,00", "1 500 000" and "1'500" (spaces and apostrophes are removed before). The last of two
 * different separators is the decimal one; one kind repeated is a thousands separator.
 */
function amountDigits(raw: string): number | null {
  const lastDot = raw.lastIndexOf('.');
  const lastComma = raw.lastIndexOf(',');
  let digits: string;
  if (lastDot >= 0 && lastComma >= 0) {
    digits = lastDot > lastComma ? raw.replace(/,/g, '') : raw.replace(/\./g, '').replace(',', '.');
  } else if (lastComma >= 0) {
    // "49,00" is a decimal comma; "1,500" and "1,500,000" group thousands.
    digits = /^\d+,\d{1,2}$/.test(raw) ? raw.replace(',', '.') : raw.replace(/,/g, '');
  } else {
    digits = (raw.match(/\./g) ?? []).length > 1 ? raw.replace(/\./g, '') : raw;
  }
  if (!/^\d*\.?\d+$/.test(digits)) return null;
  const n = Number(digits);
  return Number.isFinite(n) ? n : null;
}

/** "$ 49.00 " / "¥ 509.07 " / "49.00" + "USD" / "USD 49.00" / "49,00 €" -> Money. */
export function parseMoney(value: unknown, currency = ''): Money | null {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    const text = currency ? `${value.toFixed(2)} ${currency}` : value.toFixed(2);
    return { amount: value, currency, text };
  }
  if (typeof value !== 'string') return null;
  const text = asciiDigits(value).replace(/\s+/g, ' ').trim();
  if (!text) return null;
  const match = /(-?)\s*(\d[\d,.'’\s]*\d|\d|[.]\d+)/.exec(text);
  if (!match) return null;
  const digits = amountDigits((match[2] ?? '').replace(/[\s'’]/g, ''));
  if (digits === null) return null;
  const negative = match[1] === '-' || text.startsWith('-');
  const amount = digits * (negative ? -1 : 1);
  if (!Number.isFinite(amount)) return null;
  const symbol = (text.slice(0, match.index) + ' ' + text.slice(match.index + match[0].length))
    .replace(/[-\s]+/g, ' ')
    .trim();
  const cur = symbol || currency.trim();
  return { amount, currency: cur, text: symbol ? text : cur ? `${text} ${cur}` : text };
}

/** "0/2" -> { online 0, limit 2 }; 2 or "2" -> { online 0, limit 2 }; "" -> null. */
export function parseIpLimit(value: unknown): IpLimit | null {
  if (typeof value === 'number')
    return Number.isFinite(value) ? { online: 0, limit: Math.max(0, Math.trunc(value)) } : null;
  if (typeof value !== 'string') return null;
  const text = asciiDigits(value).trim();
  const pair = /^(\d+)\s*\/\s*(\d+)$/.exec(text);
  if (pair) return { online: Number(pair[1]), limit: Number(pair[2]) };
  if (/^\d+$/.test(text)) return { online: 0, limit: Number(text) };
  return null;
}

/** A label reduced to what distinguishes it: case, spacing, ZWNJ, dashes and end punctuation dropped. */
export function labelKey(label: string): string {
  return label
    .normalize('NFKC')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/(?:\s|\u200c|\u200d|_|-)+/g, '')
    .replace(/[.!。]+$/, '');
}

/**
 * Reads a status from its label: each status with the labels panels print for it (compared by
 * labelKey, so case and spacing do not matter); any other label is 'unknown'. The label comes back
 * as the panel printed it, for display.
 */
export function statusReader<T extends string>(
  labels: Partial<Record<T, readonly string[]>>,
): (label: unknown) => { status: T | 'unknown'; statusLabel: string } {
  const table = new Map<string, T>();
  for (const [status, words] of Object.entries(labels) as [T, readonly string[]][]) {
    for (const word of words) table.set(labelKey(word), status);
  }
  return (label) => {
    const statusLabel = toText(label);
    return { status: table.get(labelKey(statusLabel)) ?? 'unknown', statusLabel };
  };
}

export function speedText(value: unknown): string {
  // package/info gives a bare number of Mb/s where lists give "100 Mb/s"; 0 means no limit.
  if (typeof value === 'number') return value > 0 ? `${value} Mb/s` : '';
  return toText(value);
}
