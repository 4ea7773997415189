// The composition root of the main process in plain Node: builds every handler of the contract from
// the core modules and a Platform. The Electron shell, the CLI and the end-to-end harness all use it.
import type { NavigateTarget, Notice, UpdateState } from '../shared/contract';
import type { Snapshot } from '../shared/domain';
import { appError, fail, ok, type Result } from '../shared/errors';
import type { Handlers } from './router';
import type { Platform } from './platform';
import { readSettings, writeSettings } from './settings/settings';
import { createCredentialStore } from './session/secrets';
import { createAccounts } from './accounts';
import { createDataService } from './data';
import { ALL_FORMATS, createExportService } from './export/service';
import { createBilling } from './billing';
import { userText } from './i18n/user';
import { createImportService } from './import/service';
import { IMPORT_CLIENTS, type ImportClientId } from '../shared/import-clients';
import type { TrayState } from './platform';
import type { Timers } from './timers';

/** What the tray menu, notifications and the shell's lifecycle can ask of the core. */
export interface CoreActions {
  refresh(): Promise<void>;
  /** Copies the subscription link of a service (or the first) to the clipboard. */
  copySublink(serviceId: number | null): Promise<boolean>;
  /** Asks for a folder and writes every export format of a service (or all). */
  exportAll(serviceId: number | null): Promise<void>;
  /** Opens a service's import link in its default client (or `client`); says why not when it cannot. */
  importInto(serviceId: number, client?: ImportClientId | null): Promise<boolean>;
  /** Remembers where the window should open and tells an open window at once. */
  navigate(target: NavigateTarget): void;
  setWindowOpen(open: boolean): void;
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
    onActiveChanged: (profile, signedIn) => data?.activeChanged(profile?.id ?? null, signedIn),
    onRemoved: (profileId) => data?.forget(profileId),
  });
  /** Texts for notifications in the user's language, read when each is shown. */
  const text = () => userText(platform.settingsStore, platform.app.locale);
  // The tray's state passes through here on its way out, to gain an import item per service.
  let lastTray: TrayState | null = null;
  const trayWithImports = (state: TrayState): TrayState => {
    const ids = state.services.filter((s) => s.hasSublink).map((s) => s.id);
    importer.warm(ids);
    const known = importer.known(ids);
    const t = text();
    const services = activeSnapshot()?.services ?? [];
    const imports = state.services.flatMap((s) => {
      const client = known[s.id];
      const service = services.find((x) => x.id === s.id);
      if (!client || !service) return [];
      const name = service.packageName
        ? t.t('service.name', { name: service.packageName, id: service.id })
        : t.t('service.unnamed', { id: service.id });
      return [
        { serviceId: s.id, label: t.t('tray.importInto', { name, client: IMPORT_CLIENTS[client].name }) },
      ];
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
  const activeSnapshot = () => {
    const profile = accounts.activeProfile();
    return profile ? dataService.snapshot(profile.id) : null;
  };
  const exporter = createExportService(platform, {
    snapshot: activeSnapshot,
    ensureServers: (serviceId) => {
      const profile = accounts.activeProfile();
      return profile
        ? dataService.ensureServers(profile.id, serviceId === null ? null : [serviceId])
        : Promise.resolve(ok(null));
    },
  });
  const importer = createImportService({
    platform,
    snapshot: activeSnapshot,
    ensureServers: (serviceId) => {
      const profile = accounts.activeProfile();
      return profile ? dataService.ensureServers(profile.id, [serviceId]) : Promise.resolve(ok(null));
    },
    proxyUrl: () => accounts.proxyUrlOf(accounts.activeProfile()),
    onProbed: () => {
      if (lastTray) platform.updateTray(trayWithImports(lastTray));
    },
  });

  const billing = createBilling({
    active: async () => {
      const active = await accounts.active();
      return active.ok ? ok({ profileId: active.value.profileId, session: active.value.session }) : active;
    },
    sessionFor: (profileId) => accounts.sessionFor(profileId),
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

  const actions: CoreActions = {
    async refresh() {
      await dataService.refreshNow();
    },
    async copySublink(serviceId) {
      return (await dataService.copySublink(serviceId)).ok;
    },
    async exportAll(serviceId) {
      const result = await exporter.save(serviceId, ALL_FORMATS);
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
    async importInto(serviceId, client = null) {
      const result = await importer.open(serviceId, client);
      if (result.ok) return true;
      platform.notify({
        title: text().t('import.failed'),
        body: result.error.message,
        serviceId,
        actions: [],
      });
      actions.navigate({ page: 'export', serviceId });
      return false;
    },
    navigate(target) {
      pendingNavigation = target;
      platform.emit('navigate', target);
    },
    setWindowOpen: (open) => dataService.setWindowOpen(open),
    onResume: () => dataService.onResume(),
    onOnline: () => dataService.onOnline(),
  };

  const handlers: Handlers = {
    ...accounts.handlers,
    ...dataService.handlers,
    ...exporter.handlers,
    ...importer.handlers,
    ...billing.handlers,
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
      if (!profile) return Promise.resolve(fail(appError('state', 'Add a panel account first.')));
      return dataService.ensureServers(profile.id, serviceIds);
    },
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
