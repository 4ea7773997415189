// The hardening of every window, in one place so that tests can assert it: web preferences, the
// Content-Security-Policy, navigation and window-open denial, and the one vetted openExternal.
import { app, shell, type BrowserWindow, type WebContents, type WebPreferences } from 'electron';
import { appError, fail, ok, type Result } from '../../shared/errors';
import { isImportLink, isImportScheme } from '../import/links';

export { APP_SCHEME, APP_ORIGIN, CONTENT_SECURITY_POLICY } from '../security-policy';
import { APP_ORIGIN } from '../security-policy';

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
  };
}

/**
 * Only https: links leave the app, and only through here; besides them, exactly the import links of
 * the supported proxy clients (clash://, sing-box://, hiddify://, ... see import/links.ts).
 */
export async function openExternalSafely(url: string): Promise<Result<{ opened: true }>> {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase() ?? '';
  if (isImportScheme(scheme)) {
    if (!isImportLink(url)) return fail(appError('validation', 'That import link is not valid.'));
    try {
      // Passed as built: these clients read their link byte for byte (a URL parser would re-encode it).
      await shell.openExternal(url);
      return ok({ opened: true });
    } catch {
      return fail(
        appError(
          'internal',
          'The proxy client could not be opened. Copy the link or scan its QR code instead.',
        ),
      );
    }
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return fail(appError('validation', 'That link is not a valid address.'));
  }
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password) {
    return fail(appError('validation', 'Only secure https:// links can be opened in the browser.'));
  }
  try {
    await shell.openExternal(parsed.toString());
    return ok({ opened: true });
  } catch {
    return fail(appError('internal', 'The browser could not be opened. Copy the link instead.'));
  }
}

/**
 * The application the OS opens `scheme://` links with (Electron's app.getApplicationNameForProtocol),
 * asked only for the import clients' schemes; null when there is none.
 */
export async function protocolHandlerName(scheme: string): Promise<string | null> {
  if (!isImportScheme(scheme)) return null;
  try {
    const name = app.getApplicationNameForProtocol(`${scheme}://`);
    return name.trim() || null;
  } catch {
    return null;
  }
}

/** Opens a file the app itself just wrote (an export) with the OS's application for it. */
export async function openPathSafely(path: string): Promise<Result<{ opened: true }>> {
  const message = await shell.openPath(path);
  return message
    ? fail(appError('internal', `The file was saved but could not be opened: ${message}`))
    : ok({ opened: true });
}

/** True when `url` is a page of the app itself (the app:// renderer, or the dev server). */
export function isAppUrl(url: string, devServerUrl: string | undefined): boolean {
  try {
    const parsed = new URL(url);
    if (`${parsed.protocol}//${parsed.host}` === APP_ORIGIN) return true;
    if (devServerUrl) return parsed.origin === new URL(devServerUrl).origin;
  } catch {
    return false;
  }
  return false;
}

/** Deny navigation away from the app and every window.open; https links go to the browser. */
export function lockDownContents(contents: WebContents, devServerUrl: string | undefined): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, devServerUrl)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, devServerUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    void openExternalSafely(url);
    return { action: 'deny' };
  });
}

export function lockDownWindow(window: BrowserWindow, devServerUrl: string | undefined): void {
  lockDownContents(window.webContents, devServerUrl);
  const session = window.webContents.session;
  // No camera, microphone, notifications-from-web, geolocation, clipboard...: the app needs none.
  // Requests (a prompt would follow) and checks (navigator.permissions.query, and Chromium asking
  // silently before it uses one) are both answered no; without a check handler Chromium grants
  // some checks by default (Electron's security checklist, item 5).
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  // WebHID, WebUSB, Web Serial, Bluetooth: no device is ever handed to the page.
  session.setDevicePermissionHandler(() => false);
}
