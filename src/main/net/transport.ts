// HTTP transport to one XMPlus panel: a keep-alive undici pool per panel origin (or an http(s) or
// SOCKS5 proxy agent), connect / headers / body timeouts and a deadline for the whole answer, a cap
// on the answer's size, TLS always verified, and every failure mapped to an AppError a person can
// act on, naming the proxy it went through. The proxy is the
// profile's, else the system's (asked per request, from the desktop shell), else the environment's.
// A panel may have other addresses (a provider's mirrors): a request that cannot reach one address
// is sent to the next, one address at a time, and the one that answered is kept for next time.
// Beyond "POST JSON, read text" it knows only which panel endpoints are safe to send twice.
import { readFileSync } from 'node:fs';
import type { LookupFunction } from 'node:net';
import { Pool, ProxyAgent, Socks5ProxyAgent } from 'undici';
import type { Dispatcher } from 'undici';
import type { AppError, Result } from '../../shared/errors';
import { appError, fail, ok } from '../../shared/errors';
import type { ProxyAddress } from '../../shared/proxy-url';
import type { SystemProxyResolver } from './system-proxy';
import { systemProxyFromPac } from './system-proxy';
import type { ProxyChoice, ProxyEnv } from './proxy';
import { describeProxy, environmentProxy, isLoopbackHost, validateProxyUrl } from './proxy';
import { shouldFailOver, transportError } from './transport-errors';

// The proxy rules and the error mapping live beside this file; callers keep importing them from here.
export {
  describeProxy,
  environmentProxy,
  isLoopbackHost,
  noProxyMatches,
  resolveProxy,
  validateProxyUrl,
} from './proxy';
export type { ProxyChoice, ProxyEnv, ProxySource } from './proxy';
export { shouldFailOver, transportError } from './transport-errors';

export interface Timeouts {
  /** Establishing the TCP + TLS connection. */
  connectMs: number;
  /** From sending the request to the response headers. */
  headersMs: number;
  /** Longest pause between two chunks of the body. */
  bodyMs: number;
  /**
   * The whole request to one address, from connecting to the body's last byte. The others bound
   * each wait; a body that trickles a byte at a time never trips them, and a refresh that others
   * wait on would then never end.
   */
  totalMs: number;
}

/** How long close() lets requests in flight finish before cutting them. */
export const CLOSE_GRACE_MS = 2_000;

export const DEFAULT_TIMEOUTS: Readonly<Timeouts> = {
  connectMs: 10_000,
  headersMs: 15_000,
  bodyMs: 20_000,
  totalMs: 60_000,
};

const MiB = 1024 * 1024;

/**
 * The most bytes read of one answer; a longer one is cut off and fails. An API answer is a few KB
 * (service/info with a hundred servers is under 100 KB): 4 MiB leaves room for the largest panels
 * and stops a hostile or broken one from filling memory.
 */
export const API_BODY_LIMIT = 4 * MiB;

/**
 * A subscription body is larger: one server is 200 to 600 bytes as a share link and 400 to 800 in a
 * Clash YAML (more in sing-box JSON), base64 adds a third, and a Clash config adds rules. Panels
 * serve customers tens to hundreds of servers, but public aggregate subscriptions carry tens of
 * thousands (v2rayN issues #3522 and #9663 are about such lists): 10,000 servers in YAML are about
 * 8 MB. 32 MiB takes some 40,000 servers and still bounds memory.
 */
export const SUBSCRIPTION_BODY_LIMIT = 32 * MiB;

/** A subscription of that size may need longer than an API answer over a slow link. */
export const SUBSCRIPTION_DEADLINE_MS = 180_000;

/** Per-request bounds: the caller's (a subscription source's) instead of the API defaults. */
export interface RequestLimits {
  /** Most bytes of the body; API_BODY_LIMIT by default. */
  maxBytes?: number;
  /** Deadline of the whole request to one address; the transport's totalMs by default. */
  deadlineMs?: number;
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
  /** The profile's proxy: used for every request when set. */
  proxyUrl?: string | null;
  /** Asks the desktop for the system proxy of a URL (a PAC answer); used when there is no profile proxy. */
  systemProxy?: SystemProxyResolver;
  /** Other addresses of the same panel (a provider's mirrors), tried in order when one cannot be reached. */
  mirrors?: readonly string[];
  /** The address that answered last time (panelUrl or one of the mirrors): tried first. */
  preferred?: string | null;
  /** Told when a request was answered by another address than the one tried first. */
  onAddressWorked?: (base: string) => void;
  timeouts?: Partial<Timeouts>;
  userAgent?: string;
  /** Environment to read proxy variables from (tests); process.env by default. */
  env?: ProxyEnv;
  /** Most connections kept open to the panel at once. */
  connections?: number;
  /**
   * Resolves the host for direct connections instead of the system's DNS: the subscription probe
   * pins the addresses it checked, so a name cannot resolve to another one when connecting. A
   * transport with its own lookup keeps its connections to itself.
   */
  lookup?: LookupFunction;
}

/** What the panel client passes through to its transport for reaching the panel. */
export type PanelRoute = Pick<TransportOptions, 'systemProxy' | 'mirrors' | 'preferred' | 'onAddressWorked'>;

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
  /** Host name used in messages ("panel.example.com"): the address in use. */
  readonly host: string;
  /** Origin plus path prefix of the address in use. */
  readonly base: string;
  /** Every address of the panel, the configured one first. */
  readonly addresses: readonly string[];
  /** The proxy the last request went through (without credentials), or null. */
  readonly proxy: string | null;
  readonly timeouts: Readonly<Timeouts>;
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Result<RawResponse>>;
  /**
   * GET a path (with its query) of the same origin: subscription links live beside the API. A
   * subscription passes SUBSCRIPTION_BODY_LIMIT (and a longer deadline) in `limits`.
   */
  get(
    pathAndQuery: string,
    headers?: Record<string, string>,
    limits?: RequestLimits,
  ): Promise<Result<RawGetResponse>>;
  close(): Promise<void>;
}

interface SharedDispatcher {
  dispatcher: Dispatcher;
  users: number;
}

const SHARED_DISPATCHERS = new Map<string, SharedDispatcher>();
/** Tells apart the pools of transports with a lookup of their own, which nobody else may share. */
let ownLookups = 0;

/** Pools currently open, shared by origin and proxy (for tests and diagnostics). */
export const openPoolCount = (): number => SHARED_DISPATCHERS.size;

/**
 * Runs `make` without undici's one-time "SOCKS5 proxy support is experimental" warning, which would
 * otherwise land on the CLI's stderr; every other warning still goes out.
 */
function quietly<T>(make: () => T): T {
  const emitWarning = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const text = typeof warning === 'string' ? warning : warning.message;
    if (/SOCKS5 proxy support is experimental/.test(text)) return;
    (emitWarning as (...args: unknown[]) => void).call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  try {
    return make();
  } finally {
    process.emitWarning = emitWarning;
  }
}

function makeDispatcher(
  origin: string,
  proxy: ProxyAddress | null,
  connections: number,
  timeouts: Timeouts,
  lookup: LookupFunction | undefined,
): Dispatcher {
  // TLS options never disable verification; only the connect timeout is tuned.
  if (proxy?.kind === 'socks5') {
    // Host names go to the proxy unresolved (undici's Socks5ProxyAgent sends them as domain
    // names), so a panel whose name is blocked in local DNS is still reached.
    return quietly(
      () =>
        new Socks5ProxyAgent(proxy.href, {
          connections,
          connectTimeout: timeouts.connectMs,
          requestTls: { timeout: timeouts.connectMs },
          headersTimeout: timeouts.headersMs,
          bodyTimeout: timeouts.bodyMs,
          keepAliveTimeout: 30_000,
        }),
    );
  }
  if (proxy) {
    return new ProxyAgent({
      uri: proxy.href,
      connections,
      connect: { timeout: timeouts.connectMs },
      requestTls: { timeout: timeouts.connectMs },
      proxyTls: { timeout: timeouts.connectMs },
      headersTimeout: timeouts.headersMs,
      bodyTimeout: timeouts.bodyMs,
      keepAliveTimeout: 30_000,
    });
  }
  return new Pool(origin, {
    connections,
    // undici hands these options to net.connect / tls.connect, lookup included.
    connect: { timeout: timeouts.connectMs, ...(lookup ? { lookup } : {}) },
    headersTimeout: timeouts.headersMs,
    bodyTimeout: timeouts.bodyMs,
    keepAliveTimeout: 30_000,
  });
}

async function closeDispatcher(dispatcher: Dispatcher): Promise<void> {
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
}

/** One address of the panel and the proxy choices that do not depend on the desktop. */
interface Address {
  url: URL;
  base: string;
  origin: string;
  host: string;
  basePath: string;
  /** The environment's proxy for this address: null for none, an error when it is malformed. */
  environment: Result<ProxyChoice | null>;
}

function addressOf(url: URL, env: ProxyEnv): Address {
  const found = environmentProxy(url, env);
  let environment: Result<ProxyChoice | null> = ok(null);
  if (found) {
    const checked = validateProxyUrl(found.value, { path: found.variable, lenient: true });
    environment = checked.ok
      ? ok({ ...checked.value, source: 'environment', variable: found.variable })
      : fail(
          appError(
            'validation',
            `The proxy in the ${found.variable} environment variable cannot be used: ${checked.error.message}`,
            {
              detail: checked.error.detail ?? 'proxy',
              issues: [{ path: found.variable, message: checked.error.message }],
            },
          ),
        );
  }
  return {
    url,
    base: panelBase(url),
    origin: url.origin,
    host: url.host,
    basePath: url.pathname === '/' ? '' : url.pathname.replace(/\/+$/, ''),
    environment,
  };
}

function allFailed(first: AppError, others: readonly Address[]): AppError {
  if (others.length === 0) return first;
  const hosts = others.map((a) => a.host).join(', ');
  return {
    ...first,
    message: `${first.message} The panel's other ${others.length === 1 ? 'address' : 'addresses'} (${hosts}) could not be reached either.`,
  };
}

export function createTransport(options: TransportOptions): Result<Transport> {
  const timeouts: Timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const env = options.env ?? process.env;
  const userAgent = options.userAgent ?? defaultUserAgent();
  const connections = options.connections ?? 8;
  const lookupKey = options.lookup ? `lookup-${(ownLookups += 1)}` : '';

  let profileProxy: ProxyChoice | null = null;
  if (options.proxyUrl && options.proxyUrl.trim()) {
    const checked = validateProxyUrl(options.proxyUrl, { path: 'proxyUrl' });
    if (!checked.ok) return checked;
    profileProxy = { ...checked.value, source: 'profile' };
  }

  // The configured address first, then each valid mirror once; a malformed mirror is skipped.
  const addresses: Address[] = [addressOf(options.panelUrl, env)];
  for (const raw of options.mirrors ?? []) {
    const url = validatePanelUrl(raw);
    if (!url.ok) continue;
    if (addresses.some((a) => a.base === panelBase(url.value))) continue;
    addresses.push(addressOf(url.value, env));
  }
  const preferred = options.preferred ? addresses.findIndex((a) => a.base === options.preferred) : -1;
  /** The address requests go to first: the one that answered last. */
  let current = Math.max(0, preferred);
  /** Set while one request looks for an address that answers; the others wait for its outcome. */
  let searching: Promise<void> | null = null;
  let lastProxy: ProxyChoice | null = profileProxy;
  const held = new Map<string, SharedDispatcher>();
  let closed = false;

  function dispatcherFor(address: Address, proxy: ProxyChoice | null): Dispatcher {
    // One keep-alive pool per panel origin (and proxy), shared by every session that talks to it: the
    // tray's profile, a second account on the same panel, sign-in checks.
    const key = JSON.stringify([address.origin, proxy?.href ?? '', connections, timeouts, lookupKey]);
    const mine = held.get(key);
    if (mine) return mine.dispatcher;
    let shared = SHARED_DISPATCHERS.get(key);
    if (!shared) {
      shared = {
        dispatcher: makeDispatcher(address.origin, proxy, connections, timeouts, options.lookup),
        users: 0,
      };
      SHARED_DISPATCHERS.set(key, shared);
    }
    shared.users += 1;
    held.set(key, shared);
    return shared.dispatcher;
  }

  async function proxyFor(address: Address): Promise<Result<ProxyChoice | null>> {
    if (profileProxy) return ok(profileProxy);
    // Chromium never proxies loopback either (its implicit bypass rules); the simulator lives there.
    if (isLoopbackHost(address.url.hostname)) return ok(null);
    if (options.systemProxy) {
      const answer = await options.systemProxy(address.url.href).catch(() => null);
      const system = systemProxyFromPac(answer);
      if (system) return ok({ ...system, source: 'system' });
    }
    return address.environment;
  }

  interface Outgoing {
    method: 'POST' | 'GET';
    /** For POST the API path under the panel's path prefix; for GET the path and query of the origin. */
    path: string;
    payload: string | undefined;
    headers: Record<string, string>;
    maxBytes: number;
    deadlineMs: number;
  }

  const tooLarge = (address: Address, maxBytes: number) =>
    appError(
      'http',
      `The panel at ${address.host} sent an answer larger than ${Math.round(maxBytes / MiB)} MB; the app stopped reading it. Try again later; if it keeps happening, tell your provider.`,
      { detail: 'BODY_TOO_LARGE' },
    );
  const tooSlow = (address: Address, proxy: ProxyChoice | null, deadlineMs: number) =>
    appError(
      'timeout',
      `The panel at ${address.host}${proxy ? ` (through ${describeProxy(proxy)})` : ''} did not finish its answer within ${Math.round(deadlineMs / 1000)} s. Check your connection or try again later.`,
      { detail: 'DEADLINE' },
    );

  async function attempt(address: Address, out: Outgoing): Promise<Result<RawGetResponse>> {
    const proxy = await proxyFor(address);
    if (!proxy.ok) return proxy;
    lastProxy = proxy.value;
    if (closed) return fail(appError('state', 'This panel connection was closed; sign in again.'));
    const dispatcher = dispatcherFor(address, proxy.value);
    // The deadline aborts the request, and with it the body's stream, wherever it is.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), out.deadlineMs);
    try {
      const isPost = out.method === 'POST';
      const response = await dispatcher.request({
        origin: address.origin,
        path: isPost ? address.basePath + out.path : out.path,
        method: out.method,
        headers: {
          accept: isPost ? 'application/json, text/plain;q=0.9, */*;q=0.1' : '*/*',
          'user-agent': userAgent,
          ...(out.payload === undefined ? {} : { 'content-type': 'application/json' }),
          ...out.headers,
        },
        body: out.payload,
        headersTimeout: timeouts.headersMs,
        bodyTimeout: timeouts.bodyMs,
        signal: deadline.signal,
      });
      const declared = Number(response.headers['content-length']);
      // Dropping the body aborts the request; undici then reports it as an error nobody awaits.
      const discard = () => response.body.on('error', () => undefined).destroy();
      if (Number.isFinite(declared) && declared > out.maxBytes) {
        discard();
        return fail(tooLarge(address, out.maxBytes));
      }
      // Read chunk by chunk and stop at the cap: body.text() would take whatever the panel sends.
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of response.body) {
        const bytes = chunk as Buffer;
        size += bytes.length;
        if (size > out.maxBytes) {
          discard();
          return fail(tooLarge(address, out.maxBytes));
        }
        chunks.push(bytes);
      }
      // TextDecoder, as body.text() did: UTF-8 with replacement characters, a BOM dropped.
      const text = new TextDecoder().decode(Buffer.concat(chunks, size));
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
      if (deadline.signal.aborted) return fail(tooSlow(address, proxy.value, out.deadlineMs));
      return fail(transportError(thrown, address.host, timeouts, proxy.value));
    } finally {
      clearTimeout(timer);
    }
  }

  /** Sends one request to the address in use, and on to the next ones while they cannot be reached. */
  const send = async (out: Outgoing): Promise<Result<RawGetResponse>> => {
    if (closed) return fail(appError('state', 'This panel connection was closed; sign in again.'));
    // A GET only reads (subscription links); a POST is repeated only for the endpoints that read.
    const failsOver = (error: AppError) =>
      out.method === 'GET'
        ? error.kind === 'network' || error.kind === 'timeout'
        : shouldFailOver(error, out.path);
    // While another request is finding an address that answers, wait for it rather than knock on
    // the same dead one: at most one request at a time tries the panel's other addresses.
    if (searching) await searching;
    const tried: number[] = [];
    let firstError: AppError | null = null;
    let index = current;
    const lock: { release: (() => void) | null } = { release: null };
    try {
      for (;;) {
        tried.push(index);
        const result = await attempt(addresses[index] as Address, out);
        if (result.ok || addresses.length === 1 || !failsOver(result.error)) {
          if (result.ok && index !== current) {
            current = index;
            options.onAddressWorked?.(addresses[index]?.base ?? '');
          }
          return result;
        }
        firstError ??= result.error;
        // Another request found an address that answers while this one waited: go there.
        if (!lock.release && !searching && !tried.includes(current)) {
          index = current;
          continue;
        }
        if (!lock.release) {
          if (searching) {
            // Someone else is already looking: take the address they settle on, if not tried yet.
            await searching;
            if (!tried.includes(current)) {
              index = current;
              continue;
            }
            return fail(allFailed(firstError, []));
          }
          searching = new Promise<void>((resolve) => {
            lock.release = resolve;
          });
        }
        const next = addresses.findIndex((_, i) => !tried.includes(i));
        if (next < 0) {
          return fail(
            allFailed(
              firstError,
              tried.slice(1).map((i) => addresses[i] as Address),
            ),
          );
        }
        index = next;
      }
    } finally {
      if (lock.release) {
        searching = null;
        lock.release();
      }
    }
  };

  const post = async (
    path: string,
    body: unknown,
    headers: Record<string, string> = {},
  ): Promise<Result<RawResponse>> => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const result = await send({
      method: 'POST',
      path,
      payload,
      headers,
      maxBytes: API_BODY_LIMIT,
      deadlineMs: timeouts.totalMs,
    });
    if (!result.ok) return result;
    const { status, contentType, text } = result.value;
    return ok({ status, contentType, text });
  };

  const get = (
    pathAndQuery: string,
    headers: Record<string, string> = {},
    limits: RequestLimits = {},
  ): Promise<Result<RawGetResponse>> =>
    send({
      method: 'GET',
      path: pathAndQuery,
      payload: undefined,
      headers,
      maxBytes: limits.maxBytes ?? API_BODY_LIMIT,
      deadlineMs: limits.deadlineMs ?? timeouts.totalMs,
    });

  // Without a system proxy the first address's pool is known now: open it, so that transports of
  // the same panel share it from the start, and refuse a malformed environment proxy at once.
  if (!options.systemProxy) {
    const first = addresses[current] as Address;
    let proxy: ProxyChoice | null = profileProxy;
    if (!proxy && !isLoopbackHost(first.url.hostname)) {
      if (!first.environment.ok) return first.environment;
      proxy = first.environment.value;
    }
    lastProxy = proxy;
    dispatcherFor(first, proxy);
  }

  return ok({
    get host() {
      return (addresses[current] as Address).host;
    },
    get base() {
      return (addresses[current] as Address).base;
    },
    addresses: addresses.map((a) => a.base),
    get proxy() {
      return lastProxy?.display ?? null;
    },
    timeouts,
    post,
    get,
    close: async () => {
      if (closed) return;
      closed = true;
      const mine = [...held.entries()];
      held.clear();
      await Promise.all(
        mine.map(async ([key, entry]) => {
          if ((entry.users -= 1) > 0) return;
          if (SHARED_DISPATCHERS.get(key) === entry) SHARED_DISPATCHERS.delete(key);
          await closeDispatcher(entry.dispatcher);
        }),
      );
    },
  });
}
