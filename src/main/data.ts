// The data the app shows: every profile's snapshot (cached, so it appears at once and offline), each
// watched profile polled on its own schedule by the monitor's scheduler, with its own usage history,
// forecasts, alert state and backoff; the tray state across all of them and native notifications
// naming their profile. The active profile is the one the window's detail pages act on.
// Handlers for data.*, service.*.
import type {
  AlertLevel,
  DataState,
  ForecastView,
  MonitorState,
  ProfileOverview,
  ProfileView,
} from '../shared/contract';
import type { Snapshot } from '../shared/domain';
import { serverListPart } from '../shared/domain';
import { appError, fail, ok, type AppError, type Result } from '../shared/errors';
import type { Handlers } from './router';
import type { NativeNotification, Platform, TrayProfile, TrayService, TrayState } from './platform';
import type { Accounts } from './accounts';
import type { Timers } from './timers';
import { errorInLanguage } from './i18n/errors';
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
  mostUrgentAcross,
  parseFiredState,
  parseHistory,
  recordUsage,
  alertText,
  serviceLine,
  profilesTooltipText,
  trayLabels,
  worstLevelAcross,
  WINDOW_OPEN_INTERVAL_MS,
  WINDOWS_TOOLTIP_MAX,
  type Alert,
  type Forecast,
  type Scheduler,
  type Thresholds,
} from './monitor';

type DataHandlers = Pick<Handlers, 'data.get' | 'data.refresh' | 'service.history' | 'service.copySublink'>;

/** Watched profiles that start together take turns this far apart (never one burst of requests). */
export const START_TURN_MS = 4_000;

export interface DataService {
  handlers: DataHandlers;
  /**
   * The profiles changed (added, removed, edited, switched, signed in or out): start and stop their
   * schedules to match.
   */
  profilesChanged(): void;
  setWindowOpen(open: boolean): void;
  /** Refreshes the active profile now. */
  refreshNow(): Promise<Result<Snapshot>>;
  /** Refreshes every watched profile now (the tray's "Refresh now"). */
  refreshAll(): Promise<void>;
  onResume(): void;
  onOnline(): void;
  /** A service's subscription link to the clipboard: the active profile's, or `profileId`'s. */
  copySublink(serviceId: number | null, profileId?: string): Promise<Result<{ copied: true }>>;
  /** The snapshot shown now (cached or fresh) for a profile. */
  snapshot(profileId: string): Snapshot | null;
  /**
   * The snapshot with the server lists of the given services (null: all) no older than maxAgeMs
   * (default: a few minutes), asking only for those that are older or failed. For callers about to
   * hand servers out: export, the tray's export, the Export page.
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
  accounts: Pick<Accounts, 'sourceFor' | 'activeProfile' | 'state'>;
  timers?: Timers;
  random?: () => number;
}

const keyed = <T>(value: unknown): Record<string, T> =>
  value && typeof value === 'object' ? (value as Record<string, T>) : {};

/** One profile as the monitor keeps it. */
interface Watch {
  id: string;
  scheduler: Scheduler<Snapshot>;
  /** The last known snapshot (cached or fresh). */
  current: Snapshot | null;
  /** Refreshed successfully during this run. */
  fresh: boolean;
  /** The interval its schedule was last given, to reschedule only on a change. */
  intervalMs: number;
  /** Forecasts change only with the snapshot or the history (replaced together): keep the last. */
  memo: { snapshot: Snapshot; value: Record<string, Forecast> } | null;
}

/**
 * What a profile without its password may keep: the usage figures. Its subscription links and
 * server lists are credentials (whoever has them uses the paid servers), so they go.
 */
function usageOnly(snapshot: Snapshot): Snapshot {
  return {
    ...snapshot,
    services: snapshot.services.map((s) => ({ ...s, sublink: '' })),
    servers: {},
    serverParts: {},
  };
}

const holdsCredentials = (snapshot: Snapshot) =>
  snapshot.services.some((s) => s.sublink !== '') || Object.keys(snapshot.servers).length > 0;

const signedOutError = (): AppError =>
  appError('auth', 'Signed out: this is the last known data. Sign in to refresh it.', {
    reason: 'signedOut',
  });

export function createDataService(deps: DataDeps): DataService {
  const { platform } = deps;
  const cache = platform.cacheStore;
  const watches = new Map<string, Watch>();
  /** The profiles as last read, in their order. */
  let views: ProfileView[] = [];
  let activeId: string | null = null;
  let windowOpen = false;
  let disposed = false;

  const settings = () => readSettings(platform.settingsStore);
  const thresholds = (): Thresholds => {
    const s = settings();
    return { trafficPercent: s.trafficThresholds, daysLeft: s.expiryThresholds };
  };
  const viewOf = (id: string) => views.find((v) => v.id === id) ?? null;
  const historyOf = (id: string) => parseHistory(keyed<unknown>(cache.get('history'))[id]);

  const forecastsOf = (watch: Watch | undefined): Record<string, Forecast> => {
    const snapshot = watch?.current;
    if (!watch || !snapshot) return {};
    if (watch.memo?.snapshot !== snapshot) {
      watch.memo = { snapshot, value: forecastAll(historyOf(snapshot.profileId), snapshot) };
    }
    return watch.memo.value;
  };

  const serversMaxAgeMs = () => settings().serversRefreshHours * 3_600_000;

  /** A profile's interval: its own or the global one; the active one's is short while the window shows it. */
  function intervalOf(id: string): number {
    if (windowOpen && id === activeId) return WINDOW_OPEN_INTERVAL_MS;
    return (viewOf(id)?.refreshMinutes ?? settings().refreshMinutes) * 60_000;
  }

  /** Profiles whose schedule runs: signed in, and watched (the active one always, for the window). */
  const scheduled = (view: ProfileView) => view.signedIn && (view.watch || view.id === activeId);

  /**
   * Where in its interval a profile's steady refreshes fall: the scheduled profiles share the
   * interval out evenly, so that their refreshes stay apart. None for a lone profile.
   */
  function phaseOf(id: string, intervalMs: number): number | null {
    const running = views.filter(scheduled);
    if (running.length < 2) return null;
    const index = running.findIndex((v) => v.id === id);
    return index < 0 ? null : (index * intervalMs) / running.length;
  }

  function watchOf(id: string): Watch {
    const existing = watches.get(id);
    if (existing) return existing;
    const watch: Watch = {
      id,
      current: readCachedSnapshot(cache, id),
      fresh: false,
      intervalMs: intervalOf(id),
      memo: null,
      scheduler: createScheduler<Snapshot>({
        // "Refresh now" asks for everything again; timed refreshes only for what is due.
        refresh: (reason) => refreshProfile(id, reason === 'manual' ? 'all' : 'due'),
        intervalMs: () => intervalOf(id),
        phase: (intervalMs) => phaseOf(id, intervalMs),
        now: () => platform.now(),
        ...(deps.timers ? { timers: deps.timers } : {}),
        ...(deps.random ? { random: deps.random } : {}),
      }),
    };
    watch.scheduler.subscribe(() => publish());
    watches.set(id, watch);
    return watch;
  }

  function levelOf(watch: Watch | undefined, now: number, t: Thresholds): AlertLevel {
    const snapshot = watch?.current;
    // No plan at all is nothing to warn about (alertLevel calls it 'expired': nothing usable).
    return snapshot && snapshot.services.length > 0 ? alertLevel(snapshot, t, now, forecastsOf(watch)) : 'ok';
  }

  const forecastViews = (forecasts: Record<string, Forecast>): Record<string, ForecastView> =>
    Object.fromEntries(
      Object.entries(forecasts).map(([id, f]) => [
        id,
        { bytesPerDay: f.bytesPerDay, runOutAt: f.runOutAt, daysEarly: f.daysEarly, warning: f.warning },
      ]),
    );

  function errorOf(view: ProfileView, watch: Watch | undefined): AppError | null {
    if (!view.signedIn) return watch?.current ? signedOutError() : null;
    return watch?.scheduler.state.lastError ?? null;
  }

  function overview(view: ProfileView, now: number, t: Thresholds): ProfileOverview {
    const watch = watches.get(view.id);
    const snapshot = watch?.current ?? null;
    const s = watch?.scheduler.state;
    return {
      id: view.id,
      name: view.displayName,
      kind: view.kind,
      capabilities: view.capabilities,
      watched: s?.active ?? false,
      signedIn: view.signedIn,
      snapshot,
      stale: snapshot !== null && (!watch?.fresh || s?.lastError != null || !view.signedIn),
      fetchedAt: snapshot?.fetchedAt ?? null,
      error: errorOf(view, watch),
      refreshing: s?.running ?? false,
      forecasts: forecastViews(forecastsOf(watch)),
      level: levelOf(watch, now, t),
    };
  }

  function monitorState(watch: Watch | undefined): MonitorState {
    const s = watch?.scheduler.state;
    return {
      refreshing: s?.running ?? false,
      lastOkAt: s?.lastOkAt ?? null,
      lastError: s?.lastError ?? null,
      nextAt: s?.nextAt ?? null,
    };
  }

  function state(): DataState {
    const now = platform.now();
    const t = thresholds();
    const profiles = views.map((v) => overview(v, now, t));
    const active = profiles.find((p) => p.id === activeId);
    const watch = activeId ? watches.get(activeId) : undefined;
    return {
      snapshot: active?.snapshot ?? null,
      stale: active
        ? active.snapshot !== null && (!watch?.fresh || watch.scheduler.state.lastError !== null)
        : false,
      monitor: monitorState(watch),
      forecasts: active?.forecasts ?? {},
      level: active?.level ?? 'ok',
      profiles,
    };
  }

  /** A tray line says when its servers could not be fetched, in the panel's words (clipped). */
  function withServersNote(text: MainText, snapshot: Snapshot, serviceId: number, line: string): string {
    const error = serverListPart(snapshot, serviceId).error;
    if (!error) return line;
    return `${line} · ${text.t('servers.unavailable', { message: clipped(error.message, 60) })}`;
  }

  const clipped = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

  function trayState(): TrayState {
    const now = platform.now();
    const t = thresholds();
    const text = userText(platform.settingsStore, platform.app.locale);
    const known = views.map((view) => ({ view, watch: watches.get(view.id) }));
    const urgent = mostUrgentAcross(
      known.flatMap(({ watch }) =>
        watch?.current ? [{ snapshot: watch.current, forecasts: forecastsOf(watch) }] : [],
      ),
      t,
      now,
    );
    // The tray speaks the user's language: main's English errors are said by reason or kind.
    const spoken = (error: AppError | null): AppError | null =>
      error && { ...error, message: errorInLanguage(error, text).message };
    const profiles: TrayProfile[] = known.map(({ view, watch }) => {
      const error = spoken(errorOf(view, watch));
      const hasData = Boolean(watch?.current);
      const reason = error ? clipped(error.message, 60) : '';
      return {
        id: view.id,
        name: view.displayName,
        signedIn: view.signedIn,
        hasData,
        // With data, a failure makes it old; without, it is why there is none yet.
        note: !view.signedIn
          ? text.t('tray.signedOut')
          : error
            ? hasData
              ? text.t('tooltip.lastFailed', { error: reason })
              : text.t('tooltip.notUpdated', { error: reason })
            : null,
      };
    });
    const services: TrayService[] = known.flatMap(({ view, watch }) => {
      const snapshot = watch?.current;
      if (!snapshot) return [];
      return snapshot.services.map((s) => ({
        profileId: view.id,
        id: s.id,
        label: withServersNote(text, snapshot, s.id, serviceLine(text, s, now)),
        hasSublink: s.sublink !== '',
      }));
    });
    return {
      signedIn: views.some((v) => v.signedIn),
      refreshing: [...watches.values()].some((w) => w.scheduler.state.running),
      level: worstLevelAcross(
        known.map(({ watch }) =>
          watch?.current && watch.current.services.length > 0 ? levelOf(watch, now, t) : null,
        ),
      ),
      fraction: urgent ? urgent.fraction : null,
      tooltip: profilesTooltipText(
        text,
        known.map(({ view, watch }) => ({
          name: view.displayName,
          snapshot: watch?.current ?? null,
          error: spoken(errorOf(view, watch)),
        })),
        now,
        // A line per profile (a tray tooltip is read at a glance), and on Windows, whose tooltips keep
        // 127 units, fitted to them by whole lines; elsewhere the whole text.
        {
          appName: platform.provider.info.name,
          compact: t,
          ...(platform.app.platform === 'win32' ? { maxLength: WINDOWS_TOOLTIP_MAX } : {}),
        },
      ),
      profiles,
      services,
      labels: trayLabels(text, platform.app.name),
    };
  }

  function publish() {
    if (disposed) return;
    platform.emit('data', state());
    platform.updateTray(trayState());
  }

  /** Alerts are worded again from their params in the user's language (alert.title is English). */
  function notifyAlerts(profileId: string, alerts: Alert[]) {
    if (!settings().notifications) return;
    const text = userText(platform.settingsStore, platform.app.locale);
    // With several profiles, "which account?" is the first question: the title names it.
    const name = views.length > 1 ? (viewOf(profileId)?.displayName ?? '') : '';
    for (const alert of alerts) {
      const actions: NativeNotification['actions'] =
        alert.kind === 'traffic' || alert.kind === 'forecast'
          ? [{ id: 'topup', label: text.t('action.topup') }]
          : [{ id: 'renew', label: text.t('action.renew') }];
      const worded = alertText(text, alert);
      platform.notify({
        title: name ? `${name}: ${worded.title}` : worded.title,
        body: worded.body,
        serviceId: alert.serviceId,
        profileId,
        actions,
      });
    }
  }

  /** After a good fetch: cache, history, alerts. Each step's state persists before the next. */
  function absorb(watch: Watch, snapshot: Snapshot) {
    const now = platform.now();
    writeCachedSnapshot(cache, snapshot);
    const allHistory = keyed<unknown>(cache.get('history'));
    const history = recordUsage(historyOf(snapshot.profileId), snapshot, now, undefined);
    cache.set('history', { ...allHistory, [snapshot.profileId]: history });
    const forecasts = forecastAll(history, snapshot);
    watch.current = snapshot;
    watch.fresh = true;
    watch.memo = { snapshot, value: forecasts };
    // Alerts only for a watched profile ("watch this profile" off: the window shows it, nothing pops up).
    if (viewOf(snapshot.profileId)?.watch === false) return;
    const allFired = keyed<unknown>(cache.get('alerts'));
    const fired = parseFiredState(allFired[snapshot.profileId] ?? emptyFiredState());
    const evaluated = evaluateAlerts(snapshot, forecasts, thresholds(), fired, now);
    cache.set('alerts', { ...allFired, [snapshot.profileId]: evaluated.firedState });
    notifyAlerts(snapshot.profileId, evaluated.alerts);
  }

  const snapshotOf = (id: string): Snapshot | null =>
    watches.get(id)?.current ?? readCachedSnapshot(cache, id);

  async function refreshProfile(id: string, mode: ServersMode): Promise<Result<Snapshot>> {
    const source = await deps.accounts.sourceFor(id);
    if (!source.ok) return source;
    const fetched = await source.value.refresh(id, {
      previous: snapshotOf(id),
      servers: mode,
      serversMaxAgeMs: serversMaxAgeMs(),
    });
    if (!fetched.ok) return fetched;
    // Removed or signed out while the request ran: nothing of it is kept.
    if (!viewOf(id)?.signedIn) return fetched;
    absorb(watchOf(id), fetched.value);
    return fetched;
  }

  async function ensureServers(
    id: string,
    serviceIds: readonly number[] | null,
    maxAgeMs: number,
  ): Promise<Result<Snapshot>> {
    const known = snapshotOf(id);
    const watch = watches.get(id);
    if (!known) {
      // Nothing cached yet: a whole refresh (which fetches every list) is the way to servers.
      if (watch?.scheduler.state.active) return watch.scheduler.refreshNow('start');
      return fail(appError('state', 'No data yet. Sign in and refresh first.'));
    }
    const source = await deps.accounts.sourceFor(id);
    // Signed out or no keychain: the last known lists, each with its age, are all there is.
    if (!source.ok) return ok(known);
    const update = await source.value.ensureServers(known, serviceIds, maxAgeMs);
    if (!update.ok || Object.keys(update.value.parts).length === 0) return ok(known);
    // A refresh may have landed meanwhile: lay the lists over the newest snapshot, not the one asked.
    const merged = withServers(snapshotOf(id) ?? known, update.value);
    writeCachedSnapshot(cache, merged);
    if (watch) {
      watch.current = merged;
      publish();
    }
    return ok(merged);
  }

  /** A service's subscription link (or the first plan's that has one) to the clipboard. */
  async function copySublink(
    serviceId: number | null,
    profileId: string | null = activeId,
  ): Promise<Result<{ copied: true }>> {
    const services = (profileId ? snapshotOf(profileId) : null)?.services ?? [];
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

  /** Reads the profiles again and starts or stops each schedule to match. */
  function reconcile() {
    views = deps.accounts.state().profiles;
    activeId = deps.accounts.activeProfile()?.id ?? null;
    for (const [id, watch] of watches) {
      if (viewOf(id)) continue;
      watch.scheduler.stop();
      watches.delete(id);
    }
    const starting: Watch[] = [];
    for (const view of views) {
      const watch = watchOf(view.id);
      // Signed out, or started without a stored password: only the usage figures stay.
      if (!view.signedIn && watch.current && holdsCredentials(watch.current)) {
        watch.current = usageOnly(watch.current);
        watch.memo = null;
        writeCachedSnapshot(cache, watch.current);
      }
      const run = scheduled(view);
      if (run && !watch.scheduler.state.active) starting.push(watch);
      else if (!run && watch.scheduler.state.active) watch.scheduler.stop();
      const interval = intervalOf(view.id);
      if (interval !== watch.intervalMs) {
        watch.intervalMs = interval;
        watch.scheduler.setIntervalChanged();
      }
    }
    // The active profile first (the window shows it), the others a turn apart each.
    starting.sort((a, b) => Number(b.id === activeId) - Number(a.id === activeId));
    starting.forEach((watch, turn) => watch.scheduler.start({ delayMs: turn * START_TURN_MS }));
    publish();
  }

  /** Every running schedule, the active profile's first, the others a turn apart. */
  function inTurns(run: (watch: Watch, delayMs: number) => void) {
    const running = [...watches.values()].filter((w) => w.scheduler.state.active);
    running.sort((a, b) => Number(b.id === activeId) - Number(a.id === activeId));
    running.forEach((watch, turn) => run(watch, turn * START_TURN_MS));
  }

  const activeWatch = () => (activeId ? watches.get(activeId) : undefined);

  const handlers: DataHandlers = {
    'data.get': () => ok(state()),
    async 'data.refresh'() {
      if (!activeId) return fail(appError('state', 'Add a panel account first.', { reason: 'noProfile' }));
      const watch = activeWatch();
      if (!viewOf(activeId)?.signedIn || !watch) {
        return fail(appError('auth', 'You are signed out. Sign in to refresh.', { reason: 'signedOut' }));
      }
      const result = await watch.scheduler.refreshNow('manual');
      // A failed refresh still answers with the state: the last good data, marked stale, and the error.
      return result.ok ? ok(state()) : watch.current ? ok(state()) : fail(result.error);
    },
    'service.history'({ serviceId }) {
      const current = activeId ? snapshotOf(activeId) : null;
      if (!activeId || !current) return fail(appError('state', 'No data yet. Refresh first.'));
      const service = current.services.find((s) => s.id === serviceId);
      if (!service) return fail(appError('validation', `There is no service #${serviceId} in this account.`));
      const days = dailyUse(historyOf(activeId), serviceId).map((d) => ({
        date: d.date,
        usedBytes: d.usedBytes,
        deltaBytes: d.deltaBytes,
      }));
      const f = forecastsOf(activeWatch())[String(serviceId)];
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
    profilesChanged: reconcile,
    setWindowOpen(open) {
      if (open === windowOpen) return;
      windowOpen = open;
      const watch = activeWatch();
      if (watch) {
        watch.intervalMs = intervalOf(watch.id);
        watch.scheduler.setIntervalChanged();
      }
    },
    refreshNow: () => {
      const watch = activeWatch();
      return watch
        ? watch.scheduler.refreshNow('manual')
        : Promise.resolve(fail(appError('state', 'Add a panel account first.', { reason: 'noProfile' })));
    },
    async refreshAll() {
      await Promise.all(
        [...watches.values()]
          .filter((w) => w.scheduler.state.active)
          .map((w) => w.scheduler.refreshNow('manual')),
      );
    },
    onResume: () => inTurns((watch, delayMs) => watch.scheduler.onResume(delayMs)),
    onOnline: () => inTurns((watch, delayMs) => watch.scheduler.onOnline(delayMs)),
    copySublink: (serviceId, profileId) => copySublink(serviceId, profileId ?? activeId),
    snapshot: snapshotOf,
    ensureServers: (id, serviceIds = null, maxAgeMs = ON_DEMAND_MAX_AGE_MS) =>
      ensureServers(id, serviceIds, maxAgeMs),
    async refreshProfile(id) {
      const watch = watches.get(id);
      const result = watch?.scheduler.state.active
        ? await watch.scheduler.refreshNow('manual')
        : await refreshProfile(id, 'all');
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
      const watch = watches.get(id);
      if (watch) {
        watch.scheduler.stop();
        watches.delete(id);
      }
    },
    settingsChanged() {
      for (const watch of watches.values()) {
        const interval = intervalOf(watch.id);
        if (interval === watch.intervalMs) continue;
        watch.intervalMs = interval;
        watch.scheduler.setIntervalChanged();
      }
      publish();
    },
    state,
    dispose() {
      disposed = true;
      for (const watch of watches.values()) watch.scheduler.stop();
    },
  };
}

export type { AppError };
