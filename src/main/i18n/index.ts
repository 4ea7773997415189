// The main process's texts in the user's language: tray tooltip and menu, native notifications.
// Plain Node (no Electron, no React) so the monitor, billing, the core and tests can all use it.
// `mainText(language, locale)` picks the catalogue ('system' follows the OS locale, else English)
// and formats numbers, percentages, sizes (1024 base, as the panels count) and dates with Intl for
// that locale, so Persian gets Persian digits. Interpolation, plurals, sizes (with their unit names)
// and locale resolution are the shared core's (src/shared/i18n.ts), the same the window uses.
import {
  LOCALES,
  formatNumber,
  formatSize,
  interpolate,
  isRtl,
  resolveLocale,
  SIZE_UNITS,
  type LocaleCode,
  type Message,
} from '../../shared/i18n';
import { en } from './en';
import { fa } from './fa';
import { ru } from './ru';
import { zhCN } from './zh-CN';

export { placeholders, type Message, type PluralForms } from '../../shared/i18n';
export type MessageKey = keyof typeof en;
/** Every locale has every English key (the type-checker sees a missing one, the test an extra one). */
export type Catalogue = Record<MessageKey, Message>;

export type MainLocale = LocaleCode;
export const MAIN_LOCALES: readonly MainLocale[] = LOCALES;
export const CATALOGUES: Record<MainLocale, Catalogue> = { en, 'zh-CN': zhCN, fa, ru };

// The {placeholders} of an English message type the parameters of t().
type Texts<M> = M extends string ? M : M[keyof M];
type Names<S> = S extends `${string}{${infer Name}}${infer Rest}` ? Name | Names<Rest> : never;
export type Params<K extends MessageKey> = { [N in Names<Texts<(typeof en)[K]>>]: string | number };
type ParamArgs<K extends MessageKey> = [Names<Texts<(typeof en)[K]>>] extends [never] ? [] : [Params<K>];

export interface MainText {
  /** The locale the texts are in. */
  readonly locale: MainLocale;
  readonly rtl: boolean;
  /** A message with its {placeholders} filled; numbers are written the locale's way; `count` picks the plural. */
  t<K extends MessageKey>(key: K, ...params: ParamArgs<K>): string;
  number(value: number): string;
  /** 80 -> "80%" ("۸۰٪" in Persian). */
  percent(value: number): string;
  /** Bytes as "45.2 GB", 1024 base. */
  size(bytes: number): string;
  /** A day: "12 Mar 2027", "2027年3月12日", "۲۱ اسفند ۱۴۰۵", "12 мар. 2027 г.". */
  date(epochMs: number): string;
}

/** The locale for a language setting: 'system' maps the OS locale to a supported one, else English. */
export const resolveMainLocale = (language: string, systemLocale: string): MainLocale =>
  resolveLocale(language, systemLocale);

function build(locale: MainLocale): MainText {
  const catalogue = CATALOGUES[locale];
  const percents = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  // English days read "12 Mar 2027" (day first, as the app always wrote them), not "Mar 12, 2027".
  const days = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : locale, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  });
  const t = <K extends MessageKey>(key: K, ...args: ParamArgs<K>): string =>
    interpolate(locale, catalogue[key] as Message, args[0] ?? {});

  return {
    locale,
    rtl: isRtl(locale),
    t,
    number: (value) => formatNumber(locale, value),
    percent: (value) => percents.format(value / 100),
    size: (bytes) => formatSize(locale, bytes, SIZE_UNITS[locale]),
    date: (epochMs) => days.format(epochMs),
  };
}

const built = new Map<MainLocale, MainText>();

/** The texts for a language setting ('system' | 'en' | 'zh-CN' | 'fa' | 'ru') and the OS locale. */
export function mainText(language: string, locale: string): MainText {
  const resolved = resolveMainLocale(language, locale);
  let text = built.get(resolved);
  if (!text) {
    text = build(resolved);
    built.set(resolved, text);
  }
  return text;
}

/** English, for the CLI and for callers that have no user to speak to. */
export const ENGLISH: MainText = mainText('en', 'en');

/** English sizes for the command line: "45.2 GB", "100 GB", 1024 base (the window's formatter). */
export const formatBytes = (bytes: number): string => ENGLISH.size(bytes);
