// The packaged app's refusal of debugging switches: which arguments count (parsed as Chromium parses
// its command line), that a packaged launch with one tells the user in their language (read before
// `ready`, when app.getLocale() is still empty) and exits 1 before anything starts, and that a
// development run keeps them.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { app, dialog, electronMock } from './electron-mock';

vi.mock('electron', () => electronMock);
const { debugSwitchIn, launchLocale, refuseDebugLaunch } =
  await import('../../../src/main/electron/launch-switches');

describe('debugSwitchIn', () => {
  it.each([
    [['--remote-debugging-port=9222'], '--remote-debugging-port'],
    [['--remote-debugging-port', '9222'], '--remote-debugging-port'],
    [['--remote-debugging-pipe'], '--remote-debugging-pipe'],
    [['--inspect'], '--inspect'],
    [['--inspect=127.0.0.1:9229'], '--inspect'],
    [['--inspect-brk=9229'], '--inspect-brk'],
    [['--inspect-brk-node'], '--inspect-brk-node'],
    [['--inspect-port=0'], '--inspect-port'],
    [['--inspect-publish-uid=http'], '--inspect-publish-uid'],
    [['--js-flags=--allow-natives-syntax'], '--js-flags'],
    // Chromium takes one dash as well as two.
    [['-remote-debugging-port=9222'], '--remote-debugging-port'],
    [['--hidden', 'xmplus://open', '--inspect'], '--inspect'],
  ])('%j is refused as %s', (args, found) => {
    expect(debugSwitchIn(args, 'linux')).toBe(found);
  });

  it.each([
    [[]],
    [['--hidden']],
    [['status', '--waybar']],
    [['--no-sandbox-please-not']],
    [['--remote-debugging-address=127.0.0.1']],
    [['--inspector-theme']],
    [['inspect']],
    // After a bare `--` nothing is a switch (Chromium stops parsing there).
    [['--', '--remote-debugging-port=9222']],
    // `/` is a switch prefix only on Windows.
    [['/remote-debugging-port=9222']],
  ])('%j is allowed', (args) => {
    expect(debugSwitchIn(args, 'linux')).toBeNull();
  });

  it('on Windows also reads /switch and ignores case, as Chromium does there', () => {
    expect(debugSwitchIn(['/remote-debugging-port=9222'], 'win32')).toBe('--remote-debugging-port');
    expect(debugSwitchIn(['--Remote-Debugging-Port=9222'], 'win32')).toBe('--Remote-Debugging-Port');
    expect(debugSwitchIn(['--INSPECT'], 'win32')).toBe('--INSPECT');
    expect(debugSwitchIn(['C:/Users/me/file.txt'], 'win32')).toBeNull();
  });
});

describe('refuseDebugLaunch', () => {
  beforeEach(() => {
    app.exit.mockClear();
    dialog.showErrorBox.mockClear();
    app.getPreferredSystemLanguages.mockReset().mockReturnValue(['en-US']);
    // Before ready Chromium has no application locale yet.
    app.getLocale.mockReturnValue('');
  });
  afterEach(() => {
    app.getPreferredSystemLanguages.mockReset().mockReturnValue(['en-US']);
    app.getLocale.mockReturnValue('en-US');
  });

  /** The title and body a packaged launch with --remote-debugging-port shows. */
  function refusal(env: Record<string, string | undefined> = {}): [string, string] {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const refused = refuseDebugLaunch({
        argv: ['/opt/XMPlus Tray/xmplus-tray', '--remote-debugging-port=9222'],
        platform: 'linux',
        isPackaged: true,
        env,
      });
      expect(refused).toBe(true);
      expect(app.exit).toHaveBeenCalledWith(1);
      const [title, body] = dialog.showErrorBox.mock.calls.at(-1)!;
      expect(String(stderr.mock.calls[0]![0])).toContain(title);
      return [title, body];
    } finally {
      stderr.mockRestore();
    }
  }

  it('a packaged app with --remote-debugging-port says why in the OS language and exits 1', () => {
    app.getPreferredSystemLanguages.mockReturnValue(['ru-RU', 'en-US']);
    const [title, body] = refusal();
    expect(title).toBe('XMPlus Tray не запускается с --remote-debugging-port');
    expect(body).toContain('--remote-debugging-port');
  });

  it.each([
    [['fa-IR'], 'XMPlus Tray با --remote-debugging-port اجرا نمی‌شود'],
    // macOS names the script: zh-Hans-CN.
    [['zh-Hans-CN', 'en-US'], 'XMPlus Tray 不会带 --remote-debugging-port 启动'],
    [['en-GB', 'ru-RU'], 'XMPlus Tray will not start with --remote-debugging-port'],
    [['de-DE'], 'XMPlus Tray will not start with --remote-debugging-port'],
  ])('preferred languages %j give the title %s', (languages, title) => {
    app.getPreferredSystemLanguages.mockReturnValue(languages);
    expect(refusal()[0]).toBe(title);
  });

  it('with no preferred language named, the POSIX locale variables decide', () => {
    app.getPreferredSystemLanguages.mockReturnValue([]);
    expect(refusal({ LANG: 'ru_RU.UTF-8' })[0]).toBe('XMPlus Tray не запускается с --remote-debugging-port');
    expect(refusal({ LC_ALL: 'fa_IR.UTF-8', LANG: 'ru_RU.UTF-8' })[0]).toBe(
      'XMPlus Tray با --remote-debugging-port اجرا نمی‌شود',
    );
    expect(refusal({})[0]).toBe('XMPlus Tray will not start with --remote-debugging-port');
  });

  it('never asks app.getLocale(), which is empty before ready', () => {
    app.getLocale.mockClear();
    app.getPreferredSystemLanguages.mockReturnValue(['zh-CN']);
    expect(launchLocale({ LANG: 'ru_RU.UTF-8' })).toBe('zh-CN');
    refusal();
    expect(app.getLocale).not.toHaveBeenCalled();
  });

  it('does not read the executable path as an argument, and lets a clean launch through', () => {
    const refused = refuseDebugLaunch({
      argv: ['--inspect-looking-install-dir/xmplus-tray', '--hidden'],
      platform: 'linux',
      isPackaged: true,
      env: {},
    });
    expect(refused).toBe(false);
    expect(app.exit).not.toHaveBeenCalled();
    expect(dialog.showErrorBox).not.toHaveBeenCalled();
  });

  it('a development run keeps its debugging switches', () => {
    const refused = refuseDebugLaunch({
      argv: ['electron', '.', '--inspect=9229', '--remote-debugging-port=9222'],
      platform: 'linux',
      isPackaged: false,
      env: {},
    });
    expect(refused).toBe(false);
    expect(app.exit).not.toHaveBeenCalled();
  });
});
