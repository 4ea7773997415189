// The rules for talking to a subscription link, as pure functions: which link is acceptable, how a
// redirect may be followed, how long Retry-After asks to wait, what the panel said when it refused,
// which User-Agent to present, and how a link is shown (shortened: the link is a credential).

import { appError, fail, ok, type AppError, type Result } from '../../../shared/errors';
import { cleanText } from './headers';

export const MAX_REDIRECTS = 5;
/** A steady refresh every 30 minutes unless the user (or nothing else) says otherwise. */
export const DEFAULT_INTERVAL_MINUTES = 30;
const MAX_LINK_LENGTH = 4096;
/** Retry-After beyond a day is a panel's mistake; waiting longer would look like a dead profile. */
const MAX_RETRY_AFTER_MS = 86_400_000;
const WORDS_MAX = 200;

/**
 * The clients a user may appear as when a panel refuses unknown agents (PasarGuard answers 406).
 * Each gets the body its client would, and the readers read every one of them.
 */
export const CLIENT_AGENTS = {
  v2rayn: 'v2rayN/7.15.4',
  'clash-verge': 'clash-verge/v2.4.2',
  hiddify: 'HiddifyNext/2.5.7',
  happ: 'Happ/3.2.1',
} as const;
export type ClientAgentId = keyof typeof CLIENT_AGENTS;
export const DEFAULT_CLIENT_AGENT: ClientAgentId = 'v2rayn';

export function isClientAgentId(value: string): value is ClientAgentId {
  return Object.hasOwn(CLIENT_AGENTS, value);
}

/** A subscription link as typed or pasted: http(s), a host, no spaces. The parsed URL, or why not. */
export function parseSubscriptionLink(input: string): Result<URL> {
  const text = input.trim();
  if (text === '')
    return fail(
      appError('validation', 'Paste the subscription link from your provider.', { reason: 'badLink' }),
    );
  if (text.length > MAX_LINK_LENGTH)
    return fail(
      appError('validation', 'This link is too long to be a subscription link.', { reason: 'badLink' }),
    );
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return fail(
      appError('validation', 'This is not a link. A subscription link starts with https://.', {
        reason: 'badLink',
      }),
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return fail(
      appError('validation', 'A subscription link starts with https:// (or http://).', { reason: 'badLink' }),
    );
  if (url.hostname === '')
    return fail(appError('validation', 'This link has no host.', { reason: 'badLink' }));
  url.hash = ''; // a fragment is never sent; some clients use it for a name
  return ok(url);
}

/** The link as the user sees it (src/shared/short-link.ts: the window and the tray show it the same way). */
export { shortLink } from '../../../shared/short-link';

export type RedirectStep = { ok: true; next: URL } | { ok: false; error: AppError };

/**
 * Where a redirect leads, or why it is not followed: at most MAX_REDIRECTS hops, http(s) only,
 * never from https down to http (the link would then travel in clear).
 */
export function nextHop(from: URL, location: string | undefined, hopsSoFar: number): RedirectStep {
  if (location === undefined || location.trim() === '')
    return {
      ok: false,
      error: appError('http', `The provider answered with a redirect to nowhere (from ${from.host}).`),
    };
  if (hopsSoFar >= MAX_REDIRECTS)
    return {
      ok: false,
      error: appError(
        'http',
        `The link redirected more than ${MAX_REDIRECTS} times; the app stopped following it.`,
      ),
    };
  let next: URL;
  try {
    next = new URL(location.trim(), from);
  } catch {
    return {
      ok: false,
      error: appError('http', 'The provider redirected the link to an address that is not valid.'),
    };
  }
  if (next.protocol !== 'https:' && next.protocol !== 'http:')
    return {
      ok: false,
      error: appError('http', `The provider redirected the link to a ${next.protocol} address.`),
    };
  if (from.protocol === 'https:' && next.protocol === 'http:')
    return {
      ok: false,
      error: appError(
        'http',
        `The provider redirected the link from https to plain http (${next.host}). The app does not follow that: the link would travel unencrypted.`,
      ),
    };
  next.hash = '';
  return { ok: true, next };
}

/** Retry-After as milliseconds to wait: delta-seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(value: string | undefined, now: number): number | null {
  if (value === undefined) return null;
  const text = value.trim();
  let ms: number;
  if (/^\d+$/.test(text)) ms = Number(text) * 1000;
  else {
    const at = Date.parse(text);
    if (!Number.isFinite(at)) return null;
    ms = at - now;
  }
  return Math.min(Math.max(0, ms), MAX_RETRY_AFTER_MS);
}

function fromJson(body: string): string | null {
  try {
    const value: unknown = JSON.parse(body);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
    const obj = value as Record<string, unknown>;
    // Xboard {"message"}, FastAPI panels {"detail"}, SSPanel {"msg"}, others {"error"}.
    for (const key of ['message', 'detail', 'msg', 'error']) {
      const v = obj[key];
      if (typeof v === 'string' && v.trim() !== '') return v;
      if (Array.isArray(v) && typeof (v[0] as { msg?: unknown } | undefined)?.msg === 'string')
        return (v[0] as { msg: string }).msg; // FastAPI validation errors
    }
    return null;
  } catch {
    return null;
  }
}

/** The panel's own words for a refusal, cleaned and bounded; '' when it said nothing readable. */
export function panelWords(body: string, contentType = ''): string {
  const text = body.trim();
  if (text === '') return '';
  const json = text.startsWith('{') ? fromJson(text) : null;
  if (json !== null) return cleanText(json, WORDS_MAX);
  if (/html/i.test(contentType) || /^<(!doctype|html)/i.test(text)) {
    const title =
      /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1] ?? /<h1[^>]*>([^<]*)<\/h1>/i.exec(text)?.[1];
    return title ? cleanText(title, WORDS_MAX) : '';
  }
  // Plain text: the first line, as 3x-ui's "Error!" or a proxy's one-liner.
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  return firstLine.length > 0 && firstLine.length <= 500 ? cleanText(firstLine, WORDS_MAX) : '';
}

/**
 * `text` without the link's secret parts: a panel's page may echo the token it refused, and its
 * words end up in messages the user sees, logs and the cache. Every path segment and query value of
 * the link long enough to be a token is replaced by "…".
 */
export function scrubLink(text: string, link: URL): string {
  const secrets = [...link.pathname.split('/'), ...link.searchParams.values()]
    .map((part) => {
      try {
        return decodeURIComponent(part);
      } catch {
        return part;
      }
    })
    .filter((part) => part.length >= 8)
    .sort((a, b) => b.length - a.length);
  let out = text;
  for (const secret of secrets) out = out.split(secret).join('…');
  return out;
}

/** A refusal as an error value: the HTTP status and the panel's words, verbatim where it gave some. */
export function refusalError(status: number, words: string): AppError {
  const said = words === '' ? '' : `: “${words}”`;
  const hint =
    status === 404
      ? ' The link may have been changed or revoked; copy it again from your provider.'
      : status === 406
        ? ' The provider does not serve this kind of app.'
        : '';
  return appError('http', `The provider refused the subscription link (HTTP ${status})${said}.${hint}`, {
    status,
    ...(words === '' ? {} : { detail: words }),
  });
}
