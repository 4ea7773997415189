// The data the app shows: the active profile's snapshot (cached, so it appears at once and offline),
// polled by the monitor's scheduler; usage history, forecasts and alerts after each good refresh;
// the tray state and native notifications. Handlers for data.*, service.*.
import type { AlertLevel, DataState, ForecastView, MonitorState, ProfileOverview } from '../shared/contract';
import type { Snapshot } from '../shared/domain';
import { serverListPart } from '../shared/domain';
import { appError, fail, ok, type AppError, type Result } from '../shared/errors';
import type { Handlers } from './router';
import type { NativeNotification, Platform, TrayState } from './platform';
import type { Accounts } from './accounts';
import type { Timers } from './timers';
import { userText } from './i18n/user';
import type { MainText } from './i18n';
import { ON_DEMAND_MAX_AGE_MS, withServers, type ServersMode } from './sources/server-parts';
import {
  readSettings,
  readCachedSnapshot,
  writeCachedSnapshot,
  dropCachedSnapshot,
} from './settings/settings';
import {
  alertLevel,
  createScheduler,
  dailyUse,
  emptyFiredState,
  evaluateAlerts,
  forecastAll,
  mostUrgent,
  parseFiredState,
  parseHistory,
  recordUsage,
  alertText,
  serviceLine,
  tooltipText,
  trayLabels,
  WINDOW_OPEN_INTERVAL_MS,
  type Alert,
  type Forecast,
  type Scheduler,
  type Thresholds,
} from './monitor';

type DataHandlers = Pick<Handlers, 'data.get' | 'data.refresh' | 'service.history' | 'service.copySublink'>;

export interface DataService {
  handlers: DataHandlers;
  /** The active profile or its sign-in state changed. */
  activeChanged(profileId: string | null, signedIn: boolean): void;
  setWindowOpen(open: boolean): void;
  refreshNow(): Promise<Result<Snapshot>>;
  onResume(): void;
  onOnline(): void;
  copySublink(serviceId: number | null): Promise<Result<{ copied: true }>>;
  /** The snapshot shown now (cached or fresh) for a profile. */
  snapshot(profileId: string): Snapshot | null;
  /**
   * The snapshot with the server lists of the given services (null: all) no older than maxAgeMs
   * (default: a few minutes), asking service/info only for those that are older or failed. For
   * callers about to hand servers out: export, the tray's export, the Export page.
   */
  ensureServers(
    profileId: string,
    serviceIds?: readonly number[] | null,
    maxAgeMs?: number,
  ): Promise<Result<Snapshot>>;
  /** Refresh a given profile's data (billing, after a payment). */
  refreshProfile(profileId: string): Promise<Result<Snapshot>>;
  forget(profileId: string): void;
  settingsChanged(): void;
  state(): DataState;
  dispose(): void;
}

export interface DataDeps {
  platform: Platform;
  accounts: Pick<Accounts, 'active' | 'sessionFor' | 'activeProfile' | 'state'>;
  timers?: Timers;
  random?: () => number;
}

const keyed = <T>(value: unknown): Record<string, T> =>
  value && typeof value === 'object' ? (value as Record<string, T>) : {};

export function createDataService(deps: DataDeps): DataService {
  const { platform } = deps;
  const cache = platform.cacheStore;
  let profileId: string | null = null;
  let signedIn = false;
  let windowOpen = false;
  let current: Snapshot | null = null;
  let lastFresh = false;

  const thresholds = (): Thresholds => {
    const s = readSettings(platform.settingsStore);
    return { trafficPercent: s.trafficThresholds, daysLeft: s.expiryThresholds };
  };

  const historyOf = (id: string) => parseHistory(keyed<unknown>(cache.get('history'))[id]);
  // Forecasts change only with the snapshot or the history (both replaced together in absorb), but
  // are read on every publish (several per refresh): keep the last one.
  let forecastMemo: { snapshot: Snapshot; value: Record<string, Forecast> } | null = null;
  const forecastsOf = (snapshot: Snapshot | null): Record<string, Forecast> => {
    if (!snapshot) return {};
    if (forecastMemo?.snapshot !== snapshot) {
      forecastMemo = { snapshot, value: forecastAll(historyOf(snapshot.profileId), snapshot) };
    }
    return forecastMemo.value;
  };

  const serversMaxAgeMs = () => readSettings(platform.settingsStore).serversRefreshHours * 3_600_000;

  const scheduler: Scheduler<Snapshot> = createScheduler<Snapshot>({
    // "Refresh now" asks for everything again; timed refreshes only for what is due.
    refresh: (reason) =>
      profileId
        ? refreshProfile(profileId, reason === 'manual' ? 'all' : 'due')
        : Promise.resolve(fail(appError('state', 'No account.'))),
    intervalMs: () =>
      windowOpen ? WINDOW_OPEN_INTERVAL_MS : readSettings(platform.settingsStore).refreshMinutes * 60_000,
    now: () => platform.now(),
    ...(deps.timers ? { timers: deps.timers } : {}),
    ...(deps.random ? { random: deps.random } : {}),
  });

  function monitorState(): MonitorState {
    const s = scheduler.state;
    return { refreshing: s.running, lastOkAt: s.lastOkAt, lastError: s.lastError, nextAt: s.nextAt };
  }

  function state(): DataState {
    const forecasts = forecastsOf(current);
    const views: Record<string, ForecastView> = {};
    for (const [id, f] of Object.entries(forecasts)) {
      views[id] = {
        bytesPerDay: f.bytesPerDay,
        runOutAt: f.runOutAt,
        daysEarly: f.daysEarly,
        warning: f.warning,
      };
    }
    const now = platform.now();
    const level: AlertLevel =
      current && current.services.length > 0 ? alertLevel(current, thresholds(), now, forecasts) : 'ok';
    const stale = current !== null && (!lastFresh || scheduler.state.lastError !== null);
    // Only the active profile is watched so far: the others show what the cache holds.
    const profiles: ProfileOverview[] = deps.accounts.state().profiles.map((p) => {
      const active = p.id === profileId;
      const snapshot = active ? current : readCachedSnapshot(cache, p.id);
      return {
        id: p.id,
        name: p.displayName,
        kind: p.kind,
        capabilities: p.capabilities,
        watched: active && p.signedIn,
        signedIn: p.signedIn,
        snapshot,
        stale: active ? stale : snapshot !== null,
        fetchedAt: snapshot?.fetchedAt ?? null,
        error: active ? scheduler.state.lastError : null,
        refreshing: active && scheduler.state.running,
        forecasts: active ? views : {},
        level: active ? level : 'ok',
      };
    });
    return {
      snapshot: current,
      stale,
      monitor: monitorState(),
      forecasts: views,
      // No plan at all is nothing to warn about (alertLevel calls it 'expired': nothing usable).
      level,
      profiles,
    };
  }

  /** A tray line says when its servers could not be fetched, in the panel's words (clipped). */
  function withServersNote(
    text: MainText,
    snapshot: Snapshot | null,
    serviceId: number,
    line: string,
  ): string {
    const error = snapshot ? serverListPart(snapshot, serviceId).error : null;
    if (!error) return line;
    const message = error.message.length > 60 ? `${error.message.slice(0, 59)}…` : error.message;
    return `${line} · ${text.t('servers.unavailable', { message })}`;
  }

  function trayState(): TrayState {
    const now = platform.now();
    const t = thresholds();
    const forecasts = forecastsOf(current);
    const urgent = current ? mostUrgent(current, t, now, forecasts) : null;
    const text = userText(platform.settingsStore, platform.app.locale);
    return {
      signedIn,
      refreshing: scheduler.state.running,
      level: current && current.services.length > 0 ? alertLevel(current, t, now, forecasts) : 'ok',
      fraction: urgent ? urgent.fraction : null,
      tooltip: tooltipText(text, current, now, {
        appName: platform.provider.info.name,
        error: scheduler.state.lastError,
        maxLength: 127,
      }),
      services: (current?.services ?? []).map((s) => ({
        id: s.id,
        label: withServersNote(text, current, s.id, serviceLine(text, s, now)),
        hasSublink: s.sublink !== '',
      })),
      labels: trayLabels(text, platform.app.name),
    };
  }

  function publish() {
    platform.emit('data', state());
    platform.updateTray(trayState());
  }

  scheduler.subscribe(() => publish());

  /** Alerts are worded again from their params in the user's language (alert.title is English). */
  function notifyAlerts(alerts: Alert[]) {
    if (!readSettings(platform.settingsStore).notifications) return;
    const text = userText(platform.settingsStore, platform.app.locale);
    for (const alert of alerts) {
      const actions: NativeNotification['actions'] =
        alert.kind === 'traffic' || alert.kind === 'forecast'
          ? [{ id: 'topup', label: text.t('action.topup') }]
          : [{ id: 'renew', label: text.t('action.renew') }];
      platform.notify({ ...alertText(text, alert), serviceId: alert.serviceId, actions });
    }
  }

  /** After a good fetch: cache, history, alerts. Each step's state persists before the next. */
  function absorb(snapshot: Snapshot) {
    const now = platform.now();
    writeCachedSnapshot(cache, snapshot);
    const allHistory = keyed<unknown>(cache.get('history'));
    const history = recordUsage(historyOf(snapshot.profileId), snapshot, now, undefined);
    cache.set('history', { ...allHistory, [snapshot.profileId]: history });
    const forecasts = forecastAll(history, snapshot);
    forecastMemo = { snapshot, value: forecasts };
    const allFired = keyed<unknown>(cache.get('alerts'));
    const fired = parseFiredState(allFired[snapshot.profileId] ?? emptyFiredState());
    const evaluated = evaluateAlerts(snapshot, forecasts, thresholds(), fired, now);
    cache.set('alerts', { ...allFired, [snapshot.profileId]: evaluated.firedState });
    notifyAlerts(evaluated.alerts);
  }

  const snapshotOf = (id: string): Snapshot | null =>
    id === profileId ? current : readCachedSnapshot(cache, id);

  async function refreshProfile(id: string, mode: ServersMode): Promise<Result<Snapshot>> {
    const session = await deps.accounts.sessionFor(id);
    if (!session.ok) return session;
    const fetched = await session.value.snapshot(id, {
      previous: snapshotOf(id),
      servers: mode,
      serversMaxAgeMs: serversMaxAgeMs(),
    });
    if (!fetched.ok) return fetched;
    absorb(fetched.value);
    if (id === profileId) {
      current = fetched.value;
      lastFresh = true;
    }
    return fetched;
  }

  async function ensureServers(
    id: string,
    serviceIds: readonly number[] | null,
    maxAgeMs: number,
  ): Promise<Result<Snapshot>> {
    const known = snapshotOf(id);
    if (!known) {
      // Nothing cached yet: a whole refresh (which fetches every list) is the way to servers.
      if (id === profileId && signedIn) return scheduler.refreshNow('start');
      return fail(appError('state', 'No data yet. Sign in and refresh first.'));
    }
    const session = await deps.accounts.sessionFor(id);
    // Signed out or no keychain: the last known lists, each with its age, are all there is.
    if (!session.ok) return ok(known);
    const update = await session.value.ensureServers(known, serviceIds, maxAgeMs);
    if (!update.ok || Object.keys(update.value.parts).length === 0) return ok(known);
    // A refresh may have landed meanwhile: lay the lists over the newest snapshot, not the one asked.
    const merged = withServers(snapshotOf(id) ?? known, update.value);
    writeCachedSnapshot(cache, merged);
    if (id === profileId) {
      current = merged;
      publish();
    }
    return ok(merged);
  }

  /** A service's subscription link (or the first plan's that has one) to the clipboard. */
  async function copySublink(serviceId: number | null): Promise<Result<{ copied: true }>> {
    const services = current?.services ?? [];
    const service = services.find((s) => (serviceId === null ? s.sublink !== '' : s.id === serviceId));
    if (!service) {
      return fail(
        serviceId === null
          ? appError('state', 'No plan has a subscription link yet. Refresh first.')
          : appError('validation', `There is no service #${serviceId} in this account.`),
      );
    }
    if (!service.sublink)
      return fail(appError('state', 'The panel gives no subscription link for this service.'));
    return platform.writeClipboard(service.sublink);
  }

  const handlers: DataHandlers = {
    'data.get': () => ok(state()),
    async 'data.refresh'() {
      if (!profileId) return fail(appError('state', 'Add a panel account first.'));
      if (!signedIn) {
        return fail(appError('auth', 'You are signed out. Sign in to refresh.', { reason: 'signedOut' }));
      }
      const result = await scheduler.refreshNow('manual');
      // A failed refresh still answers with the state: the last good data, marked stale, and the error.
      return result.ok ? ok(state()) : current ? ok(state()) : fail(result.error);
    },
    'service.history'({ serviceId }) {
      if (!profileId || !current) return fail(appError('state', 'No data yet. Refresh first.'));
      const service = current.services.find((s) => s.id === serviceId);
      if (!service) return fail(appError('validation', `There is no service #${serviceId} in this account.`));
      const days = dailyUse(historyOf(profileId), serviceId).map((d) => ({
        date: d.date,
        usedBytes: d.usedBytes,
        deltaBytes: d.deltaBytes,
      }));
      const f = forecastsOf(current)[String(serviceId)];
      return ok({
        days,
        forecast: f
          ? { bytesPerDay: f.bytesPerDay, runOutAt: f.runOutAt, daysEarly: f.daysEarly, warning: f.warning }
          : null,
      });
    },
    'service.copySublink': ({ serviceId }) => copySublink(serviceId),
  };

  return {
    handlers,
    activeChanged(id, isSignedIn) {
      const changed = id !== profileId;
      profileId = id;
      signedIn = isSignedIn;
      if (changed) {
        current = id ? readCachedSnapshot(cache, id) : null;
        lastFresh = false;
        // Another account: its data is due now, not at the old account's next tick.
        scheduler.stop();
      }
      if (id && isSignedIn) scheduler.start();
      else scheduler.stop();
      publish();
    },
    setWindowOpen(open) {
      if (open === windowOpen) return;
      windowOpen = open;
      scheduler.setIntervalChanged();
    },
    refreshNow: () => scheduler.refreshNow('manual'),
    onResume: () => scheduler.onResume(),
    onOnline: () => scheduler.onOnline(),
    copySublink,
    snapshot: snapshotOf,
    ensureServers: (id, serviceIds = null, maxAgeMs = ON_DEMAND_MAX_AGE_MS) =>
      ensureServers(id, serviceIds, maxAgeMs),
    async refreshProfile(id) {
      const result =
        id === profileId ? await scheduler.refreshNow('manual') : await refreshProfile(id, 'all');
      publish();
      return result;
    },
    forget(id) {
      dropCachedSnapshot(cache, id);
      for (const key of ['history', 'alerts']) {
        const all = keyed<unknown>(cache.get(key));
        delete all[id];
        cache.set(key, all);
      }
      if (id === profileId) current = null;
      forecastMemo = null;
    },
    settingsChanged() {
      scheduler.setIntervalChanged();
      publish();
    },
    state,
    dispose: () => scheduler.stop(),
  };
}

export type { AppError };
