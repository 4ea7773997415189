// The command line's language from the POSIX locale variables, without the catalogues: the status
// bar's fast path (local/fast-status.ts) names the language in its socket request and must stay
// small, so this module needs only the shared locale resolution.
import { resolveLocale, type LocaleCode } from '../../shared/i18n';

/**
 * The locale name that decides the language of messages, by POSIX precedence: LC_ALL, then
 * LC_MESSAGES, then LANG (an empty variable counts as unset). Empty when none is set.
 */
export function messagesLocale(env: Readonly<Record<string, string | undefined>>): string {
  return env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
}

/** The app's language for a POSIX locale name ("fa_IR.UTF-8", "zh_CN", "ru_RU.UTF-8@euro"); C and POSIX are English. */
export function cliLocale(env: Readonly<Record<string, string | undefined>>): LocaleCode {
  const name = messagesLocale(env).split(/[.@]/)[0] ?? '';
  if (!name || name === 'C' || name === 'POSIX') return 'en';
  return resolveLocale('system', name.replace(/_/g, '-'));
}
