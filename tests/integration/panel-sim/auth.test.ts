// Token issue and refusal as a panel does it: md5(api key) header, HS512 JWT + '#' suffix,
// bearer checks, expiry on the simulator's clock, and both refusal modes.
import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { startPanelSim } from '../../../tools/panel-sim';
import type { PanelSim, PanelSimOptions } from '../../../tools/panel-sim';
import { getToken, md5, post } from './helpers';

let sim: PanelSim | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function start(options: PanelSimOptions = {}): Promise<PanelSim> {
  sim = await startPanelSim(options);
  return sim;
}

const decode = (part: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;

const info = (s: PanelSim, headers: Record<string, string>) =>
  post(s, '/api/client/account/info', { email: s.demo.email, passwd: s.demo.password }, headers);

describe('token', () => {
  it('issues an HS512 JWT with iat/nbf/exp and a 43-char suffix', async () => {
    const now = Date.UTC(2026, 2, 1);
    const s = await start({ now: () => now, tokenTtlSec: 3600 });
    const res = await post(s, '/api/client/token', undefined, { 'xmplus-authorization': md5(s.apiKey) });
    expect(res.status).toBe(200);
    const json = JSON.parse(res.text) as { status: string; code: number; data: { token: string } };
    expect(json).toMatchObject({ status: 'success', code: 100 });
    const [jwt, suffix] = json.data.token.split('#');
    expect(suffix).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [header, payload, signature] = (jwt ?? '').split('.');
    expect(decode(header ?? '')).toEqual({ typ: 'JWT', alg: 'HS512' });
    const claims = decode(payload ?? '');
    expect(Object.keys(claims)).toEqual(['iss', 'aud', 'iat', 'nbf', 'exp']);
    expect(claims).toMatchObject({
      iss: s.url,
      aud: s.url,
      iat: now / 1000,
      nbf: now / 1000,
      exp: now / 1000 + 3600,
    });
    // 64-byte HMAC-SHA512 signature, base64url.
    expect(Buffer.from(signature ?? '', 'base64url')).toHaveLength(64);
  });

  it('uses a 84,600 s lifetime by default', async () => {
    const s = await start();
    const claims = decode((await getToken(s)).split('.')[1] ?? '');
    expect(Number(claims.exp) - Number(claims.iat)).toBe(84_600);
  });

  it('refuses a missing or wrong xmplus-authorization header', async () => {
    const s = await start();
    const missing = await post(s, '/api/client/token', undefined);
    expect(missing.status).toBe(401);
    expect(JSON.parse(missing.text)).toMatchObject({ status: 'error', code: 401 });
    const wrong = await post(s, '/api/client/token', undefined, {
      'xmplus-authorization': md5(`${s.apiKey}x`),
    });
    expect(wrong.status).toBe(401);
    // The raw key is not the md5 of it.
    const raw = await post(s, '/api/client/token', undefined, { 'xmplus-authorization': s.apiKey });
    expect(raw.status).toBe(401);
    expect(s.admin.stats().tokenRequests).toBe(3);
  });
});

describe('bearer token', () => {
  it('needs the whole token, # suffix included', async () => {
    const s = await start();
    const token = await getToken(s);
    expect((await info(s, { authorization: `Bearer ${token}` })).status).toBe(200);
    expect((await info(s, {})).status).toBe(401);
    expect((await info(s, { authorization: `Bearer ${token.split('#')[0] ?? ''}` })).status).toBe(401);
  });

  it('refuses a well-formed token it did not issue', async () => {
    const s = await start();
    const token = await getToken(s);
    const [header, payload] = token.split('.');
    const forged = `${header}.${payload}.${createHmac('sha512', 'guess').update(`${header}.${payload}`).digest('base64url')}#${'A'.repeat(43)}`;
    const res = await info(s, { authorization: `Bearer ${forged}` });
    expect(res.status).toBe(401);
    expect(JSON.parse(res.text)).toMatchObject({ status: 'error', code: 401, message: 'Invalid token.' });
  });

  it('expires on the simulator clock (mode http401)', async () => {
    let now = Date.UTC(2026, 2, 1);
    const s = await start({ now: () => now, tokenTtlSec: 100 });
    const token = await getToken(s);
    now += 99_000;
    expect((await info(s, { authorization: `Bearer ${token}` })).status).toBe(200);
    now += 1_000;
    const res = await info(s, { authorization: `Bearer ${token}` });
    expect(res.status).toBe(401);
    expect(JSON.parse(res.text)).toEqual({ status: 'error', code: 401, message: 'Token has expired.' });
    // A fresh token works again.
    expect((await info(s, { authorization: `Bearer ${await getToken(s)}` })).status).toBe(200);
  });

  it('refuses with HTTP 200 and an error code in mode code200', async () => {
    let now = Date.UTC(2026, 2, 1);
    const s = await start({ now: () => now, tokenTtlSec: 10, refusedTokenMode: 'code200' });
    const token = await getToken(s);
    now += 11_000;
    const res = await info(s, { authorization: `Bearer ${token}` });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toMatchObject({ status: 'error', code: 401 });
    const unknown = await info(s, { authorization: 'Bearer nonsense' });
    expect(unknown.status).toBe(200);
    expect(JSON.parse(unknown.text)).toMatchObject({ status: 'error', code: 401 });
  });

  it('admin.expireTokens refuses every token issued so far', async () => {
    const s = await start();
    const token = await getToken(s);
    s.admin.expireTokens();
    expect((await info(s, { authorization: `Bearer ${token}` })).status).toBe(401);
    expect((await info(s, { authorization: `Bearer ${await getToken(s)}` })).status).toBe(200);
  });
});
