// The `subscription-userinfo` reader: the customer's traffic and expiry as every panel prints them
// (`upload=…; download=…; total=…; expire=…`, bytes and unix seconds). Read as leniently as the
// careful clients do (mihomo lower-cases and strips spaces; Clash Verge Rev accepts a prefixed
// header name; Hiddify reads floats and takes a missing or zero total / expire as unlimited), so
// every panel's spelling gives the same reading. Never throws: a value that says nothing is
// "unknown", with the reason.

import type { HeaderMap } from './headers';

export interface UsageReading {
  kind: 'reading';
  uploadBytes: number;
  downloadBytes: number;
  /** upload + download: what Happ, Hiddify and Clash Verge show as used. */
  usedBytes: number;
  /** null: unlimited (a missing total, or 0). */
  totalBytes: number | null;
  /** Epoch ms; null: no expiry (missing, empty, 0, or negative). */
  expiresAt: number | null;
  /**
   * 3x-ui's "starts on first use": a negative expire is minus the plan's length in ms (seconds
   * here). The plan has not started, so it is not expired.
   */
  startsOnFirstUse: { durationMs: number } | null;
}

export interface UsageUnknown {
  kind: 'unknown';
  reason: string;
}

export type UsageResult = UsageReading | UsageUnknown;

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;
/** Beyond 2^53 bytes (8 PiB) a total is a panel's way of writing "infinite" (uint64 max is seen). */
const UNLIMITED_BYTES = Number.MAX_SAFE_INTEGER;
/** Seconds past the year 9999 can only be milliseconds. */
const MAX_UNIX_SECONDS = 253_402_300_799;
/** An expiry this far ahead (year 2099 and later) is a panel's "never": Remnawave sends 0 for it. */
const NEVER_SECONDS = 4_070_908_800;

function readNumber(raw: string): number | null {
  const text = raw.trim();
  if (!NUMBER.test(text)) return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

const bytes = (n: number | undefined): number => (n === undefined || n <= 0 ? 0 : Math.floor(n));

/** Reads one header value. */
export function parseUserinfo(value: string): UsageResult {
  const found = new Map<string, number>();
  let empties = 0;
  for (const segment of value.split(';')) {
    const eq = segment.indexOf('=');
    if (eq < 0) continue;
    const key = segment.slice(0, eq).trim().toLowerCase();
    if (key !== 'upload' && key !== 'download' && key !== 'total' && key !== 'expire') continue;
    const raw = segment.slice(eq + 1);
    if (raw.trim() === '') {
      if (key === 'expire') empties++; // `expire=`: no expiry, said out loud (seen on panels)
      continue;
    }
    const n = readNumber(raw);
    if (n !== null && !found.has(key)) found.set(key, n);
  }
  if (found.size === 0 && empties === 0)
    return {
      kind: 'unknown',
      reason: 'the subscription-userinfo header has no upload, download, total or expire',
    };

  const uploadBytes = bytes(found.get('upload'));
  const downloadBytes = bytes(found.get('download'));
  const total = found.get('total');
  const totalBytes = total === undefined || total < 1 || total >= UNLIMITED_BYTES ? null : Math.floor(total);

  let expiresAt: number | null = null;
  let startsOnFirstUse: UsageReading['startsOnFirstUse'] = null;
  const expire = found.get('expire');
  if (expire !== undefined && expire <= -1) {
    // 3x-ui prints ExpiryTime/1000; a negative ExpiryTime is the plan's length before first use.
    startsOnFirstUse = { durationMs: Math.round(-expire * 1000) };
  } else if (expire !== undefined && expire >= 1) {
    const seconds = expire > MAX_UNIX_SECONDS ? expire / 1000 : expire;
    expiresAt = seconds >= NEVER_SECONDS ? null : Math.round(seconds * 1000);
  }
  return {
    kind: 'reading',
    uploadBytes,
    downloadBytes,
    usedBytes: uploadBytes + downloadBytes,
    totalBytes,
    expiresAt,
    startsOnFirstUse,
  };
}

/**
 * The usage from a response's headers. The plain name wins; otherwise any name ending in
 * `subscription-userinfo` (object stores and CDNs prefix custom headers: `x-amz-meta-…`).
 */
export function readUserinfo(headers: HeaderMap): UsageResult {
  const exact = headers.get('subscription-userinfo');
  if (exact !== undefined) return parseUserinfo(exact);
  for (const [name, value] of headers) {
    if (name.endsWith('subscription-userinfo')) return parseUserinfo(value);
  }
  return { kind: 'unknown', reason: 'the panel sent no subscription-userinfo header' };
}
