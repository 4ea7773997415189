// Messages of the one-click import (service card button, Export page panel), in the four app
// locales (one file each), beside the components that use them; useImportText() formats them in the
// shell's locale.
import { useMemo } from 'react';
import { useI18n, type I18n } from '../../../i18n';
import { pageTranslator, type PageCatalogues } from '../../../i18n/page';
import type { Vars } from '../../../i18n/types';
import { en } from './en';
import { fa } from './fa';
import { ru } from './ru';
import { zhCN } from './zh-CN';

export type ImportKey = keyof typeof en;

export const IMPORT_CATALOGUES: PageCatalogues<ImportKey> = { en, 'zh-CN': zhCN, fa, ru };

export interface ImportText extends I18n {
  it(key: ImportKey, vars?: Vars): string;
}

/** The shell's i18n plus `it()` for the import messages, in the shell's current locale. */
export function useImportText(): ImportText {
  const i18n = useI18n();
  return useMemo(() => ({ ...i18n, it: pageTranslator(IMPORT_CATALOGUES, i18n.locale) }), [i18n]);
}
