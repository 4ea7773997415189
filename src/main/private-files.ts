// File modes for everything the app and the CLI write: readable by the signed-in user alone. The
// settings folder, the cache, exports and logs hold account details (and exports hold server
// credentials), and a shared computer's other users must not read them.
import { chmodSync, mkdirSync, statSync } from 'node:fs';

/** Owner read and write: every file the app writes. */
export const PRIVATE_FILE_MODE = 0o600;
/** Owner only: every folder the app makes. */
export const PRIVATE_DIR_MODE = 0o700;

/**
 * Makes `dir` (and missing parents) owner-only. An existing folder of the current user is narrowed to
 * 0700 too, since one made by an older version, or by Electron before the app ran, may be 0755.
 * Windows has no POSIX modes (its folders under %APPDATA% are the user's own), so there it only
 * creates.
 */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (process.platform === 'win32') return;
  const info = statSync(dir);
  const uid = process.getuid?.();
  if (uid !== undefined && info.uid === uid && (info.mode & 0o077) !== 0) chmodSync(dir, PRIVATE_DIR_MODE);
}

/** Narrows an existing file of the current user to 0600 (one an older version wrote 0644); POSIX only. */
export function ensurePrivateFile(file: string): void {
  if (process.platform === 'win32') return;
  try {
    const info = statSync(file);
    const uid = process.getuid?.();
    if (uid !== undefined && info.uid === uid && (info.mode & 0o077) !== 0)
      chmodSync(file, PRIVATE_FILE_MODE);
  } catch {
    // Not there yet: it is created with the private mode.
  }
}
