// The composition root of the main process in plain Node: builds every handler of the contract from
// the core modules and a Platform. The Electron shell, the CLI and the end-to-end harness all use it.
import type { NavigateTarget, Notice, UpdateState } from '../shared/contract';
import type { Snapshot } from '../shared/domain';
import { appError, fail, ok, type Result } from '../shared/errors';
import type { Handlers } from './router';
import type { Platform } from './platform';
import { readSettings, writeSettings } from './settings/settings';
import { createCredentialStore } from './secrets';
import { createAccounts } from './accounts';
import { createDataService } from './data';
import { ALL_FORMATS, createExportService } from './export/service';
import { createBilling } from './billing';
import { userText } from './i18n/user';
import { createImportService } from './import/service';
import { IMPORT_CLIENTS, type ImportClientId } from '../shared/import-clients';
import type { TrayState } from './platform';
import type { Timers } from './timers';
import { createLinkOffers, type Received } from './link-offers';
import { urlSchemeOf } from './provider';
import type { StatusProfile } from './local/status-socket';

/** What the tray menu, notifications and the shell's lifecycle can ask of the core. */
export interface CoreActions {
  /** Refreshes every watched profile now. */
  refresh(): Promise<void>;
  /** Copies the subscription link of a service (or the first) of a profile (default: the active one). */
  copySublink(serviceId: number | null, profileId?: string): Promise<boolean>;
  /** Asks for a folder and writes every export format of a service (or all) of a profile. */
  exportAll(serviceId: number | null, profileId?: string): Promise<void>;
  /** Opens a service's import link in its default client (or `client`); says why not when it cannot. */
  importInto(serviceId: number, client?: ImportClientId | null, profileId?: string): Promise<boolean>;
  /** Remembers where the window should open and tells an open window at once. */
  navigate(target: NavigateTarget): void;
  setWindowOpen(open: boolean): void;
  /**
   * An app link (`xmplus-tray://add?url=…`) as the OS delivered it: kept for the window, which asks
   * the user before adding. The shell shows the window when accepted and logs `why` (which never
   * repeats the link) when not.
   */
  receiveAppLink(raw: string): Received;
  onResume(): void;
  onOnline(): void;
}

export interface Core {
  handlers: Handlers;
  actions: CoreActions;
  /**
   * The active profile's snapshot with the server lists of the given services (null: all) no older
   * than a few minutes: service/info is asked only for lists that are older or failed. A list that
   * failed keeps its last known servers, with serverParts[id].error saying why.
   */
  ensureServers(serviceIds?: readonly number[] | null): Promise<Result<Snapshot>>;
  /**
   * What `status` shows over the status socket: every watched profile, and a signed-out one with
   * its last data and the reason.
   */
  statusProfiles(): StatusProfile[];
  /** Reads profiles and secrets, resumes polling; call once. */
  start(): Promise<void>;
  dispose(): Promise<void>;
}

const NO_UPDATES: UpdateState = {
  enabled: false,
  status: 'idle',
  version: null,
  progress: null,
  message: null,
};

/** The core's clock-driven parts, injectable so tests run them on a virtual clock. */
export interface CoreOptions {
  /**
   * What everything the core schedules is timed with: polling and its retries, payment watches, the
   * start-up wait on the keychain. The real timers by default. The time of day is `platform.now`.
   */
  timers?: Timers;
  /** Uniform in [0, 1): the jitter of every backoff. Math.random by default. */
  random?: () => number;
}

export function createCore(platform: Platform, options: CoreOptions = {}): Core {
  const clockwork = {
    ...(options.timers ? { timers: options.timers } : {}),
    ...(options.random ? { random: options.random } : {}),
  };
  // Start-up notices, worded when read so they follow the language setting.
  const noticeSources: { id: string; word(): string }[] = [
    ...platform.movedAside.map((file, index) => ({
      id: `moved-aside-${index}`,
      word: () => text().t('notice.movedAside', { file }),
    })),
    ...(platform.secretsNotice ? [{ id: 'memory-only', word: () => text().t('notice.memoryOnly') }] : []),
  ];
  const notices = (): Notice[] =>
    noticeSources.map((source) => ({ id: source.id, level: 'warning', message: source.word() }));
  const credentials = createCredentialStore(platform.secrets);

  // Data and accounts know each other only through these callbacks.
  let data: ReturnType<typeof createDataService> | null = null;
  const accounts = createAccounts({
    platform,
    credentials,
    ...(options.timers ? { timers: options.timers } : {}),
    onChanged: () => data?.profilesChanged(),
    onRemoved: (profileId) => {
      data?.forget(profileId);
      importers.delete(profileId);
    },
  });
  /** Texts for notifications in the user's language, read when each is shown. */
  const text = () => userText(platform.settingsStore, platform.app.locale);
  // The tray's state passes through here on its way out, to gain an import item per service.
  let lastTray: TrayState | null = null;
  const trayWithImports = (state: TrayState): TrayState => {
    const t = text();
    const views = accounts.state().profiles;
    const imports = state.profiles.flatMap((profile) => {
      const importer = importerFor(profile.id);
      // A subscription profile's link is in the keychain, not in its services: the importer reads it.
      const view = views.find((p) => p.id === profile.id);
      const keyed = view?.kind === 'subscription' && view.signedIn;
      const ids = state.services
        .filter((s) => s.profileId === profile.id && (s.hasSublink || keyed))
        .map((s) => s.id);
      importer.warm(ids);
      const known = importer.known(ids);
      const services = dataService.snapshot(profile.id)?.services ?? [];
      return ids.flatMap((serviceId) => {
        const client = known[serviceId];
        const service = services.find((x) => x.id === serviceId);
        if (!client || !service) return [];
        return [
          {
            profileId: profile.id,
            serviceId,
            // The entry sits in the service's own submenu: the client is all it needs to name.
            label: t.t('tray.importIntoClient', { client: IMPORT_CLIENTS[client].name }),
          },
        ];
      });
    });
    return { ...state, imports };
  };
  const dataPlatform: Platform = Object.assign(Object.create(platform) as Platform, {
    updateTray(state: TrayState) {
      lastTray = state;
      platform.updateTray(trayWithImports(state));
    },
  });
  data = createDataService({ platform: dataPlatform, accounts, ...clockwork });
  const dataService = data;
  const activeId = () => accounts.activeProfile()?.id ?? null;
  /** Export of one profile's servers (the window's is the active profile's; the tray's any one's). */
  const exporterFor = (profileId: () => string | null) =>
    createExportService(platform, {
      snapshot: () => {
        const id = profileId();
        return id ? dataService.snapshot(id) : null;
      },
      ensureServers: (serviceId) => {
        const id = profileId();
        return id
          ? dataService.ensureServers(id, serviceId === null ? null : [serviceId])
          : Promise.resolve(ok(null));
      },
      profileName: () => {
        const id = profileId();
        const profile = id ? accounts.state().profiles.find((p) => p.id === id) : undefined;
        if (!profile) return '';
        return (
          profile.displayName || (URL.canParse(profile.panelUrl) ? new URL(profile.panelUrl).hostname : '')
        );
      },
    });
  const exporter = exporterFor(activeId);
  // One import service per profile: what a panel serves is probed and remembered per panel.
  const importers = new Map<string, ReturnType<typeof createImportService>>();
  function importerFor(profileId: string) {
    const existing = importers.get(profileId);
    if (existing) return existing;
    const created = createImportService({
      platform,
      snapshot: () => dataService.snapshot(profileId),
      ensureServers: (serviceId) => dataService.ensureServers(profileId, [serviceId]),
      proxyUrl: () => accounts.proxyUrlOf(profileId),
      panelUrl: () => accounts.state().profiles.find((p) => p.id === profileId)?.panelUrl ?? null,
      storedSublink: () => accounts.subscriptionLink(profileId),
      onProbed: () => {
        if (lastTray) platform.updateTray(trayWithImports(lastTray));
      },
    });
    importers.set(profileId, created);
    return created;
  }
  /** The window's import handlers act on whichever profile is active when they are called. */
  const importHandlers: Pick<Handlers, 'import.options' | 'import.open' | 'import.fallback'> = {
    'import.options': (input) => activeImporter().handlers['import.options'](input),
    'import.open': (input) => activeImporter().handlers['import.open'](input),
    'import.fallback': (input) => activeImporter().handlers['import.fallback'](input),
  };
  const noProfileImporter = createImportService({
    platform,
    snapshot: () => null,
    ensureServers: async () => ok(null),
    proxyUrl: () => null,
    panelUrl: () => null,
  });
  const activeImporter = () => {
    const id = activeId();
    return id ? importerFor(id) : noProfileImporter;
  };

  const billing = createBilling({
    active: () => accounts.activeBilling(),
    sessionFor: (profileId) => accounts.billingFor(profileId),
    // Watches are state, not settings: they live with the cache, beside the data they change.
    store: platform.cacheStore,
    emit: (event, payload) => platform.emit(event, payload),
    notify: (notification) => platform.notify(notification),
    text,
    refreshData: (profileId) => dataService.refreshProfile(profileId),
    snapshot: (profileId) => dataService.snapshot(profileId),
    now: () => platform.now(),
    ...clockwork,
  });

  let pendingNavigation: NavigateTarget | null = null;
  const linkOffers = createLinkOffers({
    scheme: urlSchemeOf(platform.provider),
    enabled: () => platform.provider.info.subscriptionLinks,
    ...(platform.readClipboard ? { readClipboard: () => platform.readClipboard!() } : {}),
    announce: (offer) => platform.emit('addRequest', offer),
  });

  const actions: CoreActions = {
    async refresh() {
      await dataService.refreshAll();
    },
    async copySublink(serviceId, profileId) {
      return (await dataService.copySublink(serviceId, profileId)).ok;
    },
    async exportAll(serviceId, profileId) {
      const chosen = profileId ?? null;
      const from = chosen && chosen !== activeId() ? exporterFor(() => chosen) : exporter;
      const result = await from.save(serviceId, ALL_FORMATS);
      const t = text();
      if (!result.ok) {
        platform.notify({ title: t.t('export.failed'), body: result.error.message, serviceId, actions: [] });
      } else if (result.value.saved) {
        platform.notify({
          title: t.t('export.saved'),
          body: t.t('export.savedBody', { count: result.value.files.length, folder: result.value.folder }),
          serviceId: null,
          actions: [],
        });
      }
    },
    async importInto(serviceId, client = null, profileId) {
      const id = profileId ?? activeId();
      if (!id) return false;
      const result = await importerFor(id).open(serviceId, client);
      if (result.ok) return true;
      platform.notify({
        title: text().t('import.failed'),
        body: result.error.message,
        serviceId,
        profileId: id,
        actions: [],
      });
      actions.navigate({ page: 'export', serviceId, profileId: id });
      return false;
    },
    navigate(target) {
      // A notification of another profile opens that profile's service: it becomes the active one.
      if (target.profileId && target.profileId !== activeId()) {
        const switched = accounts.handlers['profiles.switch']({ id: target.profileId });
        if (switched instanceof Promise) void switched;
      }
      pendingNavigation = target;
      platform.emit('navigate', target);
    },
    setWindowOpen: (open) => dataService.setWindowOpen(open),
    receiveAppLink: (raw) => linkOffers.receive(raw),
    onResume: () => dataService.onResume(),
    onOnline: () => dataService.onOnline(),
  };

  const handlers: Handlers = {
    ...accounts.handlers,
    ...dataService.handlers,
    ...exporter.handlers,
    ...importHandlers,
    ...billing.handlers,
    ...linkOffers.handlers,
    'app.info': () => ok({ ...platform.app, provider: platform.provider.info }),
    'app.openExternal': ({ url }) => platform.openExternal(url),
    'app.copyText': ({ text }) => platform.writeClipboard(text),
    'app.notices': () => ok(notices()),
    'app.takeNavigation': () => {
      const target = pendingNavigation;
      pendingNavigation = null;
      return ok(target);
    },
    'app.openLogFolder': () => platform.openLogFolder(),
    'app.quit': () => {
      platform.quit();
      return ok({ quitting: true as const });
    },
    'app.dismissNotice': ({ id }) => {
      const index = noticeSources.findIndex((n) => n.id === id);
      if (index >= 0) noticeSources.splice(index, 1);
      return ok(notices());
    },
    'settings.get': () => ok(readSettings(platform.settingsStore)),
    'settings.set': async (patch) => {
      const before = readSettings(platform.settingsStore);
      const next = writeSettings(platform.settingsStore, patch);
      if (next.startAtLogin !== before.startAtLogin) await platform.setStartAtLogin(next.startAtLogin);
      platform.emit('settings', next);
      dataService.settingsChanged();
      return ok(next);
    },
    'updates.get': () => ok(platform.updates?.state() ?? NO_UPDATES),
    'updates.download': async () => ok(platform.updates ? await platform.updates.download() : NO_UPDATES),
    'updates.install': () => ok(platform.updates?.install() ?? NO_UPDATES),
  };

  return {
    handlers,
    actions,
    ensureServers(serviceIds = null) {
      const profile = accounts.activeProfile();
      if (!profile)
        return Promise.resolve(
          fail(appError('state', 'Add a panel account first.', { reason: 'noProfile' })),
        );
      return dataService.ensureServers(profile.id, serviceIds);
    },
    statusProfiles: () =>
      dataService
        .state()
        .profiles.filter((p) => p.watched || !p.signedIn)
        .map(({ id, name, kind, snapshot, error }) => ({ id, name, kind, snapshot, error })),
    async start() {
      await accounts.init();
      billing.start();
    },
    async dispose() {
      billing.stop();
      dataService.dispose();
      await accounts.dispose();
    },
  };
}
