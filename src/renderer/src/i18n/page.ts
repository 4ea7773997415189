// Catalogues that live beside a page or component (and load with its lazy chunk) rather than in the
// shell's: one file per locale, English the source of the key type, and a translator that formats
// with the shell's interpolate() so plurals and digits match the rest of the window.
import { interpolate } from './format';
import type { LocaleCode, Message, Vars } from './types';

/** One locale's messages for the English catalogue `E`: exactly its keys. */
export type Translation<E> = Record<keyof E & string, Message>;

/** A folder's messages in every app locale; each locale has exactly the English keys. */
export type PageCatalogues<K extends string> = Readonly<Record<LocaleCode, Readonly<Record<K, Message>>>>;

/** Formats a key of `catalogues` in `locale`, with English where a message is missing. */
export function pageTranslator<K extends string>(
  catalogues: PageCatalogues<K>,
  locale: LocaleCode,
): (key: K, vars?: Vars) => string {
  const catalogue = catalogues[locale];
  return (key, vars) => interpolate(locale, catalogue[key] ?? catalogues.en[key], vars);
}
