// The sidebar: brand, page navigation (aria-current on the open page; only the pages the active
// profile's source can serve) and the profile switcher.
import type { Page } from '../../../shared/contract';
import { useI18n } from '../i18n';
import { PAGES, pageAllowed } from '../pages/registry';
import { activeCapabilities, useApp } from '../state/app';
import { Icon } from './Icon';
import { ProfileSwitcher } from './ProfileSwitcher';

export function Sidebar() {
  const { t } = useI18n();
  const { info, nav, navigate, profiles } = useApp();
  const capabilities = activeCapabilities(profiles);
  return (
    <aside className="sidebar">
      <div className="brand">
        {info.provider.logo ? <img src={info.provider.logo} alt="" className="brand-logo" /> : null}
        <span className="brand-name">{info.provider.name}</span>
      </div>
      <nav aria-label={t('nav.label')}>
        <ul className="nav-list">
          {PAGES.filter((page) => pageAllowed(page.id, capabilities)).map((page) => (
            <li key={page.id}>
              <a
                href={`#${page.id}`}
                className="nav-link"
                aria-current={nav.page === page.id ? 'page' : undefined}
                onClick={(event) => {
                  event.preventDefault();
                  navigate(page.id as Page);
                }}
              >
                <Icon name={page.icon} />
                <span>{t(page.labelKey)}</span>
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <ProfileSwitcher />
    </aside>
  );
}
