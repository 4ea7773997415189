// The app's clipboard: the text goes out in one write with the markers each desktop honours for
// secrets; "copied" only once the write settled; a minute later, or at quit if that comes first,
// the clipboard is cleared if it still holds the app's text (never someone else's, never with the
// setting off); a refused write says so without repeating the text. Virtual timers; the clipboard
// is the Electron mock's.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clipboard, electronMock } from './electron-mock';
import { expectErr } from '../../support/expect';

vi.mock('electron', () => electronMock);
const { createClipboard, holdQuitForClear, CLEAR_CLIPBOARD_AFTER_MS, READ_LIMIT_MS } =
  await import('../../../src/main/electron/clipboard');
type AppClipboard = ReturnType<typeof createClipboard>;

const LINK = 'https://panel.example.com/link/abcdef123456?client=meta';
const raw = (format: string) => `electron application/osclipboard;format="${format}"`;
let clearSetting: boolean;
let made: AppClipboard[];

const make = (platform: NodeJS.Platform = 'linux') => {
  const clipboardOfApp = createClipboard({ platform, clearAfterCopy: () => clearSetting });
  made.push(clipboardOfApp);
  return clipboardOfApp;
};

/**
 * Electron's quit as far as before-quit goes: each quit emits before-quit, whose first step is the
 * shell's (holdQuitForClear), and the app ends unless that step prevented it.
 */
const quitter = (appClipboard: AppClipboard) => {
  let end: () => void = () => undefined;
  const ended = new Promise<void>((resolve) => (end = resolve));
  const log = { prevented: 0, ended: false };
  const quit = () => {
    const event = { preventDefault: () => (log.prevented += 1) };
    if (holdQuitForClear(appClipboard, event, quit)) return;
    log.ended = true;
    end();
  };
  return { quit, ended, log };
};
/** Lets the clipboard's promise chains run (the fake's calls are all promise-based). */
const settle = async () => {
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
};

beforeEach(() => {
  vi.useFakeTimers();
  clipboard.reset();
  clearSetting = true;
  made = [];
});
afterEach(async () => {
  clearSetting = false;
  for (const clipboardOfApp of made) await clipboardOfApp.clearNow();
  vi.useRealTimers();
});

describe('marking copies as sensitive', () => {
  it('Windows: excluded from monitors, clipboard history (DWORD 0) and cloud sync, in the same write', async () => {
    expect(await make('win32').write(LINK)).toEqual({ ok: true, value: { copied: true } });
    expect(clipboard.write).toHaveBeenCalledTimes(1);
    expect(Object.keys(clipboard.entry).sort()).toEqual(
      [
        'text/plain',
        raw('CanIncludeInClipboardHistory'),
        raw('CanUploadToCloudClipboard'),
        raw('ExcludeClipboardContentFromMonitorProcessing'),
      ].sort(),
    );
    expect(clipboard.entry['text/plain']).toBe(LINK);
    for (const format of ['CanIncludeInClipboardHistory', 'CanUploadToCloudClipboard']) {
      const bytes = new Uint8Array(await (clipboard.entry[raw(format)] as Blob).arrayBuffer());
      expect([...bytes], format).toEqual([0, 0, 0, 0]);
    }
    // The secret is written once, as the text; no marker repeats it.
    for (const [type, value] of Object.entries(clipboard.entry))
      if (type !== 'text/plain') expect(await (value as Blob).text()).not.toContain('panel.example.com');
  });

  it('macOS: org.nspasteboard.ConcealedType beside the text', async () => {
    await make('darwin').write(LINK);
    expect(Object.keys(clipboard.entry)).toEqual(['text/plain', raw('org.nspasteboard.ConcealedType')]);
  });

  it('Linux: the KDE password-manager hint "secret"', async () => {
    await make('linux').write(LINK);
    expect(await (clipboard.entry[raw('x-kde-passwordManagerHint')] as Blob).text()).toBe('secret');
  });

  it('a desktop that refuses the marked write still gets the text', async () => {
    clipboard.write.mockRejectedValueOnce(new Error('unsupported format'));
    expect((await make('win32').write(LINK)).ok).toBe(true);
    expect(clipboard.entry).toEqual({ 'text/plain': LINK });
  });
});

describe('copy result', () => {
  it('reports copied only after the write has settled', async () => {
    vi.useRealTimers();
    let settleWrite: () => void = () => undefined;
    clipboard.write.mockImplementationOnce(() => new Promise<void>((resolve) => (settleWrite = resolve)));
    let answered = false;
    const pending = make()
      .write(LINK)
      .then((result) => {
        answered = true;
        return result;
      });
    // Every queued microtask runs before a macrotask: a premature answer would be in by now.
    await new Promise((resolve) => setImmediate(resolve));
    expect(answered).toBe(false);
    settleWrite();
    expect(await pending).toEqual({ ok: true, value: { copied: true } });
  });

  it('turns a refused write into an error value that does not repeat the text', async () => {
    const refuse = async () => {
      throw new Error(`denied ${LINK}`);
    };
    clipboard.write.mockImplementationOnce(refuse);
    clipboard.writeText.mockImplementationOnce(refuse);
    const error = expectErr(await make().write(LINK), 'internal');
    expect(error.message).not.toContain('abcdef123456');
  });
});

describe('clearing after a minute', () => {
  it('clears the app text when the minute is up, not before', async () => {
    await make().write(LINK);
    await vi.advanceTimersByTimeAsync(CLEAR_CLIPBOARD_AFTER_MS - 1);
    expect(clipboard.entry['text/plain']).toBe(LINK);
    await vi.advanceTimersByTimeAsync(1);
    await settle();
    expect(clipboard.entry).toEqual({});
    expect(clipboard.clears).toBe(1);
  });

  it('leaves alone what the user copied since', async () => {
    await make().write(LINK);
    await vi.advanceTimersByTimeAsync(10_000);
    clipboard.set({ 'text/plain': 'a shopping list' });
    await vi.advanceTimersByTimeAsync(CLEAR_CLIPBOARD_AFTER_MS);
    await settle();
    expect(clipboard.entry).toEqual({ 'text/plain': 'a shopping list' });
    expect(clipboard.clears).toBe(0);
  });

  it('a second copy restarts the minute and only its own text is cleared', async () => {
    const app = make();
    await app.write(LINK);
    await vi.advanceTimersByTimeAsync(50_000);
    await app.write('vless://uuid@host:443#Server');
    await vi.advanceTimersByTimeAsync(50_000);
    await settle();
    expect(clipboard.entry['text/plain']).toBe('vless://uuid@host:443#Server');
    await vi.advanceTimersByTimeAsync(10_000);
    await settle();
    expect(clipboard.entry).toEqual({});
    expect(clipboard.clears).toBe(1);
  });

  it('with the setting off nothing is cleared, including a copy made before it was turned off', async () => {
    clearSetting = false;
    await make().write(LINK);
    await vi.advanceTimersByTimeAsync(CLEAR_CLIPBOARD_AFTER_MS * 2);
    await settle();
    expect(clipboard.entry['text/plain']).toBe(LINK);

    clearSetting = true;
    await make().write(LINK);
    clearSetting = false;
    await vi.advanceTimersByTimeAsync(CLEAR_CLIPBOARD_AFTER_MS);
    await settle();
    expect(clipboard.clears).toBe(0);
  });
});

describe('at quit', () => {
  it('a pending clear happens before the app ends, when the clipboard still holds the app copy', async () => {
    const appClipboard = make();
    await appClipboard.write(LINK);
    await vi.advanceTimersByTimeAsync(10_000);
    const app = quitter(appClipboard);
    app.quit();
    expect(app.log).toEqual({ prevented: 1, ended: false });
    await app.ended;
    expect(clipboard.entry).toEqual({});
    expect(clipboard.clears).toBe(1);
    // The quit that went through was the second one; nothing is left to clear at the minute.
    expect(app.log).toEqual({ prevented: 1, ended: true });
    expect(appClipboard.clearPending()).toBe(false);
    await vi.advanceTimersByTimeAsync(CLEAR_CLIPBOARD_AFTER_MS);
    await settle();
    expect(clipboard.readText).toHaveBeenCalledTimes(1);
  });

  it('leaves alone what the user copied since', async () => {
    const appClipboard = make();
    await appClipboard.write(LINK);
    clipboard.set({ 'text/plain': 'a shopping list' });
    const app = quitter(appClipboard);
    app.quit();
    await app.ended;
    expect(clipboard.entry).toEqual({ 'text/plain': 'a shopping list' });
    expect(clipboard.clears).toBe(0);
  });

  it('leaves the copy alone when the setting was turned off since', async () => {
    const appClipboard = make();
    await appClipboard.write(LINK);
    clearSetting = false;
    const app = quitter(appClipboard);
    app.quit();
    await app.ended;
    expect(clipboard.entry['text/plain']).toBe(LINK);
    expect(clipboard.clears).toBe(0);
  });

  it('with no clear pending the quit goes straight through and the clipboard is not touched', async () => {
    const appClipboard = make();
    const app = quitter(appClipboard);
    app.quit();
    expect(app.log).toEqual({ prevented: 0, ended: true });

    // Copied with the setting off: nothing was ever pending.
    clearSetting = false;
    await appClipboard.write(LINK);
    clearSetting = true;
    const again = quitter(appClipboard);
    again.quit();
    expect(again.log).toEqual({ prevented: 0, ended: true });

    // The minute already passed and cleared it.
    await appClipboard.write(LINK);
    await vi.advanceTimersByTimeAsync(CLEAR_CLIPBOARD_AFTER_MS);
    await settle();
    clipboard.set({ 'text/plain': LINK });
    const late = quitter(appClipboard);
    late.quit();
    expect(late.log).toEqual({ prevented: 0, ended: true });
    expect(clipboard.entry['text/plain']).toBe(LINK);
    expect(clipboard.readText).toHaveBeenCalledTimes(1);
  });

  it('waits for the minute check already under way', async () => {
    let answer: (text: string) => void = () => undefined;
    clipboard.readText.mockImplementationOnce(() => new Promise<string>((resolve) => (answer = resolve)));
    const appClipboard = make();
    await appClipboard.write(LINK);
    await vi.advanceTimersByTimeAsync(CLEAR_CLIPBOARD_AFTER_MS);
    const app = quitter(appClipboard);
    app.quit();
    await settle();
    expect(app.log).toEqual({ prevented: 1, ended: false });
    answer(LINK);
    await app.ended;
    expect(clipboard.clears).toBe(1);
  });

  it('a clipboard that never answers does not keep the app from quitting, and nothing is cleared', async () => {
    const appClipboard = make();
    await appClipboard.write(LINK);
    clipboard.readText.mockImplementationOnce(() => new Promise<string>(() => undefined));
    const app = quitter(appClipboard);
    app.quit();
    await vi.advanceTimersByTimeAsync(READ_LIMIT_MS);
    await app.ended;
    expect(clipboard.clears).toBe(0);
  });
});
