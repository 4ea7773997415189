// The token session on a fake client and a fake clock: caching by the token's own lifetime,
// refresh ahead of expiry, single-flight under concurrency, and the one retry after a refusal.
import { describe, expect, it } from 'vitest';
import { createTokenSession } from '../../../../src/main/sources/xmplus/token-session';
import type { TokenGrant } from '../../../../src/main/sources/xmplus/client';
import { tokenRefusedError } from '../../../../src/main/sources/xmplus/errors';
import type { Result } from '../../../../src/shared/errors';
import { appError, fail, ok } from '../../../../src/shared/errors';
import { expectErr, expectOk } from '../../../support/expect';

const HOUR = 3_600_000;

/**
 * A token endpoint on a settable clock; `skewMs` makes the panel's clock differ from ours. After
 * hold(), requests wait (in flight, as long as the test needs) until release().
 */
function fakeTokens(options: { lifetimeSec?: number; skewMs?: number } = {}) {
  let clock = 1_700_000_000_000;
  let serial = 0;
  let gate: Promise<void> | null = null;
  let open = () => {};
  let waiting = 0;
  const onWait: (() => void)[] = [];
  const fake = {
    requests: 0,
    now: () => clock,
    advance: (ms: number) => {
      clock += ms;
    },
    hold() {
      gate = new Promise((resolve) => (open = resolve));
    },
    /** Resolves once a request is waiting at the gate. */
    inFlight: () => (waiting > 0 ? Promise.resolve() : new Promise<void>((resolve) => onWait.push(resolve))),
    release() {
      gate = null;
      open();
    },
    async fetchToken(apiKey: string): Promise<Result<TokenGrant>> {
      fake.requests++;
      if (apiKey !== 'good-key') return fail(appError('auth', 'The panel refused the client API key.'));
      if (gate) {
        const held = gate;
        waiting++;
        for (const wake of onWait.splice(0)) wake();
        await held;
        waiting--;
      }
      serial++;
      const iat = clock + (options.skewMs ?? 0);
      return ok({
        token: `tok-${serial}`,
        issuedAt: iat,
        expiresAt: iat + (options.lifetimeSec ?? 84_600) * 1000,
      });
    },
  };
  return fake;
}

const goodKey = async () => ok('good-key');

describe('createTokenSession', () => {
  it('fetches once and reuses the token until shortly before it expires', async () => {
    const fake = fakeTokens({ lifetimeSec: 84_600 });
    const session = createTokenSession({ client: fake, getApiKey: goodKey, now: fake.now });
    const seen: string[] = [];
    for (let i = 0; i < 10; i++) {
      await session.withToken(async (t) => {
        seen.push(t);
        return ok(null);
      });
      fake.advance(HOUR);
    }
    // 10 h of hourly calls on a 23.5 h token: one request.
    expect(fake.requests).toBe(1);
    expect(session.tokenRequests).toBe(1);
    expect(new Set(seen)).toEqual(new Set(['tok-1']));
    // 10 min before expiry (23 h 20 min after issue) it is refreshed ahead.
    fake.advance(13 * HOUR + 19 * 60_000);
    expect(session.hasFreshToken()).toBe(true);
    fake.advance(2 * 60_000);
    expect(session.hasFreshToken()).toBe(false);
    expect(await session.token()).toEqual({ ok: true, value: 'tok-2' });
    expect(session.tokenRequests).toBe(2);
  });

  it('makes at most 4 token requests over 48 h of polling every 15 min', async () => {
    const fake = fakeTokens({ lifetimeSec: 84_600 });
    const session = createTokenSession({ client: fake, getApiKey: goodKey, now: fake.now });
    for (let t = 0; t <= 48 * 4; t++) {
      const r = await session.withToken(async (token) => ok(token));
      expectOk(r);
      fake.advance(15 * 60_000);
    }
    expect(fake.requests).toBeLessThanOrEqual(4);
    expect(fake.requests).toBeGreaterThanOrEqual(3);
  });

  it('measures the lifetime from iat/exp, so a panel clock far behind ours causes no storm', async () => {
    const fake = fakeTokens({ lifetimeSec: 84_600, skewMs: -2 * 24 * HOUR });
    const session = createTokenSession({ client: fake, getApiKey: goodKey, now: fake.now });
    for (let i = 0; i < 20; i++) await session.withToken(async (t) => ok(t));
    expect(fake.requests).toBe(1);
  });

  it('100 concurrent calls needing a token cause one token request', async () => {
    const fake = fakeTokens();
    const session = createTokenSession({ client: fake, getApiKey: goodKey, now: fake.now });
    const concurrently = async () => {
      fake.hold();
      const all = Promise.all(Array.from({ length: 100 }, () => session.withToken(async (t) => ok(t))));
      await fake.inFlight();
      fake.release();
      return (await all).map((r) => expectOk(r));
    };
    expect(new Set(await concurrently())).toEqual(new Set(['tok-1']));
    expect(fake.requests).toBe(1);
    // Again at expiry.
    fake.advance(30 * HOUR);
    expect(new Set(await concurrently())).toEqual(new Set(['tok-2']));
    expect(fake.requests).toBe(2);
  });

  it('a refused token is refreshed once and the call retried once', async () => {
    const fake = fakeTokens();
    const session = createTokenSession({ client: fake, getApiKey: goodKey, now: fake.now });
    await session.token();
    const calls: string[] = [];
    const result = await session.withToken(async (t) => {
      calls.push(t);
      return t === 'tok-1' ? fail(tokenRefusedError('panel.example')) : ok('done');
    });
    expect(result).toEqual({ ok: true, value: 'done' });
    expect(calls).toEqual(['tok-1', 'tok-2']);
    expect(fake.requests).toBe(2);
  });

  it('gives up after one retry when the fresh token is refused too', async () => {
    const fake = fakeTokens();
    const session = createTokenSession({ client: fake, getApiKey: goodKey, now: fake.now });
    let calls = 0;
    const result = await session.withToken(async () => {
      calls++;
      return fail(tokenRefusedError('panel.example'));
    });
    expectErr(result);
    expect(calls).toBe(2);
    expect(fake.requests).toBe(2);
  });

  it('concurrent refusals of the same token share one refresh', async () => {
    const fake = fakeTokens();
    const session = createTokenSession({ client: fake, getApiKey: goodKey, now: fake.now });
    await session.token();
    fake.hold();
    const all = Promise.all(
      Array.from({ length: 50 }, () =>
        session.withToken(async (t) => (t === 'tok-1' ? fail(tokenRefusedError('panel.example')) : ok(t))),
      ),
    );
    // The refresh after the first refusal is in flight while the others are refused.
    await fake.inFlight();
    fake.release();
    const results = await all;
    expect(new Set(results.map((r) => expectOk(r)))).toEqual(new Set(['tok-2']));
    expect(fake.requests).toBe(2);
  });

  it('does not retry other errors, and passes key errors through', async () => {
    const fake = fakeTokens();
    const session = createTokenSession({ client: fake, getApiKey: goodKey, now: fake.now });
    let calls = 0;
    const r = await session.withToken(async () => {
      calls++;
      return fail(appError('panel', 'Service not found', { code: 208 }));
    });
    expectErr(r, 'panel');
    expect(calls).toBe(1);

    const badKey = createTokenSession({ client: fake, getApiKey: async () => ok('wrong'), now: fake.now });
    const refused = await badKey.withToken(async () => ok(1));
    expectErr(refused, 'auth');
    const noKey = createTokenSession({
      client: fake,
      getApiKey: async () => fail(appError('keychain', 'Keychain locked.')),
      now: fake.now,
    });
    const locked = await noKey.withToken(async () => ok(1));
    expectErr(locked, 'keychain');
  });

  it('invalidate drops the cached token and ignores an in-flight one', async () => {
    const fake = fakeTokens();
    const session = createTokenSession({ client: fake, getApiKey: goodKey, now: fake.now });
    fake.hold();
    const pending = session.token();
    await fake.inFlight();
    session.invalidate();
    fake.release();
    expect(await pending).toEqual({ ok: true, value: 'tok-1' });
    expect(session.hasFreshToken()).toBe(false);
    expect(await session.token()).toEqual({ ok: true, value: 'tok-2' });
    expect(session.hasFreshToken()).toBe(true);
  });

  it('renew fetches a new token and reports its expiry', async () => {
    const fake = fakeTokens({ lifetimeSec: 600 });
    const session = createTokenSession({ client: fake, getApiKey: goodKey, now: fake.now });
    await session.token();
    const renewed = await session.renew();
    expect(renewed).toEqual({ ok: true, value: { expiresAt: fake.now() + 600_000 } });
    expect(await session.token()).toEqual({ ok: true, value: 'tok-2' });
  });
});
