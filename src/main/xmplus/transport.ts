// HTTP transport to one XMPlus panel: a keep-alive undici pool per panel origin (or a proxy agent),
// connect / headers / body timeouts, TLS always verified, and every failure mapped to an AppError
// a person can act on. It knows nothing about the panel API beyond "POST JSON, read text".
import { readFileSync } from 'node:fs';
import { Pool, ProxyAgent } from 'undici';
import type { Dispatcher } from 'undici';
import type { Result } from '../../shared/errors';
import { appError, fail, ok } from '../../shared/errors';

export interface Timeouts {
  /** Establishing the TCP + TLS connection. */
  connectMs: number;
  /** From sending the request to the response headers. */
  headersMs: number;
  /** Longest pause between two chunks of the body. */
  bodyMs: number;
}

/** How long close() lets requests in flight finish before cutting them. */
export const CLOSE_GRACE_MS = 2_000;

export const DEFAULT_TIMEOUTS: Readonly<Timeouts> = { connectMs: 10_000, headersMs: 15_000, bodyMs: 20_000 };

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname.toLowerCase());
}

/**
 * Check a panel address and normalize it to origin + path prefix (no trailing slash, no query).
 * Only https, except loopback which may be http (development, tests, the simulator).
 */
export function validatePanelUrl(input: string): Result<URL> {
  const text = input.trim();
  const invalid = (message: string) =>
    fail<URL>(appError('validation', message, { issues: [{ path: 'panelUrl', message }] }));
  if (!text) return invalid('Enter the panel address, for example https://panel.example.com.');
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    return invalid('Enter the full panel address including https://, for example https://panel.example.com.');
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return invalid('The panel address is not a valid web address.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return invalid('The panel address must start with https://.');
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return invalid(
      'The panel address must use https:// so your password travels encrypted (plain http is only allowed for this computer).',
    );
  }
  if (url.username || url.password) {
    return invalid(
      'Remove the user name and password from the panel address; sign in with the form instead.',
    );
  }
  if (url.search || text.includes('?')) return invalid('Remove the "?…" part from the panel address.');
  if (url.hash || text.includes('#')) return invalid('Remove the "#…" part from the panel address.');
  const path = url.pathname.replace(/\/+$/, '');
  // Users paste the API or login page; the panel root is what the app needs.
  url.pathname = path.replace(/\/(api\/client|auth\/login|login|user)$/i, '') || '/';
  return ok(url);
}

/** The panel address as a string without a trailing slash: origin plus path prefix. */
export function panelBase(url: URL): string {
  return url.origin + (url.pathname === '/' ? '' : url.pathname.replace(/\/+$/, ''));
}

export type ProxyEnv = Readonly<Record<string, string | undefined>>;

/** Does NO_PROXY exclude this host? Entries: host, .suffix, *.suffix, host:port, or "*". */
export function noProxyMatches(url: URL, noProxy: string): boolean {
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  for (const raw of noProxy.split(/[\s,]+/)) {
    let entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '*') return true;
    let entryPort: string | null = null;
    const portMatch = /^(.*[^:]):(\d+)$/.exec(entry);
    if (portMatch && !entry.startsWith('[') && (entry.match(/:/g) ?? []).length === 1) {
      entry = portMatch[1] ?? entry;
      entryPort = portMatch[2] ?? null;
    }
    entry = entry.replace(/^\[|\]$/g, '').replace(/^\*\./, '.');
    if (entryPort && entryPort !== port) continue;
    if (entry.startsWith('.')) {
      if (host.endsWith(entry) || host === entry.slice(1)) return true;
    } else if (host === entry || host.endsWith(`.${entry}`)) {
      return true;
    }
  }
  return false;
}

/**
 * Which proxy, if any, panel requests go through. An explicit proxy (profile setting) always wins;
 * otherwise HTTPS_PROXY / https_proxy / HTTP_PROXY / http_proxy unless NO_PROXY excludes the host.
 * Loopback panels never use an environment proxy (a corporate proxy cannot reach this computer).
 */
export function resolveProxy(
  target: URL,
  explicit: string | null | undefined,
  env: ProxyEnv = process.env,
): string | null {
  if (explicit && explicit.trim()) return explicit.trim();
  if (isLoopbackHost(target.hostname)) return null;
  const fromEnv =
    target.protocol === 'https:'
      ? (env.HTTPS_PROXY ?? env.https_proxy ?? env.HTTP_PROXY ?? env.http_proxy)
      : (env.HTTP_PROXY ?? env.http_proxy);
  if (!fromEnv || !fromEnv.trim()) return null;
  const noProxy = env.NO_PROXY ?? env.no_proxy ?? '';
  if (noProxy && noProxyMatches(target, noProxy)) return null;
  return fromEnv.trim();
}

export function validateProxyUrl(input: string): Result<URL> {
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(input) ? input : `http://${input}`);
  } catch {
    const message = 'The proxy address is not valid; use the form http://host:port.';
    return fail(appError('validation', message, { issues: [{ path: 'proxyUrl', message }] }));
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    const message = 'Only http:// and https:// proxies are supported for panel requests.';
    return fail(appError('validation', message, { issues: [{ path: 'proxyUrl', message }] }));
  }
  return ok(url);
}

let cachedVersion: string | null = null;

function appVersion(): string {
  if (cachedVersion !== null) return cachedVersion;
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
      version?: unknown;
    };
    cachedVersion = typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    // Bundled builds may not ship package.json next to the code; the UA still names the app.
    cachedVersion = '0.0.0';
  }
  return cachedVersion;
}

export function defaultUserAgent(): string {
  return `xmplus-tray/${appVersion()} (${process.platform})`;
}

export interface TransportOptions {
  panelUrl: URL;
  proxyUrl?: string | null;
  timeouts?: Partial<Timeouts>;
  userAgent?: string;
  /** Environment to read proxy variables from (tests); process.env by default. */
  env?: ProxyEnv;
  /** Most connections kept open to the panel at once. */
  connections?: number;
}

export interface RawResponse {
  status: number;
  contentType: string;
  text: string;
}

/** A GET's answer with its headers (lower-case names; repeated headers joined by ", "). */
export interface RawGetResponse extends RawResponse {
  headers: Record<string, string>;
}

export interface Transport {
  /** Host name used in messages ("panel.example.com"). */
  readonly host: string;
  readonly base: string;
  /** The proxy in use (without credentials), or null. */
  readonly proxy: string | null;
  readonly timeouts: Readonly<Timeouts>;
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Result<RawResponse>>;
  /** GET a path (with its query) of the same origin: subscription links live beside the API. */
  get(pathAndQuery: string, headers?: Record<string, string>): Promise<Result<RawGetResponse>>;
  close(): Promise<void>;
}

function seconds(ms: number): string {
  const s = ms / 1000;
  return Number.isInteger(s) ? `${s} s` : `${s.toFixed(1)} s`;
}

function errorCodes(thrown: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = thrown;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    current = (current as { cause?: unknown }).cause;
  }
  return codes;
}

const TLS_CODE =
  /CERT|SELF_SIGNED|DEPTH_ZERO|UNABLE_TO_(GET|VERIFY)|ALTNAME|ERR_SSL|ERR_TLS|EPROTO|HOSTNAME_MISMATCH/;

/** Map what undici / Node throws into an AppError with an actionable sentence. */
export function transportError(
  thrown: unknown,
  host: string,
  timeouts: Timeouts,
  proxy: string | null,
): ReturnType<typeof appError> {
  const codes = errorCodes(thrown);
  const has = (...wanted: string[]) => codes.some((c) => wanted.includes(c));
  const code = codes[0] ?? 'unknown';
  const message = thrown instanceof Error ? thrown.message : '';
  if (has('UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT')) {
    return appError(
      'timeout',
      `Could not connect to the panel at ${host} within ${seconds(timeouts.connectMs)}. Check your connection${proxy ? ' and proxy' : ''}, or try again later.`,
      { detail: code },
    );
  }
  if (has('UND_ERR_HEADERS_TIMEOUT')) {
    return appError(
      'timeout',
      `The panel at ${host} did not answer within ${seconds(timeouts.headersMs)}. Check your connection or try again later.`,
      { detail: code },
    );
  }
  if (has('UND_ERR_BODY_TIMEOUT')) {
    return appError(
      'timeout',
      `The panel at ${host} stopped sending its answer for ${seconds(timeouts.bodyMs)}. Check your connection or try again later.`,
      { detail: code },
    );
  }
  if (proxy && (/proxy/i.test(message) || has('UND_ERR_PRX_TLS'))) {
    return appError(
      'network',
      `The proxy ${proxy} did not let the request through to ${host}. Check the proxy setting of this profile.`,
      { detail: code },
    );
  }
  if (has('ECONNREFUSED')) {
    return appError(
      'network',
      proxy
        ? `The proxy ${proxy} refused the connection. Check the proxy setting of this profile.`
        : `The panel at ${host} refused the connection. Check the panel address, or try again later.`,
      { detail: code },
    );
  }
  if (has('ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME')) {
    return appError(
      'network',
      `The address ${host} could not be found. Check the panel address and your internet connection.`,
      { detail: code },
    );
  }
  if (codes.some((c) => TLS_CODE.test(c))) {
    return appError(
      'network',
      `The panel at ${host} presented a security certificate that could not be verified (${code}). The app only talks to panels with a valid certificate; ask your provider.`,
      { detail: code },
    );
  }
  if (has('ECONNRESET', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'EPIPE', 'ECONNABORTED')) {
    return appError(
      'network',
      `The connection to the panel at ${host} was cut off before it answered. Try again in a moment.`,
      { detail: code },
    );
  }
  if (has('ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN')) {
    return appError('network', `This computer cannot reach ${host}. Check your internet connection.`, {
      detail: code,
    });
  }
  return appError(
    'network',
    `Could not talk to the panel at ${host} (${code}). Check your connection or try again later.`,
    {
      detail: code,
    },
  );
}

function redactProxy(proxy: string): string {
  try {
    const url = new URL(proxy);
    url.username = '';
    url.password = '';
    return url.origin;
  } catch {
    return 'the configured proxy';
  }
}

const SHARED_DISPATCHERS = new Map<string, { dispatcher: Dispatcher; users: number }>();

/** Pools currently open, shared by origin and proxy (for tests and diagnostics). */
export const openPoolCount = (): number => SHARED_DISPATCHERS.size;

function makeDispatcher(
  origin: string,
  proxyUrl: URL | null,
  connections: number,
  timeouts: Timeouts,
): Dispatcher {
  // TLS options never disable verification; only the connect timeout is tuned.
  return proxyUrl
    ? new ProxyAgent({
        uri: proxyUrl.href,
        connections,
        connect: { timeout: timeouts.connectMs },
        requestTls: { timeout: timeouts.connectMs },
        proxyTls: { timeout: timeouts.connectMs },
        headersTimeout: timeouts.headersMs,
        bodyTimeout: timeouts.bodyMs,
        keepAliveTimeout: 30_000,
      })
    : new Pool(origin, {
        connections,
        connect: { timeout: timeouts.connectMs },
        headersTimeout: timeouts.headersMs,
        bodyTimeout: timeouts.bodyMs,
        keepAliveTimeout: 30_000,
      });
}

export function createTransport(options: TransportOptions): Result<Transport> {
  const timeouts: Timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const base = panelBase(options.panelUrl);
  const origin = options.panelUrl.origin;
  const host = options.panelUrl.host;
  const basePath = options.panelUrl.pathname === '/' ? '' : options.panelUrl.pathname.replace(/\/+$/, '');
  const userAgent = options.userAgent ?? defaultUserAgent();
  const proxyRaw = resolveProxy(options.panelUrl, options.proxyUrl, options.env ?? process.env);
  let proxyUrl: URL | null = null;
  if (proxyRaw) {
    const checked = validateProxyUrl(proxyRaw);
    if (!checked.ok) return checked;
    proxyUrl = checked.value;
  }
  const proxy = proxyUrl ? redactProxy(proxyUrl.href) : null;
  const connections = options.connections ?? 8;
  // One keep-alive pool per panel origin (and proxy), shared by every session that talks to it: the
  // tray's profile, a second account on the same panel, sign-in checks.
  const key = JSON.stringify([origin, proxyUrl?.href ?? '', connections, timeouts]);
  let shared = SHARED_DISPATCHERS.get(key);
  if (!shared) {
    shared = { dispatcher: makeDispatcher(origin, proxyUrl, connections, timeouts), users: 0 };
    SHARED_DISPATCHERS.set(key, shared);
  }
  shared.users += 1;
  const { dispatcher } = shared;
  let closed = false;

  const post = async (
    path: string,
    body: unknown,
    headers: Record<string, string> = {},
  ): Promise<Result<RawResponse>> => {
    if (closed) return fail(appError('state', 'This panel connection was closed; sign in again.'));
    const payload = body === undefined ? undefined : JSON.stringify(body);
    try {
      const response = await dispatcher.request({
        origin,
        path: basePath + path,
        method: 'POST',
        headers: {
          accept: 'application/json, text/plain;q=0.9, */*;q=0.1',
          'user-agent': userAgent,
          ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body: payload,
        headersTimeout: timeouts.headersMs,
        bodyTimeout: timeouts.bodyMs,
      });
      const text = await response.body.text();
      const contentType = response.headers['content-type'];
      return ok({
        status: response.statusCode,
        contentType: Array.isArray(contentType) ? (contentType[0] ?? '') : (contentType ?? ''),
        text,
      });
    } catch (thrown) {
      return fail(transportError(thrown, host, timeouts, proxy));
    }
  };

  const get = async (
    pathAndQuery: string,
    headers: Record<string, string> = {},
  ): Promise<Result<RawGetResponse>> => {
    if (closed) return fail(appError('state', 'This panel connection was closed; sign in again.'));
    try {
      const response = await dispatcher.request({
        origin,
        path: pathAndQuery,
        method: 'GET',
        headers: { accept: '*/*', 'user-agent': userAgent, ...headers },
        headersTimeout: timeouts.headersMs,
        bodyTimeout: timeouts.bodyMs,
      });
      const text = await response.body.text();
      const flat: Record<string, string> = {};
      for (const [name, value] of Object.entries(response.headers)) {
        if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
      }
      return ok({
        status: response.statusCode,
        contentType: flat['content-type'] ?? '',
        text,
        headers: flat,
      });
    } catch (thrown) {
      return fail(transportError(thrown, host, timeouts, proxy));
    }
  };

  return ok({
    host,
    base,
    proxy,
    timeouts,
    post,
    get,
    close: async () => {
      if (closed) return;
      closed = true;
      const entry = SHARED_DISPATCHERS.get(key);
      if (!entry || (entry.users -= 1) > 0) return;
      SHARED_DISPATCHERS.delete(key);
      // Let requests in flight finish briefly, then cut them: quitting or signing out never waits
      // on a panel that does not answer.
      let timer: ReturnType<typeof setTimeout> | undefined;
      const graceful = dispatcher.close().then(
        () => true,
        () => false,
      );
      const late = new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), CLOSE_GRACE_MS);
      });
      const done = await Promise.race([graceful, late]);
      clearTimeout(timer);
      if (!done) await dispatcher.destroy().catch(() => undefined);
    },
  });
}
