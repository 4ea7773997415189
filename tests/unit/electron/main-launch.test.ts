// The shell's entry at the mocked Electron boundary: a packaged launch with a debugging switch stops
// at the first check, exiting 1, before the single-instance lock, the CLI or anything else starts.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { app, dialog, electronMock } from './electron-mock';

vi.mock('electron', () => electronMock);
// electron-log's main entry and electron-store load the real Electron; this test reaches neither.
vi.mock('electron-log/main', () => ({ default: {} }));
vi.mock('electron-store', () => ({ default: class {} }));

const requestSingleInstanceLock = vi.fn(() => true);
Object.assign(app, { requestSingleInstanceLock, whenReady: vi.fn(() => new Promise(() => undefined)) });
const argv = process.argv;
const packaged = app.isPackaged;
afterAll(() => {
  process.argv = argv;
  app.isPackaged = packaged;
});

describe('main entry', () => {
  it('a packaged app launched with --remote-debugging-port exits 1 before taking the single-instance lock', async () => {
    app.isPackaged = true;
    process.argv = ['/opt/XMPlus Tray/xmplus-tray', '--remote-debugging-port=9222'];
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      await import('../../../src/main/electron/main');
    } finally {
      stderr.mockRestore();
    }
    expect(app.exit).toHaveBeenCalledWith(1);
    expect(dialog.showErrorBox).toHaveBeenCalledTimes(1);
    expect(dialog.showErrorBox.mock.calls[0]![0]).toContain('--remote-debugging-port');
    expect(requestSingleInstanceLock).not.toHaveBeenCalled();
  });
});
