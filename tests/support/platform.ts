// The desktop the tests run on: one in-memory Platform that records what the core asks of the
// desktop (clipboard, notifications, tray, browser, files, start at login, quit, events) and answers
// what the test sets (the folder a dialog returns, the application that opens a link scheme). The
// core rig and the renderer end-to-end harness both stand on it, so both see the same desktop.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UNBRANDED, type ProviderConfig } from '../../src/main/provider';
import type { NativeNotification, Platform, TrayState } from '../../src/main/platform';
import { memoryStore, openFileStore } from '../../src/main/settings/store';
import { memoryBackend, type SecretBackend } from '../../src/main/secrets';
import type { EventName, UpdateState } from '../../src/shared/contract';
import { ok } from '../../src/shared/errors';

export interface PlatformOptions {
  /** Folder for config.json / cache.json (and exports); a fresh temp folder by default. */
  dir?: string;
  /** In-memory settings and cache instead of files in `dir`. */
  memory?: boolean;
  /** Where secrets go; memory by default. */
  secrets?: SecretBackend;
  /** What the shell says when secrets can only stay in memory (chooseSecretBackend's notice). */
  secretsNotice?: string | null;
  provider?: ProviderConfig;
  now?: () => number;
  /** The OS locale the shell reports (Platform.app.locale); 'en-US' by default. */
  locale?: string;
  /** The app's version the shell reports (Platform.app.version); '0.1.0' by default. */
  version?: string;
  /** The OS the shell reports (Platform.app.platform); 'linux' by default. */
  os?: NodeJS.Platform;
  /** The desktop's system proxy answer for a URL (Platform.resolveProxy); none by default. */
  resolveProxy?: Platform['resolveProxy'];
  /** The updater's state the shell reports (Platform.updates); no updater by default. */
  updateState?: UpdateState;
}

/** An updater that stays in one state: download and install change nothing. */
const fixedUpdates = (state: UpdateState): NonNullable<Platform['updates']> => ({
  state: () => ({ ...state }),
  download: async () => ({ ...state }),
  install: () => ({ ...state }),
});

export type EventListener = (event: EventName, payload: unknown) => void;

/** What the desktop was asked, and what it will answer. Fields are live: read them when needed. */
export interface TestDesktop {
  /** The Platform to hand to createCore. */
  platform: Platform;
  dir: string;
  /** Every text put on the clipboard, by the app or (pushed by a test) by the user; the last is read. */
  clipboard: string[];
  notifications: NativeNotification[];
  trays: TrayState[];
  events: { event: EventName; payload: unknown }[];
  /** Links opened in the browser or a client; 'log-folder' when the log folder was shown. */
  opened: string[];
  /** Files the core asked the OS to open. */
  openedFiles: string[];
  /** Every start-at-login change, in order. */
  startAtLogin: boolean[];
  /** scheme -> the application the OS opens its links with (one-click import). */
  protocolHandlers: Map<string, string>;
  /** The folder the folder dialog answers with (`dir`/exports by default); null answers "cancelled". */
  folder: string | null;
  /** How many times the core asked the app to quit. */
  quits: number;
  /** Damaged settings or cache files the stores moved aside when first opened. */
  movedAside: string[];
  /** Calls `listener` with every event the core emits from now on; returns the unsubscribe. */
  onEvent(listener: EventListener): () => void;
  /**
   * A new Platform on the same folder and the same recording, as after an app restart: the stores
   * are opened again from their files; `platform` becomes the new one.
   */
  reopen(): Platform;
}

export function makePlatform(options: PlatformOptions = {}): TestDesktop {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'xmplus-test-'));
  const listeners = new Set<EventListener>();
  const secrets = options.secrets ?? memoryBackend();
  // The recording every Platform made here writes into (and the answers each reads).
  const desktop: Omit<TestDesktop, 'platform' | 'movedAside' | 'onEvent' | 'reopen'> = {
    dir,
    clipboard: [],
    notifications: [],
    trays: [],
    events: [],
    opened: [],
    openedFiles: [],
    startAtLogin: [],
    protocolHandlers: new Map(),
    folder: join(dir, 'exports'),
    quits: 0,
  };

  const open = (): Platform => {
    const stores = options.memory
      ? {
          settings: { store: memoryStore(), movedAside: null },
          cache: { store: memoryStore(), movedAside: null },
        }
      : {
          settings: openFileStore(join(dir, 'config.json')),
          cache: openFileStore(join(dir, 'cache.json')),
        };
    const movedAside = [stores.settings.movedAside, stores.cache.movedAside].filter(
      (file): file is string => file !== null,
    );
    return {
      app: {
        name: 'xmplus-tray',
        version: options.version ?? '0.1.0',
        platform: options.os ?? 'linux',
        locale: options.locale ?? 'en-US',
      },
      provider: options.provider ?? UNBRANDED,
      settingsStore: stores.settings.store,
      cacheStore: stores.cache.store,
      secrets,
      secretsNotice: options.secretsNotice ?? null,
      movedAside,
      emit(event, payload) {
        desktop.events.push({ event, payload });
        for (const listener of [...listeners]) listener(event, payload);
      },
      async openExternal(url) {
        desktop.opened.push(url);
        return ok({ opened: true as const });
      },
      protocolHandler: async (scheme) => desktop.protocolHandlers.get(scheme) ?? null,
      async openPath(path) {
        desktop.openedFiles.push(path);
        return ok({ opened: true as const });
      },
      // What the user last copied: a test pushes onto `clipboard` to copy something.
      readClipboard: async () => desktop.clipboard.at(-1) ?? null,
      async writeClipboard(text) {
        desktop.clipboard.push(text);
        return ok({ copied: true as const });
      },
      async openLogFolder() {
        desktop.opened.push('log-folder');
        return ok({ opened: true as const });
      },
      quit: () => void (desktop.quits += 1),
      async chooseFolder() {
        if (desktop.folder === null) return null;
        mkdirSync(desktop.folder, { recursive: true });
        return desktop.folder;
      },
      notify: (n) => void desktop.notifications.push(n),
      setStartAtLogin: async (enabled) => void desktop.startAtLogin.push(enabled),
      updateTray: (state) => void desktop.trays.push(state),
      ...(options.resolveProxy ? { resolveProxy: options.resolveProxy } : {}),
      ...(options.updateState ? { updates: fixedUpdates(options.updateState) } : {}),
      now: options.now ?? (() => Date.now()),
    };
  };

  const first = open();
  const result: TestDesktop = Object.assign(desktop, {
    platform: first,
    movedAside: first.movedAside,
    onEvent(listener: EventListener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    reopen() {
      result.platform = open();
      return result.platform;
    },
  });
  return result;
}
