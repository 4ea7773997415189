// The catalogue for the user's language setting, read fresh each time so a change applies at once.
import { readSettings } from '../settings/settings';
import type { KeyValueStore } from '../settings/store';
import { mainText, type MainText } from './index';

/** The texts for the `language` setting in `store`; 'system' follows `systemLocale`. */
export function userText(store: KeyValueStore, systemLocale: string): MainText {
  return mainText(readSettings(store).language, systemLocale);
}
