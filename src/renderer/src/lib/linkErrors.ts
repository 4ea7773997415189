// How a refused subscription link reads: the HTTP status and the panel's own words (verbatim, in
// quotes) inside a sentence in the user's language; any other failure as every error reads.
import type { AppError } from '../../../shared/errors';
import { describeError, type ErrorI18n, type ErrorText } from './errors';

export function describeLinkError(error: AppError, i18n: ErrorI18n): ErrorText {
  if (error.kind === 'http' && error.status !== undefined && error.status >= 400) {
    const status = String(error.status);
    const text = error.detail
      ? i18n.t('addLink.refusedWords', { status, words: error.detail })
      : i18n.t('addLink.refused', { status });
    return { text, original: i18n.locale === 'en' ? null : error.message || null };
  }
  return describeError(error, i18n);
}
