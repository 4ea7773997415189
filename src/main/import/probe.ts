// Before an import is offered, the flagged subscription link is fetched once, through the panel
// transport (same proxy rules and time-outs), and its body checked the way the client will read it:
// mihomo YAML with proxies, sing-box JSON with outbounds, or share links (base64). The answer is kept
// with its time. The headers clients read (subscription-userinfo, profile-title, ...) come along.
// Only links that pass checkProbeTarget are fetched (https, public addresses or the panel's own kind).
import { isIP } from 'node:net';
import { parse as parseYaml } from 'yaml';
import type { SubscriptionFormat } from '../../shared/import-clients';
import { appError, type AppError } from '../../shared/errors';
import {
  createTransport,
  SUBSCRIPTION_BODY_LIMIT,
  SUBSCRIPTION_DEADLINE_MS,
  type Timeouts,
} from '../net/transport';
import { checkProbeTarget, pinnedLookup, type Resolver } from './probe-target';
import type { SystemProxyResolver } from '../net/system-proxy';

export interface SubscriptionUserinfo {
  upload: number;
  download: number;
  /** 0 when the panel sends none (unlimited). */
  total: number;
  /** Epoch ms; null when the panel sends none or 0. */
  expireAt: number | null;
}

export type ProbeOutcome =
  /** The body is what the client reads; `servers` counts its entries. */
  | { status: 'served'; servers: number }
  /** The panel answered, but not in this format (or refused the flag): the import would fail. */
  | { status: 'not-served'; reason: string }
  /** No usable answer (network, time-out, server error): unknown, so not offered either. */
  | { status: 'failed'; error: AppError };

export interface ProbeResult {
  url: string;
  format: SubscriptionFormat;
  outcome: ProbeOutcome;
  userinfo: SubscriptionUserinfo | null;
  /** profile-title (plain or base64:), when sent. */
  title: string | null;
  /** profile-update-interval in hours, when sent. */
  updateHours: number | null;
  checkedAt: number;
}

/** `upload=1; download=2; total=3; expire=4` (bytes, unix seconds), as Clash clients read it. */
export function parseUserinfo(header: string | undefined): SubscriptionUserinfo | null {
  if (!header) return null;
  const values: Record<string, number> = {};
  for (const part of header.split(';')) {
    const [key, raw] = part.split('=').map((s) => s.trim());
    if (!key || raw === undefined || raw === '') continue;
    const n = Number(raw);
    if (Number.isFinite(n) && n >= 0) values[key.toLowerCase()] = n;
  }
  if (!('upload' in values || 'download' in values || 'total' in values || 'expire' in values)) return null;
  const expire = values.expire ?? 0;
  return {
    upload: values.upload ?? 0,
    download: values.download ?? 0,
    total: values.total ?? 0,
    expireAt: expire > 0 ? expire * 1000 : null,
  };
}

/** profile-title may be plain text or `base64:<...>` (Clash Verge Rev docs, url_schemes.md). */
export function parseTitle(header: string | undefined): string | null {
  if (!header) return null;
  const text = header.trim();
  if (text.toLowerCase().startsWith('base64:')) {
    const decoded = Buffer.from(text.slice(7), 'base64').toString('utf8').trim();
    return decoded || null;
  }
  return text || null;
}

const SHARE_LINK =
  /^(vless|vmess|trojan|ss|ssr|hysteria2|hy2|hysteria|tuic|wireguard|wg|socks|socks5|anytls):\/\//i;

function shareLinks(text: string): number {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => SHARE_LINK.test(line)).length;
}

/** Share links as v2rayNG and Shadowrocket read a subscription: base64 of lines (or the lines). */
export function checkShareLinks(body: string): ProbeOutcome {
  const compact = body.replace(/\s+/g, '');
  if (compact === '') return { status: 'not-served', reason: 'the subscription is empty' };
  let count = 0;
  if (/^[A-Za-z0-9+/_-]+=*$/.test(compact)) {
    count = shareLinks(Buffer.from(compact, 'base64').toString('utf8'));
  }
  if (count === 0) count = shareLinks(body);
  return count > 0
    ? { status: 'served', servers: count }
    : { status: 'not-served', reason: 'the answer holds no share links (base64 or plain)' };
}

/** mihomo (Clash Meta) reads a YAML mapping with a `proxies` list (or proxy-providers). */
export function checkMihomo(body: string): ProbeOutcome {
  let doc: unknown;
  try {
    doc = parseYaml(body, { maxAliasCount: 100 });
  } catch {
    return { status: 'not-served', reason: 'the answer is not YAML' };
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) {
    return { status: 'not-served', reason: 'the answer is not a Clash profile (no YAML mapping)' };
  }
  const record = doc as Record<string, unknown>;
  const proxies = Array.isArray(record.proxies)
    ? record.proxies.filter(
        (p): p is Record<string, unknown> =>
          !!p && typeof p === 'object' && typeof (p as { type?: unknown }).type === 'string',
      )
    : [];
  const providers =
    record['proxy-providers'] && typeof record['proxy-providers'] === 'object'
      ? Object.keys(record['proxy-providers']).length
      : 0;
  if (proxies.length + providers === 0) {
    return { status: 'not-served', reason: 'the Clash profile has no proxies' };
  }
  return { status: 'served', servers: proxies.length + providers };
}

const SINGBOX_NON_PROXY = new Set(['direct', 'block', 'dns', 'selector', 'urltest']);

/** sing-box reads a JSON config whose `outbounds` include at least one proxy. */
export function checkSingbox(body: string): ProbeOutcome {
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch {
    return { status: 'not-served', reason: 'the answer is not JSON' };
  }
  const outbounds = (doc as { outbounds?: unknown } | null)?.outbounds;
  if (!Array.isArray(outbounds)) {
    return { status: 'not-served', reason: 'the answer is not a sing-box config (no outbounds)' };
  }
  const proxies = outbounds.filter((o: unknown) => {
    const type = (o as { type?: unknown } | null)?.type;
    return typeof type === 'string' && !SINGBOX_NON_PROXY.has(type);
  });
  return proxies.length > 0
    ? { status: 'served', servers: proxies.length }
    : { status: 'not-served', reason: 'the sing-box config has no proxy outbounds' };
}

const CHECKS: Record<SubscriptionFormat, (body: string) => ProbeOutcome> = {
  mihomo: checkMihomo,
  singbox: checkSingbox,
  base64: checkShareLinks,
};

export function checkBody(format: SubscriptionFormat, body: string): ProbeOutcome {
  return CHECKS[format](body);
}

export interface ProbeOptions {
  proxyUrl?: string | null;
  /** The desktop's proxy for a URL, asked when the profile sets none (as panel requests do). */
  systemProxy?: SystemProxyResolver;
  timeouts?: Partial<Timeouts>;
  env?: NodeJS.ProcessEnv;
  /** The active profile's panel address: links on its kind of address (LAN, loopback) may be probed. */
  panelUrl?: string | null;
  /** Resolves a host to its addresses before anything connects (the system's DNS by default). */
  resolve?: Resolver;
  now(): number;
}

/** Fetches `url` once and checks its body for `format`. Never throws. */
export async function probeSubscription(
  url: string,
  format: SubscriptionFormat,
  options: ProbeOptions,
): Promise<ProbeResult> {
  const base = { url, format, userinfo: null, title: null, updateHours: null };
  const failed = (error: AppError): ProbeResult => ({
    ...base,
    outcome: { status: 'failed', error },
    checkedAt: options.now(),
  });
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return failed(appError('validation', 'The subscription link of this service is not a valid address.'));
  }
  if (target.protocol !== 'https:' && target.protocol !== 'http:') {
    return failed(appError('validation', 'The subscription link of this service is not a web address.'));
  }
  const allowed = await checkProbeTarget(target, {
    panelUrl: options.panelUrl ?? null,
    proxied: Boolean(options.proxyUrl) || options.systemProxy !== undefined,
    ...(options.resolve ? { resolve: options.resolve } : {}),
  });
  if (!allowed.ok) return failed(allowed.error);
  const transport = createTransport({
    panelUrl: new URL(target.origin),
    proxyUrl: options.proxyUrl ?? null,
    ...(options.systemProxy ? { systemProxy: options.systemProxy } : {}),
    ...(options.timeouts ? { timeouts: options.timeouts } : {}),
    ...(options.env ? { env: options.env } : {}),
    // Direct connections to a name go to the addresses just checked, not to whatever the name says
    // next. An IP literal needs no lookup, and keeps sharing the panel's connections.
    ...(allowed.value && isIP(target.hostname.replace(/^\[|\]$/g, '')) === 0
      ? { lookup: pinnedLookup(allowed.value) }
      : {}),
  });
  if (!transport.ok) return failed(transport.error);
  try {
    const answer = await transport.value.get(
      target.pathname + target.search,
      {},
      { maxBytes: SUBSCRIPTION_BODY_LIMIT, deadlineMs: SUBSCRIPTION_DEADLINE_MS },
    );
    if (!answer.ok) return failed(answer.error);
    const { status, headers, text } = answer.value;
    const info = {
      userinfo: parseUserinfo(headers['subscription-userinfo']),
      title: parseTitle(headers['profile-title']),
      updateHours: Number(headers['profile-update-interval']) || null,
    };
    let outcome: ProbeOutcome;
    if (status >= 500) {
      outcome = {
        status: 'failed',
        error: appError(
          'http',
          `The subscription server at ${target.host} answered with an error (HTTP ${status}). Try again later.`,
          { status },
        ),
      };
    } else if (status >= 400) {
      outcome = { status: 'not-served', reason: `the panel refused this format (HTTP ${status})` };
    } else {
      outcome = checkBody(format, text);
    }
    return { url, format, outcome, ...info, checkedAt: options.now() };
  } finally {
    await transport.value.close();
  }
}

export interface ProbeCache {
  /** The cached result, or a fresh probe when there is none, it is older than the TTL, or `fresh`. */
  get(key: string, run: () => Promise<ProbeResult>, fresh?: boolean): Promise<ProbeResult>;
  /** The cached result without probing. */
  peek(key: string): ProbeResult | null;
  clear(): void;
}

/** How long a probe stands: served / not served for 30 minutes, a failure for one. */
export const PROBE_TTL_MS = 30 * 60_000;
export const FAILED_PROBE_TTL_MS = 60_000;

/** `onStored` hears of each new result once it is in the cache (so readers of the cache see it). */
export function createProbeCache(now: () => number, onStored?: () => void): ProbeCache {
  const entries = new Map<string, ProbeResult>();
  const running = new Map<string, Promise<ProbeResult>>();
  const expired = (result: ProbeResult) =>
    now() - result.checkedAt >= (result.outcome.status === 'failed' ? FAILED_PROBE_TTL_MS : PROBE_TTL_MS);
  return {
    async get(key, run, fresh = false) {
      const cached = entries.get(key);
      if (cached && !fresh && !expired(cached)) return cached;
      // Two callers at once (window and tray) share one request.
      const inFlight = running.get(key);
      if (inFlight) return inFlight;
      const started = run().then((result) => {
        entries.set(key, result);
        running.delete(key);
        onStored?.();
        return result;
      });
      running.set(key, started);
      return started;
    },
    peek: (key) => entries.get(key) ?? null,
    clear() {
      entries.clear();
    },
  };
}

/** Where subscription-userinfo and account/info disagree, beyond rounding of the panel's sizes. */
export interface UserinfoMismatch {
  field: 'used' | 'total' | 'expire';
  /** account/info's value (bytes or epoch ms; null when it has none). */
  panel: number | null;
  subscription: number | null;
}

const GIB = 1024 ** 3;
const DAY_MS = 86_400_000;

export function compareUserinfo(
  info: SubscriptionUserinfo,
  service: { usedBytes: number; totalBytes: number; expiresAt: number | null },
): UserinfoMismatch[] {
  const out: UserinfoMismatch[] = [];
  // account/info prints sizes with two decimals ("12.34 GB"): allow a hundredth of a GiB and 1 %.
  const slack = (a: number) => Math.max(0.01 * GIB, a * 0.01);
  const used = info.upload + info.download;
  if (Math.abs(used - service.usedBytes) > slack(Math.max(used, service.usedBytes))) {
    out.push({ field: 'used', panel: service.usedBytes, subscription: used });
  }
  if (info.total > 0 && Math.abs(info.total - service.totalBytes) > slack(info.total)) {
    out.push({ field: 'total', panel: service.totalBytes, subscription: info.total });
  }
  // Dates come in the panel's zone to the minute: a day apart is a real difference.
  if (info.expireAt !== null && service.expiresAt !== null) {
    if (Math.abs(info.expireAt - service.expiresAt) >= DAY_MS) {
      out.push({ field: 'expire', panel: service.expiresAt, subscription: info.expireAt });
    }
  }
  return out;
}
