// Error helpers shared by the panel client and the token session: how a refused token or API key is
// marked. The scrubbing of secrets from messages is generic and lives in net/scrub.ts.
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
