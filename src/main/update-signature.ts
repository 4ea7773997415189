// Detached Ed25519 signatures over the update metadata (latest.yml, latest-mac.yml,
// latest-linux.yml). electron-updater trusts those files for what to download and the sha512 it
// checks the download against, so whoever controls the feed's host (or its TLS) controls what gets
// installed. The release workflow signs each file with the provider's private key
// (tools/sign-update.ts); the app holds the public key in its asar and refuses metadata whose
// signature does not verify, before anything is downloaded. Plain node:crypto: no Electron here.
import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { appError, fail, ok, type Result } from '../shared/errors';

/** The signature of `latest.yml` is served as `latest.yml.sig` beside it. */
export const SIGNATURE_SUFFIX = '.sig';

/**
 * What is signed: a fixed label, the metadata file's name, then its exact bytes. The name binds the
 * signature to one platform's file: a signed latest-linux.yml served as latest.yml (the Windows
 * channel) does not verify.
 */
const LABEL = 'xmplus-tray update metadata v1';

export function signedMessage(fileName: string, bytes: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from(`${LABEL}\n${fileName}\n`, 'utf8'), bytes]);
}

/** An Ed25519 public key from PEM (SPKI), or why it is not one. */
export function readPublicKey(pem: string): Result<KeyObject> {
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch {
    return fail(appError('validation', 'The update public key is not a PEM public key.'));
  }
  if (key.asymmetricKeyType !== 'ed25519')
    return fail(
      appError('validation', `The update public key is ${key.asymmetricKeyType ?? 'unknown'}, not Ed25519.`),
    );
  return ok(key);
}

/** An Ed25519 private key from PEM (PKCS#8), or why it is not one. */
export function readPrivateKey(pem: string): Result<KeyObject> {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    // Never echo the input: it is the signing key.
    return fail(appError('validation', 'The update signing key is not a PEM private key.'));
  }
  if (key.asymmetricKeyType !== 'ed25519')
    return fail(appError('validation', 'The update signing key is not an Ed25519 key.'));
  return ok(key);
}

/** The detached signature file's text: base64 of the 64-byte signature, and a newline. */
export function signMetadata(privateKey: KeyObject, fileName: string, bytes: Uint8Array): string {
  return `${sign(null, signedMessage(fileName, bytes), privateKey).toString('base64')}\n`;
}

/**
 * True only when `signatureText` is a well-formed signature of `fileName` with exactly `bytes`
 * under `publicKey`.
 */
export function verifyMetadata(
  publicKey: KeyObject,
  fileName: string,
  bytes: Uint8Array,
  signatureText: string,
): boolean {
  const trimmed = signatureText.trim();
  if (!/^[A-Za-z0-9+/]{86}==$/.test(trimmed)) return false;
  const signature = Buffer.from(trimmed, 'base64');
  if (signature.length !== 64) return false;
  try {
    return verify(null, signedMessage(fileName, bytes), publicKey, signature);
  } catch {
    return false;
  }
}
