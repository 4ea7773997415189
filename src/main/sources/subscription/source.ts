// A subscription link as a Source: the steady refresh is one GET of the link (usage, metadata and
// servers come in the same answer), through src/main/net's transport with the profile's proxy.
// Capabilities: usage, expiry and servers; no account, billing or invoices. The link is read from
// the keychain when first needed and kept in this process's memory only.

import { SOURCE_CAPABILITIES, type Snapshot } from '../../../shared/domain';
import { appError, fail, ok, type Result } from '../../../shared/errors';
import { createTransport, defaultUserAgent, type PanelRoute, type Timeouts } from '../../net/transport';
import type { Source } from '../types';
import { createSubscriptionFeed, type FeedState, type SubscriptionFeed } from './feed';
import { CLIENT_AGENTS, DEFAULT_CLIENT_AGENT, parseSubscriptionLink, type ClientAgentId } from './policy';
import { SUBSCRIPTION_SERVICE_ID } from './snapshot';

export interface SubscriptionSourceOptions {
  /** The link, from the keychain. */
  getLink(): Promise<Result<string>>;
  /** The profile's own proxy ('' or null: none). */
  proxyUrl: string | null;
  route?: Pick<PanelRoute, 'systemProxy'>;
  timeouts?: Partial<Timeouts>;
  env?: NodeJS.ProcessEnv;
  now(): number;
  /** The client to appear as when the provider refuses the app's own agent (406); null: never. */
  clientAgent?: ClientAgentId | null;
  /** The app's own User-Agent; the default names the app and its version. */
  userAgent?: string;
  /** The last snapshot (the cache): its data is kept until the provider answers. */
  cached?: Snapshot | null;
}

function stateOf(snapshot: Snapshot | null | undefined): FeedState | null {
  const service = snapshot?.services[0];
  if (!snapshot || snapshot.kind !== 'subscription' || !service || !snapshot.subscription) return null;
  return {
    service,
    servers: snapshot.servers,
    details: snapshot.subscription,
    fetchedAt: snapshot.fetchedAt,
  };
}

export function snapshotOf(profileId: string, state: FeedState): Snapshot {
  const key = String(SUBSCRIPTION_SERVICE_ID);
  return {
    profileId,
    kind: 'subscription',
    account: null,
    services: [state.service],
    servers: state.servers,
    serverParts: { [key]: { fetchedAt: state.fetchedAt, error: null } },
    fetchedAt: state.fetchedAt,
    subscription: state.details,
  };
}

export function subscriptionSource(options: SubscriptionSourceOptions): Source {
  let feed: SubscriptionFeed | null = null;
  const agent = options.clientAgent === undefined ? DEFAULT_CLIENT_AGENT : options.clientAgent;

  async function feedOf(): Promise<Result<SubscriptionFeed>> {
    if (feed) return ok(feed);
    const stored = await options.getLink();
    if (!stored.ok) return stored;
    const link = parseSubscriptionLink(stored.value);
    if (!link.ok)
      return fail(appError('state', 'This profile’s subscription link is not valid. Add the profile again.'));
    feed = createSubscriptionFeed({
      link: link.value,
      initial: stateOf(options.cached),
      userAgent: options.userAgent ?? defaultUserAgent(),
      fallbackAgent: agent === null ? null : CLIENT_AGENTS[agent],
      now: options.now,
      open: (origin, userAgent) =>
        createTransport({
          panelUrl: origin,
          userAgent,
          proxyUrl: options.proxyUrl || null,
          // One connection is plenty for one GET at a time.
          connections: 1,
          ...(options.route?.systemProxy ? { systemProxy: options.route.systemProxy } : {}),
          ...(options.timeouts ? { timeouts: options.timeouts } : {}),
          ...(options.env ? { env: options.env } : {}),
        }),
    });
    return ok(feed);
  }

  async function refresh(profileId: string): Promise<Result<Snapshot>> {
    const opened = await feedOf();
    if (!opened.ok) return opened;
    const got = await opened.value.refresh();
    return got.ok ? ok(snapshotOf(profileId, got.value)) : got;
  }

  return {
    kind: 'subscription',
    capabilities: SOURCE_CAPABILITIES.subscription,
    refresh: (profileId) => refresh(profileId),
    // The servers come with every refresh: a list older than asked means one more GET of the link.
    async ensureServers(current, _serviceIds, maxAgeMs = 0) {
      const fetchedAt = current.serverParts?.[String(SUBSCRIPTION_SERVICE_ID)]?.fetchedAt ?? null;
      if (fetchedAt !== null && options.now() - fetchedAt < maxAgeMs) return ok({ servers: {}, parts: {} });
      const fresh = await refresh(current.profileId);
      if (!fresh.ok) return fresh;
      return ok({ servers: fresh.value.servers, parts: fresh.value.serverParts ?? {} });
    },
    billing: null,
    close: async () => {
      feed = null;
      await Promise.resolve();
    },
  };
}
