// Text helpers of the share-link codec: percent- and base64-decoding that never throws, encoding
// that survives lone surrogates, ports, lists and the many spellings of "true".

export function decodePart(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw; // a stray '%' in a remark is text, not an error
  }
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function decodeBase64Text(raw: string): string | null {
  const cleaned = raw.replace(/\s+/g, '').replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  if (cleaned === '' || !/^[A-Za-z0-9+/]+$/.test(cleaned) || cleaned.length % 4 === 1) return null;
  try {
    // Fatal: bytes that are not UTF-8 mean this was not base64 text at all, while a real U+FFFD
    // in a remark (it is a character like any other) must survive.
    return STRICT_UTF8.decode(Buffer.from(cleaned, 'base64'));
  } catch {
    return null;
  }
}

export const base64Url = (text: string): string =>
  Buffer.from(wellFormed(text), 'utf8').toString('base64url');

/** Lone surrogates (seen in panel JSON) would make encodeURIComponent throw. */
export function wellFormed(text: string): string {
  return text.replace(/\p{Cs}/gu, '\uFFFD');
}
export const enc = (text: string): string => encodeURIComponent(wellFormed(text));

/** `host` ready for a URL authority: IPv6 gets its brackets. */
export function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

const TRUE_WORDS = new Set(['1', 'true', 'yes', 'on']);
export function truthy(value: string | number | boolean | null | undefined): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  return typeof value === 'string' && TRUE_WORDS.has(value.trim().toLowerCase());
}

/** The parts of a comma-separated value (alpn, a tcp http host or path), trimmed, empty ones dropped. */
export function splitList(value: string): string[] {
  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

export function parsePort(raw: string): number | null {
  if (!/^\d{1,5}$/.test(raw)) return null;
  const port = Number(raw);
  return port >= 1 && port <= 65535 ? port : null;
}
