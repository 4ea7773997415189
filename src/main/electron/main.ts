// Electron entry: the CLI when launched with a command, else the app: lifecycle (single instance,
// lives in the tray when every window is closed, or in its window where Linux shows no tray), the
// app:// renderer, IPC binding, the log, and the Platform that connects the plain-Node core to the desktop.
import type { BrowserWindow } from 'electron';
import { app, dialog, safeStorage, type WebContents } from 'electron';
import electronLog from 'electron-log/main';
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore, type Core } from '../core';
import { createRouter } from '../router';
import { loadProvider, urlSchemeOf, type ProviderConfig } from '../provider';
import type { Platform, TrayState } from '../platform';
import { chooseSecretBackend } from '../secrets';
import { CACHE_FILE, SETTINGS_FILE } from '../settings/store';
import { openSealedCache } from '../settings/sealed-cache';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../private-files';
import { readSettings } from '../settings/settings';
import { setStartAtLogin, startedHidden } from './login-item';
import { bindIpc, sendEvent } from './ipc';
import { createClipboard, holdQuitForClear, readClipboard } from './clipboard';
import { registerUrlScheme, watchAppLinks, type AppLinkInbox } from './app-link';
import { watchLifecycle } from './lifecycle';
import { createNotifier, setNotificationIdentity } from './notifications';
import { handleAppScheme, registerAppScheme } from './protocol';
import { openExternalSafely, openPathSafely, protocolHandlerName } from './security';
import { openElectronStore } from './store';
import { resolveSystemProxy } from './system-proxy';
import { cachePerOrigin } from '../net/system-proxy';
import { createTray, signedOutTray, type TrayController } from './tray';
import { userText } from '../i18n/user';
import { mainText } from '../i18n';
import { trayHostAvailable } from '../tray-host';
import { createStatusKey, startStatusServer, statusSocketPath } from '../local/status-socket';
import { printedStatus } from '../cli/commands/status';
import { cliArguments, flushStdio } from './cli-mode';
import { refuseDebugLaunch } from './launch-switches';
import { configureLog, type ShellLog } from './log';
import { openFolder } from './log-folder';
import { shellOverrides } from './shell-env';
import { redactedStack, reportStartFailure } from './start-failure';
import { createUpdater } from './updater';
import { pinnedUpdateFeed } from './update-pins';
import { createMainWindow, preloadPathFrom } from './window';

const mainDir = dirname(fileURLToPath(import.meta.url));

// Development overrides (dev server, profile folder, provider file) exist only in a development run.
const overrides = shellOverrides(app.isPackaged, process.env);
const devServerUrl = overrides.devServerUrl;
/** Set once the user-data folder is known; start-up failures before that go to stderr. */
let log: ShellLog | null = null;
/** Written once to the user-data folder after the user was told how to get a tray icon. */
const TRAY_HINT_MARKER = 'tray-host-hint-shown';

/** provider.json: read before `ready`, because the app link scheme it names is needed that early. */
function readProvider(): ProviderConfig {
  const resourcesDir = app.isPackaged ? process.resourcesPath : join(mainDir, '../../resources');
  return loadProvider(overrides.providerFile ?? join(resourcesDir, 'provider.json'));
}

// First of all: a packaged app started with a debugging switch quits, saying why.
const refused = refuseDebugLaunch({
  argv: process.argv,
  platform: process.platform,
  isPackaged: app.isPackaged,
  env: process.env,
});
const cliArgs = refused ? null : cliArguments(process.argv, app.isPackaged);
if (refused) {
  // app.exit(1) is under way.
} else if (cliArgs) {
  void runCli(cliArgs);
} else if (!app.requestSingleInstanceLock()) {
  // The running instance gets this launch's argv (an app link among it) through `second-instance`.
  app.quit();
} else {
  registerAppScheme();
  const provider = readProvider();
  const scheme = urlSchemeOf(provider);
  // macOS may send open-url before ready: listen now, deliver once the core runs.
  const links = watchAppLinks(scheme, process.argv);
  if (provider.info.subscriptionLinks) {
    registerUrlScheme(scheme, {
      isPackaged: app.isPackaged,
      defaultApp: process.defaultApp === true,
      execPath: process.execPath,
      argv: process.argv,
    });
  }
  start(provider, links).catch((error: unknown) => {
    reportStartFailure(error, { text: mainText('system', app.getLocale()), log });
  });
}

async function runCli(args: string[]): Promise<void> {
  let code = 1;
  try {
    // Bundled beside this file (out/main/cli.js); loaded only for a CLI call.
    const cli = await import('../cli-app');
    code = await cli.runCli(
      args,
      app.isPackaged ? { providerFile: join(process.resourcesPath, 'provider.json') } : {},
    );
  } catch (error) {
    process.stderr.write(`xmplus-tray: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  await flushStdio();
  app.exit(code);
}

async function start(provider: ProviderConfig, links: AppLinkInbox): Promise<void> {
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
        // The packaged-app tests read this line: the one sign of the window they can see from outside.
        onShown: (origin) => log?.info(`window shown: ${origin}`),
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
  // macOS: launching the app again from Finder or Launchpad while it runs activates it.
  app.on('activate', showWindow);
  // Where there is a tray, closing the last window keeps the app alive in it; where there is none,
  // closing the window is the way out.
  let trayShown = true;
  app.on('window-all-closed', () => {
    if (!trayShown) app.quit();
  });

  await app.whenReady();
  handleAppScheme(join(mainDir, '../renderer'));

  const userData = overrides.configDir ?? app.getPath('userData');
  log = configureLog(electronLog, userData, { console: !app.isPackaged });
  const shellLog = log;
  shellLog.info(`start ${app.getName()} ${app.getVersion()} on ${process.platform}`);
  ensurePrivateDir(userData);
  const settings = openElectronStore(userData, SETTINGS_FILE.replace(/\.json$/, ''));
  const movedAside = [settings.movedAside].filter((file): file is string => file !== null);

  // The OS keychain first; safeStorage ciphertext only on a real keyring backend; else memory.
  const secrets = await chooseSecretBackend({ safeStorage, cipherFile: join(userData, 'secrets.json') });
  // The cache is sealed under a key the keychain holds (the CLI opens it the same way).
  const cache = await openSealedCache(join(userData, CACHE_FILE), secrets.backend);
  if (cache.dropped) shellLog.warn(`cache file dropped (${cache.dropped}); it refills on the next refresh`);
  if (!cache.onDisk && !secrets.notice)
    shellLog.warn('the keychain gave no cache key: the cache stays in memory');

  const notifier = createNotifier({
    platform: process.platform,
    navigate: (target) => core?.actions.navigate(target),
    showWindow,
    logFailure: (message) => shellLog.warn(message),
  });
  const updateFeed = pinnedUpdateFeed();
  const updater = createUpdater({
    feed: updateFeed,
    autoCheck: () => readSettings(settings.store).autoUpdateCheck,
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

  const appClipboard = createClipboard({
    platform: process.platform,
    clearAfterCopy: () => readSettings(settings.store).clearClipboard,
    onMarkersRefused: (reason) => shellLog.warn(`clipboard: sensitive-content markers refused (${reason})`),
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
    updates: updateFeed
      ? { state: updater.state, download: async () => updater.download(), install: updater.install }
      : undefined,
    cacheStore: cache.store,
    movedAside,
    emit: (event, payload) => sendEvent(windows(), event, payload),
    openExternal: openExternalSafely,
    protocolHandler: protocolHandlerName,
    openPath: openPathSafely,
    writeClipboard: appClipboard.write,
    readClipboard,
    openLogFolder: () => openFolder(shellLog.folder),
    quit: () => app.quit(),
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
    // Asked once per panel origin a minute, not before every request.
    resolveProxy: cachePerOrigin(resolveSystemProxy),
    now: () => Date.now(),
  };

  const created = createCore(platform);
  core = created;
  const router = createRouter(created.handlers, {
    // A bug: log where it happened, not its message, which could echo the input (a password).
    onInternalError: (channel, error) => shellLog.error(`handler ${channel} failed:`, redactedStack(error)),
  });
  bindIpc(router, { devServerUrl, ownContents: windows });

  // Vanilla GNOME has no StatusNotifierItem host: a tray icon there would be invisible, and a
  // hidden start would leave nothing to click. Keep the window instead, and say how to get a tray.
  trayShown = await trayHostAvailable(process.platform);
  if (trayShown) {
    tray = createTray({
      platform: process.platform,
      initial: trayState,
      actions: created.actions,
      openWindow: showWindow,
      // Quit means quit: window-all-closed keeps the app alive, app.quit() does not go through it.
      quit: () => app.quit(),
    });
    shellLog.info('tray created');
  } else {
    shellLog.warn('no StatusNotifierWatcher on the session bus: no tray icon; the window stays');
  }
  const stopLifecycle = watchLifecycle({
    onWake: () => created.actions.onResume(),
    onOnline: () => created.actions.onOnline(),
  });

  await created.start();

  // `xmplus-tray status` from a terminal or a status bar asks this process first.
  // A fresh key each start: the CLI must prove it holds it, and believes only answers made with it.
  const statusKey = createStatusKey(userData);
  const statusServer = await startStatusServer({
    path: statusSocketPath(userData, process.platform, statusKey),
    key: statusKey,
    profiles: () => created.statusProfiles(),
    print: (mode, profiles, locale) => {
      const s = readSettings(settings.store);
      const thresholds = { trafficPercent: s.trafficThresholds, daysLeft: s.expiryThresholds };
      return printedStatus(mode, profiles, thresholds, Date.now(), mainText(locale, 'en'));
    },
  }).catch((error: unknown) => {
    shellLog.warn('status socket not started:', redactedStack(error));
    return null;
  });

  app.on('before-quit', (event) => {
    // A copied link still waiting for its clear is cleared first (if it is still there); the quit
    // then starts again and goes through here.
    if (holdQuitForClear(appClipboard, event, () => app.quit())) return;
    void statusServer?.close();
    stopLifecycle();
    updater.dispose();
    notifier.dispose();
    tray?.destroy();
    void created.dispose();
  });
  if (!hidden || !trayShown) showWindow();
  // App links that came while starting, then every later one: the window asks before adding.
  links.deliverTo((link) => {
    const received = created.actions.receiveAppLink(link);
    if (received.accepted) showWindow();
    else shellLog.warn(`app link ignored: ${received.why}`);
  });
  if (!trayShown) tellHowToGetATray(userData, userText(settings.store, app.getLocale()));
}

/** Once per profile folder: why there is no tray icon and how to get one. */
function tellHowToGetATray(userData: string, text: ReturnType<typeof userText>): void {
  const marker = join(userData, TRAY_HINT_MARKER);
  if (existsSync(marker)) return;
  void dialog
    .showMessageBox({
      type: 'info',
      title: text.t('trayHost.missingTitle'),
      message: text.t('trayHost.missingTitle'),
      detail: text.t('trayHost.missingBody', { app: app.getName() }),
      buttons: ['OK'],
    })
    .then(() => {
      ensurePrivateDir(userData);
      writeFileSync(marker, `${new Date().toISOString()}\n`, { mode: PRIVATE_FILE_MODE });
    })
    .catch((error: unknown) => log?.warn('tray hint not shown:', redactedStack(error)));
}
