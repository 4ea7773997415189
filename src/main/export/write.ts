// Writes a set of export files into a folder all-or-nothing: each file goes to a temp name in
// the same folder and is fsynced; only then are all renamed into place. If anything fails the
// temps are removed and files that were replaced are put back, so the folder is as it was.

import { randomBytes } from 'node:crypto';
import { lstat, open, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { appError, fail, ok } from '../../shared/errors';
import type { Result } from '../../shared/errors';
import { PRIVATE_FILE_MODE } from '../private-files';

export interface ExportFile {
  name: string;
  data: Buffer | string;
}

/** The file-system steps writeFilesAtomically takes; tests swap one to inject a failure. */
export interface WriteIo {
  /** Create `path` (must not exist), write `data`, fsync, close. */
  writeSynced(path: string, data: Buffer | string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  remove(path: string): Promise<void>;
  /** 'file', 'dir', 'other' or null when nothing is there. */
  kind(path: string): Promise<'file' | 'dir' | 'other' | null>;
  /** Make the renames durable; best effort (not every platform can open a folder). */
  syncFolder(folder: string): Promise<void>;
}

export const nodeWriteIo: WriteIo = {
  async writeSynced(path, data) {
    // Exports hold server credentials: owner only (private-files.ts).
    const handle = await open(path, 'wx', PRIVATE_FILE_MODE);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  rename: (from, to) => rename(from, to),
  remove: (path) => rm(path, { force: true }),
  async kind(path) {
    try {
      const info = await lstat(path);
      return info.isFile() ? 'file' : info.isDirectory() ? 'dir' : 'other';
    } catch {
      return null;
    }
  },
  async syncFolder(folder) {
    try {
      const handle = await open(folder, 'r');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
    } catch {
      // Windows cannot open a directory for fsync; the renames are still atomic there.
    }
  },
};

function nameProblem(name: string): string | null {
  if (name === '' || name === '.' || name === '..') return 'is empty or a dot name';
  if (/[/\\\0]/.test(name)) return 'contains a path separator';
  if (Buffer.byteLength(name, 'utf8') > 200) return 'is too long for a file name';
  return null;
}

function messageOf(thrown: unknown): string {
  return thrown instanceof Error ? thrown.message : String(thrown);
}

export interface WrittenFiles {
  /** Full paths of the files now in the folder, in the order given. */
  paths: string[];
}

export async function writeFilesAtomically(
  folder: string,
  files: readonly ExportFile[],
  io: WriteIo = nodeWriteIo,
): Promise<Result<WrittenFiles>> {
  const seen = new Set<string>();
  for (const file of files) {
    const problem = nameProblem(file.name);
    if (problem !== null) return fail(appError('validation', `The file name "${file.name}" ${problem}.`));
    // Case-insensitive: on Windows and macOS two such names are one file.
    const key = file.name.toLowerCase();
    if (seen.has(key)) return fail(appError('validation', `Two export files are both named "${file.name}".`));
    seen.add(key);
  }
  try {
    const info = await stat(folder);
    if (!info.isDirectory()) return fail(appError('state', `${folder} is not a folder.`));
  } catch {
    return fail(appError('state', `The folder ${folder} does not exist.`));
  }
  for (const file of files) {
    const kind = await io.kind(join(folder, file.name));
    if (kind === 'dir' || kind === 'other')
      return fail(
        appError('state', `${join(folder, file.name)} exists and is not a file; nothing was written.`),
      );
  }

  const stamp = `${process.pid}-${randomBytes(6).toString('hex')}`;
  const plan = files.map((file, index) => ({
    file,
    target: join(folder, file.name),
    temp: join(folder, `.xmplus-export-${stamp}-${index}.tmp`),
    backup: join(folder, `.xmplus-export-${stamp}-${index}.bak`),
  }));
  const tempsWritten: string[] = [];
  const backedUp: { target: string; backup: string }[] = [];
  const placed: string[] = [];

  const rollBack = async (): Promise<void> => {
    // Undo in reverse: drop what we placed, restore what we moved aside, remove temps.
    for (const target of placed.reverse()) await io.remove(target).catch(() => undefined);
    for (const { target, backup } of backedUp.reverse())
      await io.rename(backup, target).catch(() => undefined);
    for (const temp of tempsWritten) await io.remove(temp).catch(() => undefined);
  };

  try {
    for (const step of plan) {
      tempsWritten.push(step.temp);
      await io.writeSynced(step.temp, step.file.data);
    }
  } catch (thrown) {
    await rollBack();
    return fail(
      appError('internal', `Could not write the export files: ${messageOf(thrown)}. Nothing was changed.`),
    );
  }

  try {
    for (const step of plan) {
      if ((await io.kind(step.target)) !== null) {
        await io.rename(step.target, step.backup);
        backedUp.push({ target: step.target, backup: step.backup });
      }
      await io.rename(step.temp, step.target);
      placed.push(step.target);
    }
  } catch (thrown) {
    await rollBack();
    return fail(
      appError(
        'internal',
        `Could not put the export files in place: ${messageOf(thrown)}. Nothing was changed.`,
      ),
    );
  }

  for (const { backup } of backedUp) await io.remove(backup).catch(() => undefined);
  await io.syncFolder(folder);
  return ok({ paths: plan.map((step) => step.target) });
}
