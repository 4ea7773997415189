// A subscription link in a real Secret Service (gnome-keyring under dbus-run-session, as
// tools/with-keyring.ts starts it): saved per profile, read back, forgotten; and never in a file.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SecretBackend } from '../../../src/main/secrets';
import { keytarBackend, memoryBackend } from '../../../src/main/secrets';
import { createLinkStore, LINK_SERVICE, linkGetter } from '../../../src/main/sources/subscription/link-store';
import { expectErr, expectOk } from '../../support/expect';

let backend: SecretBackend | null = null;
let skipReason = '';
const profileId = `sub-test-${randomBytes(4).toString('hex')}`;
const link = `https://sub.example.com/api/sub/${randomBytes(12).toString('hex')}`;

beforeAll(async () => {
  if (!process.env.DBUS_SESSION_BUS_ADDRESS) {
    skipReason = 'DBUS_SESSION_BUS_ADDRESS is unset: no session bus, so no Secret Service to test against';
    return;
  }
  backend = await keytarBackend();
  if (!backend) skipReason = 'no Secret Service answered on the session bus';
});
afterAll(async () => {
  await backend?.delete(LINK_SERVICE, profileId).catch(() => false);
});

describe('subscription link in the keychain', () => {
  it('is saved per profile, read back and forgotten', async (ctx) => {
    if (!backend) return ctx.skip(skipReason);
    const store = createLinkStore(backend);
    expectOk(await store.save(profileId, link));
    expect(await backend.get(LINK_SERVICE, profileId)).toBe(link);
    expect(expectOk(await store.get(profileId))).toBe(link);
    expectOk(await store.forget(profileId));
    expect(expectOk(await store.get(profileId))).toBeNull();
  });

  it('the source’s getter: the stored link, or "add it again" when there is none', async (ctx) => {
    if (!backend) return ctx.skip(skipReason);
    const get = linkGetter(backend, profileId);
    expect(expectErr(await get(), 'auth', 'signedOut').message).toMatch(/Add the link again/);
    expectOk(await createLinkStore(backend).save(profileId, link));
    expect(expectOk(await get())).toBe(link);
  });

  it('a failing backend gives a keychain error that never holds the link', async () => {
    const broken: SecretBackend = {
      ...memoryBackend(),
      kind: 'keychain',
      set: () => Promise.reject(new Error(`cannot store ${link}`)),
    };
    const saved = await createLinkStore(broken).save(profileId, link);
    expect(saved.ok).toBe(false);
    if (!saved.ok) {
      expect(saved.error.kind).toBe('keychain');
      expect(JSON.stringify(saved.error)).not.toContain(link);
    }
  });
});
