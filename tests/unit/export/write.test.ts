// writeFilesAtomically: all files or none, and by default never over a file already there.
// Failures are injected at the write step and at the placing steps, and real ones (a folder where a
// file should go, a file already there, one that appears meanwhile); the folder must be unchanged.
// createExportFolder: a new folder per export, suffixed when the name is taken.

import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createExportFolder, nodeWriteIo, writeFilesAtomically } from '../../../src/main/export/write';
import type { WriteIo } from '../../../src/main/export/write';
import { expectErr, expectOk } from '../../support/expect';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xmplus-write-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Name -> content of every entry in the folder (directories as '<dir>'), bytes as latin1. */
async function snapshot(folder: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(folder, { withFileTypes: true }))
    out[entry.name] = entry.isDirectory() ? '<dir>' : await readFile(join(folder, entry.name), 'latin1');
  return out;
}

const FILES = [
  { name: 'a-links.txt', data: 'vless://new' },
  { name: 'b-clash.yaml', data: 'proxies: []\n' },
  { name: '🇺🇸 Test.png', data: Buffer.from([0x89, 0x50, 0x4e, 0x47]) },
];

describe('writeFilesAtomically', () => {
  it('writes every file and leaves no temp files', async () => {
    const result = await writeFilesAtomically(dir, FILES);
    expect(result).toEqual({ ok: true, value: { paths: FILES.map((f) => join(dir, f.name)) } });
    expect(Object.keys(await snapshot(dir)).sort()).toEqual(FILES.map((f) => f.name).sort());
  });

  it('never replaces a file it did not write: refuses, and writes nothing', async () => {
    await writeFile(join(dir, 'b-clash.yaml'), "the user's own file");
    const before = await snapshot(dir);
    const result = await writeFilesAtomically(dir, FILES);
    expect(expectErr(result, 'state').message).toContain('already exists');
    expect(await snapshot(dir)).toEqual(before);
  });

  it('refuses a file that appears between the check and the placing, and takes back what it placed', async () => {
    const before = await snapshot(dir);
    let placed = 0;
    const racingIo: WriteIo = {
      ...nodeWriteIo,
      async placeNew(from, to) {
        placed += 1;
        // Someone else creates the second file just before it is placed.
        if (placed === 2) await writeFile(to, 'not ours');
        await nodeWriteIo.placeNew(from, to);
      },
    };
    const result = await writeFilesAtomically(dir, FILES, racingIo);
    expect(expectErr(result, 'state').message).toContain('already exists');
    expect(await snapshot(dir)).toEqual({ ...before, 'b-clash.yaml': 'not ours' });
  });

  it('with replace (a file the user named), replaces an existing one and leaves no temp files', async () => {
    await writeFile(join(dir, 'a-links.txt'), 'old');
    const result = await writeFilesAtomically(dir, FILES, nodeWriteIo, { replace: true });
    expect(result).toEqual({ ok: true, value: { paths: FILES.map((f) => join(dir, f.name)) } });
    expect(await snapshot(dir)).toEqual({
      'a-links.txt': 'vless://new',
      'b-clash.yaml': 'proxies: []\n',
      '🇺🇸 Test.png': '\u0089PNG',
    });
  });

  it('leaves the folder as it was when a write fails midway', async () => {
    await writeFile(join(dir, 'a-links.txt'), 'old');
    await writeFile(join(dir, 'unrelated.txt'), 'keep');
    const before = await snapshot(dir);
    let writes = 0;
    const failingIo: WriteIo = {
      ...nodeWriteIo,
      async writeSynced(path, data) {
        writes += 1;
        if (writes === 2) {
          // a half-written temp, as a full disk leaves it
          await writeFile(path, 'partial');
          throw new Error('ENOSPC: no space left on device');
        }
        await nodeWriteIo.writeSynced(path, data);
      },
    };
    const result = await writeFilesAtomically(dir, FILES, failingIo, { replace: true });
    expect(expectErr(result).message).toContain('ENOSPC');
    expect(await snapshot(dir)).toEqual(before);
  });

  it('puts replaced files back when a rename fails after some files were placed', async () => {
    await writeFile(join(dir, 'a-links.txt'), 'old a');
    await writeFile(join(dir, 'b-clash.yaml'), 'old b');
    const before = await snapshot(dir);
    let renames = 0;
    const failingIo: WriteIo = {
      ...nodeWriteIo,
      async rename(from, to) {
        renames += 1;
        // 1: back up a, 2: place a, 3: back up b, 4: place b -> fails
        if (renames === 4) throw new Error('EXDEV: simulated rename failure');
        await nodeWriteIo.rename(from, to);
      },
    };
    const result = await writeFilesAtomically(dir, FILES, failingIo, { replace: true });
    expectErr(result);
    expect(await snapshot(dir)).toEqual(before);
  });

  it('refuses before writing anything when a target is a folder', async () => {
    await mkdir(join(dir, 'b-clash.yaml'));
    const before = await snapshot(dir);
    const result = await writeFilesAtomically(dir, FILES);
    expectErr(result, 'state');
    expect(await snapshot(dir)).toEqual(before);
  });

  it.each([
    [[{ name: '../escape.txt', data: 'x' }], 'path separator'],
    [[{ name: '', data: 'x' }], 'empty'],
    [
      [
        { name: 'Same.txt', data: 'x' },
        { name: 'same.txt', data: 'y' },
      ],
      'both named',
    ],
  ])('rejects bad names: %j', async (files, message) => {
    const result = await writeFilesAtomically(dir, files);
    expect(expectErr(result, 'validation').message).toContain(message);
    expect(await readdir(dir)).toEqual([]);
  });

  it('reports a missing folder', async () => {
    const result = await writeFilesAtomically(join(dir, 'nope'), FILES);
    expectErr(result, 'state');
  });
});

describe('createExportFolder', () => {
  it('makes a new folder, and "name (2)" when the name is taken, leaving what is there alone', async () => {
    await mkdir(join(dir, 'NovaNet 2026-12-06 10-00-00'));
    await writeFile(join(dir, 'NovaNet 2026-12-06 10-00-00', 'keep.txt'), 'keep');
    const made = expectOk(await createExportFolder(dir, 'NovaNet 2026-12-06 10-00-00'));
    expect(made).toBe(join(dir, 'NovaNet 2026-12-06 10-00-00 (2)'));
    expect(await readdir(made)).toEqual([]);
    expect(await readFile(join(dir, 'NovaNet 2026-12-06 10-00-00', 'keep.txt'), 'utf8')).toBe('keep');
    expectErr(await createExportFolder(join(dir, 'nope'), 'x'), 'state');
  });
});
