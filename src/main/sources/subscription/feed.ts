// A subscription profile's data over time: each refresh is one fetch (one GET in the steady state),
// read into a Service, its servers and details. What the panel refuses (400, 403, 404, 406 ...) or
// fails keeps the last known data, marked with the panel's words; it never reads as "used up".
// Retry-After sets the earliest next request.

import type { PanelServer, Service } from '../../../shared/domain';
import { appError, fail, ok, type AppError, type Result } from '../../../shared/errors';
import { fetchSubscription, type FetchOptions } from './fetch';
import { panelWords, refusalError, scrubLink, shortLink } from './policy';
import { readSubscription } from './read';
import { detailsFrom, serversFrom, serviceFrom, withoutLink, type SubscriptionDetails } from './snapshot';

export interface FeedState {
  service: Service;
  servers: Record<string, PanelServer[]>;
  details: SubscriptionDetails;
  /** When the provider last answered with the subscription. */
  fetchedAt: number;
}

export interface SubscriptionFeed {
  /** Fetches once. A failure leaves last() as it was, marked with the refusal when there was one. */
  refresh(): Promise<Result<FeedState>>;
  last(): FeedState | null;
  /** Epoch ms before which the provider asked not to be asked again (Retry-After); null when free. */
  notBefore(): number | null;
}

export interface FeedOptions extends FetchOptions {
  link: URL;
  /** Data known from before (the cache), kept until the provider answers. */
  initial?: FeedState | null;
}

function looksLikeSubscription(reading: ReturnType<typeof readSubscription>): boolean {
  return reading.usage.kind === 'reading' || reading.servers.length > 0 || reading.format !== 'unknown';
}

export function createSubscriptionFeed(options: FeedOptions): SubscriptionFeed {
  let last: FeedState | null = options.initial ?? null;
  let notBefore: number | null = null;

  function markRefusal(status: number, words: string): void {
    if (last) last = { ...last, details: { ...last.details, refusal: { status, words, at: options.now() } } };
  }

  async function refresh(): Promise<Result<FeedState>> {
    const now = options.now();
    if (notBefore !== null && now < notBefore) {
      const minutes = Math.ceil((notBefore - now) / 60_000);
      return fail(
        appError('http', `The provider asked to wait; the app asks again in ${minutes} min.`, {
          status: 429,
        }),
      );
    }
    notBefore = null;
    const got = await fetchSubscription(options.link, options);
    if (!got.ok) return got;
    const f = got.value;
    if (f.retryAfterMs !== null && (f.status === 429 || f.status === 503 || f.status >= 300)) {
      notBefore = options.now() + f.retryAfterMs;
    }
    if (f.status !== 200) {
      const words = scrubLink(panelWords(f.body, f.contentType), options.link);
      let error: AppError;
      if (f.status >= 400 && f.status < 500 && f.status !== 429) {
        markRefusal(f.status, words);
        error = refusalError(f.status, words);
      } else {
        error = appError(
          'http',
          f.status === 429 || f.status === 503
            ? `The provider is busy (HTTP ${f.status}); the app will ask again later.`
            : `The provider answered HTTP ${f.status}${words === '' ? '' : `: “${words}”`}.`,
          { status: f.status, ...(words === '' ? {} : { detail: words }) },
        );
      }
      return fail(error);
    }
    const reading = readSubscription({ headers: f.headers, body: f.body, url: f.finalUrl });
    if (!looksLikeSubscription(reading)) {
      return fail(
        appError(
          'schema',
          'The link answered with a page that is not a subscription. Check that you copied the subscription link.',
        ),
      );
    }
    const at = options.now();
    last = {
      service: serviceFrom(reading, at),
      servers: serversFrom(reading),
      details: withoutLink(
        detailsFrom(reading, {
          movedTo: f.movedTo === null ? null : shortLink(f.movedTo),
          neededClientAgent: f.agent === 'fallback',
        }),
        options.link,
      ),
      fetchedAt: at,
    };
    return ok(last);
  }

  return { refresh, last: () => last, notBefore: () => notBefore };
}
