import { beforeEach, describe, expect, it, vi } from 'vitest';
import { electronMock, clipboard } from './electron-mock';
import { expectErr } from '../../support/expect';

vi.mock('electron', () => electronMock);
const { writeClipboard } = await import('../../../src/main/electron/clipboard');

describe('clipboard (Electron 44+ writeText returns a Promise)', () => {
  beforeEach(() => {
    clipboard.writeText.mockReset();
  });

  it('reports copied only after the write has settled', async () => {
    let settle: () => void = () => undefined;
    clipboard.writeText.mockImplementation(() => new Promise<void>((resolve) => (settle = resolve)));
    let answered = false;
    const pending = writeClipboard('https://panel.example.com/link/abc').then((result) => {
      answered = true;
      return result;
    });
    // Every queued microtask runs before a macrotask: a premature answer would be in by now.
    await new Promise((resolve) => setImmediate(resolve));
    expect(answered).toBe(false);
    settle();
    expect(await pending).toEqual({ ok: true, value: { copied: true } });
    expect(clipboard.writeText).toHaveBeenCalledWith('https://panel.example.com/link/abc');
  });

  it('turns a refused write into an error value that does not repeat the text', async () => {
    clipboard.writeText.mockImplementation(async () => {
      throw new Error('denied https://panel.example.com/link/secret');
    });
    const result = await writeClipboard('https://panel.example.com/link/secret');
    const error = expectErr(result, 'internal');
    expect(error.message).not.toContain('secret');
  });
});
