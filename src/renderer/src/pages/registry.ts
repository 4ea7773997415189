// The shell's pages, in sidebar order. To add a page: write pages/<name>/<Name>Page.tsx with a
// default export taking no props (read the selected service with useApp().nav), then point its
// entry below at it with lazy(() => import(...)). Only the Dashboard is in the first chunk.
// A page that only some sources can serve names the capability it needs: the sidebar leaves it out
// and the shell opens the Dashboard instead for a profile whose source lacks it.
import { lazy, type ComponentType } from 'react';
import type { Page } from '../../../shared/contract';
import type { SourceCapabilities } from '../../../shared/domain';
import type { IconName } from '../components/Icon';
import type { MessageKey } from '../i18n';
import DashboardPage from './dashboard/DashboardPage';

export interface PageDef {
  id: Page;
  labelKey: MessageKey;
  icon: IconName;
  component: ComponentType;
  /** The capability the active profile's source needs for this page; none: every source. */
  requires?: keyof SourceCapabilities;
}

export const PAGES: readonly PageDef[] = [
  { id: 'dashboard', labelKey: 'nav.dashboard', icon: 'dashboard', component: DashboardPage },
  {
    id: 'services',
    labelKey: 'nav.services',
    icon: 'services',
    component: lazy(() => import('./services/ServicesPage')),
  },
  {
    id: 'billing',
    labelKey: 'nav.billing',
    icon: 'billing',
    requires: 'billing',
    component: lazy(() => import('./billing/BillingPage')),
  },
  {
    id: 'invoices',
    labelKey: 'nav.invoices',
    icon: 'invoices',
    requires: 'invoices',
    component: lazy(() => import('./invoices/InvoicesPage')),
  },
  {
    id: 'export',
    labelKey: 'nav.export',
    icon: 'export',
    requires: 'servers',
    component: lazy(() => import('./export/ExportPage')),
  },
  {
    id: 'settings',
    labelKey: 'nav.settings',
    icon: 'settings',
    component: lazy(() => import('./settings/SettingsPage')),
  },
];

export const pageDef = (id: Page): PageDef => PAGES.find((page) => page.id === id) ?? (PAGES[0] as PageDef);

/**
 * Whether a page can be shown for a profile with these capabilities. No profile (none yet, or
 * its record not read) allows every page: there is nothing to hide it for.
 */
export const pageAllowed = (id: Page, capabilities: SourceCapabilities | null): boolean => {
  const needs = pageDef(id).requires;
  return !needs || !capabilities || capabilities[needs];
};
