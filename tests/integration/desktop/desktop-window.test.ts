// The window reader the packaged-app specs rely on (tests/support/desktop-window.ts), tried on a real
// X display against a real Chromium window: Debian's chromium, the same browser engine Electron
// runs, sets the same _NET_WM_PID on its top-level window. Its window must be found while shown, by
// its process id only, and be gone once the process ends.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, CHROMIUM_QUIET_ARGS } from '../../support/chromium';
import { desktopWindowsUnavailable, parseWindowTree, shownWindows } from '../../support/desktop-window';

const chromium = CHROMIUM_PATH;
const unavailable =
  process.platform !== 'linux'
    ? `the X11 reader is tried on Linux (this is ${process.platform})`
    : (desktopWindowsUnavailable() ??
      (existsSync(chromium) ? null : `no Chromium at ${chromium} (Debian package chromium)`));

describe('parseWindowTree', () => {
  it('reads ids, titles and sizes of `xwininfo -root -tree`, keeping windows of at least the given size', () => {
    const printed = [
      '',
      'xwininfo: Window id: 0x3ba (the root window) (has no name)',
      '',
      '  Root window id: 0x3ba (the root window) (has no name)',
      '  Parent window id: 0x0 (none)',
      '     3 children:',
      '     0x200002 "XMPlus \\"Tray\\"": ("xmplus-tray" "XMPlus Tray")  1040x720+10+10  +10+10',
      '        1 child:',
      '        0x200010 (has no name): ()  1040x720+0+0  +10+10',
      '     0x400001 "chromium": ("chromium" "Chromium")  10x10+10+10  +10+10',
      '     0x200000 "Chromium clipboard": ()  10x10+-100+-100  +-100+-100',
    ].join('\n');
    expect(parseWindowTree(printed, 100)).toEqual([
      { id: '0x200002', title: 'XMPlus "Tray"', width: 1040, height: 720 },
      { id: '0x200010', title: '', width: 1040, height: 720 },
    ]);
    expect(parseWindowTree(printed).map((w) => w.id)).toEqual([
      '0x200002',
      '0x200010',
      '0x400001',
      '0x200000',
    ]);
  });
});

describe.skipIf(unavailable !== null)(
  `shownWindows on X11${unavailable ? ` (skipped: ${unavailable})` : ''}`,
  () => {
    let browser: ChildProcess | null = null;
    let profile = '';

    afterEach(async () => {
      if (browser && browser.exitCode === null) {
        const exited = new Promise((resolve) => browser!.once('exit', resolve));
        browser.kill();
        await exited;
      }
      browser = null;
      if (profile) rmSync(profile, { recursive: true, force: true });
    });

    it('finds a shown window by its process id, and no longer once the process has ended', async () => {
      profile = mkdtempSync(join(tmpdir(), 'xmplus-window-'));
      browser = spawn(
        chromium,
        [
          '--ozone-platform=x11',
          ...CHROMIUM_QUIET_ARGS,
          `--user-data-dir=${profile}`,
          '--window-size=800,600',
          'data:text/html,<title>window probe</title>',
        ],
        { stdio: 'ignore' },
      );
      const pid = browser.pid!;
      await expect
        .poll(async () => (await shownWindows(pid)).some((w) => w.title.includes('window probe')), {
          timeout: 30_000,
          interval: 250,
        })
        .toBe(true);
      const window = (await shownWindows(pid)).find((w) => w.title.includes('window probe'))!;
      expect(window.width).toBeGreaterThanOrEqual(400);
      expect(window.height).toBeGreaterThanOrEqual(300);

      // Another process's windows are not this one's.
      expect(await shownWindows(process.pid)).toEqual([]);

      const exited = new Promise((resolve) => browser!.once('exit', resolve));
      browser.kill();
      await exited;
      await expect.poll(() => shownWindows(pid), { timeout: 10_000, interval: 250 }).toEqual([]);
    }, 60_000);
  },
);
