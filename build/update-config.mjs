// The update feed and the key its metadata must be signed with, read when the app is built and
// compiled into the main bundle (electron.vite.config.ts `define`), so both sit inside the asar: an
// edited provider.json beside an installed app cannot point it at another feed or another key.
//
// Inputs:
//   feed:        "updateFeed" in resources/provider.json (the provider's one configuration file)
//   public key:  XMPLUS_UPDATE_PUBLIC_KEY (PEM) or build/update-public-key.pem
// A build with a feed and no key, a key and no feed, a feed that is not https, a key that is not
// Ed25519, or two different keys from the two places fails instead of shipping something that
// would either update unchecked or never update.
import { createPublicKey } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const PUBLIC_KEY_FILE = 'build/update-public-key.pem';
export const PUBLIC_KEY_ENV = 'XMPLUS_UPDATE_PUBLIC_KEY';

/** The feed URL named in provider.json, or null when it names none. */
function feedFrom(root) {
  const file = join(root, 'resources', 'provider.json');
  if (!existsSync(file)) return null;
  let provider;
  try {
    provider = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`update config: resources/provider.json is not JSON (${error.message})`, {
      cause: error,
    });
  }
  const feed = provider?.updateFeed;
  if (feed === undefined || feed === null || (typeof feed === 'string' && feed.trim() === '')) return null;
  if (typeof feed !== 'string') throw new Error('update config: provider.json updateFeed must be a string');
  let url;
  try {
    url = new URL(feed.trim());
  } catch {
    throw new Error(`update config: provider.json updateFeed is not a URL: ${feed}`);
  }
  if (url.protocol !== 'https:') throw new Error(`update config: updateFeed must be https: ${feed}`);
  if (url.username || url.password || url.search || url.hash)
    throw new Error(
      'update config: updateFeed must be a plain https folder URL (no credentials, query or fragment)',
    );
  // electron-updater resolves latest.yml against it as a folder.
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

/** The key, normalised to its SPKI PEM, or throws saying what is wrong with it. */
function normalisedKey(pem, from) {
  let key;
  try {
    key = createPublicKey(pem);
  } catch {
    throw new Error(`update config: ${from} is not a PEM public key`);
  }
  if (key.asymmetricKeyType !== 'ed25519')
    throw new Error(
      `update config: ${from} is a ${key.asymmetricKeyType} key; the update key must be Ed25519`,
    );
  return key.export({ type: 'spki', format: 'pem' }).toString();
}

function keyFrom(root, env) {
  const fromEnv = env[PUBLIC_KEY_ENV]?.trim() ? normalisedKey(env[PUBLIC_KEY_ENV], PUBLIC_KEY_ENV) : null;
  const file = join(root, PUBLIC_KEY_FILE);
  const fromFile = existsSync(file) ? normalisedKey(readFileSync(file, 'utf8'), PUBLIC_KEY_FILE) : null;
  if (fromEnv && fromFile && fromEnv !== fromFile)
    throw new Error(`update config: ${PUBLIC_KEY_ENV} and ${PUBLIC_KEY_FILE} hold different keys; keep one`);
  return fromEnv ?? fromFile;
}

/**
 * { feedUrl, publicKey } when updates are configured, null when neither is, and a thrown Error
 * when the two disagree.
 */
export function readUpdateConfig(root, env = process.env) {
  const feedUrl = feedFrom(root);
  const publicKey = keyFrom(root, env);
  if (feedUrl && !publicKey)
    throw new Error(
      `update config: provider.json names an updateFeed but there is no update public key (${PUBLIC_KEY_ENV} or ${PUBLIC_KEY_FILE}); the app would accept unsigned updates`,
    );
  if (publicKey && !feedUrl)
    throw new Error('update config: an update public key is set but provider.json names no updateFeed');
  return feedUrl && publicKey ? { feedUrl, publicKey } : null;
}
