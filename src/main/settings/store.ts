// One small key-value interface for everything the app persists (settings, profiles, cache, alert
// state, payment watches). The Electron shell backs it with electron-store; the CLI and tests with
// a JSON file written atomically. A corrupt or truncated file is moved aside, never a crash.
import { readFileSync, renameSync, writeFileSync, openSync, fsyncSync, closeSync, existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, isAbsolute, join } from 'node:path';
import { homedir } from 'node:os';
import { ensurePrivateDir, ensurePrivateFile, PRIVATE_FILE_MODE } from '../private-files';

export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
  /** The file behind the store, or null for an in-memory store. */
  readonly path: string | null;
}

export interface OpenedStore {
  store: KeyValueStore;
  /** Set when the file was unreadable and was moved aside: tell the user. */
  movedAside: string | null;
}

/**
 * Checks that `file` holds a JSON object. If it does not (truncated write, hand edit, disk error),
 * moves it aside to `<file>.corrupt-<time>` so that defaults can be restored without losing it.
 */
export function quarantineIfCorrupt(file: string, now: () => number = Date.now): string | null {
  if (!existsSync(file)) return null;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  try {
    const value: unknown = JSON.parse(text);
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return null;
  } catch {
    // fall through: not JSON
  }
  const aside = `${file}.corrupt-${new Date(now()).toISOString().replace(/[:.]/g, '-')}`;
  renameSync(file, aside);
  // Kept for the user to look at, and it may hold account details: no wider than the rest.
  ensurePrivateFile(aside);
  return aside;
}

/**
 * Write `text` to `file` so that readers see the old or the new content, never a part. The temp file
 * is created new ('wx') with the private mode and renamed over the old one, so a replaced file never
 * keeps a wider mode it had, and a stale temp file of the same name is never written through.
 */
export function writeFileAtomic(file: string, text: string, mode = PRIVATE_FILE_MODE): void {
  ensurePrivateDir(dirname(file));
  const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(temp, text, { mode, flag: 'wx' });
  const fd = openSync(temp, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, file);
}

/** A JSON-file store for plain Node (CLI, tests). Reads once, writes through on every change. */
export function openFileStore(file: string): OpenedStore {
  const movedAside = quarantineIfCorrupt(file);
  let data: Record<string, unknown> = {};
  if (existsSync(file)) {
    data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  }
  const flush = () => writeFileAtomic(file, JSON.stringify(data, null, 2));
  return {
    movedAside,
    store: {
      path: file,
      get: (key) => structuredClone(data[key]),
      set(key, value) {
        data[key] = structuredClone(value);
        flush();
      },
      delete(key) {
        if (key in data) {
          delete data[key];
          flush();
        }
      },
    },
  };
}

export function memoryStore(initial: Record<string, unknown> = {}): KeyValueStore {
  const data = structuredClone(initial);
  return {
    path: null,
    get: (key) => structuredClone(data[key]),
    set: (key, value) => {
      data[key] = structuredClone(value);
    },
    delete: (key) => {
      delete data[key];
    },
  };
}

/**
 * The app's folder name: package.json's productName, which Electron names app.getPath('userData')
 * after. The CLI must find the same profile as the app.
 */
export const APP_FOLDER = 'XMPlus Tray';

/** The folder the desktop app keeps its files in, so the CLI sees the same profiles. XMPLUS_CONFIG_DIR overrides it. */
export function defaultConfigDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.XMPLUS_CONFIG_DIR) return env.XMPLUS_CONFIG_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_FOLDER);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_FOLDER);
  // Electron (Chromium's xdg) takes XDG_CONFIG_HOME only when it is an absolute path.
  const xdg = env.XDG_CONFIG_HOME;
  return join(xdg && isAbsolute(xdg) ? xdg : join(homedir(), '.config'), APP_FOLDER);
}

export const SETTINGS_FILE = 'config.json';
export const CACHE_FILE = 'cache.json';
