// Stand-in for a page that a later change fills in (Billing, Invoices, Export): says so, and shows
// the service it was opened for so the navigation into it can already be tried.
import type { MessageKey } from '../i18n';
import { useI18n } from '../i18n';
import { useApp } from '../state/app';

export function PlaceholderPage({ titleKey }: { titleKey: MessageKey }) {
  const { t } = useI18n();
  const { nav } = useApp();
  return (
    <div className="page">
      <header className="page-header">
        <h1 tabIndex={-1} data-page-title>
          {t('placeholder.title', { page: t(titleKey) })}
        </h1>
      </header>
      <div className="card empty-state">
        <p>{t('placeholder.body')}</p>
        {nav.serviceId !== null ? <p>{t('placeholder.service', { id: String(nav.serviceId) })}</p> : null}
      </div>
    </div>
  );
}
