// An error as the command line says it, in the user's language: the reasons whose way out is a
// command are worded here; the rest as the main process says them (i18n/errors.ts). Where a kind's
// sentence stands in for the message, the English original follows on its own line, so nothing it
// said is lost.
import { appError, type AppError, type ErrorKind } from '../../shared/errors';
import type { MainText } from '../i18n';
import { errorInLanguage } from '../i18n/errors';
import { PROGRAM } from './table';

export interface CliErrorText {
  /** The line after "xmplus-tray: ". */
  message: string;
  /** Indented lines after it: main's English when `message` is a kind's sentence, and the error's detail. */
  more: string[];
}

/** A sentence of its own for the reasons the command line words itself, in every language. */
function byReason(error: AppError, text: MainText): string | null {
  switch (error.reason) {
    case 'noProfile':
      return text.t('cli.reason.noProfile', {
        login: `${PROGRAM} login`,
        add: `${PROGRAM} profiles add URL`,
      });
    case 'unknownProfile':
      return text.t('cli.account.noSuchProfile', { ref: error.detail ?? '', command: `${PROGRAM} profiles` });
    case 'badLink':
      // English keeps main's sentence: each says which way the link is wrong.
      return text.locale === 'en' ? null : text.t('cli.reason.badLink');
    default:
      return null;
  }
}

/** An error the command line words itself, already in `text`'s language: printed as it is. */
export const worded = (
  text: MainText,
  kind: ErrorKind,
  message: string,
  extra: Omit<AppError, 'kind' | 'message' | 'language'> = {},
): AppError => appError(kind, message, { ...extra, language: text.locale });

/** What to print for `error` in `text`'s language. */
export function cliErrorText(error: AppError, text: MainText): CliErrorText {
  const detail = error.detail && error.reason !== 'unknownProfile' ? [error.detail] : [];
  const own = byReason(error, text);
  if (own !== null) {
    // The reason's sentence says it all, but for a bad link: main's English says which way it is wrong.
    const more = error.reason === 'badLink' ? [error.message] : [];
    return { message: own, more: [...more, ...detail] };
  }
  const said = errorInLanguage(error, text);
  return { message: said.message, more: said.original === null ? detail : [said.original, ...detail] };
}
