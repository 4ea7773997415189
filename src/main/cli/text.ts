// The command line's language: the POSIX locale variables pick one of the app's four languages, and
// the texts come from the main process's catalogues (src/main/i18n, keys `cli.*`), the same the tray
// and the notifications use. Machine output keeps its keys and values as they are: all of --json, and
// all of --waybar but its tooltip, which a person reads (in the same language as the tray's). Ids, amounts and addresses a user copies into the next command are passed
// as strings, so they keep ASCII digits in every language.
import { eastAsianWidth } from 'get-east-asian-width';
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

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
/** Marks and format characters (combining accents, ZWJ, variation selectors, direction marks) take no column. */
const ZERO_WIDTH = /^[\p{M}\p{Cf}\p{Cc}]+$/u;
/** An emoji shown as a picture: a pictograph of emoji presentation, or made one by VS16, or a keycap / flag. */
const EMOJI = /\p{Emoji_Presentation}|\p{Extended_Pictographic}\uFE0F|\u20E3|\p{Regional_Indicator}{2}/u;

/**
 * Columns a text takes in a terminal, per grapheme as terminals draw them: East Asian wide and
 * full-width characters (Unicode's East Asian Width, from get-east-asian-width) and emoji take two,
 * combining marks and format characters none, the rest one. Ambiguous-width characters count as
 * narrow, as terminals outside CJK locales draw them.
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (const { segment } of graphemes.segment(text)) {
    if (ZERO_WIDTH.test(segment)) continue;
    if (EMOJI.test(segment)) width += 2;
    else width += eastAsianWidth(segment.codePointAt(0) ?? 0);
  }
  return width;
}

/** "Label:  value", the value starting at `column` when the label is short enough (English aligns). */
export function labelled(label: string, value: string, column = 8): string {
  const width = displayWidth(label);
  return `${label}${' '.repeat(Math.max(column, width + 1) - width)}${value}`;
}
