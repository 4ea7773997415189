// The panel token for one API key: fetched once, cached with its lifetime, refreshed ahead of
// expiry, single-flight (any number of concurrent callers share one token request), and when the
// panel refuses a token the call is retried once with a fresh one.
import type { AppError, Result } from '../../../shared/errors';
import { fail, ok } from '../../../shared/errors';
import type { PanelClient } from './client';
import { isTokenRefused } from './errors';

export interface TokenSessionOptions {
  client: Pick<PanelClient, 'fetchToken'>;
  getApiKey: () => Promise<Result<string>>;
  now?: () => number;
  /** Refresh this long before expiry; default min(10 min, 5% of the token's lifetime). */
  refreshAheadMs?: number;
}

export interface TokenSession {
  withToken<T>(call: (token: string) => Promise<Result<T>>): Promise<Result<T>>;
  /** Get a usable token (fetching one if needed). */
  token(): Promise<Result<string>>;
  /** True when a cached token is fresh enough to use without asking the panel. */
  hasFreshToken(): boolean;
  /** Fetch a new token now, replacing the cached one (proves the API key works). */
  renew(): Promise<Result<{ expiresAt: number | null }>>;
  /** Forget the cached token (logout, key change); an in-flight request will not be cached. */
  invalidate(): void;
  /** Token requests actually sent to the panel by this session. */
  readonly tokenRequests: number;
}

/** Used when a token carries no readable `exp`: short enough to recover, long enough not to storm. */
const FALLBACK_LIFETIME_MS = 60 * 60 * 1000;
/** Never treat a token as shorter-lived than this, whatever clocks say, so a skewed panel cannot cause a storm. */
const MIN_LIFETIME_MS = 60 * 1000;
const DEFAULT_AHEAD_MAX_MS = 10 * 60 * 1000;

interface Cached {
  token: string;
  /** Local time after which the token is refreshed before use. */
  refreshAt: number;
  /** The token's own `exp`, epoch ms (panel clock). */
  expiresAt: number | null;
}

export function createTokenSession(options: TokenSessionOptions): TokenSession {
  const now = options.now ?? Date.now;
  let cached: Cached | null = null;
  let inflight: Promise<Result<string>> | null = null;
  let generation = 0;
  let requests = 0;

  function refreshPoint(obtainedAt: number, expiresAt: number | null, issuedAt: number | null): number {
    // The lifetime comes from the token itself (exp - iat) when it can, so a panel whose clock
    // differs from ours neither expires tokens early nor makes us use dead ones.
    let lifetime: number;
    if (expiresAt !== null && issuedAt !== null && expiresAt > issuedAt) lifetime = expiresAt - issuedAt;
    else if (expiresAt !== null) lifetime = expiresAt - obtainedAt;
    else lifetime = FALLBACK_LIFETIME_MS;
    lifetime = Math.max(lifetime, MIN_LIFETIME_MS);
    const ahead = options.refreshAheadMs ?? Math.min(DEFAULT_AHEAD_MAX_MS, lifetime * 0.05);
    return obtainedAt + Math.max(lifetime - ahead, lifetime / 2);
  }

  function fresh(): boolean {
    return cached !== null && now() < cached.refreshAt;
  }

  function fetchToken(): Promise<Result<string>> {
    if (inflight) return inflight;
    const myGeneration = generation;
    const run = async (): Promise<Result<string>> => {
      const key = await options.getApiKey();
      if (!key.ok) return key;
      requests += 1;
      const obtainedAt = now();
      const grant = await options.client.fetchToken(key.value);
      if (!grant.ok) return grant;
      if (myGeneration === generation) {
        cached = {
          token: grant.value.token,
          refreshAt: refreshPoint(obtainedAt, grant.value.expiresAt, grant.value.issuedAt),
          expiresAt: grant.value.expiresAt,
        };
      }
      return ok(grant.value.token);
    };
    const promise = run().finally(() => {
      if (inflight === promise) inflight = null;
    });
    inflight = promise;
    return promise;
  }

  async function token(): Promise<Result<string>> {
    if (cached && fresh()) return ok(cached.token);
    return fetchToken();
  }

  async function withToken<T>(call: (token: string) => Promise<Result<T>>): Promise<Result<T>> {
    const first = await token();
    if (!first.ok) return fail<T>(first.error);
    const result = await call(first.value);
    if (result.ok || !isTokenRefused(result.error)) return result;
    // Only the first caller to see this token refused drops it; the others join its refresh.
    if (cached?.token === first.value) cached = null;
    const second = cached && cached.token !== first.value ? ok(cached.token) : await fetchToken();
    if (!second.ok) return fail<T>(second.error);
    if (second.value === first.value) return fail<T>(result.error satisfies AppError);
    return call(second.value);
  }

  return {
    withToken,
    token,
    hasFreshToken: fresh,
    async renew() {
      if (!inflight) cached = null;
      const fetched = await fetchToken();
      if (!fetched.ok) return fail(fetched.error);
      return ok({ expiresAt: cached?.token === fetched.value ? cached.expiresAt : null });
    },
    invalidate() {
      cached = null;
      inflight = null;
      generation += 1;
    },
    get tokenRequests() {
      return requests;
    },
  };
}
