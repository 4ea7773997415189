// Profiles and sign-in: which panels and accounts the user has, their secrets in the keychain, and
// one open Source per signed-in profile (so a panel's token is reused across the tray, the window
// and billing). A subscription-link profile's secret is its link (in the keychain too): it counts as
// signed in while the link is at hand. Handlers for provider.check, auth.* and profiles.*.
import type { ProfileView, ProfilesState, SecretStorageKind } from '../shared/contract';
import { SOURCE_CAPABILITIES } from '../shared/domain';
import { appError, fail, ok, type AppError, type Result } from '../shared/errors';
import type { Handlers } from './router';
import type { Platform } from './platform';
import {
  readActiveProfileId,
  readCachedSnapshot,
  readProfiles,
  removeProfile,
  setActiveProfileId,
  upsertProfile,
  writeProfiles,
  type ProfileRecord,
} from './settings/settings';
import type { CredentialStore } from './secrets';
import {
  createLinkStore,
  isClientAgentId,
  linkGetter,
  openPanelSetup,
  openSource,
  type BillingApi,
  type PanelSetup,
  type SignInAnswer,
  type Source,
} from './sources';
import {
  addSubscriptionProfile,
  relinkSubscriptionProfile,
  type AddedSubscription,
  type AddSubscriptionInput,
  type SubscriptionReach,
} from './subscription-profiles';
import type { PanelRoute, Timeouts } from './net/transport';
import { panelBase, validatePanelUrl, validateProxyUrl } from './net/transport';
import { joinProxyPassword, splitProxyPassword } from '../shared/proxy-url';
import { addressOwner, forgetAddress, rememberAddress, rememberedAddress } from './net/panel-addresses';
import { realTimers, type Timers } from './timers';
import { providerKeyFor } from './provider';

export interface ActiveProfile {
  profileId: string;
  profile: ProfileRecord;
  source: Source;
}

/** A profile whose source has billing, with its billing calls (named `session` as billing knows them). */
export interface BillingProfile {
  profileId: string;
  session: BillingApi;
}

export interface AccountsDeps {
  platform: Platform;
  credentials: CredentialStore;
  /**
   * Told when the profiles change: one added, removed or edited (watch, interval), the active one
   * switched, or a sign-in state (start / stop polling).
   */
  onChanged(): void;
  /** Told when a profile is removed (drop its cache and history). */
  onRemoved(profileId: string): void;
  /** Overrides for tests: environment for proxy variables. */
  env?: NodeJS.ProcessEnv;
  /** Overrides for tests: panel request timeouts. */
  timeouts?: Partial<Timeouts>;
  /** What the start-up wait on the keychain is timed with; the real timers by default. */
  timers?: Timers;
  /**
   * The profile this run acts on instead of the stored active one (the CLI's --profile); an id that
   * is no profile means none.
   */
  pinnedProfileId?: string;
}

type AccountHandlers = Pick<
  Handlers,
  | 'provider.check'
  | 'auth.signIn'
  | 'auth.signOut'
  | 'auth.sendCode'
  | 'auth.register'
  | 'auth.resetPassword'
  | 'profiles.list'
  | 'profiles.switch'
  | 'profiles.remove'
  | 'profiles.update'
  | 'profiles.addSubscription'
  | 'profiles.relink'
>;

export interface Accounts {
  handlers: AccountHandlers;
  /** Works out which profiles have their secrets at hand; call once at start. */
  init(): Promise<void>;
  state(): ProfilesState;
  activeProfile(): ProfileRecord | null;
  isSignedIn(profileId: string): boolean;
  active(): Promise<Result<ActiveProfile>>;
  /** The active profile's billing; fails when its source has none. */
  activeBilling(): Promise<Result<BillingProfile>>;
  /** The open source of a signed-in profile. */
  sourceFor(profileId: string): Promise<Result<Source>>;
  /** A profile's billing; fails when signed out or when its source has none. */
  billingFor(profileId: string): Promise<Result<BillingApi>>;
  /** A profile's proxy address to connect with, its password put back from the keychain; null: none. */
  proxyUrlOf(profileId: string | null): string | null;
  /** Whether an API key is at hand for this panel (the branded build's or the keychain's). */
  hasApiKey(panelUrl: string): Promise<boolean>;
  /**
   * Signs in with credentials taken as given, without asking the panel now (the CLI's environment
   * variables): the first request checks them. Saved like a sign-in, in the stores this was built on.
   */
  adopt(input: {
    panelUrl: string;
    apiKey: string;
    email: string;
    password: string;
    remember: boolean;
  }): Promise<Result<ProfilesState>>;
  /**
   * Adds a profile that is only a subscription link (fetched once; stored only when it answers) and
   * signs it in, so that it is watched at once. The link goes to the keychain, never anywhere else.
   */
  addSubscription(input: AddSubscriptionInput): Promise<Result<AddedSubscription>>;
  /**
   * The subscription link of a subscription profile, from the keychain (main process only: for the
   * one-click import, never for the snapshot, the cache or the window). Null for other profiles.
   */
  subscriptionLink(profileId: string): Promise<Result<string | null>>;
  dispose(): Promise<void>;
}

/** Set in the settings once keychain entries are filed by panel base (migrateFromOrigins ran). */
const KEYCHAIN_BY_BASE = 'keychainByPanelBase';

/** How long start-up waits for the keychain before showing profiles as signed out. */
export const KEYCHAIN_START_TIMEOUT_MS = 8_000;

const signInFirst = (): AppError =>
  appError('auth', 'You are signed out. Sign in to see your plans.', { reason: 'signedOut' });

const noBilling = (): AppError =>
  appError('state', "This profile's provider offers no billing through the app: use its own web page.");

export function createAccounts(deps: AccountsDeps): Accounts {
  const { platform, credentials } = deps;
  const store = platform.settingsStore;
  const sessions = new Map<string, Source>();
  const signedIn = new Set<string>();
  /** The account/info a sign-in just got, per profile: its session's first snapshot uses it. */
  const signInAnswers = new Map<string, SignInAnswer>();
  // Proxy passwords by profile, read from the keychain at start and kept as they are saved: the
  // settings file, the profiles event and the window see the address without it.
  const proxyPasswords = new Map<string, string>();

  function proxyUrlFor(profile: ProfileRecord): string | null {
    if (!profile.options.proxyUrl) return null;
    return joinProxyPassword(profile.options.proxyUrl, proxyPasswords.get(profile.id) ?? null);
  }

  function proxyUrlOf(profileId: string | null): string | null {
    const profile = profileId ? readProfiles(store).find((p) => p.id === profileId) : undefined;
    return profile ? proxyUrlFor(profile) : null;
  }

  /** The profile as its source should see it: the proxy address with its password. */
  function withProxyPassword(profile: ProfileRecord): ProfileRecord {
    return { ...profile, options: { ...profile.options, proxyUrl: proxyUrlFor(profile) ?? '' } };
  }

  /**
   * Keeps the password of a proxy address typed for `profile` in the keychain and returns the address
   * to store without it. An address typed without a password that is the one stored keeps the stored
   * password (the form shows the address without it); any other address drops it.
   */
  async function storeProxy(profile: ProfileRecord, typed: string): Promise<Result<string>> {
    const { address, password } = splitProxyPassword(typed);
    const kept = proxyPasswords.get(profile.id) ?? null;
    const next = password ?? (address && address === profile.options.proxyUrl ? kept : null);
    if (password !== null || next !== kept) {
      const saved = await credentials.saveProxyPassword(secretBase(profile.panelUrl), profile.id, next, {
        remember: profile.remember,
      });
      if (!saved.ok) return saved;
    }
    if (next === null) proxyPasswords.delete(profile.id);
    else proxyPasswords.set(profile.id, next);
    return ok(address);
  }
  const links = createLinkStore(platform.secrets);

  const origin = (url: URL | string) => (typeof url === 'string' ? new URL(url) : url).origin;
  /**
   * What a panel's keychain entries are filed under: origin and path, so that two panels under
   * different paths of one host keep their own API keys and passwords.
   */
  const secretBase = (url: string) => panelBase(new URL(url));

  /** The API key for a panel: typed now, else the branded build's, else the keychain's. */
  async function apiKeyFor(panelUrl: string, typed?: string): Promise<Result<string>> {
    if (typed) return ok(typed);
    const branded = providerKeyFor(platform.provider, panelUrl);
    if (branded) return ok(branded);
    const stored = await credentials.getApiKey(secretBase(panelUrl));
    if (!stored.ok) return stored;
    return stored.value
      ? ok(stored.value)
      : fail(
          appError('auth', 'Enter the client API key your provider gave you.', { reason: 'apiKeyMissing' }),
        );
  }

  function resolvePanelUrl(input: string | undefined): Result<string> {
    const raw = platform.provider.info.panelUrl ?? input ?? '';
    const url = validatePanelUrl(raw);
    return url.ok ? ok(url.value.toString().replace(/\/+$/, '')) : url;
  }

  /**
   * How a session reaches its panel: the system proxy (where the desktop can tell), and for the
   * branded build's panel its mirrors, starting with the one that answered last for this owner.
   */
  function routeFor(panelUrl: string, profileId: string | null): PanelRoute {
    const resolveProxy = platform.resolveProxy;
    const route: PanelRoute = resolveProxy ? { systemProxy: (url) => resolveProxy(url) } : {};
    const mirrors = platform.provider.mirrors ?? [];
    const main = validatePanelUrl(platform.provider.info.panelUrl ?? '');
    const own = validatePanelUrl(panelUrl);
    if (mirrors.length === 0 || !main.ok || !own.ok || panelBase(main.value) !== panelBase(own.value)) {
      return route;
    }
    const owner = addressOwner(profileId, panelBase(own.value));
    return {
      ...route,
      mirrors,
      preferred: rememberedAddress(platform.cacheStore, owner),
      onAddressWorked: (base) => rememberAddress(platform.cacheStore, owner, base),
    };
  }

  /** How a subscription profile's first fetch goes: the way its refreshes will (sessionOf). */
  function subscriptionReach(profileId: string | null): SubscriptionReach {
    return {
      routeFor: (panelUrl) => routeFor(panelUrl, profileId),
      ...(deps.timeouts ? { timeouts: deps.timeouts } : {}),
      ...(deps.env ? { env: deps.env } : {}),
    };
  }

  function transientSession(
    panelUrl: string,
    apiKey: string,
    creds: { email: string; password: string } | undefined,
    proxyUrl: string | undefined,
  ): Result<PanelSetup> {
    return openPanelSetup(
      { panelUrl, proxyUrl: proxyUrl || null },
      {
        route: routeFor(panelUrl, null),
        ...(deps.timeouts ? { timeouts: deps.timeouts } : {}),
        getApiKey: async () => ok(apiKey),
        getCredentials: async () => (creds ? ok(creds) : fail(signInFirst())),
        now: () => platform.now(),
        ...(deps.env ? { env: deps.env } : {}),
      },
    );
  }

  function sessionOf(profile: ProfileRecord): Result<Source> {
    const existing = sessions.get(profile.id);
    if (existing) return ok(existing);
    const signInAnswer = signInAnswers.get(profile.id);
    signInAnswers.delete(profile.id);
    // The source connects through the proxy with its password put back from the keychain.
    const created = openSource(withProxyPassword(profile), {
      ...(signInAnswer ? { firstAccountInfo: signInAnswer } : {}),
      route: routeFor(profile.panelUrl, profile.id),
      ...(deps.timeouts ? { timeouts: deps.timeouts } : {}),
      getApiKey: () => apiKeyFor(profile.panelUrl),
      // A subscription profile's link is its only secret; its cached data stays until the link answers.
      ...(profile.kind === 'subscription'
        ? {
            getSubscriptionLink: linkGetter(platform.secrets, profile.id),
            cached: readCachedSnapshot(platform.cacheStore, profile.id),
          }
        : {}),
      getCredentials: async () => {
        const password = await credentials.getPassword(secretBase(profile.panelUrl), profile.email);
        if (!password.ok) return password;
        return password.value ? ok({ email: profile.email, password: password.value }) : fail(signInFirst());
      },
      now: () => platform.now(),
      ...(deps.env ? { env: deps.env } : {}),
    });
    if (created.ok) sessions.set(profile.id, created.value);
    return created;
  }

  async function closeSession(profileId: string) {
    const session = sessions.get(profileId);
    sessions.delete(profileId);
    await session?.close();
  }

  function view(profile: ProfileRecord): ProfileView {
    return {
      id: profile.id,
      kind: profile.kind,
      capabilities: { ...SOURCE_CAPABILITIES[profile.kind] },
      panelUrl: profile.panelUrl,
      email: profile.email,
      displayName: profile.displayName,
      // Never the proxy password, even one still in the file while the keychain was unreachable.
      options: { ...profile.options, proxyUrl: splitProxyPassword(profile.options.proxyUrl).address },
      remember: profile.remember,
      signedIn: signedIn.has(profile.id),
      proxyPasswordKept: proxyPasswords.has(profile.id),
      watch: profile.watch,
      refreshMinutes: profile.refreshMinutes,
    };
  }

  function state(): ProfilesState {
    return {
      profiles: readProfiles(store).map(view),
      activeId: readActiveProfileId(store),
      secretStorage: credentials.backendKind as SecretStorageKind,
    };
  }

  function activeProfile(): ProfileRecord | null {
    const id = deps.pinnedProfileId ?? readActiveProfileId(store);
    return readProfiles(store).find((p) => p.id === id) ?? null;
  }

  function announce() {
    deps.onChanged();
    const next = state();
    platform.emit('profiles', next);
    return next;
  }

  /**
   * Runs `use` with a session not tied to a saved profile (setup, registration, password reset, the
   * sign-in check), for the panel URL and API key given or fixed by the branded build; closes it after.
   */
  async function withPanel<T>(
    panel: { panelUrl: string | undefined; apiKey: string | undefined; proxyUrl?: string | undefined },
    creds: { email: string; password: string } | undefined,
    use: (session: PanelSetup, url: string) => Promise<Result<T>>,
  ): Promise<Result<T>> {
    const { panelUrl, apiKey, proxyUrl } = panel;
    const url = resolvePanelUrl(panelUrl);
    if (!url.ok) return url;
    if (proxyUrl) {
      const proxy = validateProxyUrl(proxyUrl, { path: 'proxyUrl' });
      if (!proxy.ok) return proxy;
    }
    const key = await apiKeyFor(url.value, apiKey);
    if (!key.ok) return key;
    const session = transientSession(url.value, key.value, creds, proxyUrl);
    if (!session.ok) return session;
    try {
      return await use(session.value, url.value);
    } finally {
      await session.value.close();
    }
  }

  /** After the panel accepted the credentials: save the profile and its secrets, make it active. */
  async function completeSignIn(
    panelUrl: string,
    apiKey: string | undefined,
    email: string,
    password: string,
    remember: boolean,
    displayName: string | undefined,
    proxyUrl: string | undefined,
    account?: SignInAnswer['info'],
  ): Promise<Result<ProfilesState>> {
    const profile = upsertProfile(
      store,
      { panelUrl, email, remember, ...(displayName ? { displayName } : {}) },
      () => platform.now(),
    );
    // The proxy that reached the panel at sign-in is the profile's from now on (its password in the keychain).
    if (proxyUrl) {
      const address = await storeProxy(profile, proxyUrl);
      if (!address.ok) return address;
      profile.options = { ...profile.options, proxyUrl: address.value };
      writeProfiles(
        store,
        readProfiles(store).map((p) => (p.id === profile.id ? profile : p)),
      );
    }
    const typedKey = apiKey && !providerKeyFor(platform.provider, panelUrl) ? apiKey : undefined;
    const saved = await credentials.save(
      secretBase(panelUrl),
      email,
      { password, ...(typedKey ? { apiKey: typedKey } : {}) },
      { remember },
    );
    if (!saved.ok) return fail(saved.error);
    // The mirror that answered the sign-in is where the profile starts.
    const base = validatePanelUrl(panelUrl);
    const worked = base.ok
      ? rememberedAddress(platform.cacheStore, addressOwner(null, panelBase(base.value)))
      : null;
    if (worked) rememberAddress(platform.cacheStore, addressOwner(profile.id, ''), worked);
    // The profile's own session reads its secrets from the store and fetches its own token.
    await closeSession(profile.id);
    // The answer that proved the password is the first snapshot's too (not asked twice), unless the
    // profile reads the panel's dates in a zone of its own (the check read them in the machine's).
    if (account && !profile.options.timeZone) {
      signInAnswers.set(profile.id, { info: account, at: platform.now() });
    }
    signedIn.add(profile.id);
    setActiveProfileId(store, profile.id);
    return ok(announce());
  }

  /**
   * Adds a subscription-link profile (fetched once; stored only when the link answers) and signs it
   * in, so it is watched at once. Adding the same link again replaces the open source.
   */
  async function addSubscription(input: AddSubscriptionInput): Promise<Result<AddedSubscription>> {
    const added = await addSubscriptionProfile(platform, input, subscriptionReach(null));
    if (!added.ok) return added;
    await closeSession(added.value.profile.id);
    signedIn.add(added.value.profile.id);
    announce();
    return added;
  }

  /**
   * Deletes a profile's password, and the panel's API key when no other profile uses that panel; for
   * a subscription profile, its link.
   */
  async function forgetSecrets(profile: ProfileRecord): Promise<Result<void>> {
    await closeSession(profile.id);
    signInAnswers.delete(profile.id);
    if (profile.kind === 'subscription') {
      signedIn.delete(profile.id);
      return links.forget(profile.id);
    }
    const others = readProfiles(store).some(
      (p) => p.id !== profile.id && secretBase(p.panelUrl) === secretBase(profile.panelUrl),
    );
    signedIn.delete(profile.id);
    return credentials.forget(secretBase(profile.panelUrl), profile.email, { apiKeyToo: !others });
  }

  /**
   * Reads the proxy passwords of profiles whose proxy names a user. A password still in the settings
   * file (written before it moved to the keychain) is moved there now, and the file rewritten without it.
   */
  async function loadProxyPasswords(settle: <T>(promise: Promise<T>, fallback: T) => Promise<T>) {
    let moved = false;
    const profiles = readProfiles(store);
    for (const profile of profiles) {
      if (!profile.options.proxyUrl.includes('@')) continue;
      const { address, password } = splitProxyPassword(profile.options.proxyUrl);
      if (password !== null) {
        const saved = await settle(
          credentials.saveProxyPassword(secretBase(profile.panelUrl), profile.id, password, {
            remember: profile.remember,
          }),
          null,
        );
        // Moved only once it is safe in the keychain; this run uses it either way.
        proxyPasswords.set(profile.id, password);
        if (saved?.ok) {
          profile.options = { ...profile.options, proxyUrl: address };
          moved = true;
        }
        continue;
      }
      const stored = await settle(
        credentials.getProxyPassword(secretBase(profile.panelUrl), profile.id),
        null,
      );
      if (stored?.ok && stored.value !== null) proxyPasswords.set(profile.id, stored.value);
    }
    if (moved) writeProfiles(store, profiles);
  }

  /** Entries filed by origin alone (older versions) move to their panel's base, once per settings folder. */
  async function migrateKeychain(): Promise<void> {
    const panels = readProfiles(store).map((p) => ({
      base: secretBase(p.panelUrl),
      origin: origin(p.panelUrl),
      email: p.email,
      profileId: p.id,
    }));
    const moved = await credentials.migrateFromOrigins(panels);
    if (moved.ok) store.set(KEYCHAIN_BY_BASE, true);
  }

  async function active(): Promise<Result<ActiveProfile>> {
    const profile = activeProfile();
    if (!profile) {
      return fail(
        deps.pinnedProfileId
          ? appError('state', `There is no profile "${deps.pinnedProfileId}".`, {
              reason: 'unknownProfile',
              detail: deps.pinnedProfileId,
            })
          : appError('state', 'Add a panel account first.', { reason: 'noProfile' }),
      );
    }
    if (!signedIn.has(profile.id)) return fail(signInFirst());
    const source = sessionOf(profile);
    return source.ok ? ok({ profileId: profile.id, profile, source: source.value }) : source;
  }

  async function sourceFor(profileId: string): Promise<Result<Source>> {
    const profile = readProfiles(store).find((p) => p.id === profileId);
    if (!profile) return fail(appError('state', 'That profile no longer exists.'));
    if (!signedIn.has(profile.id)) return fail(signInFirst());
    return sessionOf(profile);
  }

  const handlers: AccountHandlers = {
    'provider.check': ({ panelUrl, apiKey, proxyUrl }) =>
      withPanel({ panelUrl, apiKey, proxyUrl }, undefined, async (session, url) => {
        const verified = await session.verifyKey();
        return verified.ok ? ok({ origin: origin(url) }) : verified;
      }),

    'auth.signIn': ({ panelUrl, apiKey, proxyUrl, email, password, remember, displayName }) =>
      withPanel({ panelUrl, apiKey, proxyUrl }, { email, password }, async (session, url) => {
        const account = await session.accountInfo();
        if (!account.ok) return account;
        return completeSignIn(url, apiKey, email, password, remember, displayName, proxyUrl, account.value);
      }),

    async 'auth.signOut'() {
      const profile = activeProfile();
      if (!profile) return ok(state());
      const forgotten = await forgetSecrets(profile);
      const next = announce();
      return forgotten.ok ? ok(next) : fail(forgotten.error);
    },

    'auth.sendCode': ({ panelUrl, apiKey, proxyUrl, name, email }) =>
      withPanel({ panelUrl, apiKey, proxyUrl }, undefined, (session) =>
        session.registerSendCode({ name, email }),
      ),

    'auth.register': ({ panelUrl, apiKey, proxyUrl, name, email, password, code, aff, remember }) =>
      withPanel({ panelUrl, apiKey, proxyUrl }, { email, password }, async (session, url) => {
        const registered = await session.register({ name, email, passwd: password, code, aff });
        if (!registered.ok) return registered;
        // Success signs in: check the new account answers, then save it like a sign-in.
        const account = await session.accountInfo();
        if (!account.ok) return account;
        return completeSignIn(url, apiKey, email, password, remember, name, proxyUrl, account.value);
      }),

    'auth.resetPassword': ({ panelUrl, apiKey, proxyUrl, email }) =>
      withPanel({ panelUrl, apiKey, proxyUrl }, undefined, (session) => session.passwordReset(email)),

    async 'profiles.addSubscription'({ url, name }) {
      if (!platform.provider.info.subscriptionLinks) {
        return fail(appError('state', 'This app adds profiles by signing in to its provider’s panel only.'));
      }
      // Fetched once; stored, with its link in the keychain and its first snapshot cached, only when
      // the link answers.
      const added = await addSubscription({ url, ...(name ? { name } : {}) });
      return added.ok ? ok(state()) : added;
    },

    'profiles.list': () => ok(state()),

    'profiles.switch'({ id }) {
      if (!readProfiles(store).some((p) => p.id === id)) {
        return fail(appError('validation', 'That profile no longer exists.'));
      }
      setActiveProfileId(store, id);
      return ok(announce());
    },

    async 'profiles.remove'({ id }) {
      const profile = readProfiles(store).find((p) => p.id === id);
      if (!profile) return fail(appError('validation', 'That profile no longer exists.'));
      removeProfile(store, id);
      forgetAddress(platform.cacheStore, addressOwner(id, ''));
      proxyPasswords.delete(id);
      const proxyForgotten = await credentials.saveProxyPassword(secretBase(profile.panelUrl), id, null, {
        remember: profile.remember,
      });
      const forgotten = await forgetSecrets(profile);
      if (!proxyForgotten.ok) return proxyForgotten;
      deps.onRemoved(id);
      const next = announce();
      return forgotten.ok ? ok(next) : fail(forgotten.error);
    },

    async 'profiles.relink'({ id, url }) {
      const profile = readProfiles(store).find((p) => p.id === id);
      if (!profile) return fail(appError('validation', 'That profile no longer exists.'));
      if (profile.kind !== 'subscription') {
        return fail(appError('validation', 'Only a subscription profile takes a link. Sign in to this one.'));
      }
      // The profile's own proxy (with its password) too, as its refreshes use it.
      const relinked = await relinkSubscriptionProfile(
        platform,
        withProxyPassword(profile),
        url,
        subscriptionReach(profile.id),
      );
      if (!relinked.ok) return relinked;
      // The proxy password is filed under the profile's address: a link on another host takes it along.
      const moved = readProfiles(store).find((p) => p.id === id);
      const kept = proxyPasswords.get(id);
      if (moved && kept !== undefined && secretBase(moved.panelUrl) !== secretBase(profile.panelUrl)) {
        const remember = { remember: profile.remember };
        const saved = await credentials.saveProxyPassword(secretBase(moved.panelUrl), id, kept, remember);
        if (saved.ok) await credentials.saveProxyPassword(secretBase(profile.panelUrl), id, null, remember);
      }
      await closeSession(id);
      signedIn.add(id);
      return ok(announce());
    },

    async 'profiles.update'({ id, displayName, options, watch, refreshMinutes }) {
      const profiles = readProfiles(store);
      const profile = profiles.find((p) => p.id === id);
      if (!profile) return fail(appError('validation', 'That profile no longer exists.'));
      if (options?.proxyUrl) {
        const proxy = validateProxyUrl(options.proxyUrl, { path: 'options.proxyUrl' });
        if (!proxy.ok) return proxy;
      }
      if (options?.clientAgent && options.clientAgent !== 'none' && !isClientAgentId(options.clientAgent)) {
        return fail(
          appError('validation', `"${options.clientAgent}" is not a client the app can appear as.`, {
            issues: [{ path: 'options.clientAgent', message: 'unknown client' }],
          }),
        );
      }
      if (options?.timeZone) {
        try {
          new Intl.DateTimeFormat('en', { timeZone: options.timeZone });
        } catch {
          return fail(
            appError('validation', `"${options.timeZone}" is not a time zone name, such as Asia/Shanghai.`, {
              issues: [{ path: 'options.timeZone', message: 'unknown time zone' }],
            }),
          );
        }
      }
      let proxyUrl = profile.options.proxyUrl;
      if (options?.proxyUrl !== undefined) {
        const address = await storeProxy(profile, options.proxyUrl);
        if (!address.ok) return address;
        proxyUrl = address.value;
      }
      const updated: ProfileRecord = {
        ...profile,
        displayName: displayName?.trim() || profile.displayName,
        options: { ...profile.options, ...options, proxyUrl },
        watch: watch ?? profile.watch,
        refreshMinutes: refreshMinutes === undefined ? profile.refreshMinutes : refreshMinutes,
      };
      writeProfiles(
        store,
        profiles.map((p) => (p.id === id ? updated : p)),
      );
      // Proxy and time zone live in the session's client: rebuild it.
      if (options) await closeSession(id);
      return ok(announce());
    },
  };

  return {
    handlers,
    async init() {
      // A keychain that waits on an unlock prompt must not keep the app from starting: after a
      // while the profile counts as signed out, and signing in again works once the keychain does.
      const settle = <T>(promise: Promise<T>, fallback: T) => {
        const timers = deps.timers ?? realTimers;
        let timer: unknown;
        const late = new Promise<T>((resolve) => {
          timer = timers.setTimeout(() => resolve(fallback), KEYCHAIN_START_TIMEOUT_MS);
        });
        return Promise.race([promise, late]).finally(() => timers.clearTimeout(timer));
      };
      if (store.get(KEYCHAIN_BY_BASE) !== true) await settle(migrateKeychain(), undefined);
      const checks = readProfiles(store).map(async (profile) => {
        // A subscription profile is signed in while its link is in the keychain.
        const secret =
          profile.kind === 'subscription'
            ? await settle(links.get(profile.id), null)
            : await settle(credentials.getPassword(secretBase(profile.panelUrl), profile.email), null);
        if (secret?.ok && secret.value) signedIn.add(profile.id);
      });
      await Promise.all(checks);
      await loadProxyPasswords(settle);
      announce();
    },
    state,
    activeProfile,
    proxyUrlOf,
    isSignedIn: (id) => signedIn.has(id),
    active,
    async activeBilling() {
      const current = await active();
      if (!current.ok) return current;
      const { billing } = current.value.source;
      return billing ? ok({ profileId: current.value.profileId, session: billing }) : fail(noBilling());
    },
    sourceFor,
    async billingFor(profileId) {
      const source = await sourceFor(profileId);
      if (!source.ok) return source;
      return source.value.billing ? ok(source.value.billing) : fail(noBilling());
    },
    async hasApiKey(panelUrl) {
      const url = resolvePanelUrl(panelUrl);
      return url.ok && (await apiKeyFor(url.value)).ok;
    },
    async adopt({ panelUrl, apiKey, email, password, remember }) {
      const url = resolvePanelUrl(panelUrl);
      if (!url.ok) return url;
      return completeSignIn(url.value, apiKey, email, password, remember, undefined, undefined);
    },
    addSubscription,
    async subscriptionLink(profileId) {
      const profile = readProfiles(store).find((p) => p.id === profileId);
      if (profile?.kind !== 'subscription') return ok(null);
      return links.get(profile.id);
    },
    async dispose() {
      await Promise.all([...sessions.keys()].map(closeSession));
    },
  };
}
