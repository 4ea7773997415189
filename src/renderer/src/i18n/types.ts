// Message catalogue types, from the shared i18n core. English (locales/en.ts) is the source of
// truth: its keys type every other locale.
export { LOCALES, type LocaleCode, type Message, type PluralForms, type Vars } from '../../../shared/i18n';
