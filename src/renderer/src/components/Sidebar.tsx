// The sidebar: brand, page navigation (aria-current on the open page) and the profile switcher.
import type { Page } from '../../../shared/contract';
import { useI18n } from '../i18n';
import { PAGES } from '../pages/registry';
import { useApp } from '../state/app';
import { Icon } from './Icon';
import { ProfileSwitcher } from './ProfileSwitcher';

export function Sidebar() {
  const { t } = useI18n();
  const { info, nav, navigate } = useApp();
  return (
    <aside className="sidebar">
      <div className="brand">
        {info.provider.logo ? <img src={info.provider.logo} alt="" className="brand-logo" /> : null}
        <span className="brand-name">{info.provider.name}</span>
      </div>
      <nav aria-label={t('nav.label')}>
        <ul className="nav-list">
          {PAGES.map((page) => (
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
