// Error helpers shared by the panel client and the token session: how a refused token is marked,
// and the scrubbing that keeps passwords, API keys and tokens out of every message.
import type { AppError } from '../../../shared/errors';
import { appError } from '../../../shared/errors';

/** The `detail` of an `auth` error that means "get a new token and try again". */
export const TOKEN_REFUSED_DETAIL = 'The panel refused the access token (expired or revoked).';
/** The `detail` of an `auth` error that means the app's client API key was refused. */
export const API_KEY_REFUSED_DETAIL = 'The panel refused the client API key.';

export function isTokenRefused(error: AppError): boolean {
  return error.kind === 'auth' && error.reason === 'tokenRefused';
}

export function tokenRefusedError(host: string, extra: Pick<AppError, 'code' | 'status'> = {}): AppError {
  return appError(
    'auth',
    `The panel at ${host} no longer accepts this app's session. Sign in again if it persists.`,
    {
      ...extra,
      reason: 'tokenRefused',
      detail: TOKEN_REFUSED_DETAIL,
    },
  );
}

export function apiKeyRefusedError(
  host: string,
  panelMessage: string,
  extra: Pick<AppError, 'code' | 'status'> = {},
): AppError {
  const said = panelMessage ? ` (the panel says: ${panelMessage})` : '';
  return appError(
    'auth',
    `The panel at ${host} refused the client API key${said}. Check the key in your profile; your provider can give you a new one.`,
    { ...extra, reason: 'apiKeyRefused', detail: API_KEY_REFUSED_DETAIL },
  );
}

const MASK = '•••';

/** Replace every occurrence of the given secrets (and their common encodings) in the error's text. */
export function scrubError(error: AppError, secrets: readonly (string | undefined | null)[]): AppError {
  const needles = new Set<string>();
  for (const secret of secrets) {
    // Very short values would mask ordinary words; real passwords, keys and tokens are longer.
    if (!secret || secret.length < 4) continue;
    needles.add(secret);
    needles.add(encodeURIComponent(secret));
    needles.add(JSON.stringify(secret).slice(1, -1));
  }
  if (needles.size === 0) return error;
  const clean = (text: string): string => {
    let out = text;
    for (const needle of needles) out = out.split(needle).join(MASK);
    return out;
  };
  const scrubbed: AppError = { ...error, message: clean(error.message) };
  if (error.detail !== undefined) scrubbed.detail = clean(error.detail);
  if (error.issues) scrubbed.issues = error.issues.map((i) => ({ path: i.path, message: clean(i.message) }));
  return scrubbed;
}
