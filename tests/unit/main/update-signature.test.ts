// The update metadata signature: what verifies and what does not (a changed byte, another file
// name, another key, a malformed signature), and which keys are accepted at all.
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  readPrivateKey,
  readPublicKey,
  signMetadata,
  verifyMetadata,
} from '../../../src/main/update-signature';
import { expectErr, expectOk } from '../../support/expect';

const pair = () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
};
const METADATA = Buffer.from(
  'version: 0.2.0\nfiles:\n  - url: XMPlus Tray-0.2.0-x86_64.AppImage\n    sha512: abc==\n    size: 100\n',
);

describe('update metadata signature', () => {
  const keys = pair();
  const privateKey = expectOk(readPrivateKey(keys.privatePem));
  const publicKey = expectOk(readPublicKey(keys.publicPem));
  const signature = signMetadata(privateKey, 'latest-linux.yml', METADATA);

  it('is one line of base64 that verifies for the same name and bytes', () => {
    expect(signature).toMatch(/^[A-Za-z0-9+/]{86}==\n$/);
    expect(verifyMetadata(publicKey, 'latest-linux.yml', METADATA, signature)).toBe(true);
  });

  it('fails when any byte of the metadata changes (a swapped sha512 or file name)', () => {
    for (const at of [0, 20, METADATA.length - 1]) {
      const tampered = Buffer.from(METADATA);
      tampered[at] = tampered[at]! ^ 0x01;
      expect(verifyMetadata(publicKey, 'latest-linux.yml', tampered, signature), `byte ${at}`).toBe(false);
    }
    expect(
      verifyMetadata(publicKey, 'latest-linux.yml', Buffer.concat([METADATA, Buffer.from('\n')]), signature),
    ).toBe(false);
  });

  it("fails for another platform's file name: a signed latest-linux.yml served as latest.yml", () => {
    expect(verifyMetadata(publicKey, 'latest.yml', METADATA, signature)).toBe(false);
  });

  it('fails under another key', () => {
    const other = expectOk(readPublicKey(pair().publicPem));
    expect(verifyMetadata(other, 'latest-linux.yml', METADATA, signature)).toBe(false);
  });

  it('fails for malformed signatures instead of throwing', () => {
    for (const bad of ['', 'not base64!', 'AAAA', `${signature.trim()}AA`, signature.replace(/^./, '*')]) {
      expect(verifyMetadata(publicKey, 'latest-linux.yml', METADATA, bad), bad).toBe(false);
    }
  });

  it('accepts only Ed25519 keys, and never echoes a private key it refuses', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    expect(
      expectErr(readPublicKey(rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString()), 'validation')
        .message,
    ).toMatch(/rsa, not Ed25519/);
    expectErr(readPublicKey('-----BEGIN PUBLIC KEY-----\nnope\n-----END PUBLIC KEY-----\n'), 'validation');
    const rsaPrivate = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expectErr(readPrivateKey(rsaPrivate), 'validation');
    const garbled = `${keys.privatePem.slice(0, 60)}garbled`;
    expect(expectErr(readPrivateKey(garbled), 'validation').message).not.toContain(garbled.slice(30, 60));
  });
});
