// Secret backends without a keychain: safeStorage ciphertext (with a fake safeStorage), its refusal
// of Electron's 'basic_text' backend, the memory fallback with its notice, and the credential store.
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SafeStorageLike, SecretBackend } from '../../../src/main/secrets';
import {
  chooseSecretBackend,
  createCredentialStore,
  keychainService,
  MEMORY_ONLY_NOTICE,
  memoryBackend,
  safeStorageBackend,
} from '../../../src/main/secrets';
import { expectErr } from '../../support/expect';

/** A reversible stand-in for Electron's safeStorage: XOR with a key, so ciphertext != plaintext. */
function fakeSafeStorage(backend = 'gnome_libsecret', available = true): SafeStorageLike & { calls: number } {
  const key = 0x5a;
  const fake = {
    calls: 0,
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString(s: string) {
      fake.calls++;
      return Buffer.from(Buffer.from(`v10${s}`, 'utf8').map((b) => b ^ key));
    },
    decryptString(b: Buffer) {
      return Buffer.from(b.map((x) => x ^ key))
        .toString('utf8')
        .slice(3);
    },
  };
  return fake;
}

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xmplus-secrets-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('safeStorageBackend', () => {
  it('refuses basic_text and unknown backends and unavailable encryption', () => {
    expect(safeStorageBackend(fakeSafeStorage('basic_text'), join(dir, 's.json'))).toBeNull();
    expect(safeStorageBackend(fakeSafeStorage('unknown'), join(dir, 's.json'))).toBeNull();
    expect(safeStorageBackend(fakeSafeStorage('gnome_libsecret', false), join(dir, 's.json'))).toBeNull();
    expect(safeStorageBackend(fakeSafeStorage('kwallet5'), join(dir, 's.json'))?.kind).toBe('safeStorage');
  });

  it('stores base64 ciphertext in its own file, never the plaintext, and reads it back', async () => {
    const file = join(dir, 'nested', 'secrets.json');
    const backend = safeStorageBackend(fakeSafeStorage(), file) as SecretBackend;
    await backend.set('xmplus-tray:https://a.example', 'me@example.com', 'hunter2-secret');
    await backend.set('xmplus-tray:https://a.example', 'client-api-key', 'api-key-secret');
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain('hunter2-secret');
    expect(text).not.toContain('api-key-secret');
    expect(JSON.parse(text)).toMatchObject({ version: 1 });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    // A second backend over the same file (next run) decrypts it.
    const again = safeStorageBackend(fakeSafeStorage(), file) as SecretBackend;
    expect(await again.get('xmplus-tray:https://a.example', 'me@example.com')).toBe('hunter2-secret');
    expect(await again.delete('xmplus-tray:https://a.example', 'me@example.com')).toBe(true);
    expect(await again.delete('xmplus-tray:https://a.example', 'me@example.com')).toBe(false);
    expect(await backend.get('xmplus-tray:https://a.example', 'me@example.com')).toBeNull();
    // Atomic writes leave no temp files behind.
    expect(await readdir(join(dir, 'nested'))).toEqual(['secrets.json']);
  });

  it('keeps every entry when many saves run at once', async () => {
    const file = join(dir, 'secrets.json');
    const backend = safeStorageBackend(fakeSafeStorage(), file) as SecretBackend;
    await Promise.all(Array.from({ length: 20 }, (_, i) => backend.set('svc', `acct${i}`, `value${i}`)));
    for (let i = 0; i < 20; i++) expect(await backend.get('svc', `acct${i}`)).toBe(`value${i}`);
  });
});

describe('chooseSecretBackend', () => {
  it('prefers the keychain, then safeStorage, then memory with a notice', async () => {
    const keychain: SecretBackend = { ...memoryBackend(), kind: 'keychain' };
    expect(await chooseSecretBackend({ loadKeytar: async () => keychain })).toEqual({
      backend: keychain,
      notice: null,
    });

    const viaSafe = await chooseSecretBackend({
      loadKeytar: async () => null,
      safeStorage: fakeSafeStorage(),
      cipherFile: join(dir, 's.json'),
    });
    expect(viaSafe.backend.kind).toBe('safeStorage');
    expect(viaSafe.notice).toBeNull();

    const basic = await chooseSecretBackend({
      loadKeytar: async () => null,
      safeStorage: fakeSafeStorage('basic_text'),
      cipherFile: join(dir, 's.json'),
    });
    expect(basic.backend.kind).toBe('memory');
    expect(basic.notice).toBe(MEMORY_ONLY_NOTICE);
    expect(basic.notice).toMatch(/memory for this run only/);
  });
});

describe('createCredentialStore', () => {
  it('names the keychain service per panel origin', async () => {
    const backend = memoryBackend();
    const store = createCredentialStore(backend);
    await store.save(
      'https://a.example/',
      'Me@Example.com',
      { password: 'pa55word', apiKey: 'k3y-abc' },
      { remember: true },
    );
    expect(keychainService('https://a.example/')).toBe('xmplus-tray:https://a.example');
    expect(await backend.get('xmplus-tray:https://a.example', 'me@example.com')).toBe('pa55word');
    expect(await backend.get('xmplus-tray:https://a.example', 'client-api-key')).toBe('k3y-abc');
    expect(await store.getPassword('https://b.example', 'me@example.com')).toEqual({ ok: true, value: null });
  });

  it('remember=false keeps secrets in memory only and deletes stored copies', async () => {
    const file = join(dir, 's.json');
    const backend = safeStorageBackend(fakeSafeStorage(), file) as SecretBackend;
    const store = createCredentialStore(backend);
    await store.save(
      'https://a.example',
      'me@example.com',
      { password: 'old-pass', apiKey: 'old-key' },
      { remember: true },
    );
    await store.save(
      'https://a.example',
      'me@example.com',
      { password: 'new-pass', apiKey: 'new-key' },
      { remember: false },
    );
    expect(await store.getPassword('https://a.example', 'me@example.com')).toEqual({
      ok: true,
      value: 'new-pass',
    });
    expect(await store.getApiKey('https://a.example')).toEqual({ ok: true, value: 'new-key' });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ version: 1, entries: {} });
    // A new store over the same backend (the next run) finds nothing.
    expect(await createCredentialStore(backend).getPassword('https://a.example', 'me@example.com')).toEqual({
      ok: true,
      value: null,
    });
  });

  it('forget deletes the password, and the API key only when asked', async () => {
    const store = createCredentialStore(memoryBackend());
    await store.save(
      'https://a.example',
      'me@example.com',
      { password: 'pw-1234', apiKey: 'key-1234' },
      { remember: true },
    );
    await store.forget('https://a.example', 'me@example.com', { apiKeyToo: false });
    expect(await store.getPassword('https://a.example', 'me@example.com')).toEqual({ ok: true, value: null });
    expect(await store.getApiKey('https://a.example')).toEqual({ ok: true, value: 'key-1234' });
    await store.forget('https://a.example', 'me@example.com', { apiKeyToo: true });
    expect(await store.getApiKey('https://a.example')).toEqual({ ok: true, value: null });
  });

  it('reports a failing keychain as kind keychain without the secret in the message', async () => {
    const broken: SecretBackend = {
      kind: 'keychain',
      get: async () => {
        throw new Error('Cannot autolaunch D-Bus without X11 $DISPLAY');
      },
      set: async (_s, _a, value) => {
        throw new Error(`refused to store ${value}`);
      },
      delete: async () => false,
    };
    const store = createCredentialStore(broken);
    const saved = await store.save(
      'https://a.example',
      'me@example.com',
      { password: 'TopSecret-99' },
      { remember: true },
    );
    expect(JSON.stringify(expectErr(saved, 'keychain'))).not.toContain('TopSecret-99');
    const read = await store.getPassword('https://a.example', 'me@example.com');
    expectErr(read, 'keychain');
  });
});
