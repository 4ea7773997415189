import { beforeEach, describe, expect, it, vi } from 'vitest';
import { electronMock, FakeBrowserWindow } from './electron-mock';
import { expectErr } from '../../support/expect';

vi.mock('electron', () => electronMock);

const { CONTENT_SECURITY_POLICY, openExternalSafely, lockDownContents, isAppUrl, secureWebPreferences } =
  await import('../../../src/main/electron/security');
const { createMainWindow, pageOrigin } = await import('../../../src/main/electron/window');

beforeEach(() => {
  electronMock.shell.openExternal.mockClear();
  FakeBrowserWindow.created.length = 0;
});

describe('window factory', () => {
  it('shows the window once its page is ready, and says so with the page origin only', () => {
    const shown: string[] = [];
    createMainWindow({
      preloadPath: 'p',
      devServerUrl: undefined,
      title: 't',
      onShown: (origin) => shown.push(origin),
      onClosed: () => {},
    });
    const win = FakeBrowserWindow.created[0]!;
    expect(win.visible).toBe(false);
    expect(shown).toEqual([]);
    win.emit('ready-to-show');
    expect(win.visible).toBe(true);
    expect(shown).toEqual(['app://renderer']);
  });

  it('names a page by scheme and host, never its path or query', () => {
    expect(pageOrigin('app://renderer/index.html#/settings')).toBe('app://renderer');
    expect(pageOrigin('http://localhost:5173/?token=abc')).toBe('http://localhost:5173');
    expect(pageOrigin('not a url')).toBe('unknown');
  });

  it('creates windows with isolated, sandboxed, node-free web preferences and loads app://', () => {
    createMainWindow({
      preloadPath: '/x/preload/index.cjs',
      devServerUrl: undefined,
      title: 't',
      onClosed: () => {},
    });
    const win = FakeBrowserWindow.created[0]!;
    // Stated whole, so a preference added, dropped or loosened fails here (Electron's security
    // checklist: https://www.electronjs.org/docs/latest/tutorial/security).
    const expected = {
      preload: '/x/preload/index.cjs',
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
    expect(win.options.webPreferences).toEqual(expected);
    expect(secureWebPreferences('/x/preload/index.cjs')).toEqual(expected);
    expect(win.loaded).toBe('app://renderer/index.html');
  });

  it('denies every permission request', () => {
    createMainWindow({ preloadPath: 'p', devServerUrl: undefined, title: 't', onClosed: () => {} });
    const granted: boolean[] = [];
    FakeBrowserWindow.created[0]!.webContents.permissionHandler!(null, 'media', (g) => granted.push(g));
    expect(granted).toEqual([false]);
  });

  it('answers every permission check no, for the app itself too, and hands out no device', () => {
    createMainWindow({ preloadPath: 'p', devServerUrl: undefined, title: 't', onClosed: () => {} });
    const contents = FakeBrowserWindow.created[0]!.webContents;
    const check = contents.permissionCheckHandler!;
    // Permission names from Electron's setPermissionCheckHandler documentation.
    for (const permission of [
      'clipboard-read',
      'clipboard-sanitized-write',
      'media',
      'notifications',
      'geolocation',
      'hid',
      'serial',
      'usb',
      'fullscreen',
      'openExternal',
    ]) {
      expect(
        check(contents, permission, 'app://renderer', { embeddingOrigin: 'app://renderer' }),
        permission,
      ).toBe(false);
    }
    expect(contents.devicePermissionHandler!({ deviceType: 'usb', origin: 'app://renderer' })).toBe(false);
  });
});

describe('Content-Security-Policy', () => {
  const directives = Object.fromEntries(
    CONTENT_SECURITY_POLICY.split(';').map((d: string) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name, values];
    }),
  ) as Record<string, string[]>;

  it('allows only the app own scripts: no eval, no inline, no remote', () => {
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|unsafe-inline|https?:|\*/);
    expect(directives['default-src']).toEqual(["'none'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
  });
});

describe('navigation and window.open', () => {
  it('blocks navigation away from the app, allows the app itself', () => {
    const win = new FakeBrowserWindow({});
    lockDownContents(win.webContents as never, undefined);
    const away = {
      prevented: false,
      preventDefault() {
        this.prevented = true;
      },
    };
    win.webContents.emit('will-navigate', away, 'https://evil.example/');
    expect(away.prevented).toBe(true);
    const home = {
      prevented: false,
      preventDefault() {
        this.prevented = true;
      },
    };
    win.webContents.emit('will-navigate', home, 'app://renderer/index.html#/settings');
    expect(home.prevented).toBe(false);
  });

  it('denies window.open and hands only https links to the browser', async () => {
    const win = new FakeBrowserWindow({});
    lockDownContents(win.webContents as never, undefined);
    expect(win.webContents.windowOpenHandler!({ url: 'https://provider.example/help' })).toEqual({
      action: 'deny',
    });
    expect(win.webContents.windowOpenHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    await Promise.resolve();
    expect(electronMock.shell.openExternal.mock.calls.map((c) => c[0])).toEqual([
      'https://provider.example/help',
    ]);
  });

  it('knows the dev server as the app only when one is set', () => {
    expect(isAppUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isAppUrl('http://localhost:5173/', undefined)).toBe(false);
  });
});

describe('openExternal', () => {
  it.each([
    'http://example.com',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'wxp://pay',
    'smb://host/share',
    'not a url',
    'https://user:pw@example.com/',
  ])('refuses %s', async (url) => {
    const result = await openExternalSafely(url);
    expectErr(result);
    expect(electronMock.shell.openExternal).not.toHaveBeenCalled();
  });

  it('opens https URLs', async () => {
    const result = await openExternalSafely('https://checkout.example/pay?id=1');
    expect(result).toEqual({ ok: true, value: { opened: true } });
    expect(electronMock.shell.openExternal).toHaveBeenCalledWith('https://checkout.example/pay?id=1');
  });
});

describe('openExternal and import links', () => {
  it.each([
    'clash://install-config?name=A&url=https%3A%2F%2Fp.example%2Flink%2Fabc%3Fclient%3Dmeta',
    'clash-verge://install-config?name=A&url=https%3A%2F%2Fp.example%2Flink%2Fabc',
    'mihomo://install-config?url=https%3A%2F%2Fp.example%2Flink%2Fabc',
    'flclash://install-config?url=https%3A%2F%2Fp.example%2Flink%2Fabc',
    'sing-box://import-remote-profile?url=https%3A%2F%2Fp.example%2Flink%2Fabc#A',
    'hiddify://import/https://p.example/link/abc?client=singbox#A',
    'v2rayng://install-sub?url=https%3A%2F%2Fp.example%2Flink%2Fabc#A',
    'karing://install-config?url=https%3A%2F%2Fp.example%2Flink%2Fabc&name=A',
    'happ://add/https://p.example/link/abc?client=latest',
    'streisand://import/https://p.example/link/abc#A',
    'sub://aHR0cHM6Ly9wLmV4YW1wbGUvbGluay9hYmM#A',
  ])('opens the import link %s exactly as built', async (link) => {
    const result = await openExternalSafely(link);
    expect(result).toEqual({ ok: true, value: { opened: true } });
    expect(electronMock.shell.openExternal).toHaveBeenCalledWith(link);
  });

  it.each([
    'clashx://install-config?url=https%3A%2F%2Fp.example',
    'quantumult-x:///update-configuration?remote-resource=x',
    'vmess://eyJhZGQiOiJ4In0=',
    'clash://install-config?url=a b',
    'clash://install-config?url=x\nrm -rf',
  ])('refuses %s (not one of the import clients, or malformed)', async (link) => {
    const result = await openExternalSafely(link);
    expectErr(result);
    expect(electronMock.shell.openExternal).not.toHaveBeenCalled();
  });

  it('asks the OS for the handler of import schemes only', async () => {
    const { protocolHandlerName } = await import('../../../src/main/electron/security');
    electronMock.app.protocolHandlers.set('clash', 'Clash Verge');
    electronMock.app.protocolHandlers.set('https', 'Firefox');
    expect(await protocolHandlerName('clash')).toBe('Clash Verge');
    expect(await protocolHandlerName('sing-box')).toBeNull();
    expect(await protocolHandlerName('https')).toBeNull();
    expect(electronMock.app.getApplicationNameForProtocol).toHaveBeenCalledWith('clash://');
    electronMock.app.protocolHandlers.clear();
  });
});
