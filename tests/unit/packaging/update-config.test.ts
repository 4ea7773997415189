// The build-time update settings (build/update-config.mjs): a feed and its key are pinned together
// or not at all; anything inconsistent fails the build with a reason.
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PUBLIC_KEY_ENV, PUBLIC_KEY_FILE, readUpdateConfig } from '../../../build/update-config.mjs';

const ed25519 = () =>
  generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'xmplus-update-config-'));
  mkdirSync(join(root, 'resources'));
  mkdirSync(join(root, 'build'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const provider = (value: Record<string, unknown>) =>
  writeFileSync(join(root, 'resources', 'provider.json'), JSON.stringify(value));
const keyFile = (pem: string) => writeFileSync(join(root, PUBLIC_KEY_FILE), pem);

describe('readUpdateConfig', () => {
  it('is null for a build without a feed and without a key (updates off)', () => {
    provider({ name: 'Example' });
    expect(readUpdateConfig(root, {})).toBeNull();
    rmSync(join(root, 'resources', 'provider.json'));
    expect(readUpdateConfig(root, {})).toBeNull();
  });

  it('pins the feed (as a folder URL) with the key from the file or the environment', () => {
    const key = ed25519();
    provider({ updateFeed: 'https://updates.example.com/xmplus' });
    keyFile(key);
    expect(readUpdateConfig(root, {})).toEqual({
      feedUrl: 'https://updates.example.com/xmplus/',
      publicKey: key,
    });
    rmSync(join(root, PUBLIC_KEY_FILE));
    expect(readUpdateConfig(root, { [PUBLIC_KEY_ENV]: key })?.publicKey).toBe(key);
    // The same key in both places is consistent.
    keyFile(key);
    expect(readUpdateConfig(root, { [PUBLIC_KEY_ENV]: key })?.publicKey).toBe(key);
  });

  it('refuses a feed without a key: the app would take unsigned updates', () => {
    provider({ updateFeed: 'https://updates.example.com/' });
    expect(() => readUpdateConfig(root, {})).toThrow(/no update public key/);
  });

  it('refuses a key without a feed', () => {
    provider({});
    keyFile(ed25519());
    expect(() => readUpdateConfig(root, {})).toThrow(/names no updateFeed/);
  });

  it('refuses two different keys, a key that is not Ed25519, and a feed that is not plain https', () => {
    provider({ updateFeed: 'https://updates.example.com/' });
    keyFile(ed25519());
    expect(() => readUpdateConfig(root, { [PUBLIC_KEY_ENV]: ed25519() })).toThrow(/different keys/);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .publicKey.export({ type: 'spki', format: 'pem' })
      .toString();
    keyFile(rsa);
    expect(() => readUpdateConfig(root, {})).toThrow(/rsa key/);
    keyFile(ed25519());
    for (const feed of [
      'http://updates.example.com/',
      'https://user:pw@updates.example.com/',
      'not a url',
      42,
    ]) {
      provider({ updateFeed: feed });
      expect(() => readUpdateConfig(root, {}), String(feed)).toThrow(/updateFeed/);
    }
  });
});
