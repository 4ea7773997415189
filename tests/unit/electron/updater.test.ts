// The updater at a mocked electron-updater: off without a feed, checks on start and every 24 h while
// the setting allows, tells the user, downloads only on consent, installs only once the download is ready.
import { generateKeyPairSync } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { UpdateState } from '../../../src/shared/contract';

/** A stand-in for electron-updater's AppUpdater: records settings, emits what a test scripts. */
class FakeAppUpdater extends EventEmitter {
  autoDownload = true;
  autoInstallOnAppQuit = true;
  feed: unknown = null;
  /** What the next checks do; by default "no update". */
  onCheck: () => void = () => this.emit('update-not-available', { version: '0.1.0' });
  setFeedURL = vi.fn((options: unknown) => {
    this.feed = options;
  });
  checkForUpdates = vi.fn(async () => {
    this.emit('checking-for-update');
    this.onCheck();
    return { isUpdateAvailable: false };
  });
  downloadUpdate = vi.fn(async () => []);
  quitAndInstall = vi.fn();
}

const holder: { updater: FakeAppUpdater } = { updater: new FakeAppUpdater() };
// The real Provider class (the signed provider extends it) beside the fake singleton. Not a spread of
// the real module: that would read its autoUpdater getter, which needs Electron's app.
vi.mock('electron-updater', async (importActual) => {
  const actual = await importActual<{ default: { Provider: unknown } }>();
  const module = {
    Provider: actual.default.Provider,
    get autoUpdater() {
      return holder.updater;
    },
  };
  return { ...module, default: module };
});

const { createUpdater, UPDATE_CHECK_INTERVAL_MS } = await import('../../../src/main/electron/updater');
const { SignedFeedProvider, UpdateSignatureError } = await import('../../../src/main/electron/signed-feed');

const FEED = 'https://updates.provider.example/xmplus/';
const PUBLIC_KEY = generateKeyPairSync('ed25519')
  .publicKey.export({ type: 'spki', format: 'pem' })
  .toString();
let emitted: UpdateState[];
let announced: string[];
let dispose: (() => void) | null;
/** The "check for updates" setting as the updater reads it. */
let autoCheck: boolean;

const start = (feedUrl: string | null = FEED) => {
  const updater = createUpdater({
    feed: feedUrl === null ? null : { url: feedUrl, publicKey: PUBLIC_KEY },
    emit: (s) => emitted.push(s),
    onAvailable: (v) => announced.push(v),
    autoCheck: () => autoCheck,
  });
  dispose = updater.dispose;
  return updater;
};
const flush = async () => {
  for (let i = 0; i < 5; i += 1) await Promise.resolve();
};

beforeEach(() => {
  vi.useFakeTimers();
  holder.updater = new FakeAppUpdater();
  emitted = [];
  announced = [];
  dispose = null;
  autoCheck = true;
});
afterEach(() => {
  dispose?.();
  vi.useRealTimers();
});

describe('without a feed', () => {
  it('is disabled, never touches electron-updater, and refuses download and install', async () => {
    const updater = start(null);
    await flush();
    vi.advanceTimersByTime(UPDATE_CHECK_INTERVAL_MS * 3);
    expect(holder.updater.checkForUpdates).not.toHaveBeenCalled();
    expect(holder.updater.setFeedURL).not.toHaveBeenCalled();
    expect(updater.state()).toMatchObject({ enabled: false, status: 'idle' });
    expect(updater.download().status).toBe('idle');
    expect(updater.install().status).toBe('idle');
    expect(holder.updater.downloadUpdate).not.toHaveBeenCalled();
    expect(holder.updater.quitAndInstall).not.toHaveBeenCalled();
  });
});

describe('with a feed', () => {
  it('uses the signed feed (its provider verifies the metadata) with automatic download and install off', () => {
    start();
    expect(holder.updater.feed).toEqual({
      provider: 'custom',
      updateProvider: SignedFeedProvider,
      url: FEED,
      publicKey: PUBLIC_KEY,
    });
    expect(holder.updater.autoDownload).toBe(false);
    expect(holder.updater.autoInstallOnAppQuit).toBe(false);
  });

  it('checks on start and again every 24 hours', async () => {
    const updater = start();
    await flush();
    expect(holder.updater.checkForUpdates).toHaveBeenCalledTimes(1);
    expect(updater.state()).toMatchObject({ enabled: true, status: 'none' });
    vi.advanceTimersByTime(UPDATE_CHECK_INTERVAL_MS - 1);
    expect(holder.updater.checkForUpdates).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    await flush();
    expect(holder.updater.checkForUpdates).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(UPDATE_CHECK_INTERVAL_MS);
    await flush();
    expect(holder.updater.checkForUpdates).toHaveBeenCalledTimes(3);
  });

  it('with "check for updates" off, checks neither at start nor daily; turned on, the next daily tick checks', async () => {
    autoCheck = false;
    const updater = start();
    await flush();
    vi.advanceTimersByTime(UPDATE_CHECK_INTERVAL_MS * 2);
    await flush();
    expect(holder.updater.checkForUpdates).not.toHaveBeenCalled();
    expect(updater.state()).toMatchObject({ enabled: true, status: 'idle' });
    autoCheck = true;
    vi.advanceTimersByTime(UPDATE_CHECK_INTERVAL_MS);
    await flush();
    expect(holder.updater.checkForUpdates).toHaveBeenCalledTimes(1);
    autoCheck = false;
    vi.advanceTimersByTime(UPDATE_CHECK_INTERVAL_MS);
    await flush();
    expect(holder.updater.checkForUpdates).toHaveBeenCalledTimes(1);
  });

  it('tells the user about an update (event + one native notice per version) and does not download it', async () => {
    holder.updater.onCheck = () => holder.updater.emit('update-available', { version: '0.2.0' });
    const updater = start();
    await flush();
    expect(updater.state()).toMatchObject({ status: 'available', version: '0.2.0' });
    expect(emitted.map((s) => s.status)).toEqual(['checking', 'available']);
    expect(announced).toEqual(['0.2.0']);
    vi.advanceTimersByTime(UPDATE_CHECK_INTERVAL_MS);
    await flush();
    expect(announced).toEqual(['0.2.0']); // the daily check does not nag about the same version
    expect(holder.updater.downloadUpdate).not.toHaveBeenCalled();
    expect(updater.install().status).toBe('available');
    expect(holder.updater.quitAndInstall).not.toHaveBeenCalled();
  });

  it('downloads on consent, reports progress, installs only when ready', async () => {
    holder.updater.onCheck = () => holder.updater.emit('update-available', { version: '0.2.0' });
    const updater = start();
    await flush();

    expect(updater.download().status).toBe('downloading');
    expect(holder.updater.downloadUpdate).toHaveBeenCalledTimes(1);
    holder.updater.emit('download-progress', {
      percent: 40,
      transferred: 4,
      total: 10,
      delta: 1,
      bytesPerSecond: 1,
    });
    expect(updater.state()).toMatchObject({ status: 'downloading', progress: 0.4 });

    // A second download request while one runs starts nothing new; install is still refused.
    updater.download();
    expect(holder.updater.downloadUpdate).toHaveBeenCalledTimes(1);
    updater.install();
    expect(holder.updater.quitAndInstall).not.toHaveBeenCalled();

    // The daily check does not disturb a download in flight.
    vi.advanceTimersByTime(UPDATE_CHECK_INTERVAL_MS);
    await flush();
    expect(holder.updater.checkForUpdates).toHaveBeenCalledTimes(1);

    holder.updater.emit('update-downloaded', { version: '0.2.0', downloadedFile: '/tmp/x' });
    expect(updater.state()).toMatchObject({ status: 'ready', version: '0.2.0', progress: 1 });
    expect(emitted.at(-1)!.status).toBe('ready');
    updater.install();
    expect(holder.updater.quitAndInstall).toHaveBeenCalledTimes(1);
  });

  it('reports errors as state, from events and from a failed check or download', async () => {
    holder.updater.checkForUpdates.mockRejectedValueOnce(new Error('net::ERR_NAME_NOT_RESOLVED\nstack...'));
    const updater = start();
    await flush();
    expect(updater.state()).toMatchObject({ status: 'error', message: 'net::ERR_NAME_NOT_RESOLVED' });

    holder.updater.onCheck = () => holder.updater.emit('update-available', { version: '0.3.0' });
    vi.advanceTimersByTime(UPDATE_CHECK_INTERVAL_MS);
    await flush();
    expect(updater.state().status).toBe('available');
    holder.updater.downloadUpdate.mockRejectedValueOnce(new Error('sha512 checksum mismatch'));
    updater.download();
    await flush();
    expect(updater.state()).toMatchObject({ status: 'error', message: 'sha512 checksum mismatch' });
  });

  it('metadata that fails its signature shows as unverified, offers nothing to download, and a later good check recovers', async () => {
    holder.updater.checkForUpdates.mockImplementationOnce(async () => {
      holder.updater.emit('checking-for-update');
      const error = new UpdateSignatureError(
        'latest.yml',
        "the signature does not match this app's update key",
      );
      holder.updater.emit('error', error);
      throw error;
    });
    const updater = start();
    await flush();
    expect(updater.state()).toMatchObject({
      status: 'unverified',
      version: null,
      message:
        "latest.yml: the signature does not match this app's update key; the update was not downloaded",
    });
    expect(emitted.at(-1)!.status).toBe('unverified');
    expect(updater.download().status).toBe('unverified');
    expect(holder.updater.downloadUpdate).not.toHaveBeenCalled();
    vi.advanceTimersByTime(UPDATE_CHECK_INTERVAL_MS);
    await flush();
    expect(updater.state().status).toBe('none');
  });

  it('an unpackaged run (check resolves null, no events) settles back to idle', async () => {
    holder.updater.checkForUpdates.mockImplementationOnce(async () => {
      holder.updater.emit('checking-for-update');
      return null as never;
    });
    const updater = start();
    await flush();
    expect(updater.state().status).toBe('idle');
  });

  it('dispose stops the daily check and detaches', async () => {
    const updater = start();
    await flush();
    updater.dispose();
    vi.advanceTimersByTime(UPDATE_CHECK_INTERVAL_MS * 2);
    expect(holder.updater.checkForUpdates).toHaveBeenCalledTimes(1);
    expect(holder.updater.eventNames()).toEqual([]);
  });
});
