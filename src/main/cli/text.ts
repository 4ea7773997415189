// The command line's language: the POSIX locale variables pick one of the app's four languages, and
// the texts come from the main process's catalogues (src/main/i18n, keys `cli.*`), the same the tray
// and the notifications use. Machine output keeps its keys and values as they are: all of --json, and
// all of --waybar but its tooltip, which a person reads (in the same language as the tray's). Ids, amounts and addresses a user copies into the next command are passed
// as strings, so they keep ASCII digits in every language.
import { interpolate, type Message } from '../../shared/i18n';
import { CATALOGUES, mainText, type MainText } from '../i18n';
import { cliLocale } from './locale';

export { cliLocale, messagesLocale } from './locale';

/** The CLI's texts for this environment. */
export function cliText(env: Readonly<Record<string, string | undefined>>): MainText {
  return mainText(cliLocale(env), 'en');
}

/**
 * A text of the command table (a summary, an option's description) in the user's language: the
 * catalogue's `key` when its English is exactly `english`, else `english` itself, so a table entry
 * changed without its catalogue entry shows its new English, never a stale translation.
 */
export function tableText(text: MainText, key: string, english: string): string {
  const source = (CATALOGUES.en as Record<string, Message | undefined>)[key];
  const message = (CATALOGUES[text.locale] as Record<string, Message | undefined>)[key];
  return source === english && message !== undefined ? interpolate(text.locale, message) : english;
}

/** Columns a text takes in a terminal: East Asian wide characters (CJK, full-width forms) take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    width +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(
        char,
      )
        ? 2
        : 1;
  }
  return width;
}

/** "Label:  value", the value starting at `column` when the label is short enough (English aligns). */
export function labelled(label: string, value: string, column = 8): string {
  const width = displayWidth(label);
  return `${label}${' '.repeat(Math.max(column, width + 1) - width)}${value}`;
}
