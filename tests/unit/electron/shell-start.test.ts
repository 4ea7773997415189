// The shell's start-up decisions at the mocked Electron boundary: development overrides are ignored
// by a packaged app, a CLI call is told apart from an app launch, a failed start tells the user in
// their language and exits non-zero, and "Open log folder" creates and opens the folder.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import electronLog from 'electron-log/node';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { app, dialog, electronMock } from './electron-mock';
import { expectErr } from '../../support/expect';

vi.mock('electron', () => electronMock);
const { shellOverrides } = await import('../../../src/main/electron/shell-env');
const { cliArguments } = await import('../../../src/main/electron/cli-mode');
const { reportStartFailure } = await import('../../../src/main/electron/start-failure');
const { openFolder } = await import('../../../src/main/electron/log-folder');
const { configureLog } = await import('../../../src/main/electron/log');
const { mainText } = await import('../../../src/main/i18n');

const env = {
  ELECTRON_RENDERER_URL: 'http://attacker.example:5173/',
  XMPLUS_PROVIDER_FILE: '/tmp/evil.json',
  XMPLUS_CONFIG_DIR: '/tmp/elsewhere',
};

describe('development overrides', () => {
  it('a packaged app ignores ELECTRON_RENDERER_URL, XMPLUS_PROVIDER_FILE and XMPLUS_CONFIG_DIR', () => {
    expect(shellOverrides(true, env)).toEqual({
      devServerUrl: undefined,
      configDir: undefined,
      providerFile: undefined,
    });
  });

  it('a development run takes them (npm run dev, npm run demo)', () => {
    expect(shellOverrides(false, env)).toEqual({
      devServerUrl: env.ELECTRON_RENDERER_URL,
      configDir: env.XMPLUS_CONFIG_DIR,
      providerFile: env.XMPLUS_PROVIDER_FILE,
    });
    expect(shellOverrides(false, { XMPLUS_CONFIG_DIR: '' }).configDir).toBeUndefined();
  });
});

describe('CLI call or app launch', () => {
  it.each([
    [['/opt/XMPlus Tray/xmplus-tray', 'status', '--waybar'], true, ['status', '--waybar']],
    [['/opt/XMPlus Tray/xmplus-tray', 'export', '--format', 'clash'], true, ['export', '--format', 'clash']],
    [['/opt/XMPlus Tray/xmplus-tray', '--help'], true, ['--help']],
    [['electron', '.', 'status', '--json'], false, ['status', '--json']],
    // Switches and preloaded modules before the app path, as default_app reads them.
    [['electron', '--no-sandbox', '.', 'status'], false, ['status']],
    [['electron', '-r', 'hook.cjs', '/repo', 'profiles'], false, ['profiles']],
  ])('%j (packaged %s) runs the CLI with %j', (argv, packaged, expected) => {
    expect(cliArguments(argv, packaged)).toEqual(expected);
  });

  it.each([
    [['/opt/XMPlus Tray/xmplus-tray'], true],
    [['/opt/XMPlus Tray/xmplus-tray', '--hidden'], true],
    [['/opt/XMPlus Tray/xmplus-tray', 'xmplus://import?url=x'], true],
    [['/opt/XMPlus Tray/xmplus-tray', '--enable-features=UseOzonePlatform'], true],
    [['electron', '.'], false],
    [['electron', 'out/main/index.js', '--hidden'], false],
    // Playwright's launch: its switches, a preloaded hook, the checkout, Chromium switches after it.
    [
      ['electron', '--inspect=0', '--remote-debugging-port=0', '-r', 'status', '/repo', '--user-data-dir=/t'],
      false,
    ],
    [['electron', '--no-sandbox'], false],
  ])('%j (packaged %s) starts the app', (argv, packaged) => {
    expect(cliArguments(argv, packaged)).toBeNull();
  });
});

describe('a failed start', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'xmplus-start-'));
    vi.clearAllMocks();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('shows an error box in the user language, logs the stack without the message, exits 1', () => {
    const log = configureLog(electronLog.create({ logId: 'start-ru' }), dir, { console: false });
    const error = new TypeError('settings store: EACCES password=hunter2');
    reportStartFailure(error, { text: mainText('ru', 'en-US'), log });
    expect(dialog.showErrorBox).toHaveBeenCalledTimes(1);
    const [title, body] = dialog.showErrorBox.mock.calls[0]!;
    expect(title).toBe(`Не удалось запустить ${app.name}`);
    expect(body).toContain('EACCES');
    expect(body).toContain(join(dir, 'logs'));
    expect(body).not.toContain('hunter2');
    expect(app.exit).toHaveBeenCalledWith(1);
    const logged = readFileSync(join(dir, 'logs', 'main.log'), 'utf8');
    expect(logged).toContain('start failed: TypeError');
    expect(logged).not.toContain('hunter2');
  });

  it('before the log exists, still tells the user and exits non-zero', () => {
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    reportStartFailure(new Error('no display'), { text: mainText('system', 'zh-CN'), log: null });
    write.mockRestore();
    expect(dialog.showErrorBox.mock.calls[0]![0]).toBe(`${app.name} 无法启动`);
    expect(app.exit).toHaveBeenCalledWith(1);
  });
});

describe('Open log folder', () => {
  it('creates the folder and opens it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xmplus-logdir-'));
    const folder = join(dir, 'logs');
    const result = await openFolder(folder);
    expect(result).toEqual({ ok: true, value: { opened: true } });
    expect(existsSync(folder)).toBe(true);
    expect(electronMock.shell.openPath).toHaveBeenCalledWith(folder);
    rmSync(dir, { recursive: true, force: true });
  });

  it("reports the file manager's refusal as an error value", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xmplus-logdir-'));
    electronMock.shell.openPath.mockResolvedValueOnce('No application is registered for folders');
    const result = await openFolder(join(dir, 'logs'));
    expect(expectErr(result).message).toContain('No application is registered');
    rmSync(dir, { recursive: true, force: true });
  });
});
