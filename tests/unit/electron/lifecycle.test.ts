// Refresh triggers at the mocked Electron boundary: resume, unlock-screen (folded when together),
// and the network coming back (polled every 30 s, fired on the offline -> online edge only).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { electronMock } from './electron-mock';

vi.mock('electron', () => electronMock);
const { watchLifecycle } = await import('../../../src/main/electron/lifecycle');

let stop: (() => void) | null = null;
const onWake = vi.fn();
const onOnline = vi.fn();

beforeEach(() => {
  vi.useFakeTimers();
  onWake.mockClear();
  onOnline.mockClear();
  electronMock.net.isOnline.mockReturnValue(true);
});
afterEach(() => {
  stop?.();
  stop = null;
  vi.useRealTimers();
});

describe('lifecycle refresh triggers', () => {
  it('refreshes on resume and on unlock, folding the two that come together', () => {
    stop = watchLifecycle({ onWake, onOnline, now: () => Date.now() });
    electronMock.powerMonitor.emit('resume');
    electronMock.powerMonitor.emit('unlock-screen');
    expect(onWake).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(60_000);
    electronMock.powerMonitor.emit('unlock-screen');
    expect(onWake).toHaveBeenCalledTimes(2);
  });

  it('refreshes when the network comes back, once per edge, checking every 30 s', () => {
    stop = watchLifecycle({ onWake, onOnline, now: () => Date.now() });
    vi.advanceTimersByTime(30_000 * 4); // online all along: nothing
    expect(onOnline).not.toHaveBeenCalled();

    electronMock.net.isOnline.mockReturnValue(false);
    vi.advanceTimersByTime(30_000 * 3);
    expect(onOnline).not.toHaveBeenCalled();

    electronMock.net.isOnline.mockReturnValue(true);
    vi.advanceTimersByTime(29_999);
    expect(onOnline).not.toHaveBeenCalled(); // not noticed before the next poll
    vi.advanceTimersByTime(1);
    expect(onOnline).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(30_000 * 10);
    expect(onOnline).toHaveBeenCalledTimes(1);
    expect(onWake).not.toHaveBeenCalled();
  });

  it('polls at the interval, not in a loop', () => {
    stop = watchLifecycle({ onWake, onOnline });
    electronMock.net.isOnline.mockClear();
    vi.advanceTimersByTime(300_000);
    expect(electronMock.net.isOnline).toHaveBeenCalledTimes(10);
  });

  it('starting offline then coming online refreshes', () => {
    electronMock.net.isOnline.mockReturnValue(false);
    stop = watchLifecycle({ onWake, onOnline });
    electronMock.net.isOnline.mockReturnValue(true);
    vi.advanceTimersByTime(30_000);
    expect(onOnline).toHaveBeenCalledTimes(1);
  });

  it('stops listening and polling when stopped', () => {
    const halt = watchLifecycle({ onWake, onOnline });
    halt();
    electronMock.powerMonitor.emit('resume');
    electronMock.net.isOnline.mockReturnValue(false);
    vi.advanceTimersByTime(30_000);
    electronMock.net.isOnline.mockReturnValue(true);
    vi.advanceTimersByTime(60_000);
    expect(onWake).not.toHaveBeenCalled();
    expect(onOnline).not.toHaveBeenCalled();
    expect(electronMock.powerMonitor.listenerCount('resume')).toBe(0);
  });
});
