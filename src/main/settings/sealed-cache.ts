// The offline cache on disk (cache.json: last snapshots with subscription links and server
// credentials, history, alert state, payment watches), sealed with AES-256-GCM under a random key
// that the OS keychain holds. The app and the CLI open it through this one module, so each reads
// what the other wrote. Without a keychain the cache lives in memory only: a key kept beside the
// file would protect nothing. A file that cannot be read back (damaged, tampered with, or sealed
// under a key the keychain no longer has) is dropped: it is a cache, and the next refresh refills it.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import type { SecretBackend } from '../secrets';
import { memoryStore, writeFileAtomic, type KeyValueStore } from './store';

/** Where the cache key sits in the keychain: one key per user, shared by the app and the CLI. */
export const CACHE_KEY_SERVICE = 'xmplus-tray:cache';
export const CACHE_KEY_ACCOUNT = 'aes-256-gcm-key';

const FORMAT = 'xmplus-tray-sealed-cache';
const KEY_BYTES = 32;
/** 96-bit nonces, the size GCM is specified for (NIST SP 800-38D); a fresh one on every write. */
const IV_BYTES = 12;
const TAG_BYTES = 16;

interface Envelope {
  format: typeof FORMAT;
  version: 1;
  iv: string;
  tag: string;
  data: string;
}

/** Seals a JSON object; the format name is bound in as associated data. */
export function sealCache(value: Record<string, unknown>, key: Buffer): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(FORMAT));
  const data = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  const envelope: Envelope = {
    format: FORMAT,
    version: 1,
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
  return JSON.stringify(envelope);
}

export type Unsealed =
  | { kind: 'sealed'; value: Record<string, unknown> }
  /** A cache written before it was sealed: plain JSON, to be sealed (or removed) now. */
  | { kind: 'plain'; value: Record<string, unknown> }
  /** Not JSON, a damaged envelope, a wrong key or a changed byte: nothing usable. */
  | { kind: 'unreadable' };

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Reads a cache file's text with the key (null: no key at hand, so only a plain file is readable). */
export function unsealCache(text: string, key: Buffer | null): Unsealed {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { kind: 'unreadable' };
  }
  if (!isObject(parsed)) return { kind: 'unreadable' };
  if (parsed.format !== FORMAT) return { kind: 'plain', value: parsed };
  if (!key || parsed.version !== 1) return { kind: 'unreadable' };
  const { iv, tag, data } = parsed;
  if (typeof iv !== 'string' || typeof tag !== 'string' || typeof data !== 'string') {
    return { kind: 'unreadable' };
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'), {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(Buffer.from(FORMAT));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    const plain = Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]);
    const value: unknown = JSON.parse(plain.toString('utf8'));
    return isObject(value) ? { kind: 'sealed', value } : { kind: 'unreadable' };
  } catch {
    // A wrong key and a changed byte fail the same way: GCM's tag does not match.
    return { kind: 'unreadable' };
  }
}

/** How long start-up waits for the keychain's answer before keeping the cache in memory this run. */
export const CACHE_KEY_TIMEOUT_MS = 8_000;

/**
 * The cache key from the keychain, made and stored on first use. Null when the backend is memory
 * only, or the keychain fails or does not answer in time (locked behind an unlock prompt, gone):
 * then nothing is written to disk this run, and start-up is not held up.
 */
export async function cacheKey(
  secrets: SecretBackend,
  timeoutMs: number = CACHE_KEY_TIMEOUT_MS,
): Promise<Buffer | null> {
  if (secrets.kind === 'memory') return null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), timeoutMs);
  });
  try {
    return await Promise.race([keyFrom(secrets), late]);
  } finally {
    clearTimeout(timer);
  }
}

async function keyFrom(secrets: SecretBackend): Promise<Buffer | null> {
  const decode = (text: string | null) => {
    const key = text ? Buffer.from(text, 'base64') : null;
    return key && key.length === KEY_BYTES ? key : null;
  };
  try {
    const stored = decode(await secrets.get(CACHE_KEY_SERVICE, CACHE_KEY_ACCOUNT));
    if (stored) return stored;
    await secrets.set(CACHE_KEY_SERVICE, CACHE_KEY_ACCOUNT, randomBytes(KEY_BYTES).toString('base64'));
    // Read back: the app and the CLI starting together both make one, and the last one stored wins.
    return decode(await secrets.get(CACHE_KEY_SERVICE, CACHE_KEY_ACCOUNT));
  } catch {
    return null;
  }
}

export interface OpenedCache {
  store: KeyValueStore;
  /** False when the cache lives in memory only (no keychain): the user is told. */
  onDisk: boolean;
  /** What was found on disk and not kept: a file that could not be read, or a plain one. */
  dropped: 'unreadable' | 'plain' | null;
}

function removeQuietly(file: string): void {
  try {
    rmSync(file, { force: true });
  } catch {
    // Nothing more to do: the next write replaces it.
  }
}

/** Opens the sealed cache at `file`, with its key from `secrets`. Never throws for a bad file. */
export async function openSealedCache(
  file: string,
  secrets: SecretBackend,
  options: { keyTimeoutMs?: number } = {},
): Promise<OpenedCache> {
  const key = await cacheKey(secrets, options.keyTimeoutMs);
  let text: string | null;
  try {
    text = existsSync(file) ? readFileSync(file, 'utf8') : null;
  } catch {
    text = null;
  }
  const found = text === null ? null : unsealCache(text, key);

  if (!key) {
    // No keychain: memory only. A plain cache left by an older version holds links and server
    // credentials in the clear: used for this run, then removed. A sealed one is left for a later
    // run that has the keychain again.
    if (found?.kind === 'plain') removeQuietly(file);
    return {
      store: memoryStore(found?.kind === 'plain' ? found.value : {}),
      onDisk: false,
      dropped: found?.kind === 'plain' ? 'plain' : null,
    };
  }

  let data: Record<string, unknown> = found && found.kind !== 'unreadable' ? found.value : {};
  const flush = () => writeFileAtomic(file, sealCache(data, key));
  let dropped: OpenedCache['dropped'] = null;
  if (found?.kind === 'unreadable') {
    dropped = 'unreadable';
    removeQuietly(file);
  } else if (found?.kind === 'plain') {
    // Sealed now, so the plain copy is gone at once rather than at the next refresh.
    flush();
  }
  return {
    onDisk: true,
    dropped,
    store: {
      path: file,
      get: (k) => structuredClone(data[k]),
      set(k, value) {
        data = { ...data, [k]: structuredClone(value) };
        flush();
      },
      delete(k) {
        if (k in data) {
          const { [k]: _gone, ...rest } = data;
          data = rest;
          flush();
        }
      },
    },
  };
}
