// Launches the built app under Electron: a window appears, it loads the app:// renderer, and its
// webPreferences are the hardened ones. Skipped, with the reason, where no Electron binary exists.
import { test, expect, _electron as electron } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Finds the Electron binary the way the electron package records it (path.txt + dist/), without
 * requiring 'electron': in Electron 45 that require tries to download a missing binary.
 */
function electronBinary(): { path: string | null; reason: string } {
  if (process.env.ELECTRON_EXEC_PATH && existsSync(process.env.ELECTRON_EXEC_PATH)) {
    return { path: process.env.ELECTRON_EXEC_PATH, reason: '' };
  }
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) {
    return {
      path: null,
      reason: 'the Electron binary is not installed (npm ci ran with ELECTRON_SKIP_BINARY_DOWNLOAD=1)',
    };
  }
  const binaryPath = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binaryPath)
    ? { path: binaryPath, reason: '' }
    : { path: null, reason: `the Electron binary is missing at ${binaryPath}` };
}

const binary = electronBinary();
const built = existsSync(join(root, 'out', 'main', 'index.js'));
if (!binary.path) console.log(`[electron suite] skipped: ${binary.reason}.`);
else if (!built) console.log('[electron suite] skipped: the app is not built; run `npm run build` first.');

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
      // The hardened webPreferences, observed from inside the page: no Node, isolated worlds, web security.
      const seen = await window.evaluate(async () => {
        const g = globalThis as unknown as Record<string, unknown>;
        const fileFetch = await fetch('file:///etc/hostname').then(
          () => 'allowed',
          () => 'blocked',
        );
        return { process: typeof g.process, require: typeof g.require, module: typeof g.module, fileFetch };
      });
      expect(seen).toEqual({
        process: 'undefined',
        require: 'undefined',
        module: 'undefined',
        fileFetch: 'blocked',
      });
      expect(await window.evaluate(() => typeof (globalThis as unknown as { xmplus?: unknown }).xmplus)).toBe(
        'object',
      );
    } finally {
      await app.close();
    }
  });
});
