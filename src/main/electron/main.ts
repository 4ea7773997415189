// Electron entry: lifecycle (single instance, lives in the tray when every window is closed),
// the app:// renderer, IPC binding and the Platform that connects the plain-Node core to the desktop.
import type { BrowserWindow} from 'electron';
import { app, clipboard, dialog, Notification, safeStorage, type WebContents } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore } from '../core';
import { createRouter } from '../router';
import { loadProvider } from '../provider';
import type { Platform } from '../platform';
import { chooseSecretBackend } from '../session/secrets';
import { CACHE_FILE, SETTINGS_FILE } from '../settings/store';
import { bindIpc, sendEvent } from './ipc';
import { handleAppScheme, registerAppScheme } from './protocol';
import { openExternalSafely } from './security';
import { openElectronStore } from './store';
import { createMainWindow, preloadPathFrom } from './window';

const mainDir = dirname(fileURLToPath(import.meta.url));
const devServerUrl = process.env.ELECTRON_RENDERER_URL;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  void start();
}

async function start(): Promise<void> {
  let mainWindow: BrowserWindow | null = null;
  const windows = (): WebContents[] =>
    mainWindow && !mainWindow.isDestroyed() ? [mainWindow.webContents] : [];

  const showWindow = () => {
    if (!mainWindow || mainWindow.isDestroyed()) {
      mainWindow = createMainWindow({
        preloadPath: preloadPathFrom(mainDir),
        devServerUrl,
        title: app.getName(),
        onClosed: () => {
          mainWindow = null;
        },
      });
    } else {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.show();
      mainWindow.focus();
    }
  };

  app.on('second-instance', showWindow);
  // Stay alive in the tray: closing the last window destroys it but keeps the main process.
  app.on('window-all-closed', () => undefined);

  await app.whenReady();
  handleAppScheme(join(mainDir, '../renderer'));

  const userData = process.env.XMPLUS_CONFIG_DIR ?? app.getPath('userData');
  const settings = openElectronStore(userData, SETTINGS_FILE.replace(/\.json$/, ''));
  const cache = openElectronStore(userData, CACHE_FILE.replace(/\.json$/, ''));
  const startupNotices = [settings.movedAside, cache.movedAside]
    .filter((file): file is string => file !== null)
    .map((file) => `A damaged settings file was moved aside to ${file}; defaults were restored.`);

  // The OS keychain first; safeStorage ciphertext only on a real keyring backend; else memory.
  const secrets = await chooseSecretBackend({ safeStorage, cipherFile: join(userData, 'secrets.json') });
  const resourcesDir = app.isPackaged ? process.resourcesPath : join(mainDir, '../../resources');
  const platform: Platform = {
    app: {
      name: app.getName(),
      version: app.getVersion(),
      platform: process.platform,
      locale: app.getLocale(),
    },
    provider: loadProvider(process.env.XMPLUS_PROVIDER_FILE ?? join(resourcesDir, 'provider.json')),
    settingsStore: settings.store,
    secrets: secrets.backend,
    secretsNotice: secrets.notice,
    cacheStore: cache.store,
    startupNotices,
    emit: (event, payload) => sendEvent(windows(), event, payload),
    openExternal: openExternalSafely,
    writeClipboard: (text) => clipboard.writeText(text),
    async chooseFolder(title) {
      const result = await dialog.showOpenDialog({ title, properties: ['openDirectory', 'createDirectory'] });
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    notify(notification) {
      if (!Notification.isSupported()) return;
      const native = new Notification({ title: notification.title, body: notification.body });
      native.on('click', showWindow);
      native.show();
    },
    async setStartAtLogin(enabled) {
      app.setLoginItemSettings({ openAtLogin: enabled });
    },
    updateTray: () => undefined,
    now: () => Date.now(),
  };

  const core = createCore(platform);
  const router = createRouter(core.handlers, {
    onInternalError: (channel, error) => console.error(`[xmplus] handler ${channel} failed:`, error),
  });
  bindIpc(router, { devServerUrl, ownContents: windows });
  await core.start();

  app.on('before-quit', () => void core.dispose());
  showWindow();
}
