// Updates from the provider's feed, pinned into the build with the key its metadata must be signed
// with (update-pins.ts; none means updates are off). Checks on start and once a day while the
// "check for updates" setting is on, and tells the user; downloads only when they ask
// (updates.download) and installs only when they ask again (updates.install). Nothing happens
// behind their back: autoDownload and autoInstallOnAppQuit are off. Metadata whose signature does
// not verify is refused before anything is downloaded (signed-feed.ts) and shown as 'unverified'.
import electronUpdater from 'electron-updater';
import type { UpdateState } from '../../shared/contract';
import { SignedFeedProvider, UpdateSignatureError, type SignedFeedOptions } from './signed-feed';

export const UPDATE_CHECK_INTERVAL_MS = 24 * 60 * 60 * 1000;

export interface UpdateFeed {
  /** The feed folder (https). */
  url: string;
  /** The Ed25519 public key (SPKI PEM) the feed's metadata must be signed with. */
  publicKey: string;
}

export interface UpdaterDeps {
  /** The feed and its key, or null when the build has none. */
  feed: UpdateFeed | null;
  /** Pushes every state change to the window (the contract's 'update' event). */
  emit(state: UpdateState): void;
  /** Tells the user natively, once per version, that an update can be downloaded. */
  onAvailable(version: string): void;
  /** The user's "check for updates" setting, read at start and at every daily tick. */
  autoCheck(): boolean;
  checkIntervalMs?: number;
}

export interface Updater {
  state(): UpdateState;
  /** Starts the download when an update is available; otherwise returns the state unchanged. */
  download(): UpdateState;
  /** Quits and installs when the download is ready; otherwise returns the state unchanged. */
  install(): UpdateState;
  dispose(): void;
}

/** What setFeedURL is given: electron-updater's custom provider, verifying before it parses. */
export function signedFeedOptions(feed: UpdateFeed): SignedFeedOptions {
  return { provider: 'custom', updateProvider: SignedFeedProvider, url: feed.url, publicKey: feed.publicKey };
}

const firstLine = (error: unknown): string =>
  (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 200);

export function createUpdater(deps: UpdaterDeps): Updater {
  let current: UpdateState = {
    enabled: deps.feed !== null,
    status: 'idle',
    version: null,
    progress: null,
    message: null,
  };
  const state = () => ({ ...current });

  const feed = deps.feed;
  if (feed === null) {
    return { state, download: state, install: state, dispose: () => undefined };
  }

  const set = (patch: Partial<UpdateState>) => {
    current = { ...current, ...patch };
    deps.emit(state());
  };

  const updater = electronUpdater.autoUpdater;
  updater.autoDownload = false;
  updater.autoInstallOnAppQuit = false;
  updater.setFeedURL(signedFeedOptions(feed));

  let announced: string | null = null;
  const onChecking = () => set({ status: 'checking', message: null });
  const onAvailable = (info: { version: string }) => {
    set({ status: 'available', version: info.version, progress: null, message: null });
    if (announced !== info.version) {
      announced = info.version;
      deps.onAvailable(info.version);
    }
  };
  const onNone = () => set({ status: 'none', version: null, progress: null, message: null });
  const onProgress = (p: { percent: number }) =>
    set({ status: 'downloading', progress: Math.min(1, Math.max(0, p.percent / 100)) });
  const onDownloaded = (info: { version: string }) =>
    set({ status: 'ready', version: info.version, progress: 1, message: null });
  const onError = (error: unknown) =>
    error instanceof UpdateSignatureError
      ? set({ status: 'unverified', version: null, progress: null, message: firstLine(error) })
      : set({ status: 'error', message: firstLine(error) });

  // One list for attaching and detaching, so dispose cannot miss a listener.
  const listen = (method: 'on' | 'off') => {
    updater[method]('checking-for-update', onChecking);
    updater[method]('update-available', onAvailable);
    updater[method]('update-not-available', onNone);
    updater[method]('download-progress', onProgress);
    updater[method]('update-downloaded', onDownloaded);
    updater[method]('error', onError);
  };
  listen('on');

  const check = async () => {
    // A download in flight or waiting to be installed is not thrown away by a routine check.
    if (current.status === 'downloading' || current.status === 'ready' || current.status === 'checking')
      return;
    try {
      const result = await updater.checkForUpdates();
      // Unpackaged runs resolve null without any event: do not stay "checking" forever.
      if (result === null && state().status === 'checking') set({ status: 'idle' });
    } catch (error) {
      onError(error);
    }
  };

  // Read on each tick, so turning the setting off stops the next check and on starts it again.
  const scheduled = () => {
    if (deps.autoCheck()) void check();
  };
  scheduled();
  const timer = setInterval(scheduled, deps.checkIntervalMs ?? UPDATE_CHECK_INTERVAL_MS);

  return {
    state,
    download() {
      if (current.status !== 'available') return state();
      set({ status: 'downloading', progress: 0, message: null });
      updater.downloadUpdate().catch(onError);
      return state();
    },
    install() {
      if (current.status !== 'ready') return state();
      // Closes the windows, emits before-quit (the core disposes), runs the installer, relaunches.
      updater.quitAndInstall(false, true);
      return state();
    },
    dispose() {
      clearInterval(timer);
      listen('off');
    },
  };
}
