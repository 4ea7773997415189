// QR codes decoded by real decoders, zbarimg (Debian's zbar-tools) and jsQR, must give back
// exactly the share link; the SVG must be an SVG of the same code.

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qrPng, qrSvg } from '../../../src/main/qr';
import { toShareLink } from '../../../src/main/export/model';
import type { ServerModel } from '../../../src/main/export/model';
import { modelMatrix, SEED_URI } from './fixtures';

const ZBARIMG = '/usr/bin/zbarimg';
const run = promisify(execFile);

// One of each protocol plus the longest link in the matrix, and the panel's own seed link.
const all = modelMatrix();
const byProtocol = [...new Map(all.map((m) => [m.protocol, m] as const)).values()];
const longest = all.reduce((a, b) => (toShareLink(a).length >= toShareLink(b).length ? a : b));
const odd: ServerModel = { ...all[0]!, remark: '🇯🇵 東京 #1 & مرحبا 100%' };
const links = [SEED_URI, ...[...byProtocol, longest, odd].map(toShareLink)];

function decodeWithJsQr(png: Buffer): string | null {
  const image = PNG.sync.read(png);
  const code = jsQR(
    new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length),
    image.width,
    image.height,
  );
  return code ? code.data : null;
}

describe('QR PNG decoded by jsQR', () => {
  it.each(links.map((link) => [link.slice(0, 60), link]))('%s…', async (_label, link) => {
    expect(decodeWithJsQr(await qrPng(link))).toBe(link);
  });
});

describe.skipIf(!existsSync(ZBARIMG))(
  'QR PNG decoded by zbarimg (skipped: /usr/bin/zbarimg is not installed)',
  () => {
    let dir = '';
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'xmplus-qr-'));
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it.each(links.map((link, i) => [i, link] as const))('link %i', async (i, link) => {
      const file = join(dir, `${i}.png`);
      await writeFile(file, await qrPng(link));
      const { stdout } = await run(ZBARIMG, ['--raw', '-q', file]);
      expect(stdout.replace(/\n$/, '')).toBe(link);
    });
  },
);

describe('QR SVG', () => {
  it('is an SVG drawing of a code with the same module count as the PNG', async () => {
    const svg = await qrSvg(SEED_URI);
    expect(svg).toMatch(/^<svg[^>]+viewBox="0 0 (\d+) \1"/);
    const size = Number(/viewBox="0 0 (\d+)/.exec(svg)?.[1]);
    const png = PNG.sync.read(await qrPng(SEED_URI));
    // PNG is 8 px a module; both carry a 4-module margin
    expect(png.width / 8).toBe(size);
    expect(svg).toContain('<path');
  });
});
