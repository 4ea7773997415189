// The core as the command line composes it: the app's own accounts (profiles, sign-in, the keychain)
// and billing (store, invoices, payments, payment watches) over the app's own files, behind the
// contract's router. So a command validates its input like the window does and gets back the same
// objects, and the CLI keeps no rules of its own about profiles or secrets.
//
// With XMPLUS_PANEL_URL, XMPLUS_API_KEY, XMPLUS_EMAIL and XMPLUS_PASSWORD set, the same core runs on
// stores in memory: nothing is read from or written to the keychain or the settings folder.
import { join } from 'node:path';
import type {
  ChannelInput,
  ChannelName,
  ChannelOutput,
  EventName,
  Events,
  WatchView,
} from '../../shared/contract';
import type { Snapshot } from '../../shared/domain';
import { appError, fail, ok, type Result } from '../../shared/errors';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { createAccounts, type Accounts } from '../accounts';
import { createBilling, type Billing } from '../billing';
import { ENGLISH } from '../i18n';
import type { Platform } from '../platform';
import { loadProvider, UNBRANDED } from '../provider';
import { createRouter } from '../router';
import { chooseSecretBackend, createCredentialStore, memoryBackend } from '../secrets';
import { readCachedSnapshot, readSettings } from '../settings/settings';
import { openSealedCache } from '../settings/sealed-cache';
import {
  CACHE_FILE,
  defaultConfigDir,
  memoryStore,
  openFileStore,
  SETTINGS_FILE,
  type KeyValueStore,
} from '../settings/store';
import type { Thresholds } from '../monitor';
import type { CliIo } from './io';
import { cliText } from './text';
import { worded } from './errors';

export const ENV_NAMES = {
  panelUrl: 'XMPLUS_PANEL_URL',
  apiKey: 'XMPLUS_API_KEY',
  email: 'XMPLUS_EMAIL',
  password: 'XMPLUS_PASSWORD',
} as const;

export interface EnvCredentials {
  panelUrl: string;
  apiKey: string;
  email: string;
  password: string;
}

/** The four variables, null when none is set, or a usage error naming the missing ones. */
export function envCredentials(env: NodeJS.ProcessEnv): Result<EnvCredentials | null> {
  const keys = Object.keys(ENV_NAMES) as (keyof typeof ENV_NAMES)[];
  const present = keys.filter((k) => env[ENV_NAMES[k]]);
  if (present.length === 0) return ok(null);
  const missing = keys.filter((k) => !env[ENV_NAMES[k]]);
  if (missing.length > 0) {
    const names = missing.map((k) => ENV_NAMES[k]).join(', ');
    const text = cliText(env);
    return fail(worded(text, 'validation', text.t('cli.error.envIncomplete', { names })));
  }
  const value = (k: keyof typeof ENV_NAMES) => env[ENV_NAMES[k]] ?? '';
  return ok({
    panelUrl: value('panelUrl'),
    apiKey: value('apiKey'),
    email: value('email'),
    password: value('password'),
  });
}

export interface CliSession {
  /** A contract channel, through the router: input validated, a typed Result back. */
  call<K extends ChannelName>(channel: K, input: ChannelInput<K>): Promise<Result<ChannelOutput<K>>>;
  accounts: Accounts;
  billing: Billing;
  /** Payment watch updates (the watch runs only after billing.start()). */
  onPayment(listener: (view: WatchView) => void): () => void;
  /** The desktop-less Platform the core runs on here (for services built per command, like import). */
  platform: Platform;
  /** Credentials come from the environment: nothing is stored. */
  fromEnvironment: boolean;
  /** The panel address fixed by a branded build, or null. */
  providerPanelUrl: string | null;
  /** Where secrets go: the keychain, or memory for this run when no keychain answers. */
  secretStorage: 'keychain' | 'safeStorage' | 'memory';
  thresholds(): Thresholds;
  /** A profile's data fetched during this run: newer than the app's cache for billing's "before". */
  remember(snapshot: Snapshot): void;
  /** The newest data of a profile known without asking: this run's, else the app's cache (read only). */
  known(profileId: string): Snapshot | null;
  close(): Promise<void>;
}

function cliPlatform(io: CliIo, settings: KeyValueStore, cache: KeyValueStore, emit: Platform['emit']) {
  const providerFile = io.env.XMPLUS_PROVIDER_FILE;
  const platform: Platform = {
    app: { name: 'XMPlus Tray', version: '', platform: process.platform, locale: 'en' },
    provider: providerFile ? loadProvider(providerFile) : UNBRANDED,
    settingsStore: settings,
    secrets: memoryBackend(),
    secretsNotice: null,
    cacheStore: cache,
    movedAside: [],
    emit,
    // A terminal has no desktop: what the app would show natively, the commands print.
    openExternal: async () => fail(appError('state', 'The command line does not open a browser.')),
    writeClipboard: async () => fail(appError('state', 'The command line has no clipboard.')),
    openLogFolder: async () => fail(appError('state', 'The command line does not open folders.')),
    quit: () => undefined,
    chooseFolder: async () => null,
    notify: () => undefined,
    setStartAtLogin: async () => undefined,
    updateTray: () => undefined,
    now: () => io.now(),
  };
  return platform;
}

/** Builds the core for one command run; `profileId` (--profile) is the profile it acts on. */
export async function openSession(
  io: CliIo,
  options: { profileId?: string | undefined } = {},
): Promise<Result<CliSession>> {
  const fromEnv = envCredentials(io.env);
  if (!fromEnv.ok) return fromEnv;
  if (fromEnv.value && options.profileId !== undefined) {
    const text = cliText(io.env);
    return fail(worded(text, 'validation', text.t('cli.error.profileWithEnv', { name: ENV_NAMES.email })));
  }
  let settings: KeyValueStore;
  let cache: KeyValueStore;
  let backend;
  if (fromEnv.value) {
    settings = memoryStore();
    cache = memoryStore();
    backend = memoryBackend();
  } else {
    const dir = defaultConfigDir(io.env);
    const settingsFile = openFileStore(join(dir, SETTINGS_FILE));
    if (settingsFile.movedAside) {
      io.stderr(`${'xmplus-tray'}: a damaged file was moved aside to ${settingsFile.movedAside}.\n`);
    }
    settings = settingsFile.store;
    backend = (await chooseSecretBackend()).backend;
    // The app's cache, sealed under the keychain's key: read and written the way the app does.
    cache = (await openSealedCache(join(dir, CACHE_FILE), backend)).store;
  }

  const fetched = new Map<string, Snapshot>();
  const known = (profileId: string) => fetched.get(profileId) ?? readCachedSnapshot(cache, profileId);
  const listeners = new Set<(view: WatchView) => void>();
  const emit = <E extends EventName>(event: E, payload: Events[E]) => {
    if (event === 'payment') for (const listener of listeners) listener(payload as WatchView);
  };
  const platform = cliPlatform(io, settings, cache, emit);
  platform.secrets = backend;
  const credentials = createCredentialStore(backend);
  const accounts = createAccounts({
    platform,
    credentials,
    onChanged: () => undefined,
    onRemoved: () => undefined,
    env: io.env,
    ...(options.profileId !== undefined ? { pinnedProfileId: options.profileId } : {}),
  });
  const billing = createBilling({
    active: () => accounts.activeBilling(),
    sessionFor: (profileId) => accounts.billingFor(profileId),
    // A watch lives as long as `pay --wait` runs: the app's own watches stay the app's to follow.
    store: memoryStore(),
    emit,
    notify: () => undefined,
    text: () => ENGLISH,
    // After a payment: the services as they are now, to say what changed. The app's cache is left
    // to the app (its alerts and history follow its own refreshes).
    refreshData: async (profileId) => {
      const source = await accounts.sourceFor(profileId);
      return source.ok ? source.value.refresh(profileId) : source;
    },
    snapshot: (profileId) => known(profileId),
    now: () => io.now(),
    ...(io.timers ? { timers: io.timers } : {}),
    ...(io.random ? { random: io.random } : {}),
  });
  const router = createRouter({ ...accounts.handlers, ...billing.handlers });

  await accounts.init();
  if (fromEnv.value) {
    const adopted = await accounts.adopt({ ...fromEnv.value, remember: false });
    if (!adopted.ok) {
      await accounts.dispose();
      return adopted;
    }
  }

  return ok({
    call: (channel, input) =>
      router.dispatch(channel, input) as Promise<Result<ChannelOutput<typeof channel>>>,
    accounts,
    billing,
    onPayment(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    platform,
    fromEnvironment: fromEnv.value !== null,
    providerPanelUrl: platform.provider.info.panelUrl,
    secretStorage: backend.kind,
    thresholds() {
      const s = fromEnv.value ? DEFAULT_SETTINGS : readSettings(settings);
      return { trafficPercent: s.trafficThresholds, daysLeft: s.expiryThresholds };
    },
    remember: (snapshot) => void fetched.set(snapshot.profileId, snapshot),
    known,
    async close() {
      billing.stop();
      await accounts.dispose();
    },
  });
}
