// The release's signing tool: signs every latest*.yml in the folder (and nothing else), each
// signature verifying under the public key; refuses a key that does not match the one the app
// pins, writing nothing; refuses a folder without metadata; keygen keeps the private key 0600.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateKeys, signFolder } from '../../../tools/sign-update';
import { readPublicKey, verifyMetadata } from '../../../src/main/update-signature';
import { expectErr, expectOk } from '../../support/expect';

const pair = () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
};

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'xmplus-sign-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const METADATA = ['latest.yml', 'latest-mac.yml', 'latest-linux.yml', 'latest-linux-arm64.yml'];

describe('signFolder', () => {
  it('writes a verifying .sig beside each metadata file and signs nothing else', () => {
    for (const name of METADATA) writeFileSync(join(dir, name), `version: 0.2.0\npath: ${name}\n`);
    writeFileSync(join(dir, 'XMPlus Tray-0.2.0.AppImage'), 'binary');
    writeFileSync(join(dir, 'builder-debug.yml'), 'x: 1\n');
    const keys = pair();
    const written = expectOk(signFolder(dir, keys.privatePem, keys.publicPem));
    expect(written.map((f) => f.slice(dir.length + 1)).sort()).toEqual(
      METADATA.map((n) => `${n}.sig`).sort(),
    );
    const key = expectOk(readPublicKey(keys.publicPem));
    for (const name of METADATA) {
      const signature = readFileSync(join(dir, `${name}.sig`), 'utf8');
      expect(verifyMetadata(key, name, readFileSync(join(dir, name)), signature), name).toBe(true);
    }
  });

  it('refuses a signing key that does not match the pinned public key, and writes nothing', () => {
    writeFileSync(join(dir, 'latest.yml'), 'version: 0.2.0\n');
    const error = expectErr(signFolder(dir, pair().privatePem, pair().publicPem), 'validation');
    expect(error.message).toMatch(/does not match the update public key/);
    expect(readdirSync(dir)).toEqual(['latest.yml']);
  });

  it('refuses a folder without metadata, and a key that is not a private key', () => {
    const keys = pair();
    expect(expectErr(signFolder(dir, keys.privatePem, keys.publicPem), 'state').message).toMatch(
      /latest\*\.yml/,
    );
    writeFileSync(join(dir, 'latest.yml'), 'version: 0.2.0\n');
    expectErr(signFolder(dir, keys.publicPem, keys.publicPem), 'validation');
  });
});

describe('generateKeys', () => {
  it('writes a usable pair, the private key readable by its owner only, and never overwrites', () => {
    const { privateKeyFile, publicKeyFile } = generateKeys(dir);
    expect(statSync(privateKeyFile).mode & 0o777).toBe(0o600);
    writeFileSync(join(dir, 'latest.yml'), 'version: 0.2.0\n');
    expectOk(signFolder(dir, readFileSync(privateKeyFile, 'utf8'), readFileSync(publicKeyFile, 'utf8')));
    expect(() => generateKeys(dir)).toThrow(/EEXIST/);
  });
});
