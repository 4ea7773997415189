// One fetch of a subscription link: a GET with the app's own User-Agent, redirects followed by hand
// (at most 5, never https -> http, nothing sent on but the GET itself), and one retry as a mainstream
// client when the panel refuses unknown agents (406). Never a device id. The answer comes back as it
// is, refusals included: the source decides what a status means for the profile.

import type { Result } from '../../../shared/errors';
import { fail, ok } from '../../../shared/errors';
import { nextHop, retryAfterMs } from './policy';

/** The part of a transport a fetch needs: one GET on an origin, and closing it. */
export interface GetTransport {
  get(
    pathAndQuery: string,
    headers?: Record<string, string>,
  ): Promise<Result<{ status: number; contentType: string; text: string; headers: Record<string, string> }>>;
  close(): Promise<void>;
}

export interface FetchOptions {
  /** Opens a transport on an origin with a User-Agent (one per origin and agent). */
  open(origin: URL, userAgent: string): Result<GetTransport>;
  userAgent: string;
  /** The client to appear as when the panel answers 406; null: no retry. */
  fallbackAgent: string | null;
  now(): number;
}

export interface Fetched {
  status: number;
  headers: Record<string, string>;
  body: string;
  contentType: string;
  /** The URL that answered (after redirects). */
  finalUrl: string;
  /** Set when every redirect on the way was permanent (301 / 308): where the link now lives. */
  movedTo: string | null;
  /** Which agent got this answer. */
  agent: 'app' | 'fallback';
  /** From a Retry-After header, in ms. */
  retryAfterMs: number | null;
  /** GETs sent, redirects and the 406 retry included. */
  requests: number;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const PERMANENT = new Set([301, 308]);

async function followOnce(link: URL, agent: string, options: FetchOptions, counter: { n: number }) {
  const opened = new Map<string, GetTransport>();
  try {
    let url = link;
    let hops = 0;
    let allPermanent = true;
    for (;;) {
      let transport = opened.get(url.origin);
      if (!transport) {
        const made = options.open(new URL(url.origin), agent);
        if (!made.ok) return made;
        transport = made.value;
        opened.set(url.origin, transport);
      }
      counter.n++;
      // Only the GET itself: no cookies, no credentials, no device id, whatever the panel asked.
      const got = await transport.get(`${url.pathname}${url.search}`);
      if (!got.ok) return got;
      const res = got.value;
      if (REDIRECTS.has(res.status)) {
        const step = nextHop(url, res.headers.location, hops);
        if (!step.ok) return fail(step.error);
        if (!PERMANENT.has(res.status)) allPermanent = false;
        hops++;
        url = step.next;
        continue;
      }
      return ok({
        status: res.status,
        headers: res.headers,
        body: res.text,
        contentType: res.contentType,
        finalUrl: url.toString(),
        movedTo: hops > 0 && allPermanent ? url.toString() : null,
        retryAfterMs: retryAfterMs(res.headers['retry-after'], options.now()),
      });
    }
  } finally {
    await Promise.all([...opened.values()].map((t) => t.close()));
  }
}

/** Fetches a subscription link once (or twice, on a 406 with a fallback agent). */
export async function fetchSubscription(link: URL, options: FetchOptions): Promise<Result<Fetched>> {
  const counter = { n: 0 };
  const first = await followOnce(link, options.userAgent, options, counter);
  if (!first.ok) return first;
  if (first.value.status === 406 && options.fallbackAgent !== null) {
    const again = await followOnce(link, options.fallbackAgent, options, counter);
    if (!again.ok) return again;
    return ok({ ...again.value, agent: 'fallback', requests: counter.n });
  }
  return ok({ ...first.value, agent: 'app', requests: counter.n });
}
