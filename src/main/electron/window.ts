// The main window: created on demand, destroyed when closed (the tray alone then runs only the main
// process), hardened by security.ts.
import { BrowserWindow } from 'electron';
import { join } from 'node:path';
import { APP_ORIGIN, lockDownWindow, secureWebPreferences } from './security';

export interface WindowOptions {
  preloadPath: string;
  devServerUrl: string | undefined;
  title: string;
  /** Once the first page is ready and the window shown, with that page's scheme and host. */
  onShown?(origin: string): void;
  onClosed(): void;
}

/** `app://renderer`, `http://localhost:5173`: where a page came from, without its path or query. */
export function pageOrigin(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return 'unknown';
  }
}

export function createMainWindow(options: WindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1040,
    height: 720,
    minWidth: 720,
    minHeight: 520,
    show: false,
    title: options.title,
    autoHideMenuBar: true,
    backgroundColor: '#00000000',
    webPreferences: secureWebPreferences(options.preloadPath),
  });
  lockDownWindow(window, options.devServerUrl);
  window.once('ready-to-show', () => {
    window.show();
    options.onShown?.(pageOrigin(window.webContents.getURL()));
  });
  window.on('closed', options.onClosed);
  const entry = options.devServerUrl ?? `${APP_ORIGIN}/index.html`;
  void window.loadURL(entry);
  return window;
}

export const preloadPathFrom = (mainDir: string): string => join(mainDir, '../preload/index.cjs');
