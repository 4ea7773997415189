// Main's side of the error reasons: the auth errors the window words itself carry the reason it
// picks the translation by, whatever their English says.
import { describe, expect, it } from 'vitest';
import {
  apiKeyRefusedError,
  isTokenRefused,
  tokenRefusedError,
} from '../../../src/main/sources/xmplus/errors';
import { appError } from '../../../src/shared/errors';

describe('auth error reasons', () => {
  it('a refused client API key says so by reason, and is not a refused token', () => {
    const error = apiKeyRefusedError('panel.example.com', 'key invalid', { code: 208 });
    expect(error).toMatchObject({ kind: 'auth', reason: 'apiKeyRefused', code: 208 });
    expect(error.message).toContain('(the panel says: key invalid)');
    expect(isTokenRefused(error)).toBe(false);
  });

  it('a refused token is recognised by its reason alone', () => {
    const error = tokenRefusedError('panel.example.com', { status: 401 });
    expect(error).toMatchObject({ kind: 'auth', reason: 'tokenRefused', status: 401 });
    expect(isTokenRefused(error)).toBe(true);
    expect(isTokenRefused({ ...error, reason: undefined })).toBe(false);
    expect(isTokenRefused(appError('auth', error.message, { detail: error.detail ?? '' }))).toBe(false);
  });
});
