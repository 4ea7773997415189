// Signs the update metadata electron-builder wrote (dist/latest*.yml) with the provider's Ed25519
// key, writing latest.yml.sig beside latest.yml (and so on), for the release to upload with them.
// Before writing, each signature is checked against the public key the build pinned into the app
// (the same sources as build/update-config.mjs): a signing key that does not match it would publish
// updates every installed copy refuses.
//
//   npx tsx tools/sign-update.ts sign dist      signing key (PKCS#8 PEM) in UPDATE_SIGNING_KEY
//   npx tsx tools/sign-update.ts keygen <dir>   a new key pair: update-signing-key.pem (0600, for
//                                               the UPDATE_SIGNING_KEY secret) and update-public-key.pem
import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readUpdateConfig } from '../build/update-config.mjs';
import { appError, fail, ok, type Result } from '../src/shared/errors';
import {
  readPrivateKey,
  readPublicKey,
  SIGNATURE_SUFFIX,
  signMetadata,
  verifyMetadata,
} from '../src/main/update-signature';

/** electron-builder's metadata names: latest.yml (Windows), latest-mac.yml, latest-linux[-arch].yml. */
const METADATA = /^latest(?:-[a-z0-9]+)*\.yml$/;

/**
 * Signs every metadata file in `dir`; returns the signature files written. Refuses a folder
 * without metadata and a key that does not match `publicKeyPem`.
 */
export function signFolder(dir: string, privateKeyPem: string, publicKeyPem: string): Result<string[]> {
  const privateKey = readPrivateKey(privateKeyPem);
  if (!privateKey.ok) return privateKey;
  const publicKey = readPublicKey(publicKeyPem);
  if (!publicKey.ok) return publicKey;
  const names = readdirSync(dir)
    .filter((name) => METADATA.test(name))
    .sort();
  if (names.length === 0) return fail(appError('state', `No latest*.yml update metadata in ${dir}.`));
  const signed: { file: string; text: string }[] = [];
  for (const name of names) {
    const bytes = readFileSync(join(dir, name));
    const text = signMetadata(privateKey.value, name, bytes);
    if (!verifyMetadata(publicKey.value, name, bytes, text))
      return fail(
        appError(
          'validation',
          'The signing key does not match the update public key built into the app: installed copies would refuse these updates.',
        ),
      );
    signed.push({ file: join(dir, `${name}${SIGNATURE_SUFFIX}`), text });
  }
  // Written only once every file signed, so a failure leaves no partial set behind.
  for (const { file, text } of signed) writeFileSync(file, text);
  return ok(signed.map((s) => s.file));
}

/** A new key pair in `dir`; the private half readable by its owner only. */
export function generateKeys(dir: string): { privateKeyFile: string; publicKeyFile: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const privateKeyFile = join(dir, 'update-signing-key.pem');
  const publicKeyFile = join(dir, 'update-public-key.pem');
  writeFileSync(privateKeyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), {
    mode: 0o600,
    flag: 'wx',
  });
  chmodSync(privateKeyFile, 0o600);
  writeFileSync(publicKeyFile, publicKey.export({ type: 'spki', format: 'pem' }), { flag: 'wx' });
  return { privateKeyFile, publicKeyFile };
}

function main(args: string[]): number {
  const [command, dir] = args;
  if (command === 'keygen' && dir) {
    const { privateKeyFile, publicKeyFile } = generateKeys(resolve(dir));
    console.log(`private key (keep secret, for UPDATE_SIGNING_KEY): ${privateKeyFile}`);
    console.log(`public key (commit as build/update-public-key.pem): ${publicKeyFile}`);
    return 0;
  }
  if (command === 'sign' && dir) {
    const privateKeyPem = process.env.UPDATE_SIGNING_KEY ?? '';
    if (!privateKeyPem.trim()) {
      console.error('sign-update: UPDATE_SIGNING_KEY is empty');
      return 1;
    }
    let pinned;
    try {
      pinned = readUpdateConfig(resolve(import.meta.dirname, '..'));
    } catch (error) {
      console.error(`sign-update: ${error instanceof Error ? error.message : String(error)}`);
      return 1;
    }
    if (!pinned) {
      console.error('sign-update: this build has no update feed and key; nothing to sign for');
      return 1;
    }
    const result = signFolder(resolve(dir), privateKeyPem, pinned.publicKey);
    if (!result.ok) {
      console.error(`sign-update: ${result.error.message}`);
      return 1;
    }
    for (const file of result.value) console.log(`signed: ${file}`);
    return 0;
  }
  console.error('usage: sign-update sign <dist folder> | keygen <folder>');
  return 2;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2));
}
