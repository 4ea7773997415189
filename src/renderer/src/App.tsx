// The root: loads what the UI needs from main (app info, settings, profiles, data, notices),
// keeps it current from main's events, applies theme and language, and shows onboarding or the shell.
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AppInfo, DataState, NavigateTarget, Notice, Page, ProfilesState } from '../../shared/contract';
import type { AppError } from '../../shared/errors';
import { api } from './api';
import { ErrorDetails } from './components/ErrorDetails';
import { AddLinkDialog } from './components/AddLinkDialog';
import { I18nProvider, resolveLocale, useI18n } from './i18n';
import { describeError } from './lib/errors';
import type { Settings } from './lib/settings';
import { Shell } from './Shell';
import { AppContext, type AppStateValue, type NavIntent, type NavState } from './state/app';

const OnboardingPage = lazy(() => import('./pages/onboarding/OnboardingPage'));

type Boot =
  | { status: 'loading' }
  | { status: 'error'; error: AppError }
  | { status: 'ready'; info: AppInfo; settings: Settings; profiles: ProfilesState; notices: Notice[] };

async function boot(): Promise<Boot> {
  const x = api();
  const [info, settings, profiles, notices] = await Promise.all([
    x.appInfo(),
    x.settingsGet(),
    x.profilesList(),
    x.appNotices(),
  ]);
  if (!info.ok) return { status: 'error', error: info.error };
  if (!settings.ok) return { status: 'error', error: settings.error };
  if (!profiles.ok) return { status: 'error', error: profiles.error };
  return {
    status: 'ready',
    info: info.value,
    settings: settings.value,
    profiles: profiles.value,
    notices: notices.ok ? notices.value : [],
  };
}

const navFrom = (target: NavigateTarget): NavState => ({
  page: target.page,
  serviceId: target.serviceId ?? null,
  intent: target.action ?? null,
});

/** data-theme on <html>: the chosen theme, or the system's, following it live. */
function useTheme(theme: Settings['theme'] | undefined) {
  useEffect(() => {
    const root = document.documentElement;
    const query = window.matchMedia('(prefers-color-scheme: dark)');
    const apply = () => {
      root.dataset.theme = theme === 'light' || theme === 'dark' ? theme : query.matches ? 'dark' : 'light';
    };
    apply();
    if (theme !== 'system' && theme !== undefined) return undefined;
    query.addEventListener('change', apply);
    return () => query.removeEventListener('change', apply);
  }, [theme]);
}

function Splash({ error, onRetry }: { error: AppError | null; onRetry(): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const failure = error ? describeError(error, i18n) : null;
  return (
    <main className="splash" id="main">
      {failure ? (
        <div className="card">
          <div role="alert">
            <p>{t('app.startFailed', { message: failure.text })}</p>
            <ErrorDetails original={failure.original} />
          </div>
          <button type="button" className="button button-primary" onClick={onRetry}>
            {t('app.retry')}
          </button>
        </div>
      ) : (
        <p role="status" className="muted">
          {t('app.loading')}
        </p>
      )}
    </main>
  );
}

export function App() {
  const [state, setState] = useState<Boot>({ status: 'loading' });
  const [data, setData] = useState<DataState | null>(null);
  const [nav, setNav] = useState<NavState>({ page: 'dashboard', serviceId: null, intent: null });
  const [adding, setAdding] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    void boot().then((result) => {
      if (current) setState(result);
    });
    return () => {
      current = false;
    };
  }, [attempt]);

  const ready = state.status === 'ready' ? state : null;
  const activeId = ready?.profiles.activeId ?? null;
  const activeSignedIn = ready?.profiles.profiles.find((p) => p.id === activeId)?.signedIn ?? false;
  // Read by `open`, which main's navigate events reach through a subscription made once.
  const activeIdRef = useRef(activeId);
  activeIdRef.current = activeId;

  /** A target of another profile switches to it first; a profile that is gone opens the Dashboard. */
  const open = useCallback(async (target: NavigateTarget) => {
    setAdding(false);
    if (target.profileId && target.profileId !== activeIdRef.current) {
      const switched = await api().profilesSwitch({ id: target.profileId });
      if (!switched.ok) {
        setNav({ page: 'dashboard', serviceId: null, intent: null });
        return;
      }
      activeIdRef.current = switched.value.activeId;
      setState((prev) => (prev.status === 'ready' ? { ...prev, profiles: switched.value } : prev));
    }
    setNav(navFrom(target));
  }, []);

  // Main pushes changes; we mirror them. Subscribed once the first state is in.
  const isReady = ready !== null;
  useEffect(() => {
    if (!isReady) return undefined;
    const x = api();
    const patch = (change: Partial<Extract<Boot, { status: 'ready' }>>) =>
      setState((prev) => (prev.status === 'ready' ? { ...prev, ...change } : prev));
    const offs = [
      x.on('data', (next) => setData(next)),
      x.on('profiles', (profiles) => patch({ profiles })),
      x.on('settings', (settings) => patch({ settings })),
      x.on('notice', (notice) =>
        setState((prev) =>
          prev.status === 'ready'
            ? { ...prev, notices: [...prev.notices.filter((n) => n.id !== notice.id), notice] }
            : prev,
        ),
      ),
      x.on('navigate', (target) => void open(target)),
    ];
    // A change pushed between boot's reads and these subscriptions would be lost (e.g. a sign-in
    // that completes while the window loads): read profiles and settings once more now.
    void x.profilesList().then((result) => {
      if (result.ok) patch({ profiles: result.value });
    });
    void x.settingsGet().then((result) => {
      if (result.ok) patch({ settings: result.value });
    });
    // A notification or tray click may have opened the window: go where it points, once.
    void x.appTakeNavigation().then((result) => {
      if (result.ok && result.value) void open(result.value);
    });
    return () => offs.forEach((off) => off());
  }, [isReady, open]);

  // The active profile decides what data there is: load it whenever that changes.
  useEffect(() => {
    if (!isReady) return undefined;
    let current = true;
    setData(null);
    if (activeId === null) return undefined;
    void (async () => {
      const result = await api().dataGet();
      if (!current || !result.ok) return;
      setData(result.value);
      // Nothing, or only cached data, for this profile and nothing under way (a new or just-switched
      // profile): ask for fresh data now rather than waiting for the next poll.
      const { snapshot, monitor } = result.value;
      const missing = snapshot === null || result.value.stale;
      if (activeSignedIn && missing && !monitor.refreshing && monitor.lastError === null) {
        const fresh = await api().dataRefresh();
        if (current && fresh.ok) setData(fresh.value);
      }
    })();
    return () => {
      current = false;
    };
  }, [isReady, activeId, activeSignedIn]);

  const navigate = useCallback(
    (page: Page, options: { serviceId?: number | null; intent?: NavIntent } = {}) => {
      setNav({ page, serviceId: options.serviceId ?? null, intent: options.intent ?? null });
    },
    [],
  );

  const value = useMemo<AppStateValue | null>(() => {
    if (!ready) return null;
    const patch = (change: Partial<Extract<Boot, { status: 'ready' }>>) =>
      setState((prev) => (prev.status === 'ready' ? { ...prev, ...change } : prev));
    return {
      info: ready.info,
      settings: ready.settings,
      profiles: ready.profiles,
      // Just after a switch the previous profile's data is still held until the new one's arrives:
      // never show it as the new profile's.
      data: data?.snapshot && data.snapshot.profileId !== ready.profiles.activeId ? null : data,
      notices: ready.notices,
      nav,
      navigate,
      open,
      setSettings: (settings) => patch({ settings }),
      setProfiles: (profiles) => patch({ profiles }),
      setData,
      setNotices: (notices) => patch({ notices }),
      setAdding,
    };
  }, [ready, data, nav, navigate, open]);

  useTheme(ready?.settings.theme);
  const locale = resolveLocale(
    ready?.settings.language ?? 'system',
    ready?.info.locale ?? navigator.language,
  );

  return (
    <I18nProvider locale={locale}>
      {!value ? (
        <Splash
          error={state.status === 'error' ? state.error : null}
          onRetry={() => setAttempt((n) => n + 1)}
        />
      ) : (
        <AppContext.Provider value={value}>
          {adding || value.profiles.activeId === null ? (
            <Suspense fallback={<Splash error={null} onRetry={() => undefined} />}>
              <OnboardingPage />
            </Suspense>
          ) : (
            <Shell />
          )}
          {value.info.provider.subscriptionLinks ? <AddLinkDialog /> : null}
        </AppContext.Provider>
      )}
    </I18nProvider>
  );
}
