// The shell's system-proxy bridge at the mocked Electron boundary: Chromium's answer for the panel
// URL is handed over as is; an empty answer, a failure or a resolution that never ends means none.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { electronMock } from './electron-mock';

vi.mock('electron', () => electronMock);
const { resolveSystemProxy, SYSTEM_PROXY_TIMEOUT_MS } =
  await import('../../../src/main/electron/system-proxy');
const { systemProxyFromPac } = await import('../../../src/main/net/system-proxy');

const resolveProxy = electronMock.session.defaultSession.resolveProxy;

beforeEach(() => {
  resolveProxy.mockReset();
});
afterEach(() => vi.useRealTimers());

describe('resolveSystemProxy', () => {
  it("asks the default session for the panel URL and returns Chromium's PAC answer", async () => {
    resolveProxy.mockResolvedValue('PROXY 127.0.0.1:7890; DIRECT');
    const answer = await resolveSystemProxy('https://panel.example.com/');
    expect(resolveProxy).toHaveBeenCalledWith('https://panel.example.com/');
    expect(answer).toBe('PROXY 127.0.0.1:7890; DIRECT');
    // What the core then makes of it.
    expect(systemProxyFromPac(answer)?.display).toBe('http://127.0.0.1:7890');
  });

  it('means no system proxy when the answer is empty or the session fails', async () => {
    resolveProxy.mockResolvedValue('  ');
    expect(await resolveSystemProxy('https://panel.example.com/')).toBeNull();
    resolveProxy.mockRejectedValue(new Error('net::ERR_FAILED'));
    expect(await resolveSystemProxy('https://panel.example.com/')).toBeNull();
    resolveProxy.mockImplementation(() => {
      throw new Error('Session can only be received when app is ready');
    });
    expect(await resolveSystemProxy('https://panel.example.com/')).toBeNull();
  });

  it('gives up on a resolution that never ends (a PAC script that does not load)', async () => {
    vi.useFakeTimers();
    resolveProxy.mockReturnValue(new Promise<string>(() => undefined));
    const pending = resolveSystemProxy('https://panel.example.com/');
    await vi.advanceTimersByTimeAsync(SYSTEM_PROXY_TIMEOUT_MS);
    expect(await pending).toBeNull();
  });
});
