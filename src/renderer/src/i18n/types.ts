// Message catalogue types. English (locales/en.ts) is the source of truth: its keys type every
// other locale, and a message is either a string or a set of plural forms chosen by Intl.PluralRules.

export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
export type Message = string | PluralForms;

export type LocaleCode = 'en' | 'zh-CN' | 'fa' | 'ru';
export const LOCALES: readonly LocaleCode[] = ['en', 'zh-CN', 'fa', 'ru'];

/** Values put into a message's {placeholders}; numbers are formatted for the locale. */
export type Vars = Record<string, string | number>;
