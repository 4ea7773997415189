// The export command's work (src/main/cli/export.ts): text formats printed, files and QR folders
// written, terminal QR codes, and a state error when nothing is left.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runExportCommand } from '../../../src/main/cli/export';
import type { PanelServer } from '../../../src/shared/domain';
import { mixedServers, seedServer } from '../export/fixtures';
import { expectErr, expectOk } from '../../support/expect';

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
    const result = expectOk(await runExportCommand(servers, { format: 'links' }));
    expect(result.stdout.trimEnd().split('\n')).toHaveLength(4);
    expect(result.notes).toEqual([expect.stringContaining('Total: 100G')]);
  });

  it('writes a file with --out, and a folder of PNGs for qr', async () => {
    const file = join(dir, 'out.json');
    expectOk(await runExportCommand(servers, { format: 'singbox', out: file }));
    expect(JSON.parse(await readFile(file, 'utf8'))).toHaveProperty('route.final', 'proxy');

    const folder = join(dir, 'qr', 'nested');
    expectOk(await runExportCommand(servers, { format: 'qr', out: folder }));
    expect((await readdir(folder)).sort()).toEqual(
      ['A B C (2).png', 'a b c.png', 'hy2.png', '🇺🇸 Test.png'].sort(),
    );
  });

  it('prints terminal QR codes for qr without --out', async () => {
    const { stdout } = expectOk(await runExportCommand([seedServer()], { format: 'qr' }));
    expect(stdout).toContain('🇺🇸 Test');
    expect(stdout).toContain('▀');
  });

  it('fails with a state error when nothing is left to export', async () => {
    const result = await runExportCommand([seedServer({ remark: 'Expire: 2026-01-01' })], {
      format: 'links',
    });
    expectErr(result, 'state');
  });
});
