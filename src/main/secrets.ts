// Where the panel password and the client API key live: the OS keychain through keytar; failing
// that, Electron safeStorage ciphertext in its own file (only with a real keyring behind it, never
// 'basic_text'); failing that, process memory for this run only, and the user is told. No secret
// ever goes to the settings file.
import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Result } from '../shared/errors';
import { appError, fail, ok } from '../shared/errors';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from './private-files';

export interface SecretBackend {
  readonly kind: 'keychain' | 'safeStorage' | 'memory';
  get(service: string, account: string): Promise<string | null>;
  set(service: string, account: string, value: string): Promise<void>;
  delete(service: string, account: string): Promise<boolean>;
}

/** The part of Electron's safeStorage this module uses (passed in: no electron import here). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  getSelectedStorageBackend?(): string;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

interface KeytarModule {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

const PROBE_SERVICE = 'xmplus-tray:probe';
const PROBE_TIMEOUT_MS = 5_000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out')), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

function isKeytar(value: unknown): value is KeytarModule {
  const v = value as Partial<KeytarModule> | null;
  return (
    !!v &&
    typeof v.getPassword === 'function' &&
    typeof v.setPassword === 'function' &&
    typeof v.deletePassword === 'function'
  );
}

/**
 * The OS keychain through keytar, or null when keytar cannot load or no keychain answers (on Linux:
 * no Secret Service on the session bus). Probed with one read so a dead keychain is found now.
 */
export async function keytarBackend(): Promise<SecretBackend | null> {
  let keytar: KeytarModule;
  try {
    const mod: unknown = await import('keytar');
    const candidate = (mod as { default?: unknown }).default ?? mod;
    if (!isKeytar(candidate)) return null;
    keytar = candidate;
    await withTimeout(keytar.getPassword(PROBE_SERVICE, 'probe'), PROBE_TIMEOUT_MS);
  } catch {
    return null;
  }
  return {
    kind: 'keychain',
    get: (service, account) => keytar.getPassword(service, account),
    set: (service, account, value) => keytar.setPassword(service, account, value),
    delete: (service, account) => keytar.deletePassword(service, account),
  };
}

/** Electron backends that do not really encrypt (Linux without a keyring). */
const WEAK_SAFE_STORAGE = new Set(['basic_text', 'unknown']);

interface CipherFile {
  version: 1;
  /** "service\u0000account" -> base64 ciphertext. */
  entries: Record<string, string>;
}

/**
 * safeStorage ciphertext in a JSON file of its own, written atomically (temp file + rename, 0600).
 * Null when encryption is unavailable or backed by 'basic_text' / 'unknown'.
 */
export function safeStorageBackend(safe: SafeStorageLike, file: string): SecretBackend | null {
  try {
    if (!safe.isEncryptionAvailable()) return null;
    const selected = safe.getSelectedStorageBackend?.();
    if (selected !== undefined && WEAK_SAFE_STORAGE.has(selected)) return null;
  } catch {
    return null;
  }
  const keyOf = (service: string, account: string) => `${service}\u0000${account}`;
  // Writes are queued so two saves never interleave their read-modify-write.
  let queue: Promise<unknown> = Promise.resolve();

  async function load(): Promise<CipherFile> {
    try {
      const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<CipherFile>;
      if (parsed && typeof parsed.entries === 'object' && parsed.entries !== null) {
        return { version: 1, entries: { ...parsed.entries } };
      }
    } catch {
      // Missing or unreadable: start empty (an unreadable file cannot be decrypted anyway).
    }
    return { version: 1, entries: {} };
  }

  async function store(data: CipherFile): Promise<void> {
    ensurePrivateDir(dirname(file));
    const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await writeFile(temp, JSON.stringify(data), { mode: PRIVATE_FILE_MODE, flag: 'wx' });
      await rename(temp, file);
    } catch (err) {
      await rm(temp, { force: true });
      throw err;
    }
  }

  function serialized<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  }

  return {
    kind: 'safeStorage',
    async get(service, account) {
      const data = await load();
      const cipher = data.entries[keyOf(service, account)];
      if (cipher === undefined) return null;
      return safe.decryptString(Buffer.from(cipher, 'base64'));
    },
    set: (service, account, value) =>
      serialized(async () => {
        const data = await load();
        data.entries[keyOf(service, account)] = safe.encryptString(value).toString('base64');
        await store(data);
      }),
    delete: (service, account) =>
      serialized(async () => {
        const data = await load();
        const key = keyOf(service, account);
        if (!(key in data.entries)) return false;
        delete data.entries[key];
        await store(data);
        return true;
      }),
  };
}

export function memoryBackend(): SecretBackend {
  const values = new Map<string, string>();
  const keyOf = (service: string, account: string) => `${service}\u0000${account}`;
  return {
    kind: 'memory',
    get: async (service, account) => values.get(keyOf(service, account)) ?? null,
    set: async (service, account, value) => {
      values.set(keyOf(service, account), value);
    },
    delete: async (service, account) => values.delete(keyOf(service, account)),
  };
}

export const MEMORY_ONLY_NOTICE =
  'No system keychain is available, so your password and API key are kept in memory for this run only, ' +
  'and your plans are not saved for offline use. You will need to enter them again after restarting the app.';

export interface ChooseSecretBackendOptions {
  safeStorage?: SafeStorageLike;
  /** File for safeStorage ciphertext; required for the safeStorage fallback. */
  cipherFile?: string;
  /** Replace the keytar probe (tests). */
  loadKeytar?: () => Promise<SecretBackend | null>;
}

export async function chooseSecretBackend(
  options: ChooseSecretBackendOptions = {},
): Promise<{ backend: SecretBackend; notice: string | null }> {
  const keychain = await (options.loadKeytar ?? keytarBackend)();
  if (keychain) return { backend: keychain, notice: null };
  if (options.safeStorage && options.cipherFile) {
    const safe = safeStorageBackend(options.safeStorage, options.cipherFile);
    if (safe) return { backend: safe, notice: null };
  }
  return { backend: memoryBackend(), notice: MEMORY_ONLY_NOTICE };
}

/**
 * Keychain service name for one panel, by its base (origin and path): "xmplus-tray:https://panel.example.com"
 * or "xmplus-tray:https://host.example/panel". Versions before filed every panel of a host under its
 * origin alone (see migrateFromOrigins).
 */
export function keychainService(panelBase: string): string {
  return `xmplus-tray:${panelBase.trim().replace(/\/+$/, '')}`;
}

/** Account name under which the panel's client API key is stored (an email never looks like this). */
export const API_KEY_ACCOUNT = 'client-api-key';

/** Account name for a profile's proxy password, beside the panel password under the panel's service. */
export function proxyPasswordAccount(profileId: string): string {
  return `proxy-password:${profileId}`;
}

export interface SaveSecrets {
  password?: string;
  apiKey?: string;
}

export interface CredentialStore {
  readonly backendKind: SecretBackend['kind'];
  save(
    origin: string,
    email: string,
    secrets: SaveSecrets,
    options: { remember: boolean },
  ): Promise<Result<void>>;
  getPassword(origin: string, email: string): Promise<Result<string | null>>;
  getApiKey(origin: string): Promise<Result<string | null>>;
  forget(origin: string, email: string, options: { apiKeyToo: boolean }): Promise<Result<void>>;
  /** A profile's proxy password (null deletes it); kept like the panel password, by `remember`. */
  saveProxyPassword(
    origin: string,
    profileId: string,
    password: string | null,
    options: { remember: boolean },
  ): Promise<Result<void>>;
  getProxyPassword(origin: string, profileId: string): Promise<Result<string | null>>;
  /**
   * Once, for panels under a path: copies the entries an older version filed under the origin alone
   * to the panel's base, then deletes the old ones no panel at an origin's root still uses.
   */
  migrateFromOrigins(
    panels: readonly { base: string; origin: string; email: string; profileId: string }[],
  ): Promise<Result<void>>;
}

function emailAccount(email: string): string {
  return email.trim().toLowerCase();
}

export function createCredentialStore(backend: SecretBackend): CredentialStore {
  // Secrets the user chose not to remember: this process only.
  const session = memoryBackend();
  const keychainError = (action: string, thrown: unknown) => {
    // keytar / safeStorage errors name the operation, never the value; only the type is kept anyway.
    const what = thrown instanceof Error ? thrown.name : 'error';
    const where = backend.kind === 'keychain' ? 'the system keychain' : 'the encrypted secrets file';
    return appError('keychain', `Could not ${action} ${where}. Unlock your keychain or sign in again.`, {
      detail: what,
    });
  };

  async function put(service: string, account: string, value: string | undefined, remember: boolean) {
    if (value === undefined) return;
    if (remember) {
      await backend.set(service, account, value);
      await session.delete(service, account);
    } else {
      await session.set(service, account, value);
      await backend.delete(service, account);
    }
  }

  async function read(service: string, account: string): Promise<Result<string | null>> {
    const inMemory = await session.get(service, account);
    if (inMemory !== null) return ok(inMemory);
    try {
      return ok(await backend.get(service, account));
    } catch (thrown) {
      return fail(keychainError('read from', thrown));
    }
  }

  return {
    backendKind: backend.kind,
    async save(origin, email, secrets, { remember }) {
      const service = keychainService(origin);
      try {
        await put(service, emailAccount(email), secrets.password, remember);
        await put(service, API_KEY_ACCOUNT, secrets.apiKey, remember);
        return ok(undefined);
      } catch (thrown) {
        return fail(keychainError('save to', thrown));
      }
    },
    async saveProxyPassword(origin, profileId, password, { remember }) {
      const service = keychainService(origin);
      const account = proxyPasswordAccount(profileId);
      try {
        if (password === null) {
          await session.delete(service, account);
          await backend.delete(service, account);
        } else {
          await put(service, account, password, remember);
        }
        return ok(undefined);
      } catch (thrown) {
        return fail(keychainError(password === null ? 'delete from' : 'save to', thrown));
      }
    },
    async migrateFromOrigins(panels) {
      const bases = new Set(panels.map((p) => keychainService(p.base)));
      const stale = new Map<string, Set<string>>();
      try {
        for (const panel of panels) {
          const from = keychainService(panel.origin);
          const to = keychainService(panel.base);
          if (from === to) continue;
          const accounts = [
            emailAccount(panel.email),
            API_KEY_ACCOUNT,
            proxyPasswordAccount(panel.profileId),
          ];
          for (const account of accounts) {
            const old = await backend.get(from, account);
            if (old === null) continue;
            if ((await backend.get(to, account)) === null) await backend.set(to, account, old);
            if (!bases.has(from)) stale.set(from, (stale.get(from) ?? new Set()).add(account));
          }
        }
        // Deleted only after every panel of the origin has its copy.
        for (const [service, accounts] of stale) {
          for (const account of accounts) await backend.delete(service, account);
        }
        return ok(undefined);
      } catch (thrown) {
        return fail(keychainError('move entries in', thrown));
      }
    },
    getProxyPassword: (origin, profileId) => read(keychainService(origin), proxyPasswordAccount(profileId)),
    getPassword: (origin, email) => read(keychainService(origin), emailAccount(email)),
    getApiKey: (origin) => read(keychainService(origin), API_KEY_ACCOUNT),
    async forget(origin, email, { apiKeyToo }) {
      const service = keychainService(origin);
      const accounts = [emailAccount(email), ...(apiKeyToo ? [API_KEY_ACCOUNT] : [])];
      try {
        for (const account of accounts) {
          await session.delete(service, account);
          await backend.delete(service, account);
        }
        return ok(undefined);
      } catch (thrown) {
        return fail(keychainError('delete from', thrown));
      }
    },
  };
}
