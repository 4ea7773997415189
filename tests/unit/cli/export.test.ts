// The export command's work (src/main/cli/export.ts): text formats printed, files and QR folders
// written, terminal QR codes, and a state error when nothing is left.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runExportCommand } from '../../../src/main/cli/export';
import type { PanelServer } from '../../../src/shared/domain';
import { mixedServers, seedServer } from '../export/fixtures';

const servers: PanelServer[] = mixedServers();

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xmplus-export-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('CLI export', () => {
  it('prints links to stdout and the dropped entries as notes', async () => {
    const result = await runExportCommand(servers, { format: 'links' });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.stdout.trimEnd().split('\n')).toHaveLength(4);
    expect(result.value.notes).toEqual([expect.stringContaining('Total: 100G')]);
  });

  it('writes a file with --out, and a folder of PNGs for qr', async () => {
    const file = join(dir, 'out.json');
    const text = await runExportCommand(servers, { format: 'singbox', out: file });
    expect(text.ok).toBe(true);
    expect(JSON.parse(await readFile(file, 'utf8'))).toHaveProperty('route.final', 'proxy');

    const folder = join(dir, 'qr', 'nested');
    const qr = await runExportCommand(servers, { format: 'qr', out: folder });
    expect(qr.ok).toBe(true);
    expect((await readdir(folder)).sort()).toEqual(
      ['A B C (2).png', 'a b c.png', 'hy2.png', '🇺🇸 Test.png'].sort(),
    );
  });

  it('prints terminal QR codes for qr without --out', async () => {
    const result = await runExportCommand([seedServer()], { format: 'qr' });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.stdout).toContain('🇺🇸 Test');
    expect(result.value.stdout).toContain('▀');
  });

  it('fails with a state error when nothing is left to export', async () => {
    const result = await runExportCommand([seedServer({ remark: 'Expire: 2026-01-01' })], {
      format: 'links',
    });
    expect(result).toMatchObject({ ok: false, error: { kind: 'state' } });
  });
});
