// The offline cache sealed under a key the real keychain holds (gnome-keyring under
// tools/with-keyring.ts): what reaches the disk, reading it back, and every file it cannot read
// dropped rather than crashing. Without a keychain there is no cache file at all.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  keytarBackend,
  MEMORY_ONLY_NOTICE,
  memoryBackend,
  type SecretBackend,
} from '../../../src/main/secrets';
import type { Notice } from '../../../src/shared/contract';
import { makeCoreRig } from '../../support/core-rig';
import { expectOk } from '../../support/expect';
import {
  CACHE_KEY_ACCOUNT,
  CACHE_KEY_SERVICE,
  openSealedCache,
  sealCache,
  unsealCache,
} from '../../../src/main/settings/sealed-cache';
import { readCachedSnapshot, writeCachedSnapshot } from '../../../src/main/settings/settings';
import type { PanelServer } from '../../../src/shared/domain';
import { makeService, makeSnapshot, T0 } from '../../support/service';

const keychain = await keytarBackend();
const run = randomBytes(4).toString('hex');

/**
 * The real keychain under a service name of this run's own, so that a test which loses the key does
 * not touch the user's (or another run's) cache key.
 */
function isolated(backend: SecretBackend, tag: string): SecretBackend {
  const name = (service: string) => `${service}:test-${run}-${tag}`;
  return {
    kind: backend.kind,
    get: (service, account) => backend.get(name(service), account),
    set: (service, account, value) => backend.set(name(service), account, value),
    delete: (service, account) => backend.delete(name(service), account),
  };
}
const used: SecretBackend[] = [];
function keychainFor(tag: string): SecretBackend {
  const backend = isolated(keychain!, tag);
  used.push(backend);
  return backend;
}
afterAll(async () => {
  for (const backend of used) await backend.delete(CACHE_KEY_SERVICE, CACHE_KEY_ACCOUNT).catch(() => false);
});

const SUBLINK = `https://panel.example/link/sub-${randomBytes(6).toString('hex')}`;
const UUID = '6f1c2b8e-93a4-4c1d-9e0f-5b7a2d3c4e1f';
const SERVER_PASSWORD = `trojan-pass-${randomBytes(6).toString('hex')}`;
const servers: PanelServer[] = [
  {
    type: 'vless',
    remark: 'Tokyo',
    address: 'jp.example.net',
    port: 443,
    network: 'tcp',
    security: 'reality',
    uri: `vless://${UUID}@jp.example.net:443?security=reality#Tokyo`,
    fields: { uuid: UUID },
  },
  {
    type: 'trojan',
    remark: 'Paris',
    address: 'fr.example.net',
    port: 443,
    network: 'tcp',
    security: 'tls',
    uri: `trojan://${SERVER_PASSWORD}@fr.example.net:443#Paris`,
    fields: { password: SERVER_PASSWORD },
  },
];
const snapshot = makeSnapshot([makeService({ sublink: SUBLINK })], T0, { servers: { '4': servers } });

const folder = () => mkdtempSync(join(tmpdir(), 'xmplus-sealed-'));

describe.skipIf(!keychain)(
  'sealed cache with a real keychain (skipped where no Secret Service answers)',
  () => {
    it('keeps no sublink, uuid or server password on disk, and reads them back with the key', async () => {
      const file = join(folder(), 'cache.json');
      const secrets = keychainFor('roundtrip');
      const opened = await openSealedCache(file, secrets);
      expect(opened.onDisk).toBe(true);
      writeCachedSnapshot(opened.store, snapshot);

      const onDisk = readFileSync(file, 'utf8');
      for (const secret of [SUBLINK, '/link/sub-', UUID, SERVER_PASSWORD, 'vless://', 'trojan://', 'Tokyo']) {
        expect(onDisk).not.toContain(secret);
      }
      // Another opener (the CLI, the app's next start) with the same keychain sees the same data.
      const again = await openSealedCache(file, secrets);
      expect(again.dropped).toBeNull();
      expect(readCachedSnapshot(again.store, 'p1')?.services[0]?.sublink).toBe(SUBLINK);
      expect(readCachedSnapshot(again.store, 'p1')?.servers['4']?.[1]?.uri).toContain(SERVER_PASSWORD);
    });

    it.skipIf(process.platform === 'win32')(
      'writes the file 0600 in a 0700 folder (POSIX modes)',
      async () => {
        const dir = join(folder(), 'nested');
        const file = join(dir, 'cache.json');
        const opened = await openSealedCache(file, keychainFor('modes'));
        opened.store.set('history', { p1: { version: 1, services: {} } });
        expect(statSync(file).mode & 0o777).toBe(0o600);
        expect(statSync(dir).mode & 0o777).toBe(0o700);
      },
    );

    it('seals a plain cache left by an older version at once, keeping its data', async () => {
      const file = join(folder(), 'cache.json');
      writeFileSync(file, JSON.stringify({ snapshots: { p1: snapshot } }), { mode: 0o644 });
      const opened = await openSealedCache(file, keychainFor('legacy'));
      expect(opened.dropped).toBeNull();
      expect(readFileSync(file, 'utf8')).not.toContain(SUBLINK);
      expect(readCachedSnapshot(opened.store, 'p1')?.services[0]?.sublink).toBe(SUBLINK);
    });

    it('drops a damaged, a tampered or a foreign-key file instead of failing', async () => {
      const secrets = keychainFor('drops');
      const dir = folder();
      const sealed = join(dir, 'cache.json');
      writeCachedSnapshot((await openSealedCache(sealed, secrets)).store, snapshot);
      const good = readFileSync(sealed, 'utf8');

      // One byte of ciphertext changed: GCM's tag no longer matches.
      const envelope = JSON.parse(good) as { data: string };
      const bytes = Buffer.from(envelope.data, 'base64');
      bytes[0] = (bytes[0] ?? 0) ^ 0x01;
      const cases: Record<string, string> = {
        truncated: good.slice(0, good.length / 2),
        tampered: JSON.stringify({ ...envelope, data: bytes.toString('base64') }),
        'foreign key': sealCache({ snapshots: { p1: snapshot } }, randomBytes(32)),
        'not JSON': '\u0000\u0001garbage',
      };
      for (const [what, text] of Object.entries(cases)) {
        writeFileSync(sealed, text);
        const opened = await openSealedCache(sealed, secrets);
        expect(opened.dropped, what).toBe('unreadable');
        expect(readCachedSnapshot(opened.store, 'p1'), what).toBeNull();
        expect(existsSync(sealed), what).toBe(false);
        // And the store works on: the next write seals a fresh file.
        writeCachedSnapshot(opened.store, snapshot);
        expect(unsealCache(readFileSync(sealed, 'utf8'), null).kind, what).toBe('unreadable');
      }
    });

    it('drops the file when the keychain lost the key (a new key cannot read it)', async () => {
      const secrets = keychainFor('lost');
      const file = join(folder(), 'cache.json');
      writeCachedSnapshot((await openSealedCache(file, secrets)).store, snapshot);
      await secrets.delete(CACHE_KEY_SERVICE, CACHE_KEY_ACCOUNT);
      const opened = await openSealedCache(file, secrets);
      expect(opened.dropped).toBe('unreadable');
      expect(readCachedSnapshot(opened.store, 'p1')).toBeNull();
    });
  },
);

describe('sealed cache without a keychain', () => {
  it('the window is told, in its language, that plans are not saved for offline use either', async () => {
    const words: Record<string, RegExp> = {
      'en-US': /plans are not saved for offline use/,
      'ru-RU': /не сохраняются для работы без сети/,
      'fa-IR': /برای استفادهٔ آفلاین ذخیره نمی‌شود/,
      'zh-CN': /不会保存以供离线查看/,
    };
    for (const [locale, pattern] of Object.entries(words)) {
      const rig = await makeCoreRig({ memory: true, locale, secretsNotice: MEMORY_ONLY_NOTICE });
      const notices = expectOk(await rig.call<Notice[]>('app.notices'));
      await rig.dispose();
      expect(notices.map((n) => n.message).join('\n'), locale).toMatch(pattern);
    }
  });

  it('keeps the cache in memory only: no file is written', async () => {
    const file = join(folder(), 'cache.json');
    const opened = await openSealedCache(file, memoryBackend());
    expect(opened.onDisk).toBe(false);
    writeCachedSnapshot(opened.store, snapshot);
    expect(readCachedSnapshot(opened.store, 'p1')?.services[0]?.sublink).toBe(SUBLINK);
    expect(existsSync(file)).toBe(false);
  });

  it('uses a plain cache from an older version for this run, then removes it from disk', async () => {
    const file = join(folder(), 'cache.json');
    writeFileSync(file, JSON.stringify({ snapshots: { p1: snapshot } }));
    const opened = await openSealedCache(file, memoryBackend());
    expect(opened.dropped).toBe('plain');
    expect(existsSync(file)).toBe(false);
    expect(readCachedSnapshot(opened.store, 'p1')?.services[0]?.sublink).toBe(SUBLINK);
  });

  it('leaves a sealed file alone for a later run that has the keychain', async () => {
    const file = join(folder(), 'cache.json');
    const text = sealCache({ snapshots: { p1: snapshot } }, randomBytes(32));
    writeFileSync(file, text);
    const opened = await openSealedCache(file, memoryBackend());
    expect(opened.dropped).toBeNull();
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('does not wait on a keychain that never answers (an unlock prompt left open)', async () => {
    const file = join(folder(), 'cache.json');
    const hanging: SecretBackend = {
      kind: 'keychain',
      get: () => new Promise<string | null>(() => undefined),
      set: () => new Promise<void>(() => undefined),
      delete: () => new Promise<boolean>(() => undefined),
    };
    const opened = await openSealedCache(file, hanging, { keyTimeoutMs: 50 });
    expect(opened.onDisk).toBe(false);
    opened.store.set('alerts', { p1: {} });
    expect(existsSync(file)).toBe(false);
  });

  it('treats a keychain that fails as none', async () => {
    const file = join(folder(), 'cache.json');
    const broken: SecretBackend = {
      kind: 'keychain',
      get: () => Promise.reject(new Error('locked')),
      set: () => Promise.reject(new Error('locked')),
      delete: () => Promise.reject(new Error('locked')),
    };
    const opened = await openSealedCache(file, broken);
    expect(opened.onDisk).toBe(false);
    opened.store.set('alerts', { p1: {} });
    expect(existsSync(file)).toBe(false);
  });
});
