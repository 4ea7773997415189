// The start-at-login switch per platform at the mocked Electron boundary; on Linux it writes the
// real XDG entry into a temporary config folder.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { electronMock } from './electron-mock';

vi.mock('electron', () => electronMock);
const { setStartAtLogin, startedHidden } = await import('../../../src/main/electron/login-item');

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'xmplus-login-'));
  vi.clearAllMocks();
  electronMock.app.loginItems = { openAtLogin: false, wasOpenedAtLogin: false };
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('setStartAtLogin', () => {
  it('Windows: a login item that starts hidden, and off again', async () => {
    await setStartAtLogin(true, { platform: 'win32' });
    expect(electronMock.app.setLoginItemSettings).toHaveBeenLastCalledWith({
      openAtLogin: true,
      args: ['--hidden'],
    });
    await setStartAtLogin(false, { platform: 'win32' });
    expect(electronMock.app.setLoginItemSettings).toHaveBeenLastCalledWith({
      openAtLogin: false,
      args: ['--hidden'],
    });
  });

  it('macOS: a login item (no args there)', async () => {
    await setStartAtLogin(true, { platform: 'darwin' });
    expect(electronMock.app.setLoginItemSettings).toHaveBeenLastCalledWith({ openAtLogin: true });
    expect(electronMock.app.loginItems.openAtLogin).toBe(true);
  });

  it('Linux: writes and removes the XDG entry, launching the AppImage hidden; no login-item API', async () => {
    const env = { XDG_CONFIG_HOME: root, APPIMAGE: '/home/u/Apps/XMPlus Tray.AppImage' };
    const file = join(root, 'autostart', 'dev.xmplus.tray.desktop');
    await setStartAtLogin(true, { platform: 'linux', env, execPath: '/tmp/.mount_abc/xmplus-tray' });
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('Exec="/home/u/Apps/XMPlus Tray.AppImage" --hidden\n');
    expect(text).toContain('Name=XMPlus Tray\n');
    expect(text).toContain('Icon=xmplus-tray\n');
    await setStartAtLogin(false, { platform: 'linux', env });
    expect(existsSync(file)).toBe(false);
    expect(electronMock.app.setLoginItemSettings).not.toHaveBeenCalled();
  });
});

describe('startedHidden', () => {
  it('is true with --hidden on every platform', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      expect(startedHidden(['/app', '--hidden'], platform)).toBe(true);
      electronMock.app.loginItems.wasOpenedAtLogin = false;
      expect(startedHidden(['/app'], platform)).toBe(false);
    }
  });

  it('is true on macOS when the system opened the app at login', () => {
    electronMock.app.loginItems.wasOpenedAtLogin = true;
    expect(startedHidden(['/app'], 'darwin')).toBe(true);
    expect(startedHidden(['/app'], 'linux')).toBe(false);
  });
});
