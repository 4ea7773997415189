// The clipboard for the Platform. Everything the app copies is a credential or close to one (a
// subscription link, a server's share link or config, an import link, a payment address), so:
// - each copy carries the markers that ask clipboard history, cloud sync and clipboard managers to
//   leave it alone, written in the same clipboard.write as the text (one atomic write, so the
//   markers cannot end up beside someone else's text);
// - a minute later, if the clipboard still holds what the app put there, it is cleared (the
//   "clear copied links" setting turns that off). Only a hash of the text is kept for the check.
//   Quitting sooner does that clear at once: the app holds its quit until it is done.
// Electron 44+ writes asynchronously: "copied" is reported once the write has settled. Reading is
// for the add dialog's offer of a link found there; the text stays in main.
import { clipboard, ClipboardItem } from 'electron';
import { createHash } from 'node:crypto';
import { appError, fail, ok, type Result } from '../../shared/errors';

export const CLEAR_CLIPBOARD_AFTER_MS = 60_000;
/** How long a clear waits for the clipboard to be read; past it nothing is cleared (and quit goes on). */
export const READ_LIMIT_MS = 2_000;

/** Electron's name for a raw platform clipboard format (docs/api/clipboard.md, custom formats). */
const raw = (format: string) => `electron application/osclipboard;format="${format}"`;

/**
 * The "do not keep this" markers each desktop honours:
 * - Windows (learn.microsoft.com, "Cloud Clipboard and Clipboard History Formats"): any data in
 *   ExcludeClipboardContentFromMonitorProcessing keeps clipboard monitors away; a DWORD 0 in
 *   CanIncludeInClipboardHistory keeps it out of Win+V history, in CanUploadToCloudClipboard out
 *   of cloud sync.
 * - macOS (nspasteboard.org): org.nspasteboard.ConcealedType marks it as a password-like secret that
 *   clipboard managers do not record or show.
 * - Linux: KDE's Klipper skips content carrying x-kde-passwordManagerHint "secret".
 */
export function sensitiveMarkers(platform: NodeJS.Platform): Record<string, Blob> {
  const dwordZero = () => new Blob([new Uint8Array(4)]);
  switch (platform) {
    case 'win32':
      return {
        [raw('ExcludeClipboardContentFromMonitorProcessing')]: new Blob([new Uint8Array(1)]),
        [raw('CanIncludeInClipboardHistory')]: dwordZero(),
        [raw('CanUploadToCloudClipboard')]: dwordZero(),
      };
    case 'darwin':
      return { [raw('org.nspasteboard.ConcealedType')]: new Blob(['1']) };
    case 'linux':
      return { [raw('x-kde-passwordManagerHint')]: new Blob(['secret']) };
    default:
      return {};
  }
}

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export interface ClipboardDeps {
  platform: NodeJS.Platform;
  /** The "clear copied links" setting, read when copying, when the minute is up, and at quit. */
  clearAfterCopy(): boolean;
  clearAfterMs?: number;
  readLimitMs?: number;
  /** Told when the marked write failed and plain text was written instead (never the text). */
  onMarkersRefused?(reason: string): void;
}

export interface AppClipboard {
  write(text: string): Promise<Result<{ copied: true }>>;
  /** True while a copy waits for its clear (its minute, or the check under way). */
  clearPending(): boolean;
  /**
   * At quit: the pending clear, now. Clears if the setting is still on and the clipboard still holds
   * the app's copy; anything else is left alone. Resolves once done (never rejects); nothing is
   * pending afterwards.
   */
  clearNow(): Promise<void>;
}

export function createClipboard(deps: ClipboardDeps): AppClipboard {
  const clearAfterMs = deps.clearAfterMs ?? CLEAR_CLIPBOARD_AFTER_MS;
  const readLimitMs = deps.readLimitMs ?? READ_LIMIT_MS;
  /** The minute's timer and the hash of the copy it is for. */
  let pending: { timer: ReturnType<typeof setTimeout>; copied: string } | null = null;
  /** A check under way (the minute was up): quitting waits for it too. */
  let checking: Promise<void> | null = null;

  const cancel = () => {
    if (pending) clearTimeout(pending.timer);
    pending = null;
  };

  /** The clipboard's text, or null when it does not answer within the limit. */
  const readWithin = (): Promise<string | null> => {
    let limit: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<null>((resolve) => {
      limit = setTimeout(() => resolve(null), readLimitMs);
    });
    const read = Promise.resolve().then(() => clipboard.readText());
    return Promise.race([read, late]).finally(() => clearTimeout(limit));
  };

  // Cleared only if it is still ours: something the user copied since is left alone.
  // Electron 44+ reads asynchronously (electron.d.ts: `readText(): Promise<string>`); clear() is sync.
  const clearIfOurs = (copied: string): Promise<void> => {
    const check = readWithin()
      .then((now) => {
        if (now !== null && digest(now) === copied) clipboard.clear();
      })
      .catch(() => undefined)
      .finally(() => {
        if (checking === check) checking = null;
      });
    checking = check;
    return check;
  };

  const scheduleClear = (copied: string) => {
    cancel();
    if (!deps.clearAfterCopy()) return;
    const timer = setTimeout(() => {
      pending = null;
      if (!deps.clearAfterCopy()) return;
      void clearIfOurs(copied);
    }, clearAfterMs);
    timer.unref?.();
    pending = { timer, copied };
  };

  const writeMarked = async (text: string) => {
    const markers = sensitiveMarkers(deps.platform);
    try {
      await clipboard.write([new ClipboardItem({ 'text/plain': text, ...markers })]);
    } catch (error) {
      // A desktop that refuses a raw format still gets the text: copying must work.
      deps.onMarkersRefused?.(error instanceof Error ? error.name : typeof error);
      await clipboard.writeText(text);
    }
  };

  return {
    async write(text) {
      try {
        await writeMarked(text);
      } catch (error) {
        // The reason only: the text itself may be a subscription link, which is a credential.
        const reason = error instanceof Error ? error.name : typeof error;
        return fail(appError('internal', `The clipboard refused the text (${reason}). Try again.`));
      }
      scheduleClear(digest(text));
      return ok({ copied: true as const });
    },
    clearPending: () => pending !== null || checking !== null,
    async clearNow() {
      const underWay = checking;
      const copied = pending?.copied ?? null;
      cancel();
      const now = copied !== null && deps.clearAfterCopy() ? clearIfOurs(copied) : Promise.resolve();
      await Promise.all([underWay, now]);
    },
  };
}

/**
 * For the start of `before-quit`. With a clear pending, this quit is stopped (Electron's app API:
 * `preventDefault()` in before-quit keeps the app from terminating), the clear runs, and `quit` is
 * called again, which then goes through. Returns true when it stopped the quit, so the caller leaves
 * its own disposals to the quit that goes through.
 */
export function holdQuitForClear(
  appClipboard: Pick<AppClipboard, 'clearPending' | 'clearNow'>,
  event: { preventDefault(): void },
  quit: () => void,
): boolean {
  if (!appClipboard.clearPending()) return false;
  event.preventDefault();
  void appClipboard.clearNow().finally(quit);
  return true;
}

/** The clipboard's plain text, or null when it holds none or cannot be read. */
export async function readClipboard(): Promise<string | null> {
  try {
    const text = await clipboard.readText();
    return text === '' ? null : text;
  } catch {
    return null;
  }
}
