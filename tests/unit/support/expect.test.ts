// The Result assertions the other tests rely on fail when they should, and say why.
import { describe, expect, it } from 'vitest';
import { appError, fail, ok } from '../../../src/shared/errors';
import { expectErr, expectOk } from '../../support/expect';

const refused = fail(
  appError('auth', 'The panel refused the client API key.', { reason: 'apiKeyRefused', code: 401 }),
);

describe('expectOk', () => {
  it('returns the value of an ok result', () => {
    expect(expectOk(ok({ days: 12 }))).toEqual({ days: 12 });
  });

  it('fails on an error, naming its kind, reason, code and message', () => {
    expect(() => expectOk(refused)).toThrow(
      'expected ok, got an error (auth, reason apiKeyRefused, code 401: The panel refused the client API key.)',
    );
  });
});

describe('expectErr', () => {
  it('returns the error of a failed result, with or without the kind and reason asked for', () => {
    expect(expectErr(refused).message).toBe('The panel refused the client API key.');
    expect(expectErr(refused, 'auth').code).toBe(401);
    expect(expectErr(refused, 'auth', 'apiKeyRefused').kind).toBe('auth');
  });

  it('fails on an ok result, showing the value', () => {
    expect(() => expectErr(ok({ days: 12 }))).toThrow('expected an error, got ok ({"days":12})');
  });

  it('fails on another kind or another reason', () => {
    expect(() => expectErr(refused, 'network')).toThrow(
      'expected an error of kind network, got auth, reason apiKeyRefused, code 401',
    );
    expect(() => expectErr(refused, 'auth', 'tokenRefused')).toThrow(
      'expected an error with reason tokenRefused, got auth, reason apiKeyRefused',
    );
    expect(() => expectErr(fail(appError('auth', 'No.')), 'auth', 'signedOut')).toThrow(
      'expected an error with reason signedOut, got auth: No.',
    );
  });

  it('shortens a long value in the message', () => {
    expect(() => expectErr(ok('x'.repeat(1000)))).toThrow(/got ok \("x{299}…\)$/);
  });
});
