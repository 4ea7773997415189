// An error as the command line says it, in the user's language. Main writes its messages in
// English; here, as in the window (src/renderer/src/lib/errors.ts), a translation is picked by the
// error's reason, else by its kind, never by matching the English. The panel's own words (kind
// 'panel') are printed as the panel wrote them. Where a kind's sentence stands in for the message,
// the English original follows on its own line, so nothing it said is lost.
import { appError, type AppError, type ErrorKind } from '../../shared/errors';
import type { MainText } from '../i18n';
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
    case 'signedOut':
      return text.t('cli.reason.signedOut');
    case 'apiKeyMissing':
      return text.t('cli.reason.apiKeyMissing');
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

function byKind(error: AppError, text: MainText): string {
  switch (error.kind) {
    case 'network':
      return text.t('cli.kind.network');
    case 'timeout':
      return text.t('cli.kind.timeout');
    case 'http':
      return error.status !== undefined
        ? text.t('cli.kind.httpStatus', { status: String(error.status) })
        : text.t('cli.kind.http');
    case 'auth':
      return error.reason === 'apiKeyRefused' ? text.t('cli.kind.authKey') : text.t('cli.kind.auth');
    case 'schema':
      return text.t('cli.kind.schema');
    case 'keychain':
      return text.t('cli.kind.keychain');
    case 'validation':
      return text.t('cli.kind.validation');
    case 'state':
      return text.t('cli.kind.state');
    case 'panel':
    case 'internal':
      return text.t('cli.kind.internal');
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
  if (error.language !== undefined) return { message: error.message, more: detail };
  const own = byReason(error, text);
  if (own !== null) {
    // The reason's sentence says it all, but for a bad link: main's English says which way it is wrong.
    const more = error.reason === 'badLink' ? [error.message] : [];
    return { message: own, more: [...more, ...detail] };
  }
  if (error.kind === 'panel' || text.locale === 'en' || error.message === '')
    return { message: error.message || byKind(error, text), more: detail };
  return { message: byKind(error, text), more: [error.message, ...detail] };
}
