// The one i18n core both processes use: the locales, message shape ({placeholders} and plural
// forms), interpolation, locale resolution, and sizes. Catalogues and React stay with their process
// (src/main/i18n, src/renderer/src/i18n); everything here is pure Intl.

export type LocaleCode = 'en' | 'zh-CN' | 'fa' | 'ru';
export const LOCALES: readonly LocaleCode[] = ['en', 'zh-CN', 'fa', 'ru'];

export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
/** A message is a string or a set of plural forms chosen by Intl.PluralRules with `count`. */
export type Message = string | PluralForms;
/** Values put into a message's {placeholders}; numbers are formatted for the locale. */
export type Vars = Record<string, string | number>;

export const isRtl = (locale: LocaleCode): boolean => locale === 'fa';

/** The locale for a language setting: a supported locale is itself; 'system' (or anything else) maps
 *  the OS locale to a supported one, else English. */
export function resolveLocale(language: string, systemLocale: string): LocaleCode {
  if ((LOCALES as readonly string[]).includes(language)) return language as LocaleCode;
  const tag = systemLocale.toLowerCase();
  if (tag.startsWith('zh')) return 'zh-CN';
  if (tag.startsWith('fa')) return 'fa';
  if (tag.startsWith('ru')) return 'ru';
  return 'en';
}

const PLACEHOLDER = /\{(\w+)\}/g;

/** Placeholder names used by a message (all plural forms together), sorted and unique. */
export function placeholders(message: Message): string[] {
  const texts = typeof message === 'string' ? [message] : Object.values(message);
  const names = new Set<string>();
  for (const text of texts) for (const match of (text ?? '').matchAll(PLACEHOLDER)) names.add(match[1] ?? '');
  return [...names].sort();
}

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: LocaleCode, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    numberFormats.set(key, format);
  }
  return format;
}

/** A number as the locale writes it (Persian digits for 'fa'); Intl's formatters are cached. */
export function formatNumber(locale: LocaleCode, value: number, options?: Intl.NumberFormatOptions): string {
  return numberFormat(locale, options).format(value);
}

const pluralRules = new Map<LocaleCode, Intl.PluralRules>();

/** Fill a message: choose the plural form by `vars.count`, then replace {name} placeholders. */
export function interpolate(locale: LocaleCode, message: Message, vars: Vars = {}): string {
  let text: string;
  if (typeof message === 'string') {
    text = message;
  } else {
    let rules = pluralRules.get(locale);
    if (!rules) {
      rules = new Intl.PluralRules(locale);
      pluralRules.set(locale, rules);
    }
    const count = typeof vars.count === 'number' ? vars.count : 0;
    text = message[rules.select(count)] ?? message.other;
  }
  return text.replace(PLACEHOLDER, (whole, name: string) => {
    const value = vars[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? formatNumber(locale, value) : value;
  });
}

/** Unit names from bytes upward, in the locale's language: B, KB, MB, GB, TB (and more if given). */
export type SizeUnits = readonly [string, ...string[]];

// Chinese software writes the international symbols as English does (B, KB, MB ...), so the two
// locales share one list; Persian spells the units out, Russian writes Cyrillic symbols.
const SYMBOLS: SizeUnits = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];

/** Each locale's unit names from bytes to petabytes, for formatSize. */
export const SIZE_UNITS: Readonly<Record<LocaleCode, SizeUnits>> = {
  en: SYMBOLS,
  'zh-CN': SYMBOLS,
  fa: ['بایت', 'کیلوبایت', 'مگابایت', 'گیگابایت', 'ترابایت', 'پتابایت'],
  ru: ['Б', 'КБ', 'МБ', 'ГБ', 'ТБ', 'ПБ'],
};

/**
 * Bytes as "45.2 GB": 1024 base as the panels count, one decimal from KB up (dropped when whole),
 * digits as the locale writes them. Rounds before choosing the unit, so 1023.96 MB reads "1 GB"
 * rather than "1,024 MB". Negative and non-finite values read as 0.
 */
export function formatSize(locale: LocaleCode, bytes: number, units: SizeUnits): string {
  let value = Number.isFinite(bytes) && bytes > 0 ? bytes : 0;
  let index = 0;
  while (value >= 1024 && index < units.length - 1) {
    value /= 1024;
    index += 1;
  }
  const digits = index === 0 ? 0 : 1;
  if (Number(value.toFixed(digits)) >= 1024 && index < units.length - 1) {
    value /= 1024;
    index += 1;
  }
  const number = formatNumber(locale, index === 0 ? Math.round(value) : value, {
    maximumFractionDigits: index === 0 ? 0 : 1,
    minimumFractionDigits: 0,
  });
  return `${number} ${units[index] ?? units[0]}`;
}
