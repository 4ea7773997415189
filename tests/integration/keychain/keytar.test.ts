// The keytar backend against a real Secret Service (gnome-keyring under dbus-run-session, as
// `npm run test:unit` starts it): save, read back, and logout deleting the secrets.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SecretBackend } from '../../../src/main/secrets';
import {
  chooseSecretBackend,
  createCredentialStore,
  keychainService,
  keytarBackend,
} from '../../../src/main/secrets';
import { expectOk } from '../../support/expect';

const bus = process.env.DBUS_SESSION_BUS_ADDRESS;
let backend: SecretBackend | null = null;
let skipReason = '';

beforeAll(async () => {
  if (!bus) {
    skipReason = 'DBUS_SESSION_BUS_ADDRESS is unset: no session bus, so no Secret Service to test against';
    return;
  }
  backend = await keytarBackend();
  if (!backend)
    skipReason =
      'no Secret Service answered on the session bus (is gnome-keyring-daemon running and unlocked?)';
});

// A unique origin per run so parallel or leftover runs never see each other's entries.
const origin = `https://panel-${randomBytes(4).toString('hex')}.example`;
const email = 'Keychain.Test@example.com';
const password = `pw-${randomBytes(8).toString('hex')}`;
const apiKey = `key-${randomBytes(12).toString('hex')}`;

afterAll(async () => {
  if (!backend) return;
  await backend.delete(keychainService(origin), email.toLowerCase()).catch(() => false);
  await backend.delete(keychainService(origin), 'client-api-key').catch(() => false);
});

describe('keytar against a real keyring', () => {
  it('is chosen first and needs no notice', async (ctx) => {
    if (!backend) return ctx.skip(skipReason);
    const chosen = await chooseSecretBackend();
    expect(chosen.backend.kind).toBe('keychain');
    expect(chosen.notice).toBeNull();
  });

  it('saves, reads back and forgets (logout) the password and API key', async (ctx) => {
    if (!backend) return ctx.skip(skipReason);
    const store = createCredentialStore(backend);
    expect(await store.save(origin, email, { password, apiKey }, { remember: true })).toEqual({
      ok: true,
      value: undefined,
    });

    // Stored under the per-origin service name, readable by a fresh backend (not just cached here).
    const fresh = await keytarBackend();
    expect(await fresh?.get(keychainService(origin), email.toLowerCase())).toBe(password);
    expect(await fresh?.get(keychainService(origin), 'client-api-key')).toBe(apiKey);
    expect(await store.getPassword(origin, email)).toEqual({ ok: true, value: password });
    expect(await store.getApiKey(origin)).toEqual({ ok: true, value: apiKey });

    // Logout without the API key keeps the key.
    expectOk(await store.forget(origin, email, { apiKeyToo: false }));
    expect(await store.getPassword(origin, email)).toEqual({ ok: true, value: null });
    expect(await store.getApiKey(origin)).toEqual({ ok: true, value: apiKey });

    expectOk(await store.forget(origin, email, { apiKeyToo: true }));
    expect(await fresh?.get(keychainService(origin), 'client-api-key')).toBeNull();
    expect(await store.getApiKey(origin)).toEqual({ ok: true, value: null });
  });

  it('remember=false keeps secrets out of the keyring and removes an older stored copy', async (ctx) => {
    if (!backend) return ctx.skip(skipReason);
    const store = createCredentialStore(backend);
    await store.save(origin, email, { password }, { remember: true });
    await store.save(origin, email, { password: `${password}-new` }, { remember: false });
    expect(await backend.get(keychainService(origin), email.toLowerCase())).toBeNull();
    expect(await store.getPassword(origin, email)).toEqual({ ok: true, value: `${password}-new` });
    // Another store (another run of the app) has nothing.
    expect(await createCredentialStore(backend).getPassword(origin, email)).toEqual({
      ok: true,
      value: null,
    });
    await store.forget(origin, email, { apiKeyToo: true });
    expect(await store.getPassword(origin, email)).toEqual({ ok: true, value: null });
  });
});
