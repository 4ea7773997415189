// The clipboard for the Platform. Everything the app copies is a credential or close to one (a
// subscription link, a server's share link or config, an import link, a payment address), so:
// - each copy carries the markers that ask clipboard history, cloud sync and clipboard managers to
//   leave it alone, written in the same clipboard.write as the text (one atomic write, so the
//   markers cannot end up beside someone else's text);
// - a minute later, if the clipboard still holds what the app put there, it is cleared (the
//   "clear copied links" setting turns that off). Only a hash of the text is kept for the check.
// Electron 44+ writes asynchronously: "copied" is reported once the write has settled. Reading is
// for the add dialog's offer of a link found there; the text stays in main.
import { clipboard, ClipboardItem } from 'electron';
import { createHash } from 'node:crypto';
import { appError, fail, ok, type Result } from '../../shared/errors';

export const CLEAR_CLIPBOARD_AFTER_MS = 60_000;

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
  /** The "clear copied links" setting, read when copying and again when the minute is up. */
  clearAfterCopy(): boolean;
  clearAfterMs?: number;
  /** Told when the marked write failed and plain text was written instead (never the text). */
  onMarkersRefused?(reason: string): void;
}

export interface AppClipboard {
  write(text: string): Promise<Result<{ copied: true }>>;
  /** Stops a pending clear (at quit). */
  dispose(): void;
}

export function createClipboard(deps: ClipboardDeps): AppClipboard {
  const clearAfterMs = deps.clearAfterMs ?? CLEAR_CLIPBOARD_AFTER_MS;
  let pending: ReturnType<typeof setTimeout> | null = null;

  const cancel = () => {
    if (pending) clearTimeout(pending);
    pending = null;
  };

  const scheduleClear = (copied: string) => {
    cancel();
    if (!deps.clearAfterCopy()) return;
    pending = setTimeout(() => {
      pending = null;
      if (!deps.clearAfterCopy()) return;
      // Cleared only if it is still ours: something the user copied since is left alone.
      clipboard
        .readText()
        .then((now) => {
          if (digest(now) === copied) clipboard.clear();
        })
        .catch(() => undefined);
    }, clearAfterMs);
    pending.unref?.();
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
    dispose: cancel,
  };
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
