// Catalogue typing and locale choice, without React, so unit tests and other pure modules can use
// them (the type-checker for tests has no JSX).
import type { Language } from '../lib/settings';
import type { MessageKey } from './locales/en';
import { isRtl, resolveLocale as resolveSharedLocale } from '../../../shared/i18n';
import type { LocaleCode, Message } from './types';

export type { MessageKey };
export type Catalogue = Record<MessageKey, Message>;

export const LOCALE_NAMES: Record<LocaleCode, string> = {
  en: 'English',
  'zh-CN': '简体中文',
  fa: 'فارسی',
  ru: 'Русский',
};

/** The locale to show for a language setting; 'system' maps the OS locale to a supported one. */
export const resolveLocale = (language: Language, systemLocale: string): LocaleCode =>
  resolveSharedLocale(language, systemLocale);

export { isRtl };
