// Page-top banners: the stale-data banner (cached data, with its age and the reason) and the
// main process's notices (dismissible).
import type { DataState, Notice } from '../../../shared/contract';
import { api } from '../api';
import { useI18n } from '../i18n';
import { describeError } from '../lib/errors';
import { useNow } from '../lib/useNow';
import { ErrorDetails } from './ErrorDetails';
import { Icon } from './Icon';

export function StaleBanner({ data }: { data: DataState | null }) {
  const i18n = useI18n();
  const { t, relative } = i18n;
  const now = useNow(30_000);
  const fetchedAt = data?.snapshot?.fetchedAt;
  const error = data?.monitor.lastError ?? null;
  // Cached data shown for a moment while a switch or refresh is under way is not news; cached data
  // after a failed refresh, or old cached data, is.
  const visible = Boolean(
    data?.stale && fetchedAt && !data.monitor.refreshing && (error !== null || now - fetchedAt >= 60_000),
  );
  const described = error ? describeError(error, i18n) : null;
  const message = described?.text;
  // At least a minute old, so the sentence never reads "data from now".
  const age = fetchedAt ? relative(Math.min(fetchedAt, now - 60_000), now) : '';
  return (
    <div
      role="status"
      className={visible ? 'banner banner-warning' : 'banner-empty'}
      data-testid="stale-banner"
    >
      {visible && fetchedAt ? (
        <>
          <Icon name="alert" />
          <div className="banner-text">
            <p>{message ? t('banner.stale', { age, message }) : t('banner.staleNoError', { age })}</p>
            {message ? <ErrorDetails original={described?.original ?? null} /> : null}
          </div>
        </>
      ) : null}
    </div>
  );
}

export function NoticeList({ notices, onChange }: { notices: Notice[]; onChange(notices: Notice[]): void }) {
  const { t } = useI18n();
  if (notices.length === 0) return null;
  const dismiss = async (id: string) => {
    const result = await api().appDismissNotice({ id });
    onChange(result.ok ? result.value : notices.filter((notice) => notice.id !== id));
  };
  return (
    <section aria-label={t('banner.notices')} className="notices">
      {notices.map((notice) => (
        <div key={notice.id} className={`banner banner-${notice.level === 'info' ? 'info' : notice.level}`}>
          <Icon name={notice.level === 'info' ? 'info' : 'alert'} />
          <p dir="auto">{notice.message}</p>
          <button
            type="button"
            className="icon-button"
            aria-label={t('common.dismiss')}
            onClick={() => void dismiss(notice.id)}
          >
            <Icon name="close" />
          </button>
        </div>
      ))}
    </section>
  );
}
