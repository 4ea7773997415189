// What a subscription says about itself besides usage: its title, how often to fetch it, the
// provider's support and account pages, the next traffic reset and an announcement. Each comes
// from a header (the body's `#` meta lines fill the gaps, see body.ts). Sources per header are in
// docs/subscription-headers.md.

import { cleanText, decodeMaybeBase64, httpsUrl, type HeaderMap } from './headers';

export interface SubscriptionMetadata {
  title: string;
  titleSource: 'profile-title' | 'content-disposition' | 'host';
  /** profile-update-interval, in hours; null when absent or unreadable. */
  updateIntervalHours: number | null;
  /** support-url, https only. */
  supportUrl: string | null;
  /** profile-web-page-url, https only. */
  webPageUrl: string | null;
  /** subscription-refill-date (Remnawave): the next traffic reset, epoch ms. */
  nextResetAt: number | null;
  /** announce: plain text, controls and direction overrides removed; the window isolates it. */
  announce: string | null;
  /** announce-url, https only. */
  announceUrl: string | null;
}

const TITLE_MAX = 80;
/** Remnawave cuts its announcements at 500 characters; Happ shows 200. */
const ANNOUNCE_MAX = 500;
/** A week: a longer interval would let the usage go stale; the user may still pick one. */
const MAX_INTERVAL_HOURS = 168;

function cleanTitle(raw: string | null): string | null {
  if (raw === null) return null;
  const text = cleanText(raw, TITLE_MAX);
  return text === '' ? null : text;
}

/** Splits `attachment; filename="a;b"; filename*=UTF-8''x` into parameters, quotes respected. */
function dispositionParams(value: string): Map<string, string> {
  const params = new Map<string, string>();
  const pattern = /;\s*([^\s=;]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)/g;
  for (const match of `;${value}`.matchAll(pattern)) {
    const name = (match[1] ?? '').toLowerCase();
    let raw = (match[2] ?? '').trim();
    if (raw.startsWith('"') && raw.endsWith('"') && raw.length >= 2)
      raw = raw.slice(1, -1).replace(/\\(.)/g, '$1');
    if (!params.has(name)) params.set(name, raw);
  }
  return params;
}

function decodePercent(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

/** RFC 6266 / 5987: `filename*` (charset'lang'percent-encoded) first, then `filename`. */
export function filenameFromDisposition(value: string): string | null {
  const params = dispositionParams(value);
  const extended = params.get('filename*');
  if (extended !== undefined) {
    const parts = /^([^']*)'[^']*'(.*)$/.exec(extended);
    const decoded = decodePercent(parts ? (parts[2] ?? '') : extended);
    if (decoded !== null && decoded.trim() !== '') return stripExtension(decoded);
  }
  const plain = params.get('filename');
  if (plain !== undefined && plain.trim() !== '') {
    // Some panels percent-encode the plain form too; a bare '%' stays as written.
    return stripExtension(/%[0-9a-f]{2}/i.test(plain) ? (decodePercent(plain) ?? plain) : plain);
  }
  return null;
}

/** "Pro 200.yaml" -> "Pro 200": the extension names the format, not the plan. */
function stripExtension(name: string): string {
  return name.replace(/\.(ya?ml|json|txt|conf)$/i, '');
}

function readInterval(raw: string | undefined): number | null {
  if (raw === undefined || !/^\s*\d+(?:\.\d+)?\s*$/.test(raw)) return null;
  const hours = Number(raw);
  return hours > 0 ? Math.min(hours, MAX_INTERVAL_HOURS) : null;
}

/** Unix seconds (or an ISO date) -> epoch ms. */
function readDate(raw: string | undefined): number | null {
  if (raw === undefined) return null;
  const text = raw.trim();
  if (/^\d{1,14}(?:\.\d+)?$/.test(text)) {
    const n = Number(text);
    if (n <= 0) return null;
    return Math.round(n > 253_402_300_799 ? n : n * 1000);
  }
  if (/^\d{4}-\d{2}-\d{2}/.test(text)) {
    const ms = Date.parse(text);
    return Number.isFinite(ms) ? ms : null;
  }
  return null;
}

/** A host to name the profile by when the panel names nothing. */
function hostOf(url: string): string {
  try {
    return new URL(url).hostname || 'Subscription';
  } catch {
    return 'Subscription';
  }
}

/** Reads the metadata headers; `url` is the subscription link (only its host is used). */
export function readMetadata(headers: HeaderMap, url: string): SubscriptionMetadata {
  let title: string | null = null;
  let titleSource: SubscriptionMetadata['titleSource'] = 'host';
  const profileTitle = headers.get('profile-title');
  if (profileTitle !== undefined) {
    title = cleanTitle(decodeMaybeBase64(profileTitle));
    if (title !== null) titleSource = 'profile-title';
  }
  if (title === null) {
    const disposition = headers.get('content-disposition');
    if (disposition !== undefined) {
      title = cleanTitle(filenameFromDisposition(disposition));
      if (title !== null) titleSource = 'content-disposition';
    }
  }
  const rawAnnounce = headers.get('announce');
  const announce = rawAnnounce === undefined ? null : decodeMaybeBase64(rawAnnounce);
  const announceText = announce === null ? '' : cleanText(announce, ANNOUNCE_MAX);
  return {
    title: title ?? hostOf(url),
    titleSource,
    updateIntervalHours: readInterval(headers.get('profile-update-interval')),
    supportUrl: httpsUrl(headers.get('support-url')),
    webPageUrl: httpsUrl(headers.get('profile-web-page-url')),
    nextResetAt: readDate(headers.get('subscription-refill-date')),
    announce: announceText === '' ? null : announceText,
    announceUrl: httpsUrl(headers.get('announce-url')),
  };
}
