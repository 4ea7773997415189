// Test helpers for the panel simulator: a minimal client that speaks the panel's wire format
// (token header, bearer token, JSON bodies) and returns the raw status and parsed body.
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import type { PanelSim } from '../../../tools/panel-sim';

export type Body = Record<string, unknown>;

export interface RawResponse {
  status: number;
  text: string;
  contentType: string;
}

export const md5 = (s: string): string => createHash('md5').update(s).digest('hex');

export async function post(
  sim: PanelSim,
  path: string,
  body: Body | string | undefined,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  const isString = typeof body === 'string';
  const res = await fetch(`${sim.url}${path}`, {
    method: 'POST',
    headers: {
      'content-type': isString ? 'application/x-www-form-urlencoded' : 'application/json',
      ...headers,
    },
    body: body === undefined ? undefined : isString ? body : JSON.stringify(body),
  });
  return { status: res.status, text: await res.text(), contentType: res.headers.get('content-type') ?? '' };
}

/**
 * `post` over node:http rather than fetch, whose connection pool runs on the global timers: under
 * fake timers only the simulator's own timers (latency) are then on the fake clock.
 */
export function postOverHttp(
  sim: PanelSim,
  path: string,
  body: Body,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${sim.url}${path}`,
      { method: 'POST', agent: false, headers: { 'content-type': 'application/json', ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            text: Buffer.concat(chunks).toString('utf8'),
            contentType: String(res.headers['content-type'] ?? ''),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

export async function getToken(sim: PanelSim): Promise<string> {
  const res = await post(sim, '/api/client/token', undefined, { 'xmplus-authorization': md5(sim.apiKey) });
  const json = JSON.parse(res.text) as { data: { token: string } };
  return json.data.token;
}

/** A logged-in caller: `call(path, body)` posts with the bearer token and parses JSON. */
export async function clientFor(sim: PanelSim) {
  const token = await getToken(sim);
  const creds = { email: sim.demo.email, passwd: sim.demo.password };
  const raw = (path: string, body: Body | string = {}) =>
    post(sim, `/api/client/${path}`, body, { authorization: `Bearer ${token}` });
  /** `raw` over node:http, for tests on fake timers. */
  const rawOverHttp = (path: string, body: Body = {}) =>
    postOverHttp(sim, `/api/client/${path}`, body, { authorization: `Bearer ${token}` });
  const call = async (path: string, body: Body = {}): Promise<Body> => {
    const res = await raw(path, body);
    if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status}: ${res.text.slice(0, 200)}`);
    return JSON.parse(res.text) as Body;
  };
  /** `call` with the demo login merged into the body. */
  const user = (path: string, body: Body = {}) => call(path, { ...creds, ...body });
  return { token, raw, rawOverHttp, call, user, creds };
}

export function field<T = unknown>(value: unknown, ...keys: (string | number)[]): T {
  let cur: unknown = value;
  for (const k of keys) {
    if (cur === null || typeof cur !== 'object') throw new Error(`no ${String(k)} in ${JSON.stringify(cur)}`);
    cur = (cur as Record<string | number, unknown>)[k];
  }
  return cur as T;
}

export const MONEY = /^[$¥] \d+\.\d{2} $/;
export const SIZE = /^\d+(\.\d{1,2})? (B|KB|MB|GB|TB|PB)$/;
export const DATE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/;
export const AMOUNT = /^\d+\.\d{2}$/;

/**
 * Yields to I/O (never to a timer, so it works under fake timers) until `ready()` holds: a test
 * waits on the state it means, not for a length of time.
 */
export async function ioUntil(ready: () => boolean): Promise<void> {
  while (!ready()) await new Promise((resolve) => setImmediate(resolve));
}
