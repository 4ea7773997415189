// The simulator's HTTP server (node:http, 127.0.0.1 only): token auth, the client API with its
// faults and latency, sublinks, and the /__sim/ admin API.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listenOnLoopback } from './listen';
import { adminOperations, assertFaultTarget, createAdmin, isLoopbackRequest } from './admin';
import type { SimRuntime } from './admin';
import { findHandler } from './api';
import type { JsonObject, RequestBody } from './api';
import { errorPage, faultKind, faultLatency, isFault, rewriteBody, rewriteJson } from './faults';
import { AdminError, Panel, PanelCrash, PanelError } from './panel';
import { DEMO_EMAIL, DEMO_PASSWORD } from './seed';
import { answerNewGeneration } from './new-generation';
import { md5Hex, TokenIssuer } from './tokens';
import { createSublinkServer, sublinkOperations } from './sublink';
import type { TokenCheck } from './tokens';
import type { PanelSim, PanelSimOptions } from './types';

export const DEFAULT_TOKEN_TTL_SEC = 84_600;
const SERVICE_INFO_PATH = '/api/client/service/info';
const TOKEN_PATH = '/api/client/token';
const JSON_TYPE = 'application/json; charset=utf-8';
const HTML_TYPE = 'text/html; charset=UTF-8';

/** What the panel's code decided, before faults rewrite it. */
type Outcome = { json: JsonObject } | { refused: string } | { notFound: true } | { crash: string };

const REFUSALS: Record<Exclude<TokenCheck, 'ok'>, string> = {
  missing: 'Authorization token is required.',
  unknown: 'Invalid token.',
  expired: 'Token has expired.',
};

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** JSON or form-encoded, like PHP's merged input; anything unreadable is an empty body. */
export function parseBody(raw: string, contentType: string | undefined): RequestBody {
  const asJson = (): RequestBody | null => {
    try {
      const v: unknown = JSON.parse(raw);
      return v && typeof v === 'object' && !Array.isArray(v) ? (v as RequestBody) : null;
    } catch {
      return null;
    }
  };
  const asForm = (): RequestBody => Object.fromEntries(new URLSearchParams(raw));
  if (!raw.trim()) return {};
  if (contentType?.includes('json')) return asJson() ?? {};
  if (contentType?.includes('x-www-form-urlencoded')) return asForm();
  return asJson() ?? asForm();
}

function send(res: ServerResponse, status: number, body: string, type = JSON_TYPE): void {
  if (res.destroyed || res.headersSent) return;
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, json: unknown): void {
  send(res, status, JSON.stringify(json));
}

export async function startPanelSim(options: PanelSimOptions = {}): Promise<PanelSim> {
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => undefined);
  const timeZone = options.timeZone ?? 'UTC';
  // Throws RangeError early on an unknown zone rather than on the first request.
  new Intl.DateTimeFormat('en', { timeZone });
  const refusedMode = options.refusedTokenMode ?? 'http401';
  const latencyMs = options.latencyMs ?? 0;
  const apiKey = options.apiKey ?? randomBytes(16).toString('hex');
  for (const [endpoint, fault] of Object.entries(options.faults ?? {})) {
    assertFaultTarget(endpoint);
    if (!isFault(fault)) throw new TypeError(`Not a fault for ${endpoint}: ${JSON.stringify(fault)}`);
  }
  let url = '';
  let closed = false;

  const panel = new Panel({
    now,
    seed: options.seed ?? 'demo',
    autoPayAfterMs: options.autoPayAfterMs ?? null,
    usagePerHourBytes: options.usagePerHourBytes ?? 0,
    log,
  });
  const rt: SimRuntime = {
    panel,
    tokens: new TokenIssuer(() => url, options.tokenTtlSec ?? DEFAULT_TOKEN_TTL_SEC, now),
    faults: new Map(Object.entries(options.faults ?? {})),
    initialFaults: { ...options.faults },
    stats: { requests: {}, tokenRequests: 0, serviceInfo: {} },
  };
  const admin = createAdmin(rt);
  // The subscription link and its formats live in sublink.ts.
  const sublinks = createSublinkServer({
    panel,
    timeZone,
    ...(options.sublinkFormats ? { formats: options.sublinkFormats } : {}),
    send,
  });
  const operations = { ...adminOperations(admin), ...sublinkOperations(sublinks) };
  const timers = new Set<NodeJS.Timeout>();

  const sleep = (ms: number): Promise<void> =>
    ms <= 0
      ? Promise.resolve()
      : new Promise((resolve) => {
          const t = setTimeout(() => {
            timers.delete(t);
            resolve();
          }, ms);
          timers.add(t);
        });

  function refuse(res: ServerResponse, message: string): void {
    sendJson(res, refusedMode === 'http401' ? 401 : 200, { status: 'error', code: 401, message });
  }

  async function handleAdmin(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    query: URLSearchParams,
  ) {
    if (!isLoopbackRequest(req)) {
      sendJson(res, 403, { ok: false, error: 'The admin API answers loopback clients only.' });
      return;
    }
    const name = path.slice('/__sim/'.length);
    if (name === '') {
      sendJson(res, 200, { ok: true, result: Object.keys(operations) });
      return;
    }
    const op = Object.hasOwn(operations, name) ? operations[name] : undefined;
    if (!op) {
      sendJson(res, 404, { ok: false, error: `Unknown admin operation '${name}'` });
      return;
    }
    const raw = await readBody(req);
    let args: Record<string, unknown> = Object.fromEntries(query);
    if (raw.trim()) {
      try {
        args = { ...args, ...(JSON.parse(raw) as Record<string, unknown>) };
      } catch {
        sendJson(res, 400, { ok: false, error: 'Body must be a JSON object' });
        return;
      }
    }
    try {
      sendJson(res, 200, { ok: true, result: op(args) ?? null });
    } catch (err) {
      if (err instanceof AdminError) sendJson(res, err.status, { ok: false, error: err.message });
      else throw err;
    }
  }

  function answerToken(req: IncomingMessage): Outcome {
    const header = req.headers['xmplus-authorization'];
    const given = (Array.isArray(header) ? header[0] : header)?.trim().toLowerCase();
    if (given !== md5Hex(apiKey)) return { refused: 'Invalid client API key.' };
    return { json: { status: 'success', code: 100, data: { token: rt.tokens.issue() } } };
  }

  function answerEndpoint(req: IncomingMessage, path: string, raw: string): Outcome {
    const handler = findHandler(path);
    if (!handler) return { notFound: true };
    const check = rt.tokens.check(req.headers.authorization);
    if (check !== 'ok') return { refused: REFUSALS[check] };
    panel.refresh();
    const body = parseBody(raw, req.headers['content-type']);
    if (path === SERVICE_INFO_PATH) {
      const given = body.serviceid;
      const sid = typeof given === 'string' || typeof given === 'number' ? String(given) : '';
      rt.stats.serviceInfo[sid] = (rt.stats.serviceInfo[sid] ?? 0) + 1;
    }
    try {
      return { json: handler(body, { panel, timeZone, url }) };
    } catch (err) {
      if (err instanceof PanelError) return { json: { status: 'error', code: 208, message: err.message } };
      if (err instanceof PanelCrash) return { crash: err.message };
      throw err;
    }
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    rt.stats.requests[path] = (rt.stats.requests[path] ?? 0) + 1;
    if (path === TOKEN_PATH) rt.stats.tokenRequests++;
    const raw = await readBody(req);
    const fault = rt.faults.get(path) ?? rt.faults.get('*');
    const kind = faultKind(fault);
    await sleep(latencyMs + faultLatency(fault));
    if (closed) return;

    // Transport faults: the panel's code never runs, so state does not change.
    if (kind === 'reset') {
      req.socket.destroy();
      return;
    }
    if (kind === 'hang') return;
    if (kind === 'http500' || kind === 'http502') {
      send(res, kind === 'http500' ? 500 : 502, errorPage(kind === 'http500' ? 500 : 502), HTML_TYPE);
      return;
    }

    if (req.method !== 'POST') {
      sendJson(res, 405, { status: 'error', code: 405, message: 'Method Not Allowed' });
      return;
    }
    const outcome = path === TOKEN_PATH ? answerToken(req) : answerEndpoint(req, path, raw);
    if ('crash' in outcome) {
      log(`panel crash on ${path}: ${outcome.crash}`);
      send(res, 500, errorPage(500, outcome.crash), HTML_TYPE);
      return;
    }
    if ('notFound' in outcome) {
      sendJson(res, 404, { status: 'error', code: 404, message: 'Not Found' });
      return;
    }
    if ('refused' in outcome) {
      refuse(res, outcome.refused);
      return;
    }
    const body = rewriteBody(JSON.stringify(rewriteJson(path, outcome.json, kind)), kind);
    send(res, 200, body, kind === 'phpWarning' ? HTML_TYPE : JSON_TYPE);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    const target = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = target.pathname;
    res.on('finish', () => log(`${req.method ?? '?'} ${path} ${res.statusCode} ${Date.now() - started}ms`));
    if (path.startsWith('/__sim/')) return handleAdmin(req, res, path, target.searchParams);
    // The client API counts its own requests (handleApi); the rest of /api/ (the new generation's
    // /api/config, which the app may probe) is counted here.
    if (path.startsWith('/api/') && !path.startsWith('/api/client/'))
      rt.stats.requests[path] = (rt.stats.requests[path] ?? 0) + 1;
    if (options.generation === 'new' && path.startsWith('/api/')) {
      const raw = await readBody(req);
      const answer = answerNewGeneration(
        path,
        req.method ?? 'GET',
        parseBody(raw, req.headers['content-type']),
        { email: DEMO_EMAIL, password: DEMO_PASSWORD },
        options.appName ?? 'NovaNet',
        now(),
      );
      if (answer) return send(res, answer.status, answer.body, answer.type);
    }
    if (req.method === 'GET' && path.startsWith('/link/'))
      return sublinks.handle(res, path.slice('/link/'.length), target.searchParams);
    if (path.startsWith('/api/client/')) return handleApi(req, res, path);
    sendJson(res, 404, { status: 'error', code: 404, message: 'Not Found' });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      log(`internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      send(res, 500, errorPage(500), HTML_TYPE);
    });
  });

  url = await listenOnLoopback(server, options.port);

  return {
    url,
    apiKey,
    demo: { email: DEMO_EMAIL, password: DEMO_PASSWORD },
    admin,
    sublinks,
    close: async () => {
      if (closed) return;
      closed = true;
      panel.dispose();
      for (const t of timers) clearTimeout(t);
      timers.clear();
      // Hung and keep-alive connections would otherwise hold close() open.
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
