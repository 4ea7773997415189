// The main process's texts in the user's language: tray tooltip and menu, native notifications.
// Plain Node (no Electron, no React) so the monitor, billing, the core and tests can all use it.
// `mainText(language, locale)` picks the catalogue ('system' follows the OS locale, else English)
// and formats numbers, percentages, sizes (1024 base, as the panels count) and dates with Intl for
// that locale, so Persian gets Persian digits.
import { en } from './en';
import { fa } from './fa';
import { ru } from './ru';
import { zhCN } from './zh-CN';

export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
export type Message = string | PluralForms;
export type MessageKey = keyof typeof en;
/** Every locale has every English key (the type-checker sees a missing one, the test an extra one). */
export type Catalogue = Record<MessageKey, Message>;

export type MainLocale = 'en' | 'zh-CN' | 'fa' | 'ru';
export const MAIN_LOCALES: readonly MainLocale[] = ['en', 'zh-CN', 'fa', 'ru'];
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
export function resolveMainLocale(language: string, systemLocale: string): MainLocale {
  if ((MAIN_LOCALES as readonly string[]).includes(language)) return language as MainLocale;
  const tag = systemLocale.toLowerCase();
  if (tag.startsWith('zh')) return 'zh-CN';
  if (tag.startsWith('fa')) return 'fa';
  if (tag.startsWith('ru')) return 'ru';
  return 'en';
}

const PLACEHOLDER = /\{(\w+)\}/g;

/** Placeholder names of a message (all plural forms together), sorted and unique. */
export function placeholders(message: Message): string[] {
  const texts = typeof message === 'string' ? [message] : Object.values(message);
  const names = new Set<string>();
  for (const text of texts) for (const match of (text ?? '').matchAll(PLACEHOLDER)) names.add(match[1] ?? '');
  return [...names].sort();
}

const UNITS = ['unit.B', 'unit.KB', 'unit.MB', 'unit.GB', 'unit.TB', 'unit.PB'] as const;

function build(locale: MainLocale): MainText {
  const catalogue = CATALOGUES[locale];
  const integers = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const numbers = new Intl.NumberFormat(locale);
  // Sizes never group digits (below 1024 of a unit there is nothing to group but "1,023").
  const sizes = [0, 1].map(
    (digits) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits, useGrouping: false }),
  );
  const percents = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const plurals = new Intl.PluralRules(locale);
  // English days read "12 Mar 2027" (day first, as the app always wrote them), not "Mar 12, 2027".
  const days = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : locale, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  });
  const number = (value: number) => (Number.isInteger(value) ? integers : numbers).format(value);

  const t = <K extends MessageKey>(key: K, ...args: ParamArgs<K>): string => {
    const params: Record<string, string | number> = args[0] ?? {};
    const message = catalogue[key];
    let text: string;
    if (typeof message === 'string') text = message;
    else {
      const count = typeof params.count === 'number' ? params.count : 0;
      text = message[plurals.select(count)] ?? message.other;
    }
    return text.replace(PLACEHOLDER, (whole, name: string) => {
      const value = params[name];
      if (value === undefined) return whole;
      return typeof value === 'number' ? number(value) : value;
    });
  };

  return {
    locale,
    rtl: locale === 'fa',
    t,
    number,
    percent: (value) => percents.format(value / 100),
    size(bytes) {
      let value = Number.isFinite(bytes) ? Math.max(0, bytes) : 0;
      let unit = 0;
      while (value >= 1024 && unit < UNITS.length - 1) {
        value /= 1024;
        unit += 1;
      }
      // Round first so that 1023.96 MB reads "1 GB" rather than "1024 MB".
      if (unit > 0 && Number(value.toFixed(1)) >= 1024 && unit < UNITS.length - 1) {
        value /= 1024;
        unit += 1;
      }
      const digits = unit === 0 ? 0 : 1;
      const text = sizes[digits]!.format(unit === 0 ? Math.round(value) : value);
      return `${text} ${t(UNITS[unit]!)}`;
    },
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
