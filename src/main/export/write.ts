// Writes a set of export files into a folder all-or-nothing: each file goes to a temp name in
// the same folder and is fsynced; only then are all put into place. If anything fails the temps
// are removed and what was placed is taken back, so the folder is as it was. By default a file is
// put only where nothing is (a hard link, which fails on an existing name): an export never
// replaces a file it did not write. The window's export goes into a new folder of its own
// (createExportFolder); only a file the user named on the command line is replaced.

import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, link, lstat, mkdir, open, rename, rm, stat } from 'node:fs/promises';
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
  /** Put `from` at `to` only if nothing is there (an error otherwise); `from` is gone after. */
  placeNew(from: string, to: string): Promise<void>;
  /** Create the folder `path`, which must not exist (EEXIST otherwise). */
  makeFolder(path: string): Promise<void>;
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
  async placeNew(from, to) {
    try {
      // link() fails with EEXIST where a file is: no check-then-act race with anyone else.
      await link(from, to);
    } catch (thrown) {
      if ((thrown as NodeJS.ErrnoException).code === 'EEXIST') throw thrown;
      // File systems without hard links (FAT, exFAT, some network shares): an exclusive copy.
      await copyFile(from, to, constants.COPYFILE_EXCL);
    }
    await rm(from, { force: true });
  },
  makeFolder: (path) => mkdir(path, { mode: 0o700 }).then(() => undefined),
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

const alreadyThere = (path: string) =>
  appError(
    'state',
    `${path} already exists; the export replaces no file it did not write, so nothing was written.`,
  );

function messageOf(thrown: unknown): string {
  return thrown instanceof Error ? thrown.message : String(thrown);
}

export interface WrittenFiles {
  /** Full paths of the files now in the folder, in the order given. */
  paths: string[];
}

export interface WriteOptions {
  /** Replace files already there (only for a file the user named). False: fail, nothing written. */
  replace?: boolean;
}

export async function writeFilesAtomically(
  folder: string,
  files: readonly ExportFile[],
  io: WriteIo = nodeWriteIo,
  options: WriteOptions = {},
): Promise<Result<WrittenFiles>> {
  const replace = options.replace === true;
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
    if (kind === 'file' && !replace) return fail(alreadyThere(join(folder, file.name)));
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
      if (!replace) {
        await io.placeNew(step.temp, step.target);
        placed.push(step.target);
        continue;
      }
      if ((await io.kind(step.target)) !== null) {
        await io.rename(step.target, step.backup);
        backedUp.push({ target: step.target, backup: step.backup });
      }
      await io.rename(step.temp, step.target);
      placed.push(step.target);
    }
  } catch (thrown) {
    await rollBack();
    const target = plan[placed.length]?.target;
    if ((thrown as NodeJS.ErrnoException).code === 'EEXIST' && target) return fail(alreadyThere(target));
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

/**
 * Makes a new folder `name` inside `parent` for one export, "name (2)" and on when that is taken:
 * the export's files then sit apart from whatever the user keeps there.
 */
export async function createExportFolder(
  parent: string,
  name: string,
  io: WriteIo = nodeWriteIo,
): Promise<Result<string>> {
  try {
    if (!(await stat(parent)).isDirectory()) return fail(appError('state', `${parent} is not a folder.`));
  } catch {
    return fail(appError('state', `The folder ${parent} does not exist.`));
  }
  for (let n = 1; n < 100; n += 1) {
    const path = join(parent, n === 1 ? name : `${name} (${n})`);
    try {
      await io.makeFolder(path);
      return ok(path);
    } catch (thrown) {
      if ((thrown as NodeJS.ErrnoException).code === 'EEXIST') continue;
      return fail(appError('state', `Cannot create the folder ${path}: ${messageOf(thrown)}`));
    }
  }
  return fail(appError('state', `Cannot find a free folder name for ${join(parent, name)}.`));
}
