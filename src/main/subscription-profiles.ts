// Adding a profile that is only a subscription link (any panel): the link is fetched once, and only
// when it answers is the profile stored and made active, its link in the keychain (never in the
// settings file; the profile shows it shortened) and its first snapshot in the cache.
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

const notAsked = () =>
  Promise.resolve(fail<never>(appError('state', 'A subscription link has no account to sign in to.')));

/** The link's answer, read once through a subscription source opened for it alone and closed after. */
async function fetchOnce(
  platform: LinkPlatform,
  link: URL,
  options: SourceProfile['options'],
  profileId: string,
  env: NodeJS.ProcessEnv | undefined,
): Promise<Result<Snapshot>> {
  const url = link.toString();
  const opened = openSource(
    { kind: 'subscription', panelUrl: link.origin, options },
    {
      route: {},
      now: () => platform.now(),
      getApiKey: notAsked,
      getCredentials: notAsked,
      getSubscriptionLink: () => Promise.resolve(ok(url)),
      ...(env ? { env } : {}),
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
 * address and short form follow the new link, and its first snapshot cached.
 */
export async function relinkSubscriptionProfile(
  platform: LinkPlatform,
  profile: ProfileRecord,
  url: string,
  env?: NodeJS.ProcessEnv,
): Promise<Result<Snapshot>> {
  const link = parseSubscriptionLink(url);
  if (!link.ok) return link;
  const first = await fetchOnce(platform, link.value, profile.options, profile.id, env);
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
  env?: NodeJS.ProcessEnv,
): Promise<Result<AddedSubscription>> {
  const link = parseSubscriptionLink(input.url);
  if (!link.ok) return link;
  const options = {
    proxyUrl: '',
    timeZone: '',
    ...(input.clientAgent ? { clientAgent: input.clientAgent } : {}),
  };
  const first = await fetchOnce(platform, link.value, options, 'new-subscription', env);
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
