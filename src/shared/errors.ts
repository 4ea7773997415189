// Errors are values. Every failure that can reach the router, the CLI or the renderer is an
// AppError with a kind and a sentence a person can act on; nothing throws across IPC.

export type ErrorKind =
  | 'network' // could not reach the panel (DNS, refused, reset)
  | 'timeout' // the panel took too long
  | 'http' // the panel answered with an HTTP error or an HTML error page
  | 'panel' // the panel answered with its own error code and message
  | 'auth' // bad API key or bad credentials, or signed out
  | 'schema' // the panel's answer is not what the API describes
  | 'keychain' // the OS keychain refused or is unavailable
  | 'validation' // bad input to a channel or a command
  | 'state' // the request does not fit the current state (no profile, nothing to export, ...)
  | 'internal'; // a bug: reported, never thrown across IPC

/**
 * Why, more precisely than the kind, for the cases the window words itself: it picks a translation
 * by reason, never by matching main's English.
 */
export type ErrorReason =
  | 'apiKeyMissing' // no client API key was given
  | 'apiKeyRefused' // the panel refused the app's client API key
  | 'tokenRefused' // the panel refused the access token (expired or revoked): fetch a new one
  | 'signedOut' // no credentials for the active profile
  | 'newPanelGeneration' // the address is a 2026-generation panel; `detail` is its name
  | 'noProfile' // there is no profile at all yet
  | 'unknownProfile' // no profile has the id or name asked for; `detail` is what was asked
  | 'badLink'; // what was given as a subscription link is not one (empty, not http(s), no host)

export interface AppError {
  kind: ErrorKind;
  message: string;
  reason?: ErrorReason;
  /** Panel error code (e.g. 208) for `panel` / `auth`. */
  code?: number;
  /** HTTP status for `http`. */
  status?: number;
  /** Extra detail safe to show (never a secret). */
  detail?: string;
  /** For `validation`: which fields were wrong. */
  issues?: { path: string; message: string }[];
  /**
   * The language `message` is written in, when it is not main's English: the command line words
   * some errors itself, in the user's language, and they are printed as they are.
   */
  language?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(error: AppError): Result<T> => ({ ok: false, error });
export const appError = (
  kind: ErrorKind,
  message: string,
  extra: Omit<AppError, 'kind' | 'message'> = {},
): AppError => ({
  kind,
  message,
  ...extra,
});

export function isAppError(value: unknown): value is AppError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as AppError).kind === 'string' &&
    typeof (value as AppError).message === 'string'
  );
}

/** Turn anything thrown into an AppError, for the last line of defence (router, CLI). */
export function toAppError(thrown: unknown): AppError {
  if (isAppError(thrown)) return thrown;
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return appError('internal', `Something went wrong inside the app: ${message}`);
}
