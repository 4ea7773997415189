// The signed-in frame: skip link, sidebar, banners (stale data, notices) and the open page, with
// every page but the Dashboard loaded on demand behind a Suspense fallback. A page the active
// profile's source cannot serve (Billing for a subscription link) opens as the Dashboard.
import { Suspense, useEffect, useRef } from 'react';
import { NoticeList, StaleBanner } from './components/Banners';
import { Sidebar } from './components/Sidebar';
import { useI18n } from './i18n';
import { pageAllowed, pageDef } from './pages/registry';
import { activeCapabilities, useApp } from './state/app';

function PageLoading() {
  const { t } = useI18n();
  return (
    <div className="page" role="status">
      <p className="muted">{t('app.pageLoading')}</p>
    </div>
  );
}

export function Shell() {
  const { t } = useI18n();
  const { nav, data, notices, setNotices, profiles, navigate } = useApp();
  const allowed = pageAllowed(nav.page, activeCapabilities(profiles));
  const page = allowed ? nav.page : 'dashboard';
  const Page = pageDef(page).component;
  const previous = useRef<string | null>(null);
  const view = allowed ? `${nav.page}:${nav.serviceId ?? ''}` : 'dashboard:';

  // Keep the sidebar's current page in step with the Dashboard shown in a hidden page's place.
  useEffect(() => {
    if (!allowed) navigate('dashboard');
  }, [allowed, navigate]);

  // After a navigation, put focus on the new page's heading (not on first load).
  useEffect(() => {
    const before = previous.current;
    previous.current = view;
    if (before === null || before === view) return undefined;
    let tries = 0;
    // A lazy page's heading appears once its chunk has loaded; until then React may still show the
    // previous page, so look only inside the new view's wrapper.
    const timer = window.setInterval(() => {
      const heading = document.querySelector<HTMLElement>(`main [data-view="${view}"] [data-page-title]`);
      if (heading || ++tries > 40) {
        window.clearInterval(timer);
        heading?.focus();
      }
    }, 25);
    return () => window.clearInterval(timer);
  }, [view]);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <Sidebar />
      <main id="main" tabIndex={-1} className="main">
        <StaleBanner data={data} />
        <NoticeList notices={notices} onChange={setNotices} />
        <Suspense fallback={<PageLoading />}>
          <div data-view={view} key={view}>
            <Page />
          </div>
        </Suspense>
      </main>
    </div>
  );
}
