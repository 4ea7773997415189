// buildExport / buildBundle (file names, skip notes per format) and the CLI export command.

import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildBundle, buildExport, safeFileName } from '../../../src/main/export/index';
import { parseExportArgs, runExportCommand } from '../../../src/main/export/cli';
import { toShareLink } from '../../../src/main/export/model';
import type { PanelServer } from '../../../src/shared/domain';
import { modelMatrix, panelServerFor, seedServer } from './fixtures';

const matrix = modelMatrix();
const hy2 = matrix.find((m) => m.protocol === 'hysteria2')!;
const servers: PanelServer[] = [
  seedServer(),
  seedServer({ remark: 'Total: 100G Used: 3G' }),
  seedServer({ remark: 'a/b:c*?' }),
  seedServer({ remark: 'A/B:C*?' }),
  panelServerFor(hy2, toShareLink(hy2)),
];

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xmplus-export-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('buildExport', () => {
  it('drops pseudo-servers and reports them, and counts what the format holds', async () => {
    const result = await buildExport(servers, 'xray');
    if (result.format !== 'xray') throw new Error('wrong format');
    expect(result.dropped).toEqual([
      { remark: 'Total: 100G Used: 3G', reason: expect.stringContaining('plan info') },
    ]);
    expect(result.skipped).toEqual([{ remark: 'hy2', reason: expect.stringContaining('hysteria2') }]);
    expect(result.count).toBe(3);
  });

  it('gives QR codes with PNG and SVG per server', async () => {
    const result = await buildExport(servers, 'qr');
    if (result.format !== 'qr') throw new Error('wrong format');
    expect(result.codes.map((c) => c.remark)).toEqual(['🇺🇸 Test', 'a/b:c*?', 'A/B:C*?', 'hy2']);
    const png = PNG.sync.read(result.codes[3]!.png);
    expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(toShareLink(hy2));
    expect(result.codes[0]!.svg).toContain('<svg');
  });
});

describe('buildBundle', () => {
  it('names files after the base name and QR PNGs after servers, unique and safe', async () => {
    const bundle = await buildBundle(
      servers,
      ['links', 'base64', 'clash', 'singbox', 'xray', 'qr'],
      'My: Service/4',
    );
    expect(bundle.files.map((f) => f.name)).toEqual([
      'My Service 4-links.txt',
      'My Service 4-subscription.txt',
      'My Service 4-clash.yaml',
      'My Service 4-sing-box.json',
      'My Service 4-xray.json',
      '🇺🇸 Test.png',
      'a b c.png',
      'A B C (2).png',
      'hy2.png',
    ]);
    expect(bundle.skipped).toEqual([
      { format: 'xray', remark: 'hy2', reason: expect.stringContaining('hysteria2') },
    ]);
    expect(bundle.dropped).toHaveLength(1);
  });
});

describe('safeFileName', () => {
  it.each([
    ['CON', '_CON'],
    ['  ..hidden.. ', 'hidden'],
    ['\u202Eevil\u202C.exe', 'evil .exe'],
    ['', 'server'],
    ['a\u0000b\nc', 'a b c'],
  ])('%j -> %j', (raw, expected) => {
    expect(safeFileName(raw)).toBe(expected);
  });

  it('always gives a usable, bounded name', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (raw) => {
        const name = safeFileName(raw);
        expect(name.length).toBeGreaterThan(0);
        expect(Buffer.byteLength(name)).toBeLessThanOrEqual(101);
        // eslint-disable-next-line no-control-regex -- control characters must be gone
        expect(name).not.toMatch(/[<>:"/\\|?*\u0000-\u001f]|^\.|\.$|^\s|\s$/);
        expect(name).not.toMatch(/\p{Cs}/u);
      }),
    );
  });
});

describe('CLI export', () => {
  it('parses its arguments', () => {
    expect(parseExportArgs(['--format', 'clash', '--service', '4', '--out', 'x.yaml'])).toEqual({
      ok: true,
      value: { format: 'clash', serviceId: 4, out: 'x.yaml' },
    });
    expect(parseExportArgs(['--format=qr'])).toEqual({ ok: true, value: { format: 'qr' } });
    expect(parseExportArgs(['--format', 'json'])).toMatchObject({ ok: false, error: { kind: 'validation' } });
    expect(parseExportArgs(['--format', 'links', '--service', 'x'])).toMatchObject({ ok: false });
    expect(parseExportArgs(['--format'])).toMatchObject({ ok: false });
    expect(parseExportArgs(['--bogus', '1'])).toMatchObject({ ok: false });
  });

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
