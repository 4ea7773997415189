// Messages of the Billing and Invoices pages, one file per locale beside the pages (they load with
// the pages' lazy chunk) rather than in the shell's catalogues; useBillingText() reads the shell's
// locale and formats with the shell's interpolate(), so plurals and digits match.
import { useMemo } from 'react';
import { useI18n, type I18n } from '../../../i18n';
import { interpolate } from '../../../i18n/format';
import type { LocaleCode, Vars } from '../../../i18n/types';
import { en, type BillingCatalogue, type BillingKey } from './en';
import { fa } from './fa';
import { ru } from './ru';
import { zhCN } from './zh-CN';

export type { BillingCatalogue, BillingKey };

export const BILLING_CATALOGUES: Record<LocaleCode, BillingCatalogue> = { en, 'zh-CN': zhCN, fa, ru };

export interface BillingText extends I18n {
  bt(key: BillingKey, vars?: Vars): string;
}

/** The shell's i18n plus `bt()` for this folder's messages, in the shell's current locale. */
export function useBillingText(): BillingText {
  const i18n = useI18n();
  return useMemo(() => {
    const catalogue = BILLING_CATALOGUES[i18n.locale];
    return { ...i18n, bt: (key, vars) => interpolate(i18n.locale, catalogue[key] ?? en[key], vars) };
  }, [i18n]);
}
