// Messages of the Export page, in the four app locales (one file each). Like the Billing pages, they
// live beside the page and load with its lazy chunk rather than with the shell's catalogues;
// useExportText() reads the shell's locale, so plurals and digits match the rest of the window.
import { useMemo } from 'react';
import type { ExportFormat } from '../../../../../shared/contract';
import { useI18n, type I18n } from '../../../i18n';
import { pageTranslator, type PageCatalogues } from '../../../i18n/page';
import type { Vars } from '../../../i18n/types';
import { en } from './en';
import { fa } from './fa';
import { ru } from './ru';
import { zhCN } from './zh-CN';

export type ExportKey = keyof typeof en;

export const EXPORT_CATALOGUES: PageCatalogues<ExportKey> = { en, 'zh-CN': zhCN, fa, ru };

/**
 * The contract's formats, in its order: a local copy, because importing a value from the contract
 * would pull zod into this chunk (a unit test keeps the two equal).
 */
export const EXPORT_FORMATS: readonly ExportFormat[] = ['links', 'base64', 'clash', 'singbox', 'xray', 'qr'];

/** Product names: the same in every language. */
const PRODUCT_NAMES: Partial<Record<ExportFormat, string>> = {
  clash: 'Clash / mihomo',
  singbox: 'sing-box',
  xray: 'Xray',
};

export interface ExportText extends I18n {
  et(key: ExportKey, vars?: Vars): string;
  formatName(format: ExportFormat): string;
}

/** The shell's i18n plus `et()` for this folder's messages, in the shell's current locale. */
export function useExportText(): ExportText {
  const i18n = useI18n();
  return useMemo(() => {
    const et = pageTranslator(EXPORT_CATALOGUES, i18n.locale);
    const formatName = (format: ExportFormat) => PRODUCT_NAMES[format] ?? et(`format.${format}` as ExportKey);
    return { ...i18n, et, formatName };
  }, [i18n]);
}
