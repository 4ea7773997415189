// App links as each OS delivers them, at the mocked Electron boundary: Windows and Linux put the link
// in argv (the first instance's own process.argv, or a running instance's `second-instance` argv, with
// Chromium's switches inserted before it); macOS sends `open-url`, which can fire before `ready`
// (electron/electron#6537; oikonomopo/electron-deep-linking-mac-win#15: "handle the race between
// open-url and ready"). Whatever the way, the core keeps the link and the window asks first.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { app, electronMock } from './electron-mock';
import { makeCoreRig, type CoreRig } from '../../support/core-rig';
import { expectOk } from '../../support/expect';
import type { LinkOffer } from '../../../src/shared/contract';

vi.mock('electron', () => electronMock);
const { devRunAppPath, registerUrlScheme, watchAppLinks } =
  await import('../../../src/main/electron/app-link');

const SUB = 'https://sub.example.com/api/v1/client/subscribe?token=5f1c9a0e7b2d4c8a';
const LINK = `xmplus-tray://add?url=${encodeURIComponent(SUB)}&name=${encodeURIComponent('Home VPN')}`;

/** A Windows second launch as Electron hands it to the first: Chromium's switches, then the link. */
const WINDOWS_ARGV = [
  'C:\\Users\\me\\AppData\\Local\\Programs\\XMPlus Tray\\XMPlus Tray.exe',
  '--allow-file-access-from-files',
  '--original-process-start-time=13371234567890123',
  LINK,
];
/** Linux: the .desktop entry's `Exec=… %U` with the switches the launcher or Chromium adds. */
const LINUX_ARGV = [
  '/opt/XMPlus Tray/xmplus-tray',
  '--enable-features=UseOzonePlatform',
  '--no-sandbox',
  LINK,
];

let rig: CoreRig;
let delivered: string[];

beforeEach(async () => {
  app.removeAllListeners();
  app.setAsDefaultProtocolClient.mockClear();
  app.defaultProtocolClients.clear();
  rig = await makeCoreRig({ memory: true });
  delivered = [];
});
afterEach(async () => {
  await rig.dispose();
});

/** What the shell does with a delivered link (src/main/electron/main.ts). */
const toCore = (link: string) => {
  delivered.push(link);
  return rig.core.actions.receiveAppLink(link);
};

async function offered(): Promise<LinkOffer> {
  const offer = expectOk(await rig.call<LinkOffer | null>('app.takeAddRequest'));
  expect(offer).not.toBeNull();
  return offer!;
}

describe('app links as the OS delivers them', () => {
  it('Windows: a second launch’s argv through second-instance, switches before the link', async () => {
    const inbox = watchAppLinks('xmplus-tray', ['C:\\…\\XMPlus Tray.exe']);
    inbox.deliverTo(toCore);
    app.emit('second-instance', { preventDefault() {} }, WINDOWS_ARGV, 'C:\\', {});
    expect(delivered).toEqual([LINK]);
    const offer = await offered();
    // The window learns the host and a shortened link, never the token.
    expect(offer).toMatchObject({ source: 'appLink', host: 'sub.example.com', name: 'Home VPN' });
    expect(offer.shortLink).toBe('https://sub.example.com/…4c8a');
    expect(JSON.stringify(offer)).not.toContain('5f1c9a0e');
    expect(rig.events.filter((e) => e.event === 'addRequest')).toHaveLength(1);
    // Accepting hands over the link, once.
    expect(expectOk(await rig.call('app.revealLink', { id: offer.id }))).toEqual({
      url: SUB,
      name: 'Home VPN',
    });
    expect((await rig.call('app.revealLink', { id: offer.id })).ok).toBe(false);
  });

  it('Linux: the same through second-instance; a launch without a link only shows the window', async () => {
    const inbox = watchAppLinks('xmplus-tray', ['/opt/XMPlus Tray/xmplus-tray']);
    inbox.deliverTo(toCore);
    app.emit('second-instance', {}, ['/opt/XMPlus Tray/xmplus-tray', '--no-sandbox'], '/home/me', {});
    expect(delivered).toEqual([]);
    app.emit('second-instance', {}, LINUX_ARGV, '/home/me', {});
    expect(delivered).toEqual([LINK]);
    expect((await offered()).host).toBe('sub.example.com');
  });

  it('Windows and Linux first launch: the link in the first instance’s own process.argv', async () => {
    const inbox = watchAppLinks('xmplus-tray', LINUX_ARGV);
    expect(delivered).toEqual([]); // nothing reaches the core before it runs
    inbox.deliverTo(toCore);
    expect(delivered).toEqual([LINK]);
    expect((await offered()).name).toBe('Home VPN');
  });

  it('macOS: open-url before ready is queued and handed over once the core runs', async () => {
    const inbox = watchAppLinks('xmplus-tray', ['/Applications/XMPlus Tray.app/Contents/MacOS/XMPlus Tray']);
    const preventDefault = vi.fn();
    app.emit('open-url', { preventDefault }, LINK);
    expect(preventDefault).toHaveBeenCalled();
    expect(delivered).toEqual([]);
    inbox.deliverTo(toCore);
    expect(delivered).toEqual([LINK]);
    expect((await offered()).source).toBe('appLink');
  });

  it('macOS: open-url after ready goes to the core at once', async () => {
    const inbox = watchAppLinks('xmplus-tray', []);
    inbox.deliverTo(toCore);
    app.emit('open-url', { preventDefault() {} }, LINK);
    expect(delivered).toEqual([LINK]);
    expect((await offered()).host).toBe('sub.example.com');
  });

  it('a link that is not an add request is ignored with a reason that does not repeat it', async () => {
    const inbox = watchAppLinks('xmplus-tray', []);
    const reasons: string[] = [];
    inbox.deliverTo((link) => {
      const received = rig.core.actions.receiveAppLink(link);
      if (!received.accepted) reasons.push(received.why);
    });
    app.emit('open-url', { preventDefault() {} }, `xmplus-tray://delete?url=${encodeURIComponent(SUB)}`);
    app.emit(
      'open-url',
      { preventDefault() {} },
      `xmplus-tray://add?url=${encodeURIComponent('file:///etc/passwd')}`,
    );
    expect(reasons).toEqual(['unknown action', 'url is not an http(s) link']);
    expect(reasons.join(' ')).not.toContain('sub.example.com');
    expect(expectOk(await rig.call('app.takeAddRequest'))).toBeNull();
  });

  it('a branded build answers its own scheme, not the default one', async () => {
    const inbox = watchAppLinks('acmevpn', []);
    inbox.deliverTo(toCore);
    app.emit('second-instance', {}, ['acme.exe', LINK], 'C:\\', {});
    expect(delivered).toEqual([]);
    app.emit('second-instance', {}, ['acme.exe', LINK.replace('xmplus-tray:', 'acmevpn:')], 'C:\\', {});
    expect(delivered).toHaveLength(1);
  });
});

describe('registering the scheme with the OS', () => {
  it('the packaged app registers itself', () => {
    expect(
      registerUrlScheme('xmplus-tray', {
        isPackaged: true,
        defaultApp: false,
        execPath: '/opt/x',
        argv: ['/opt/x'],
      }),
    ).toBe(true);
    expect(app.defaultProtocolClients.get('xmplus-tray')).toEqual({ path: undefined, args: undefined });
  });

  it('a development run registers electron with the app path, so the link reaches this app', () => {
    registerUrlScheme('xmplus-tray', {
      isPackaged: false,
      defaultApp: true,
      execPath: '/repo/node_modules/electron/dist/electron',
      argv: ['/repo/node_modules/electron/dist/electron', 'out/main/index.js'],
    });
    const registered = app.defaultProtocolClients.get('xmplus-tray');
    expect(registered?.path).toBe('/repo/node_modules/electron/dist/electron');
    expect(registered?.args?.[0]).toMatch(/^\/.*out\/main\/index\.js$/);
  });

  it('a development run with switches before the app path registers that path, not a switch', () => {
    // As Playwright starts Electron: its debugging switches first, then the app, then the test's own.
    registerUrlScheme('xmplus-tray', {
      isPackaged: false,
      defaultApp: true,
      execPath: '/repo/node_modules/electron/dist/electron',
      argv: [
        '/repo/node_modules/electron/dist/electron',
        '--inspect=0',
        '--remote-debugging-port=0',
        '-r',
        '/repo/tests/electron/hooks/record-dialogs.cjs',
        '/repo/out/main/index.js',
        '--user-data-dir=/tmp/x',
      ],
    });
    expect(app.setAsDefaultProtocolClient).toHaveBeenCalledWith(
      'xmplus-tray',
      '/repo/node_modules/electron/dist/electron',
      ['/repo/out/main/index.js'],
    );
  });

  it('a development run whose argv names no app registers nothing', () => {
    expect(
      registerUrlScheme('xmplus-tray', {
        isPackaged: false,
        defaultApp: true,
        execPath: '/repo/node_modules/electron/dist/electron',
        argv: ['/repo/node_modules/electron/dist/electron', '--no-sandbox', '-r', 'hook.cjs'],
      }),
    ).toBe(false);
    expect(app.setAsDefaultProtocolClient).not.toHaveBeenCalled();
  });

  it('an unpackaged run without its app path registers nothing', () => {
    expect(
      registerUrlScheme('xmplus-tray', {
        isPackaged: false,
        defaultApp: false,
        execPath: '/x',
        argv: ['/x'],
      }),
    ).toBe(false);
    expect(app.setAsDefaultProtocolClient).not.toHaveBeenCalled();
  });
});

describe('the app path of a development run, read as Electron’s default_app reads it', () => {
  const ELECTRON = '/repo/node_modules/electron/dist/electron';
  it.each([
    [[ELECTRON, '/repo'], '/repo'],
    [[ELECTRON, '.', 'xmplus-tray://add'], '.'],
    [[ELECTRON, '--no-sandbox', '/repo'], '/repo'],
    [[ELECTRON, '-r', 'hook.cjs', '/repo', '--user-data-dir=/tmp/x'], '/repo'],
    [[ELECTRON, '--require', 'hook.cjs', '-r', 'other.cjs', '/repo'], '/repo'],
    // Playwright's own switches come first.
    [
      [ELECTRON, '--inspect=0', '--remote-debugging-port=0', '/repo/out/main/index.js'],
      '/repo/out/main/index.js',
    ],
    // A module to preload may look like an app path; it is still the module.
    [[ELECTRON, '-r', '/repo/hook', '/repo/app'], '/repo/app'],
    [[ELECTRON, '--app=/repo/app', '/elsewhere'], '/repo/app'],
    // default_app skips a bare `--` like any other switch.
    [[ELECTRON, '--', '/repo'], '/repo'],
  ])('%j: %s', (argv, path) => {
    expect(devRunAppPath(argv)).toBe(path);
  });

  it.each([
    [[ELECTRON]],
    [[]],
    [[ELECTRON, '--no-sandbox']],
    [[ELECTRON, '--inspect=0', '--remote-debugging-port=0']],
    // The module's name is taken by -r, not the app's.
    [[ELECTRON, '-r', 'hook.cjs']],
    [[ELECTRON, '--require']],
    [[ELECTRON, '--app=']],
  ])('%j names no app', (argv) => {
    expect(devRunAppPath(argv)).toBeNull();
  });
});
