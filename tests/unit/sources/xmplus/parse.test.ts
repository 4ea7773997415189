// Reading panel answers: JSON behind PHP warnings, HTML error pages, empty and malformed bodies,
// and the envelope rules (success is code 100 only; 208 stays the panel's words; refusals are auth).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isTokenRefused } from '../../../../src/main/sources/xmplus/errors';
import {
  EMPTY_BODY_DETAIL,
  extractJson,
  parseResponse,
  SALVAGE_MAX_CHARS,
} from '../../../../src/main/sources/xmplus/parse';
import { expectErr, expectOk } from '../../../support/expect';

const ctx = { host: 'panel.example', endpoint: 'account/info' };
const raw = (text: string, status = 200) => ({ status, contentType: 'application/json', text });

describe('extractJson', () => {
  it('recovers JSON after an HTML-formatted PHP warning', () => {
    const body =
      '<br />\n<b>Warning</b>:  Undefined array key "serviceid" in <b>/var/www/app/Api.php</b> on line <b>412</b><br />\n' +
      '{"status":"success","code":100,"data":{"uid":1}}';
    expect(extractJson(body)).toEqual({
      kind: 'json',
      value: { status: 'success', code: 100, data: { uid: 1 } },
      recovered: true,
    });
  });

  it('recovers JSON after plain-text notices and before trailing junk', () => {
    const body =
      'PHP Notice:  Undefined index: x in /srv/a.php on line 3\nWarning: count(): Parameter must be an array {in} /srv/b.php on line 9\n' +
      '{"code":100,"packages":[{"id":1}]}\nDeprecated: something on line 12';
    const out = extractJson(body);
    expect(out.kind).toBe('json');
    expect(out.kind === 'json' && out.value).toEqual({ code: 100, packages: [{ id: 1 }] });
  });

  it('sees HTML pages, empty bodies and malformed JSON for what they are', () => {
    expect(extractJson('<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>')).toEqual(
      {
        kind: 'html',
        title: '502 Bad Gateway',
      },
    );
    expect(extractJson('  \n ')).toEqual({ kind: 'empty' });
    expect(extractJson('{"status":"success","code":100,"data":{"uid"')).toEqual({ kind: 'malformed' });
  });
});

describe('extractJson on a large body', () => {
  afterEach(() => vi.restoreAllMocks());

  // Many object starts and closing braces, and no JSON: the salvage's worst case.
  const hostile = '{"a":1 }'.repeat(Math.ceil(SALVAGE_MAX_CHARS / 8) + 1);

  it('tries at most one salvage candidate above SALVAGE_MAX_CHARS, instead of hundreds', () => {
    expect(hostile.length).toBeGreaterThan(SALVAGE_MAX_CHARS);
    const parse = vi.spyOn(JSON, 'parse');
    expect(extractJson(hostile)).toEqual({ kind: 'malformed' });
    // The whole body, then one candidate (before the cap: 1 + 40 starts x 8 ends).
    expect(parse.mock.calls.length).toBeLessThanOrEqual(2);
  });

  it('still finds a large answer behind a PHP warning', () => {
    const servers = Array.from({ length: 8000 }, (_, i) => ({ id: i, remark: `server number ${i}` }));
    const body = `<b>Warning</b>: Undefined index in /var/www/a.php on line 3<br />\n${JSON.stringify({ code: 100, servers })}`;
    expect(body.length).toBeGreaterThan(SALVAGE_MAX_CHARS);
    const out = extractJson(body);
    expect(out.kind === 'json' && out.recovered).toBe(true);
    expect(out.kind === 'json' && (out.value as { servers: unknown[] }).servers).toHaveLength(8000);
  });
});

describe('parseResponse', () => {
  it('accepts code 100 whatever status says, including "sucess" and service statuses', () => {
    expectOk(parseResponse(raw('{"status":"sucess","code":100,"message":"ok"}'), ctx));
    expectOk(parseResponse(raw('{"status":"فعال","code":"100","sid":4}'), ctx));
    const notOk = parseResponse(raw('{"status":"success","code":208,"message":"Service not found"}'), ctx);
    expectErr(notOk);
  });

  it("keeps 208 as a panel error with the panel's own message", () => {
    const r = parseResponse(raw('{"status":"error","code":208,"message":"Invalid email or password"}'), ctx);
    expect(r).toEqual({
      ok: false,
      error: { kind: 'panel', message: 'Invalid email or password', code: 208 },
    });
  });

  it('maps token refusals to auth (HTTP 401 and code-401 bodies), and marks them', () => {
    const http = parseResponse(raw('{"status":"error","code":401,"message":"Token has expired."}', 401), ctx);
    const body = parseResponse(raw('{"status":"error","code":401,"message":"Invalid token."}'), ctx);
    for (const r of [http, body]) {
      expect(isTokenRefused(expectErr(r, 'auth'))).toBe(true);
    }
  });

  it('maps a refused API key on the token endpoint to auth, not to a token refusal', () => {
    const r = parseResponse(raw('{"status":"error","code":401,"message":"Invalid client API key."}', 401), {
      host: 'panel.example',
      endpoint: 'token',
    });
    const error = expectErr(r, 'auth');
    expect(isTokenRefused(error)).toBe(false);
    expect(error.message).toMatch(/API key/);
    expect(error.message).toContain('Invalid client API key.');
  });

  it('turns HTML error pages into http errors carrying the title', () => {
    const page =
      '<html>\r\n<head><title>500 Internal Server Error</title></head><body><h1>oops</h1></body></html>';
    const r = parseResponse(raw(page, 500), ctx);
    const error = expectErr(r, 'http');
    expect(error).toMatchObject({ status: 500, detail: '500 Internal Server Error' });
    expect(error.message).toContain('panel.example');
    const on200 = parseResponse(raw('<!DOCTYPE html><title>Just a moment...</title>'), ctx);
    expect(expectErr(on200)).toMatchObject({ kind: 'http', detail: 'Just a moment...' });
  });

  it('reports empty and malformed bodies as schema errors with a clear message', () => {
    const empty = parseResponse(raw(''), ctx);
    expect(expectErr(empty)).toMatchObject({ kind: 'schema', detail: EMPTY_BODY_DETAIL });
    expect(expectErr(empty).message).toMatch(/empty answer/);
    const cut = parseResponse(raw('{"code":100,"data":{"uid":1,"ema'), ctx);
    expectErr(cut, 'schema');
  });

  it("prefers the panel's JSON message over a bare HTTP status", () => {
    const r = parseResponse(raw('{"status":"error","code":208,"message":"Billing unavailable"}', 500), ctx);
    expect(expectErr(r)).toMatchObject({ kind: 'panel', code: 208, message: 'Billing unavailable' });
  });

  it('treats an answer without a code as a schema problem', () => {
    const r = parseResponse(raw('{"data":{}}'), ctx);
    expectErr(r, 'schema');
  });
});
