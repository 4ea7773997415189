// Launches the built app under Electron: a window appears, it loads the app:// renderer, its
// webPreferences are the hardened ones, and the tray is created. Tagged @smoke: CI runs these on
// Linux, macOS and Windows. Skipped, with the reason, where no Electron binary exists.
import { test, expect } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { privateBusUnavailable, startPrivateBus } from '../support/dbus/bus';
import { startStatusNotifierWatcher } from '../support/dbus/tray';
import { devRunSkip, freshProfile, launchDevRun, unlessRequired } from './app';

if (devRunSkip) console.log(`[electron suite] ${devRunSkip}`);

test.describe('development run', () => {
  test.skip(devRunSkip !== null, devRunSkip ?? '');

  test('a hardened window appears and shows the app', { tag: '@smoke' }, async () => {
    const app = await launchDevRun();
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

  test('the tray is created at start', { tag: '@smoke' }, async () => {
    const profile = freshProfile();
    if (process.platform === 'linux') {
      // Linux: seen for real, as the StatusNotifierItem a panel would get.
      const busMissing = unlessRequired(privateBusUnavailable());
      test.skip(busMissing !== null, `Skipped: ${busMissing}.`);
      const bus = await startPrivateBus();
      const watcher = await startStatusNotifierWatcher(await bus.connect());
      const app = await launchDevRun({
        env: { XMPLUS_CONFIG_DIR: profile, DBUS_SESSION_BUS_ADDRESS: bus.address },
      });
      try {
        const item = await watcher.waitForItem();
        expect((await item.properties()).status).toBe('Active');
        await item.signals.stop();
      } finally {
        await app.close();
        await watcher.stop();
        await bus.stop();
      }
      return;
    }
    // macOS and Windows have no bus to watch a tray on: the main log says the tray was created (a
    // tray that fails to be created fails the start, which the log would say instead).
    const app = await launchDevRun({ env: { XMPLUS_CONFIG_DIR: profile } });
    try {
      const window = await app.firstWindow();
      await expect.poll(() => window.url()).toMatch(/^app:\/\/renderer\//);
      const log = join(profile, 'logs', 'main.log');
      const logged = () => (existsSync(log) ? readFileSync(log, 'utf8') : '');
      await expect.poll(logged).toMatch(/tray created/);
      expect(logged()).not.toMatch(/no tray icon|start failed/i);
    } finally {
      await app.close();
    }
  });
});
