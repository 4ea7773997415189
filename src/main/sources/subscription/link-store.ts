// Where a subscription link lives: the secret backend, like a password (the OS keychain, else
// safeStorage ciphertext, else this process's memory), one entry per profile. Anyone holding the
// link gets the servers, so it never goes to the settings file, a log or an error message.

import { appError, fail, ok, type Result } from '../../../shared/errors';
import type { SecretBackend } from '../../secrets';

/** Keychain service of every subscription link; the account is the profile id. */
export const LINK_SERVICE = 'xmplus-tray:subscription-link';

export interface LinkStore {
  save(profileId: string, link: string): Promise<Result<void>>;
  get(profileId: string): Promise<Result<string | null>>;
  forget(profileId: string): Promise<Result<void>>;
}

export function createLinkStore(backend: SecretBackend): LinkStore {
  const keychainError = (action: string, thrown: unknown) =>
    appError(
      'keychain',
      `Could not ${action} ${backend.kind === 'keychain' ? 'the system keychain' : 'the encrypted secrets file'}. Unlock your keychain and try again.`,
      // The backend's error names the operation, never the value; only its type is kept anyway.
      { detail: thrown instanceof Error ? thrown.name : 'error' },
    );
  return {
    async save(profileId, link) {
      try {
        await backend.set(LINK_SERVICE, profileId, link);
        return ok(undefined);
      } catch (thrown) {
        return fail(keychainError('save the subscription link to', thrown));
      }
    },
    async get(profileId) {
      try {
        return ok(await backend.get(LINK_SERVICE, profileId));
      } catch (thrown) {
        return fail(keychainError('read the subscription link from', thrown));
      }
    },
    async forget(profileId) {
      try {
        await backend.delete(LINK_SERVICE, profileId);
        return ok(undefined);
      } catch (thrown) {
        return fail(keychainError('delete the subscription link from', thrown));
      }
    },
  };
}

/**
 * What a subscription profile's source asks for its link (SourceContext.getSubscriptionLink): the
 * stored link, or an error a person can act on when there is none.
 */
export function linkGetter(backend: SecretBackend, profileId: string): () => Promise<Result<string>> {
  const store = createLinkStore(backend);
  return async () => {
    const got = await store.get(profileId);
    if (!got.ok) return got;
    if (got.value === null)
      return fail(
        appError(
          'auth',
          backend.kind === 'memory'
            ? 'This profile’s subscription link was kept for the last run only. Add the link again.'
            : 'This profile’s subscription link is not in the keychain. Add the link again.',
          { reason: 'signedOut' },
        ),
      );
    return ok(got.value);
  };
}
