// Messages of the Billing and Invoices pages, one file per locale beside the pages (they load with
// the pages' lazy chunk) rather than in the shell's catalogues; useBillingText() reads the shell's
// locale and formats through the page translator (i18n/page.ts), so plurals and digits match.
import { useMemo } from 'react';
import { useI18n, type I18n } from '../../../i18n';
import { pageTranslator, type PageCatalogues } from '../../../i18n/page';
import type { Vars } from '../../../i18n/types';
import { en, type BillingKey } from './en';
import { fa } from './fa';
import { ru } from './ru';
import { zhCN } from './zh-CN';

export type { BillingKey };

export const BILLING_CATALOGUES: PageCatalogues<BillingKey> = { en, 'zh-CN': zhCN, fa, ru };

export interface BillingText extends I18n {
  bt(key: BillingKey, vars?: Vars): string;
}

/** The shell's i18n plus `bt()` for this folder's messages, in the shell's current locale. */
export function useBillingText(): BillingText {
  const i18n = useI18n();
  return useMemo(() => ({ ...i18n, bt: pageTranslator(BILLING_CATALOGUES, i18n.locale) }), [i18n]);
}
