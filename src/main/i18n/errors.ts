// An AppError in the user's language, for the main process's own words (the tray, the command
// line). Main writes its messages in English; as in the window (src/renderer/src/lib/errors.ts), a
// translation is picked by the error's reason, else by its kind, never by matching the English. The
// panel's own words (kind 'panel') stay as the panel wrote them.
import type { AppError } from '../../shared/errors';
import type { MainText } from './index';

export interface ErrorInLanguage {
  /** What to say, in `text`'s language (or the panel's words). */
  message: string;
  /** Main's English when `message` is a sentence standing in for it; null when `message` is the original. */
  original: string | null;
}

function byKind(error: AppError, text: MainText): string {
  switch (error.kind) {
    case 'network':
      return text.t('error.kind.network');
    case 'timeout':
      return text.t('error.kind.timeout');
    case 'http':
      return error.status !== undefined
        ? text.t('error.kind.httpStatus', { status: String(error.status) })
        : text.t('error.kind.http');
    case 'auth':
      return error.reason === 'apiKeyRefused' ? text.t('error.kind.authKey') : text.t('error.kind.auth');
    case 'schema':
      return text.t('error.kind.schema');
    case 'keychain':
      return text.t('error.kind.keychain');
    case 'validation':
      return text.t('error.kind.validation');
    case 'state':
      return text.t('error.kind.state');
    case 'panel':
    case 'internal':
      return text.t('error.kind.internal');
  }
}

/** `error` said in `text`'s language. An error already worded in a language (`language`) is as it is. */
export function errorInLanguage(error: AppError, text: MainText): ErrorInLanguage {
  if (error.language !== undefined) return { message: error.message, original: null };
  if (error.reason === 'signedOut') return { message: text.t('error.signedOut'), original: null };
  if (error.reason === 'apiKeyMissing') return { message: text.t('error.apiKeyMissing'), original: null };
  if (error.kind === 'panel' || text.locale === 'en' || error.message === '')
    return { message: error.message || byKind(error, text), original: null };
  return { message: byKind(error, text), original: error.message };
}
