// The update feed and its signing key as the build pinned them (build/update-config.mjs, through
// electron-vite's `define` in electron.vite.config.ts): compiled into the main bundle inside the
// asar, never read from a file beside the app. Null when the build has no feed, and wherever this
// module runs unbundled (tests), where the constant is not defined.
import type { UpdateFeed } from './updater';

declare const __XMPLUS_UPDATE__: { feedUrl: string; publicKey: string } | null;

export function pinnedUpdateFeed(): UpdateFeed | null {
  const pinned = typeof __XMPLUS_UPDATE__ === 'undefined' ? null : __XMPLUS_UPDATE__;
  return pinned ? { url: pinned.feedUrl, publicKey: pinned.publicKey } : null;
}
