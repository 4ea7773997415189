// The packaged app's refusal of debugging switches: which arguments count (parsed as Chromium parses
// its command line), that a packaged launch with one tells the user in their language and exits 1
// before anything starts, and that a development run keeps them.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { app, dialog, electronMock } from './electron-mock';
import { mainText } from '../../../src/main/i18n';

vi.mock('electron', () => electronMock);
const { debugSwitchIn, refuseDebugLaunch } = await import('../../../src/main/electron/launch-switches');

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
  });

  it('a packaged app with --remote-debugging-port says why in the user language and exits 1', () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const refused = refuseDebugLaunch({
        argv: ['/opt/XMPlus Tray/xmplus-tray', '--remote-debugging-port=9222'],
        platform: 'linux',
        isPackaged: true,
        text: mainText('ru', 'ru-RU'),
      });
      expect(refused).toBe(true);
      expect(app.exit).toHaveBeenCalledWith(1);
      const [title, body] = dialog.showErrorBox.mock.calls[0]!;
      expect(title).toBe('XMPlus Tray не запускается с --remote-debugging-port');
      expect(body).toContain('--remote-debugging-port');
      expect(String(stderr.mock.calls[0]![0])).toContain(title);
    } finally {
      stderr.mockRestore();
    }
  });

  it('does not read the executable path as an argument, and lets a clean launch through', () => {
    const refused = refuseDebugLaunch({
      argv: ['--inspect-looking-install-dir/xmplus-tray', '--hidden'],
      platform: 'linux',
      isPackaged: true,
      text: mainText('en', 'en-US'),
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
      text: mainText('en', 'en-US'),
    });
    expect(refused).toBe(false);
    expect(app.exit).not.toHaveBeenCalled();
  });
});
