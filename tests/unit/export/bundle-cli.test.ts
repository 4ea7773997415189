// buildExport / buildBundle: file names, skip notes per format, safe file names.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  buildBundle,
  buildExport,
  collectServers,
  exportFolderName,
  renderQrCodes,
  renderQrSvgs,
  safeFileName,
} from '../../../src/main/export/index';
import { toShareLink } from '../../../src/main/export/model';
import { paymentQr } from '../../../src/main/billing/index';
import { qrSvg } from '../../../src/main/qr';
import type { PanelServer } from '../../../src/shared/domain';
import { mixedServers, modelMatrix } from './fixtures';

const matrix = modelMatrix();
const hy2 = matrix.find((m) => m.protocol === 'hysteria2')!;
const servers: PanelServer[] = mixedServers();

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

  it("draws the window's codes as the same SVGs, without PNGs", async () => {
    const { models } = collectServers(servers);
    const both = await renderQrCodes(models);
    const svgs = await renderQrSvgs(models);
    expect(svgs.skipped).toEqual(both.skipped);
    expect(svgs.codes).toEqual(both.codes.map(({ remark, link, svg }) => ({ remark, link, svg })));
    expect(svgs.codes.every((code) => !('png' in code))).toBe(true);
  });

  it('draws payment codes with the same renderer (same quiet zone) as export codes', async () => {
    const data = 'wxp://f2f0mEWZ0Zb7Dcd1D8EXAMPLE';
    const svg = await paymentQr({ data, dataKind: 'uri' } as Parameters<typeof paymentQr>[0]);
    expect(svg).toBe(await qrSvg(data));
    // The quiet zone: 4 modules on each side, so the viewBox is the symbol plus 8.
    const side = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)?.[1]);
    expect((side - 8 - 21) % 4).toBe(0);
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

  it("suffixes a server named like one of the export's own files instead of failing", async () => {
    const named = servers.map((s, i) => (i === 0 ? { ...s, remark: 'Subscription-Link' } : s));
    const bundle = await buildBundle(named, ['qr'], 'x', ['subscription-link.png', 'subscription-link.txt']);
    expect(bundle.files.map((f) => f.name)).toContain('Subscription-Link (2).png');
    expect(bundle.files.map((f) => f.name.toLowerCase())).not.toContain('subscription-link.png');
  });
});

describe('exportFolderName', () => {
  it('names the profile, the selection and the local time, safe for every OS', () => {
    const at = new Date(2026, 11, 6, 9, 5, 7).getTime();
    expect(exportFolderName('NovaNet', 'Pro 200-7', at)).toBe('NovaNet Pro 200-7 2026-12-06 09-05-07');
    expect(exportFolderName('a/b:c', 'CON', at)).toBe('a b c CON 2026-12-06 09-05-07');
    expect(exportFolderName('', '', at)).toBe('xmplus 2026-12-06 09-05-07');
    const long = exportFolderName('名'.repeat(200), 'x', at);
    expect(long.endsWith('2026-12-06 09-05-07')).toBe(true);
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(100);
  });
});

describe('safeFileName', () => {
  it.each([
    ['CON', '_CON'],
    ['nul.png', '_nul.png'],
    ['COM¹', '_COM¹'],
    ['CONOUT$', '_CONOUT$'],
    ['report. . .', 'report'],
    ['IMG_0001', 'IMG_0001'],
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
