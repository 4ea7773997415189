// Electron entry: lifecycle (single instance, lives in the tray when every window is closed),
// the app:// renderer, IPC binding and the Platform that connects the plain-Node core to the desktop.
import type { BrowserWindow } from 'electron';
import { app, dialog, safeStorage, type WebContents } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore, type Core } from '../core';
import { createRouter } from '../router';
import { loadProvider } from '../provider';
import type { Platform, TrayState } from '../platform';
import { chooseSecretBackend } from '../session/secrets';
import { CACHE_FILE, SETTINGS_FILE } from '../settings/store';
import { setStartAtLogin, startedHidden } from './login-item';
import { bindIpc, sendEvent } from './ipc';
import { writeClipboard } from './clipboard';
import { watchLifecycle } from './lifecycle';
import { createNotifier, setNotificationIdentity } from './notifications';
import { handleAppScheme, registerAppScheme } from './protocol';
import { openExternalSafely, openPathSafely, protocolHandlerName } from './security';
import { openElectronStore } from './store';
import { createTray, signedOutTray, type TrayController } from './tray';
import { userText } from '../i18n/user';
import { createUpdater } from './updater';
import { createMainWindow, preloadPathFrom } from './window';

const mainDir = dirname(fileURLToPath(import.meta.url));

/** The error's type and call stack without its message. */
function redactedStack(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const frames = (error.stack ?? '').split('\n').filter((line) => line.trimStart().startsWith('at '));
  return [error.name, ...frames].join('\n');
}
const devServerUrl = process.env.ELECTRON_RENDERER_URL;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  void start();
}

async function start(): Promise<void> {
  // Started at login: only the tray until the user opens the window.
  const hidden = startedHidden(process.argv, process.platform);
  // Windows attributes notifications to the shortcut carrying this id; set it before any is shown.
  setNotificationIdentity(process.platform);
  let core: Core | null = null;
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
          // Closed windows are destroyed: the tray alone keeps only the main process running.
          mainWindow = null;
          core?.actions.setWindowOpen(false);
        },
      });
      core?.actions.setWindowOpen(true);
    } else {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.show();
      mainWindow.focus();
    }
    // A menu-bar app (LSUIElement) is not activated by showing a window; bring it forward.
    if (process.platform === 'darwin') app.focus({ steal: true });
  };

  app.on('second-instance', showWindow);
  // Stay alive in the tray: closing the last window destroys it but keeps the main process.
  app.on('window-all-closed', () => undefined);

  await app.whenReady();
  handleAppScheme(join(mainDir, '../renderer'));

  const userData = process.env.XMPLUS_CONFIG_DIR ?? app.getPath('userData');
  const settings = openElectronStore(userData, SETTINGS_FILE.replace(/\.json$/, ''));
  const cache = openElectronStore(userData, CACHE_FILE.replace(/\.json$/, ''));
  const movedAside = [settings.movedAside, cache.movedAside].filter((file): file is string => file !== null);

  // The OS keychain first; safeStorage ciphertext only on a real keyring backend; else memory.
  const secrets = await chooseSecretBackend({ safeStorage, cipherFile: join(userData, 'secrets.json') });
  const resourcesDir = app.isPackaged ? process.resourcesPath : join(mainDir, '../../resources');
  const provider = loadProvider(process.env.XMPLUS_PROVIDER_FILE ?? join(resourcesDir, 'provider.json'));

  const notifier = createNotifier({
    platform: process.platform,
    navigate: (target) => core?.actions.navigate(target),
    showWindow,
  });
  const updater = createUpdater({
    feedUrl: provider.updateFeed,
    emit: (state) => sendEvent(windows(), 'update', state),
    onAvailable: (version) => {
      const text = userText(settings.store, app.getLocale());
      notifier.notify(
        {
          title: text.t('update.available', { app: app.getName(), version }),
          body: text.t('update.availableBody'),
          serviceId: null,
          actions: [],
        },
        { page: 'settings' },
      );
    },
  });

  // The core may report tray state before the tray exists (while it starts): keep the latest.
  let tray: TrayController | null = null;
  let trayState: TrayState = signedOutTray(userText(settings.store, app.getLocale()), app.getName());

  const platform: Platform = {
    app: {
      name: app.getName(),
      version: app.getVersion(),
      platform: process.platform,
      locale: app.getLocale(),
    },
    provider,
    settingsStore: settings.store,
    secrets: secrets.backend,
    secretsNotice: secrets.notice,
    updates: provider.updateFeed
      ? { state: updater.state, download: async () => updater.download(), install: updater.install }
      : undefined,
    cacheStore: cache.store,
    movedAside,
    emit: (event, payload) => sendEvent(windows(), event, payload),
    openExternal: openExternalSafely,
    protocolHandler: protocolHandlerName,
    openPath: openPathSafely,
    writeClipboard,
    async chooseFolder(title) {
      const result = await dialog.showOpenDialog({ title, properties: ['openDirectory', 'createDirectory'] });
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    notify: (notification) => notifier.notify(notification),
    setStartAtLogin: (enabled) => setStartAtLogin(enabled, { platform: process.platform }),
    updateTray(state) {
      trayState = state;
      tray?.update(state);
    },
    now: () => Date.now(),
  };

  const created = createCore(platform);
  core = created;
  const router = createRouter(created.handlers, {
    // A bug: log where it happened, not its message, which could echo the input (a password).
    onInternalError: (channel, error) =>
      console.error(`[xmplus] handler ${channel} failed:`, redactedStack(error)),
  });
  bindIpc(router, { devServerUrl, ownContents: windows });

  tray = createTray({
    platform: process.platform,
    initial: trayState,
    actions: created.actions,
    openWindow: showWindow,
    // Quit means quit: window-all-closed keeps the app alive, app.quit() does not go through it.
    quit: () => app.quit(),
  });
  const stopLifecycle = watchLifecycle({
    onWake: () => created.actions.onResume(),
    onOnline: () => created.actions.onOnline(),
  });

  await created.start();

  app.on('before-quit', () => {
    stopLifecycle();
    updater.dispose();
    notifier.dispose();
    tray?.destroy();
    void created.dispose();
  });
  if (!hidden) showWindow();
}
