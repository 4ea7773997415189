// Text helpers of the share-link codec: percent- and base64-decoding that never throws, encoding
// that survives lone surrogates, server hosts, ports, lists and the many spellings of "true".
import { isIPv4, isIPv6 } from 'node:net';
import { domainToASCII } from 'node:url';

export function decodePart(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw; // a stray '%' in a remark is text, not an error
  }
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Standard or URL-safe base64, padded or not, line breaks allowed; null when it is not UTF-8 text. */
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

/** One DNS label: letters, digits, hyphens inside; underscores too, as some providers' names have them. */
const LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;

/**
 * A server's host as the model keeps it: a host name (IDN in its ASCII form, lower case), an IPv4
 * address, or an IPv6 address without brackets (brackets are accepted around it); null for anything
 * else. A panel's address is percent-decoded from its link, so without this "%0A" or a space in it
 * would add lines to link and base64 exports, or dress a placeholder up past the pseudo-server filter.
 */
export function normalizeHost(raw: string): string | null {
  const bare = raw.startsWith('[') && raw.endsWith(']') ? raw.slice(1, -1) : raw;
  if (bare === '' || bare.length > 253) return null;
  if (bare.includes(':')) {
    // No zone id ("%eth0"): it names an interface of the panel's machine, not of the user's.
    return isIPv6(bare) && !bare.includes('%') ? bare.toLowerCase() : null;
  }
  if (isIPv4(bare)) return bare;
  // Only the characters a name can have (before IDN conversion): no spaces, controls, '%', '/', '@'...
  if (/[\s\p{C}%/\\@?#[\]<>"'`{}|^]/u.test(bare)) return null;
  const ascii = domainToASCII(bare).toLowerCase();
  if (ascii === '') return null;
  const labels = ascii.replace(/\.$/, '').split('.');
  if (!labels.every((label) => LABEL.test(label))) return null;
  // A name whose last label is a number is a malformed IPv4 address ("1.2.3", "10.0.0.256").
  if (/^\d+$/.test(labels[labels.length - 1] ?? '')) return null;
  return ascii;
}

/** `host` ready for a URL authority: IPv6 gets its brackets; anything else that is not a host is percent-encoded. */
export function hostForUrl(host: string): string {
  const checked = normalizeHost(host);
  if (checked === null) return encodeURIComponent(wellFormed(host));
  return checked.includes(':') ? `[${checked}]` : checked;
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
