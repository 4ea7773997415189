// How the renderer shows an AppError from main. Main writes its messages in English; in the other
// languages the user reads a sentence for the error's kind, with main's English kept as a detail.
// The panel's own words (kind 'panel') are shown as the panel wrote them, in every language.
import type { AppError } from '../../../shared/errors';
import type { MessageKey } from '../i18n/catalogue';
import type { LocaleCode, Vars } from '../i18n/types';

export interface ErrorText {
  /** What to show, in the user's language (or the panel's words). */
  text: string;
  /** Main's English sentence when `text` is a translation of it; null when `text` is the original. */
  original: string | null;
}

/** The part of the shell's I18n this needs (BillingText and ExportText extend it too). */
export interface ErrorI18n {
  locale: LocaleCode;
  t(key: MessageKey, vars?: Vars): string;
}

// An auth error about the client API key has a reason saying so; the rest mean "signed out".
const API_KEY_REASONS: readonly (AppError['reason'] | undefined)[] = ['apiKeyMissing', 'apiKeyRefused'];

function translatedKey(error: AppError): { key: MessageKey; vars?: Vars } {
  switch (error.kind) {
    case 'network':
      return { key: 'error.network' };
    case 'timeout':
      return { key: 'error.timeout' };
    case 'http':
      return error.status !== undefined
        ? { key: 'error.httpStatus', vars: { status: String(error.status) } }
        : { key: 'error.http' };
    case 'auth':
      return API_KEY_REASONS.includes(error.reason) ? { key: 'error.authKey' } : { key: 'error.auth' };
    case 'schema':
      return { key: 'error.schema' };
    case 'keychain':
      return { key: 'error.keychain' };
    case 'validation':
      return { key: 'error.validation' };
    case 'state':
      return { key: 'error.state' };
    case 'internal':
    case 'panel': // never reaches here: describeError shows the panel's words as they are
      return { key: 'error.internal' };
  }
}

export function describeError(error: AppError, i18n: ErrorI18n): ErrorText {
  if (error.reason === 'newPanelGeneration') {
    // A case of its own in every language, English included: what the panel is and what to do.
    const text = i18n.t('error.newPanelGeneration', { name: error.detail ?? '' });
    return { text, original: i18n.locale === 'en' ? null : error.message || null };
  }
  if (error.kind === 'panel' || i18n.locale === 'en') return { text: error.message, original: null };
  const { key, vars } = translatedKey(error);
  return { text: i18n.t(key, vars), original: error.message || null };
}
