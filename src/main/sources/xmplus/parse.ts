// Turns a panel's raw HTTP answer into the JSON object behind it, or an AppError. Real panels print
// PHP warnings before the JSON, answer with HTML error pages, or send nothing at all; success is
// decided by `code == 100` (`status` may be "sucess" or a service status), or, where a panel sends no
// code at all, by `ret: 1` or a success word.
import type { AppError, Result } from '../../../shared/errors';
import { appError, fail, ok } from '../../../shared/errors';
import { apiKeyRefusedError, tokenRefusedError } from './errors';
import type { RawResponse } from '../../net/transport';

export interface ParseContext {
  /** Host for messages. */
  host: string;
  /** Endpoint path after /api/client, e.g. "account/info". */
  endpoint: string;
}

export type JsonObject = Record<string, unknown>;

/** The `detail` of the error for a 2xx answer with no body at all. */
export const EMPTY_BODY_DETAIL = 'The answer was empty.';

export type Extracted =
  | { kind: 'json'; value: unknown; recovered: boolean }
  | { kind: 'empty' }
  | { kind: 'html'; title: string }
  | { kind: 'malformed' };

const MAX_CANDIDATES = 40;

/**
 * Above this many characters the salvage tries one candidate only (the first object to the last
 * closing brace: JSON after PHP warnings), not up to 320: each try parses up to the whole body, on
 * the main thread. Real API answers with warnings in front are far below it.
 */
export const SALVAGE_MAX_CHARS = 256 * 1024;

function tryParse(text: string): { value: unknown } | null {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return null;
  }
}

function stripTags(text: string): string {
  return text
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#0?39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

export function htmlTitle(text: string): string | null {
  const match = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(text);
  if (match) return stripTags(match[1] ?? '').slice(0, 160);
  const heading = /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(text);
  if (heading) return stripTags(heading[1] ?? '').slice(0, 160);
  return null;
}

function looksLikeHtml(text: string): boolean {
  return /<!doctype html|<html[\s>]|<head[\s>]|<body[\s>]|<title[\s>]/i.test(text);
}

/**
 * Find the JSON value in a body. Tries the whole body first, then the object or array that
 * follows (or precedes) PHP warnings / notices, bounded so a hostile body cannot make it slow.
 */
export function extractJson(body: string): Extracted {
  const text = body.replace(/^\uFEFF/, '').trim();
  if (!text) return { kind: 'empty' };
  const whole = tryParse(text);
  if (whole) return { kind: 'json', value: whole.value, recovered: false };

  const large = text.length > SALVAGE_MAX_CHARS;
  const maxStarts = large ? 1 : MAX_CANDIDATES;
  const maxEnds = large ? 1 : 8;
  const starts: number[] = [];
  for (let i = 0; i < text.length && starts.length < maxStarts; i++) {
    const ch = text[i];
    // A JSON object starts with "{" followed by "}" or a quoted key; this skips "{" inside PHP text.
    if (ch === '{' && /^\{\s*("|\})/.test(text.slice(i, i + 64))) starts.push(i);
    else if (ch === '[' && /^\[\s*(\{|\]|")/.test(text.slice(i, i + 64))) starts.push(i);
  }
  const ends: number[] = [];
  for (let i = text.length - 1; i >= 0 && ends.length < maxEnds; i--) {
    if (text[i] === '}' || text[i] === ']') ends.push(i);
  }
  for (const start of starts) {
    for (const end of ends) {
      if (end <= start) continue;
      const candidate = tryParse(text.slice(start, end + 1));
      if (candidate && typeof candidate.value === 'object' && candidate.value !== null) {
        return { kind: 'json', value: candidate.value, recovered: true };
      }
    }
  }
  if (looksLikeHtml(text)) return { kind: 'html', title: htmlTitle(text) ?? '' };
  return { kind: 'malformed' };
}

function panelMessage(obj: JsonObject): string {
  const raw = obj.message ?? obj.msg ?? obj.error;
  if (typeof raw === 'string') return stripTags(raw).slice(0, 500);
  if (Array.isArray(raw))
    return raw
      .filter((x) => typeof x === 'string')
      .join(' ')
      .slice(0, 500);
  return '';
}

function codeOf(obj: JsonObject): number | null {
  const code = obj.code;
  if (typeof code === 'number' && Number.isFinite(code)) return code;
  if (typeof code === 'string' && /^\s*-?\d+\s*$/.test(code)) return Number(code);
  return null;
}

const TOKEN_WORDS = /\btoken\b|jwt|unauthori[sz]ed|not authori[sz]ed|authori[sz]ation|bearer|signature/i;

function httpError(raw: RawResponse, ctx: ParseContext, title: string | null): AppError {
  const status = raw.status;
  const what = title ? ` ("${title}")` : '';
  const extra = { status, ...(title ? { detail: title } : {}) };
  if (status === 429) {
    return appError(
      'http',
      `The panel at ${ctx.host} is limiting requests (HTTP 429). Wait a minute, then try again.`,
      extra,
    );
  }
  if (status === 404) {
    return appError(
      'http',
      `The panel at ${ctx.host} has no client API at this address (HTTP 404${what}). Check the panel address; some panels live under a path.`,
      extra,
    );
  }
  if (status >= 500) {
    return appError(
      'http',
      `The panel at ${ctx.host} had an error (HTTP ${status}${what}). Try again later; if it keeps happening, tell your provider.`,
      extra,
    );
  }
  return appError(
    'http',
    `The panel at ${ctx.host} answered with HTTP ${status}${what}. Try again later; if it keeps happening, tell your provider.`,
    extra,
  );
}

/** Parse and check a panel answer; ok only for an object whose `code` is 100. */
export function parseResponse(raw: RawResponse, ctx: ParseContext): Result<JsonObject> {
  const isTokenEndpoint = ctx.endpoint === 'token';
  const extracted = extractJson(raw.text);
  const obj =
    extracted.kind === 'json' &&
    typeof extracted.value === 'object' &&
    extracted.value !== null &&
    !Array.isArray(extracted.value)
      ? (extracted.value as JsonObject)
      : null;

  if (raw.status === 401 || raw.status === 403) {
    const message = obj ? panelMessage(obj) : '';
    const code = obj ? codeOf(obj) : null;
    const extra = { status: raw.status, ...(code !== null ? { code } : {}) };
    return fail(
      isTokenEndpoint ? apiKeyRefusedError(ctx.host, message, extra) : tokenRefusedError(ctx.host, extra),
    );
  }
  if (raw.status < 200 || raw.status >= 300) {
    // Some panels send their JSON error with a 4xx/5xx status: the panel's words beat a bare status.
    if (obj && codeOf(obj) !== null && codeOf(obj) !== 100 && panelMessage(obj)) {
      return checkEnvelope(obj, ctx, raw.status);
    }
    const title = extracted.kind === 'html' ? extracted.title : htmlTitle(raw.text);
    return fail(httpError(raw, ctx, title || null));
  }

  switch (extracted.kind) {
    case 'empty':
      return fail(
        appError(
          'schema',
          `The panel at ${ctx.host} sent an empty answer to ${ctx.endpoint}. Try again in a moment; if it keeps happening, tell your provider.`,
          { status: raw.status, detail: EMPTY_BODY_DETAIL },
        ),
      );
    case 'html':
      return fail(
        appError(
          'http',
          `The panel at ${ctx.host} sent a web page instead of data${extracted.title ? ` ("${extracted.title}")` : ''}. It may be down or behind a protection page; try again later.`,
          { status: raw.status, ...(extracted.title ? { detail: extracted.title } : {}) },
        ),
      );
    case 'malformed':
      return fail(
        appError(
          'schema',
          `The panel at ${ctx.host} sent an answer to ${ctx.endpoint} that the app cannot read. Try again later; if it keeps happening, tell your provider.`,
          { status: raw.status },
        ),
      );
    case 'json':
      break;
  }
  if (!obj) {
    return fail(
      appError(
        'schema',
        `The panel at ${ctx.host} sent an unexpected answer to ${ctx.endpoint} (not an object). Tell your provider if it persists.`,
      ),
    );
  }
  return checkEnvelope(obj, ctx, raw.status);
}

/**
 * Success without a `code`: the older client API answers `ret: 1` (xcode75/XMPlusDocs usage/api.md),
 * some endpoints only `status: "success"` or the documented "sucess". Only when `code` is absent: where a
 * code is given it decides, and `status` alone never does on service/info (it holds the service status).
 */
function succeedsWithoutCode(obj: JsonObject, ctx: ParseContext): boolean {
  if (obj.code !== undefined && obj.code !== null) return false;
  if (obj.ret === 1 || obj.ret === '1' || obj.ret === true) return true;
  return (
    ctx.endpoint !== 'service/info' &&
    typeof obj.status === 'string' &&
    /^(success|sucess|ok)$/i.test(obj.status.trim())
  );
}

function checkEnvelope(obj: JsonObject, ctx: ParseContext, status: number): Result<JsonObject> {
  const code = codeOf(obj);
  if (code === 100 || (status < 300 && succeedsWithoutCode(obj, ctx))) return ok(obj);
  const message = panelMessage(obj);
  const extra = { ...(code !== null ? { code } : {}), ...(status >= 300 ? { status } : {}) };
  if (ctx.endpoint === 'token') {
    return fail(apiKeyRefusedError(ctx.host, message, extra));
  }
  if (
    code === 401 ||
    code === 403 ||
    (code !== 208 && TOKEN_WORDS.test(message)) ||
    /\b(invalid|expired)\s+token\b|token\s+(is\s+)?(invalid|expired)/i.test(message)
  ) {
    return fail(tokenRefusedError(ctx.host, extra));
  }
  if (code === null && obj.status !== 'error' && !message) {
    return fail(
      appError(
        'schema',
        `The panel at ${ctx.host} sent an answer to ${ctx.endpoint} without a result code. Tell your provider if it persists.`,
      ),
    );
  }
  return fail(
    appError(
      'panel',
      message || `The panel refused the request${code !== null ? ` (code ${code})` : ''}.`,
      extra,
    ),
  );
}
