// Reading untyped YAML / JSON objects (a Clash proxy, a sing-box outbound) without trusting their
// shape: every getter answers a plain value or a default, never throws.

export type Plain = Record<string, unknown>;

export const isPlain = (value: unknown): value is Plain =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function text(obj: Plain, ...keys: string[]): string {
  for (const key of keys) {
    const value = obj[key];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  }
  return '';
}

/** A remark keeps its inner spaces; only the ends are trimmed. */
export function name(obj: Plain, ...keys: string[]): string {
  for (const key of keys) {
    const value = obj[key];
    if (typeof value === 'string') return value.trim();
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  }
  return '';
}

export function flag(obj: Plain, key: string): boolean {
  const value = obj[key];
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  return typeof value === 'string' && ['1', 'true', 'yes', 'on'].includes(value.trim().toLowerCase());
}

export function child(obj: Plain, key: string): Plain {
  const value = obj[key];
  return isPlain(value) ? value : {};
}

/** A list of strings, or a comma-separated string, as a list. */
export function list(obj: Plain, key: string): string[] {
  const value = obj[key];
  if (Array.isArray(value))
    return value.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim());
  if (typeof value === 'string')
    return value
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v !== '');
  return [];
}

/** The first string of a list or the string itself (Clash writes `path: ['/x']` in http-opts). */
export function first(obj: Plain, key: string): string {
  return list(obj, key)[0] ?? '';
}

/** A port from a number or a numeric string; null when it is not one port in 1..65535. */
export function port(obj: Plain, ...keys: string[]): number | null {
  for (const key of keys) {
    const value = obj[key];
    const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : NaN;
    if (Number.isInteger(n) && n >= 1 && n <= 65535) return n;
  }
  return null;
}

/** A header value from `{ Host: 'a' }` or `{ host: ['a'] }`, any case. */
export function header(headers: Plain, name: string): string {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name) continue;
    if (typeof value === 'string') return value.trim();
    if (Array.isArray(value) && typeof value[0] === 'string') return value[0].trim();
  }
  return '';
}
