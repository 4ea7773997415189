// Settings types for the renderer, re-exported from the shared schema module (types only, so the
// renderer bundle carries no zod for them).
import type { LANGUAGES, THEMES } from '../../../shared/settings';

export type { Settings, SettingsPatch } from '../../../shared/settings';
export type Language = (typeof LANGUAGES)[number];
export type Theme = (typeof THEMES)[number];
export const LANGUAGE_OPTIONS: readonly Language[] = ['system', 'en', 'zh-CN', 'fa', 'ru'];
export const THEME_OPTIONS: readonly Theme[] = ['system', 'light', 'dark'];
