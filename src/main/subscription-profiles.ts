// Adding a profile that is only a subscription link (any panel): the link is fetched once, and only
// when it answers is the profile stored and made active, its link in the keychain (never in the
// settings file; the profile shows it shortened) and its first snapshot in the cache. That first
// fetch goes the way the profile's refreshes will (the system proxy, the environment's; on a relink
// also the profile's own proxy), so a provider reachable only through a proxy can be added.
import type { Snapshot } from '../shared/domain';
import { appError, fail, ok, type Result } from '../shared/errors';
import type { Platform } from './platform';
import {
  readProfiles,
  removeProfile,
  setActiveProfileId,
  upsertProfile,
  writeCachedSnapshot,
  writeProfiles,
  type ProfileRecord,
} from './settings/settings';
import {
  createLinkStore,
  openSource,
  parseSubscriptionLink,
  shortLink,
  SUBSCRIPTION_INTERVAL_MINUTES,
  type SourceContext,
  type SourceProfile,
} from './sources';

export interface AddSubscriptionInput {
  url: string;
  /** The profile's name; default: the provider's title for it, else the link's host. */
  name?: string;
  /** The client to appear as when the provider refuses the app (a key of CLIENT_AGENTS, or 'none'). */
  clientAgent?: string;
}

export interface AddedSubscription {
  profile: ProfileRecord;
  snapshot: Snapshot;
}

type LinkPlatform = Pick<Platform, 'settingsStore' | 'cacheStore' | 'secrets' | 'now'>;

/** How the first fetch reaches the provider: as the profile's refreshes do (Accounts' sessions). */
export interface SubscriptionReach extends Pick<SourceContext, 'timeouts' | 'env'> {
  /** The route a profile's refreshes take to this address. */
  routeFor(panelUrl: string): SourceContext['route'];
}

const notAsked = () =>
  Promise.resolve(fail<never>(appError('state', 'A subscription link has no account to sign in to.')));

/** The link's answer, read once through a subscription source opened for it alone and closed after. */
async function fetchOnce(
  platform: LinkPlatform,
  link: URL,
  options: SourceProfile['options'],
  profileId: string,
  reach: SubscriptionReach,
): Promise<Result<Snapshot>> {
  const url = link.toString();
  const opened = openSource(
    { kind: 'subscription', panelUrl: link.origin, options },
    {
      route: reach.routeFor(link.origin),
      ...(reach.timeouts ? { timeouts: reach.timeouts } : {}),
      ...(reach.env ? { env: reach.env } : {}),
      now: () => platform.now(),
      getApiKey: notAsked,
      getCredentials: notAsked,
      getSubscriptionLink: () => Promise.resolve(ok(url)),
    },
  );
  if (!opened.ok) return opened;
  try {
    return await opened.value.refresh(profileId);
  } finally {
    await opened.value.close();
  }
}

/**
 * A stored subscription profile's link pasted again (it was signed out, or the provider changed the
 * link): fetched once; only when it answers is it kept in the keychain for the same profile, whose
 * address and short form follow the new link, and its first snapshot cached. `profile` as its source
 * sees it: its proxy address with the password put back.
 */
export async function relinkSubscriptionProfile(
  platform: LinkPlatform,
  profile: ProfileRecord,
  url: string,
  reach: SubscriptionReach,
): Promise<Result<Snapshot>> {
  const link = parseSubscriptionLink(url);
  if (!link.ok) return link;
  const first = await fetchOnce(platform, link.value, profile.options, profile.id, reach);
  if (!first.ok) return first;
  const saved = await createLinkStore(platform.secrets).save(profile.id, link.value.toString());
  if (!saved.ok) return saved;
  writeProfiles(
    platform.settingsStore,
    readProfiles(platform.settingsStore).map((p) =>
      p.id === profile.id ? { ...p, panelUrl: link.value.origin, email: shortLink(link.value) } : p,
    ),
  );
  writeCachedSnapshot(platform.cacheStore, first.value);
  return ok(first.value);
}

export async function addSubscriptionProfile(
  platform: LinkPlatform,
  input: AddSubscriptionInput,
  reach: SubscriptionReach,
): Promise<Result<AddedSubscription>> {
  const link = parseSubscriptionLink(input.url);
  if (!link.ok) return link;
  const options = {
    proxyUrl: '',
    timeZone: '',
    ...(input.clientAgent ? { clientAgent: input.clientAgent } : {}),
  };
  const first = await fetchOnce(platform, link.value, options, 'new-subscription', reach);
  if (!first.ok) return first;
  const title = first.value.services[0]?.packageName ?? link.value.hostname;
  const existed = new Set(readProfiles(platform.settingsStore).map((p) => p.id));
  const profile = upsertProfile(
    platform.settingsStore,
    {
      kind: 'subscription',
      panelUrl: link.value.origin,
      email: shortLink(link.value),
      displayName: input.name?.trim() || title,
      options,
      // Its own interval: a link costs one GET, and usage every half hour is what a monitor needs.
      refreshMinutes: SUBSCRIPTION_INTERVAL_MINUTES,
      remember: platform.secrets.kind !== 'memory',
    },
    () => platform.now(),
  );
  const saved = await createLinkStore(platform.secrets).save(profile.id, link.value.toString());
  if (!saved.ok) {
    // Nothing half-stored: a profile whose link is nowhere could never be refreshed.
    if (!existed.has(profile.id)) removeProfile(platform.settingsStore, profile.id);
    return saved;
  }
  const snapshot: Snapshot = { ...first.value, profileId: profile.id };
  writeCachedSnapshot(platform.cacheStore, snapshot);
  setActiveProfileId(platform.settingsStore, profile.id);
  return ok({ profile, snapshot });
}
