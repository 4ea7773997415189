// Generates the committed icons in resources/icons/ from the same gauge drawer the tray uses:
// the app icon (PNG set for Linux, 512 px for macOS, which electron-builder turns into .icns),
// icon.ico for Windows (PNG-compressed entries in an ICO container written here), and the macOS
// tray template images. Run: npx tsx tools/make-icons.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PNG } from 'pngjs';
import { drawGauge } from '../src/main/monitor/gauge';

export interface Bitmap {
  size: number;
  /** size * size * 4, straight-alpha RGBA. */
  rgba: Uint8Array;
}

/** The tile behind the app icon's gauge (slate, reads on light and dark desktops). */
const TILE: readonly [number, number, number] = [30, 41, 59];
/** What is left on the app icon's gauge: most of a plan, so it reads as "fine". */
const APP_FRACTION = 0.72;

/** Coverage of a rounded square (radius r) at pixel (x, y), 4x4 sub-sampled for smooth corners. */
function roundedCoverage(x: number, y: number, size: number, radius: number): number {
  let inside = 0;
  for (let sy = 0; sy < 4; sy += 1) {
    for (let sx = 0; sx < 4; sx += 1) {
      const px = x + (sx + 0.5) / 4;
      const py = y + (sy + 0.5) / 4;
      const cx = Math.min(Math.max(px, radius), size - radius);
      const cy = Math.min(Math.max(py, radius), size - radius);
      if (Math.hypot(px - cx, py - cy) <= radius) inside += 1;
    }
  }
  return inside / 16;
}

/** The app icon: the green gauge centred on a rounded slate tile with a small margin. */
export function appIcon(size: number): Bitmap {
  const rgba = new Uint8Array(size * size * 4);
  const margin = Math.max(0, Math.round(size * 0.04));
  const tile = size - 2 * margin;
  const radius = tile * 0.22;
  for (let y = 0; y < tile; y += 1) {
    for (let x = 0; x < tile; x += 1) {
      const alpha = roundedCoverage(x, y, tile, radius);
      if (alpha === 0) continue;
      const o = ((y + margin) * size + (x + margin)) * 4;
      rgba.set([...TILE, Math.round(alpha * 255)], o);
    }
  }
  const gaugeSize = Math.round(tile * 0.7);
  const gauge = drawGauge({ fraction: APP_FRACTION, level: 'ok', size: gaugeSize });
  const offset = Math.floor((size - gauge.width) / 2);
  // Straight-alpha "over": the gauge sits on the opaque part of the tile.
  for (let y = 0; y < gauge.height; y += 1) {
    for (let x = 0; x < gauge.width; x += 1) {
      const s = (y * gauge.width + x) * 4;
      const a = gauge.rgba[s + 3]! / 255;
      if (a === 0) continue;
      const d = ((y + offset) * size + (x + offset)) * 4;
      const da = rgba[d + 3]! / 255;
      const outA = a + da * (1 - a);
      for (let c = 0; c < 3; c += 1) {
        rgba[d + c] = Math.round((gauge.rgba[s + c]! * a + rgba[d + c]! * da * (1 - a)) / outA);
      }
      rgba[d + 3] = Math.round(outA * 255);
    }
  }
  return { size, rgba };
}

/** The macOS tray template: black + alpha only (the system tints it). */
export function trayTemplate(size: number): Bitmap {
  const gauge = drawGauge({ fraction: 0.75, level: 'ok', size, template: true });
  return { size: gauge.width, rgba: gauge.rgba };
}

export function encodePng(bitmap: Bitmap): Buffer {
  const png = new PNG({ width: bitmap.size, height: bitmap.size });
  png.data = Buffer.from(bitmap.rgba);
  return PNG.sync.write(png);
}

/**
 * An ICO file holding PNG images (Windows Vista and later read these): a 6-byte header, one
 * 16-byte directory entry per image, then the PNG bytes. Width/height 0 in an entry means 256.
 */
export function encodeIco(images: { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(images.length, 4);
  const entries = Buffer.alloc(16 * images.length);
  let offset = header.length + entries.length;
  images.forEach(({ size, png }, i) => {
    if (size < 1 || size > 256) throw new RangeError(`ICO images are 1..256 px, not ${size}`);
    const e = i * 16;
    entries.writeUInt8(size === 256 ? 0 : size, e);
    entries.writeUInt8(size === 256 ? 0 : size, e + 1);
    entries.writeUInt8(0, e + 2); // no palette
    entries.writeUInt8(0, e + 3); // reserved
    entries.writeUInt16LE(1, e + 4); // colour planes
    entries.writeUInt16LE(32, e + 6); // bits per pixel
    entries.writeUInt32LE(png.length, e + 8);
    entries.writeUInt32LE(offset, e + 12);
    offset += png.length;
  });
  return Buffer.concat([header, entries, ...images.map((i) => i.png)]);
}

export const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512];
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];

export function makeIcons(outDir: string): string[] {
  const written: string[] = [];
  const write = (name: string, bytes: Buffer) => {
    const file = join(outDir, name);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, bytes);
    written.push(file);
  };
  const pngs = new Map<number, Buffer>();
  for (const size of new Set([...LINUX_SIZES, ...ICO_SIZES])) pngs.set(size, encodePng(appIcon(size)));
  write('icon.png', pngs.get(512)!);
  write('icon-256.png', pngs.get(256)!);
  for (const size of LINUX_SIZES) write(`png/${size}x${size}.png`, pngs.get(size)!);
  write('icon.ico', encodeIco(ICO_SIZES.map((size) => ({ size, png: pngs.get(size)! }))));
  write('trayTemplate.png', encodePng(trayTemplate(16)));
  write('trayTemplate@2x.png', encodePng(trayTemplate(32)));
  return written;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const out = resolve(dirname(fileURLToPath(import.meta.url)), '../resources/icons');
  for (const file of makeIcons(out)) console.log(file);
}
