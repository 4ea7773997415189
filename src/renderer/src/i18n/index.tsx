// The renderer's i18n: picks the locale from the settings (or the system's), loads its catalogue
// (English is bundled; the others are small lazy chunks), and sets lang/dir on <html>.
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { LOCALE_NAMES, isRtl, resolveLocale, type Catalogue } from './catalogue';
import { en, type MessageKey } from './locales/en';
import {
  formatBytes,
  formatCountdown,
  formatDate,
  formatDateTime,
  formatNumber,
  formatRelative,
  interpolate,
  SIZE_UNITS,
} from './format';
import type { LocaleCode, Vars } from './types';

export type { Catalogue, MessageKey };
export { LOCALE_NAMES, isRtl, resolveLocale };

export async function loadCatalogue(locale: LocaleCode): Promise<Catalogue> {
  switch (locale) {
    case 'zh-CN':
      return (await import('./locales/zh-CN')).zhCN;
    case 'fa':
      return (await import('./locales/fa')).fa;
    case 'ru':
      return (await import('./locales/ru')).ru;
    default:
      return en;
  }
}

export interface I18n {
  locale: LocaleCode;
  t(key: MessageKey, vars?: Vars): string;
  bytes(value: number): string;
  number(value: number, options?: Intl.NumberFormatOptions): string;
  date(epochMs: number, options?: Intl.DateTimeFormatOptions): string;
  dateTime(epochMs: number): string;
  relative(epochMs: number, now?: number): string;
  countdown(ms: number): string;
}

export function createI18n(locale: LocaleCode, catalogue: Catalogue): I18n {
  const t = (key: MessageKey, vars?: Vars): string => interpolate(locale, catalogue[key] ?? en[key], vars);
  const units = SIZE_UNITS[locale];
  return {
    locale,
    t,
    bytes: (value) => formatBytes(locale, value, units),
    number: (value, options) => formatNumber(locale, value, options),
    date: (epochMs, options) => formatDate(locale, epochMs, options),
    dateTime: (epochMs) => formatDateTime(locale, epochMs),
    relative: (epochMs, now = Date.now()) => formatRelative(locale, epochMs, now),
    countdown: (ms) => formatCountdown(locale, ms),
  };
}

const I18nContext = createContext<I18n>(createI18n('en', en));

export function I18nProvider({ locale, children }: { locale: LocaleCode; children: ReactNode }) {
  const [loaded, setLoaded] = useState<{ locale: LocaleCode; catalogue: Catalogue }>({
    locale: 'en',
    catalogue: en,
  });

  useEffect(() => {
    let current = true;
    void loadCatalogue(locale).then((catalogue) => {
      if (current) setLoaded({ locale, catalogue });
    });
    return () => {
      current = false;
    };
  }, [locale]);

  // Until the new catalogue arrives, keep showing the old one consistently (lang/dir included).
  const value = useMemo(() => createI18n(loaded.locale, loaded.catalogue), [loaded]);

  useEffect(() => {
    const root = document.documentElement;
    root.lang = value.locale;
    root.dir = isRtl(value.locale) ? 'rtl' : 'ltr';
  }, [value.locale]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export const useI18n = (): I18n => useContext(I18nContext);
