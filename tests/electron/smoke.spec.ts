// Launches the built app under Electron: a window appears, it loads the app:// renderer, and its
// webPreferences are the hardened ones. Skipped, with the reason, where no Electron binary exists.
import { test, expect, _electron as electron } from '@playwright/test';
import { existsSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function electronBinary(): { path: string | null; reason: string } {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown;
    if (typeof path === 'string' && existsSync(path)) return { path, reason: '' };
    return { path: null, reason: 'the Electron binary is not installed (npm ci ran with ELECTRON_SKIP_BINARY_DOWNLOAD=1)' };
  } catch (error) {
    return {
      path: null,
      reason: `the Electron binary is not installed here (${String(error).split('\n')[0]}); install without ELECTRON_SKIP_BINARY_DOWNLOAD to run this suite`,
    };
  }
}

const binary = electronBinary();
const built = existsSync(join(root, 'out', 'main', 'index.js'));

test.describe('packaged shell', () => {
  test.skip(!binary.path, `Skipped: ${binary.reason}.`);
  test.skip(!built, 'Skipped: the app is not built; run `npm run build` first.');

  test('a hardened window appears and shows the app', async () => {
    const app = await electron.launch({
      executablePath: binary.path!,
      args: [join(root, 'out', 'main', 'index.js'), '--no-sandbox'],
      env: { ...process.env, XMPLUS_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'xmplus-electron-')) },
    });
    try {
      const window = await app.firstWindow();
      await expect.poll(() => window.url()).toMatch(/^app:\/\/renderer\//);
      const prefs = await app.evaluate(({ BrowserWindow }) => {
        const win = BrowserWindow.getAllWindows()[0]!;
        const p = win.webContents.getLastWebPreferences() ?? {};
        return {
          contextIsolation: p.contextIsolation,
          sandbox: p.sandbox,
          nodeIntegration: p.nodeIntegration,
          webSecurity: p.webSecurity,
        };
      });
      expect(prefs).toEqual({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
      expect(await window.evaluate(() => typeof (window as unknown as { xmplus?: unknown }).xmplus)).toBe('object');
      expect(await window.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
    } finally {
      await app.close();
    }
  });
});
