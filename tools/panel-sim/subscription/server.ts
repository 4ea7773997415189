// The subscription server: one node:http server on 127.0.0.1 serving every panel family's
// subscription link under `/<family>/...` (families.ts), with the transport's hard cases as faults
// (redirect chains, Retry-After, trickling and huge bodies), and a record of what each request sent
// so tests can check that no device id went out.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenOnLoopback } from '../listen';
import { secretsFor, serversFor } from '../servers';
import { GB, DAY_MS } from '../format';
import {
  answer,
  FAMILIES,
  pathFor,
  tokenFor,
  type Family,
  type FamilyContext,
  type SubAnswer,
  type SubUser,
} from './families';

export interface SubRecord {
  method: string;
  /** Path and query as requested, the family prefix included. */
  url: string;
  userAgent: string;
  /** Every request header, names lower-cased. */
  headers: Record<string, string>;
  /** Names of device-identifying headers the request carried (x-hwid, x-device-*, x-ver-os). */
  deviceHeaders: string[];
}

export interface SubFaults {
  /** Answer with `count` redirects before the real answer; the last may point at `finalLocation`. */
  redirects?: { count: number; status?: 301 | 302 | 307 | 308; finalLocation?: string } | null;
  /** Answer `times` requests with this status and a Retry-After header (seconds). */
  retryAfter?: { status: 429 | 503; seconds: number; times: number } | null;
  /** Send the body in chunks of this size, this far apart. */
  trickle?: { chunkBytes: number; intervalMs: number } | null;
  /** Pad a successful body with extra share links up to about this many bytes. */
  hugeBodyBytes?: number | null;
  /** Answer every subscription request with this, whatever the family would say. */
  fixed?: { status: number; body: string; type?: string; headers?: Record<string, string> } | null;
}

export interface SubscriptionSimOptions {
  port?: number;
  now?: () => number;
  log?: (line: string) => void;
}

export interface SubscriptionSim {
  url: string;
  /** The family-shaped link of a user (the demo user by default). */
  link(family: Family, token?: string): string;
  /** Adds (or replaces) a user; returns it. */
  addUser(partial: Partial<SubUser> & { token: string }): SubUser;
  user(token: string): SubUser | undefined;
  patchUser(token: string, patch: Partial<SubUser>): void;
  setFaults(faults: SubFaults): void;
  clearFaults(): void;
  setContext(patch: Partial<FamilyContext>): void;
  requests(): SubRecord[];
  resetRequests(): void;
  close(): Promise<void>;
}

export const DEMO_SUB_TOKEN = 'demo-sub-7f3a9c1e';

const DEVICE_HEADER = /^(x-hwid|x-device-|x-ver-os)/;

function demoUser(now: number): SubUser {
  return {
    token: DEMO_SUB_TOKEN,
    username: 'demo_user',
    uploadBytes: 2 * GB,
    downloadBytes: 38 * GB,
    totalBytes: 100 * GB,
    expiresAt: now + 20 * DAY_MS,
    startsOnFirstUseDays: null,
    status: 'active',
    hwidLimit: false,
    resetStrategy: 'MONTH',
    servers: serversFor(secretsFor(4242, 'subscription-sim')),
  };
}

export async function startSubscriptionSim(options: SubscriptionSimOptions = {}): Promise<SubscriptionSim> {
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => undefined);
  const users = new Map<string, SubUser>();
  const demo = demoUser(now());
  users.set(demo.token, demo);
  let faults: SubFaults = {};
  let records: SubRecord[] = [];
  let context: FamilyContext = {
    now: now(),
    title: 'Sim Provider · Pro',
    supportUrl: 'https://support.sim-provider.example/help',
    announce: 'Scheduled maintenance on Sunday 02:00–03:00 UTC',
    announceUrl: 'https://status.sim-provider.example/',
    updateIntervalHours: 12,
  };
  let base = '';
  const timers = new Set<NodeJS.Timeout>();

  function record(req: IncomingMessage): SubRecord {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers))
      if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
    const r: SubRecord = {
      method: req.method ?? '?',
      url: req.url ?? '/',
      userAgent: headers['user-agent'] ?? '',
      headers,
      deviceHeaders: Object.keys(headers).filter((n) => DEVICE_HEADER.test(n)),
    };
    records.push(r);
    return r;
  }

  function write(res: ServerResponse, a: SubAnswer): void {
    const trickle = faults.trickle;
    let body = a.body;
    const huge = faults.hugeBodyBytes;
    if (huge && a.status === 200 && !body.trimStart().startsWith('{') && !/^proxies\s*:/m.test(body)) {
      // Plain links (decoded if need be) padded with copies of the user's first server.
      const line = `\n${demo.servers[0]?.uri ?? ''}`;
      const plain = /:\/\//.test(body) ? body : Buffer.from(body, 'base64').toString('utf8');
      body = plain + line.repeat(Math.max(0, Math.ceil((huge - plain.length) / line.length)));
    }
    const bytes = Buffer.from(body, 'utf8');
    res.writeHead(a.status, { ...a.headers, 'content-length': String(bytes.length) });
    if (!trickle || bytes.length === 0) {
      res.end(bytes);
      return;
    }
    let at = 0;
    const step = (): void => {
      if (res.destroyed) return;
      const chunk = bytes.subarray(at, at + trickle.chunkBytes);
      at += chunk.length;
      if (at >= bytes.length) {
        res.end(chunk);
        return;
      }
      res.write(chunk);
      const t = setTimeout(() => {
        timers.delete(t);
        step();
      }, trickle.intervalMs);
      timers.add(t);
    };
    step();
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const r = record(req);
    const target = new URL(req.url ?? '/', 'http://127.0.0.1');
    let path = target.pathname;

    // A redirect hop: /__hop/<left>/<family path...>
    const hop = /^\/__hop\/(\d+)(\/.*)$/.exec(path);
    let hopsLeft: number | null = null;
    if (hop) {
      hopsLeft = Number(hop[1]);
      path = hop[2] ?? '/';
    }
    const redirects = faults.redirects;
    if (redirects && redirects.count > 0 && (hopsLeft === null || hopsLeft > 0)) {
      const left = (hopsLeft ?? redirects.count) - 1;
      const location =
        left === 0 && redirects.finalLocation
          ? redirects.finalLocation
          : `/__hop/${left}${path}${target.search}`;
      res.writeHead(redirects.status ?? 302, { location, 'content-length': '0' });
      res.end();
      return;
    }

    const [, family, ...rest] = path.split('/');
    if (!FAMILIES.includes(family as Family) || req.method !== 'GET') {
      write(res, { status: 404, headers: { 'content-type': 'text/plain' }, body: 'Not Found' });
      return;
    }
    const retry = faults.retryAfter;
    if (retry && retry.times > 0) {
      retry.times--;
      write(res, {
        status: retry.status,
        headers: { 'content-type': 'text/plain', 'retry-after': String(retry.seconds) },
        body: 'Too Many Requests',
      });
      return;
    }
    if (faults.fixed) {
      const f = faults.fixed;
      write(res, {
        status: f.status,
        headers: { 'content-type': f.type ?? 'text/plain', ...(f.headers ?? {}) },
        body: f.body,
      });
      return;
    }
    const fam = family as Family;
    const familyPath = `/${rest.join('/')}`;
    const token = tokenFor(fam, familyPath, target.searchParams);
    const user = token === null ? undefined : users.get(token);
    const a = answer(
      fam,
      user,
      {
        path: familyPath,
        query: target.searchParams,
        userAgent: r.userAgent,
        headers: r.headers,
        requestUrl: `${base}${req.url ?? '/'}`,
      },
      { ...context, now: now() },
    );
    write(res, a);
  }

  const server = createServer((req, res) => {
    const started = Date.now();
    res.on('finish', () => log(`GET ${req.url ?? '/'} ${res.statusCode} ${Date.now() - started}ms`));
    try {
      handle(req, res);
    } catch (err) {
      log(`subscription sim error: ${err instanceof Error ? err.message : String(err)}`);
      if (!res.headersSent) res.writeHead(500).end();
    }
  });
  base = await listenOnLoopback(server, options.port);

  return {
    url: base,
    link(family, token = DEMO_SUB_TOKEN) {
      const u = users.get(token) ?? { ...demo, token };
      return `${base}/${family}${pathFor(family, u)}`;
    },
    addUser(partial) {
      const u: SubUser = { ...demoUser(now()), username: partial.token.slice(0, 12), ...partial };
      users.set(u.token, u);
      return u;
    },
    user: (token) => users.get(token),
    patchUser(token, patch) {
      const u = users.get(token);
      if (!u) throw new Error(`no subscription user ${token}`);
      Object.assign(u, patch);
    },
    setFaults(next) {
      faults = { ...faults, ...next };
    },
    clearFaults() {
      faults = {};
    },
    setContext(patch) {
      context = { ...context, ...patch };
    },
    requests: () =>
      records.map((r) => ({ ...r, headers: { ...r.headers }, deviceHeaders: [...r.deviceHeaders] })),
    resetRequests() {
      records = [];
    },
    close: async () => {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
