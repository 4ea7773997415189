// Packaging: the afterPack hook flips exactly the intended fuses on the right binary per platform
// (at a mocked @electron/fuses), electron-builder.yml says what issue 9 asks, and the committed
// icons are real images of the right sizes (PNG set, ICO container, black-alpha templates).
import { readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PNG } from 'pngjs';
import { parse } from 'yaml';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type * as Fuses from '@electron/fuses';

const flipFuses = vi.fn(async (_path: string, _config: Record<string, unknown>) => 1);
vi.mock('@electron/fuses', async (importActual) => {
  const actual = await importActual<typeof Fuses>();
  return { FuseV1Options: actual.FuseV1Options, FuseVersion: actual.FuseVersion, flipFuses };
});

const hook = await import('../../../build/after-pack.mjs');
const { APP_ID } = await import('../../../src/main/electron/app-id');
const { encodeIco, ICO_SIZES, LINUX_SIZES } = await import('../../../tools/make-icons');

const ROOT = resolve(import.meta.dirname, '../../..');
const context = (electronPlatformName: string, arch = 1) => ({
  appOutDir: '/build/out',
  electronPlatformName,
  arch,
  packager: { appInfo: { productFilename: 'XMPlus Tray' }, executableName: 'xmplus-tray' },
});

beforeEach(() => flipFuses.mockClear());

describe('afterPack fuses', () => {
  // The fuse wire by index (FuseV1Options): 0 RunAsNode, 1 CookieEncryption, 2 NODE_OPTIONS,
  // 3 --inspect, 4 asar integrity, 5 only-asar. Written as numbers so a renamed enum cannot hide a change.
  const EXPECTED = { version: '1', 0: false, 1: true, 2: false, 3: false, 4: true, 5: true };

  it.each([
    ['linux', 1, '/build/out/xmplus-tray', false],
    ['win32', 1, '/build/out/XMPlus Tray.exe', false],
    ['darwin', 1, '/build/out/XMPlus Tray.app', false],
    ['darwin', 3, '/build/out/XMPlus Tray.app', true],
    ['darwin', 4, '/build/out/XMPlus Tray.app', true],
    ['mas', 3, '/build/out/XMPlus Tray.app', true],
  ])(
    '%s arch %i: flips the fuses on %s (reset ad-hoc signature: %s)',
    async (platform, arch, path, reset) => {
      await hook.afterPack(context(platform, arch));
      expect(flipFuses).toHaveBeenCalledTimes(1);
      const [calledPath, config] = flipFuses.mock.calls[0]!;
      expect(calledPath).toBe(path);
      expect(config).toEqual({ ...EXPECTED, resetAdHocDarwinSignature: reset });
    },
  );

  it('is the default export too (electron-builder takes either)', () => {
    expect(hook.default).toBe(hook.afterPack);
  });

  it('refuses an unknown platform instead of flipping nothing', async () => {
    await expect(hook.afterPack(context('aix'))).rejects.toThrow(/unknown platform/);
    expect(flipFuses).not.toHaveBeenCalled();
  });
});

describe('electron-builder.yml', () => {
  const config = parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as Record<
    string,
    unknown
  > & {
    linux: { target: string[]; category: string; icon: string; executableName: string };
    win: { target: { target: string; arch: string[] }[]; icon: string };
    mac: { target: { target: string; arch: string[] }[]; icon: string; extendInfo: Record<string, unknown> };
    files: string[];
    extraResources: { from: string; filter: string[] }[];
  };

  it('names the app, packs an asar and runs the fuse hook', () => {
    expect(config.appId).toBe(APP_ID);
    expect(config.productName).toBe('XMPlus Tray');
    expect(config.asar).toBe(true);
    expect(config.afterPack).toBe('./build/after-pack.mjs');
    expect(existsSync(join(ROOT, config.afterPack as string))).toBe(true);
    expect(config.publish).toBeNull();
  });

  it('ships the build output and the provider file, not the sources', () => {
    expect(config.files).toContain('out/**');
    expect(config.files).toContain('package.json');
    expect(config.files.some((f) => f.startsWith('src'))).toBe(false);
    expect(config.extraResources[0]).toMatchObject({ from: 'resources' });
    expect(config.extraResources[0]!.filter).toContain('provider.json');
  });

  it('targets AppImage + deb, NSIS and a universal dmg, with icons that exist', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.linux.category).toBe('Network');
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.mac.target).toEqual([{ target: 'dmg', arch: ['universal'] }]);
    expect(config.mac.extendInfo.LSUIElement).toBe(true);
    for (const icon of [config.linux.icon, config.win.icon, config.mac.icon]) {
      expect(existsSync(join(ROOT, icon))).toBe(true);
    }
    expect(config.win.icon.endsWith('.ico')).toBe(true);
  });

  it('the dist script builds then packages', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.dist).toBe('electron-vite build && electron-builder');
  });
});

describe('icons', () => {
  const icons = join(ROOT, 'resources/icons');
  const png = (file: string) => PNG.sync.read(readFileSync(join(icons, file)));

  it('the Linux set has every size, square, and the 512 px macOS source exists', () => {
    for (const size of LINUX_SIZES) {
      const image = png(`png/${size}x${size}.png`);
      expect([image.width, image.height]).toEqual([size, size]);
    }
    expect(png('icon.png').width).toBe(512);
    expect(png('icon-256.png').width).toBe(256);
  });

  it('the app icon is opaque in the middle of its tile and transparent at the corner', () => {
    const image = png('icon.png');
    expect(image.data[3]).toBe(0); // top-left corner, outside the rounded tile
    const mid = (256 * 512 + 40) * 4; // left edge of the tile, middle row
    expect(image.data[mid + 3]).toBe(255);
  });

  it('icon.ico is a valid ICO whose entries are the PNGs of each size', () => {
    const ico = readFileSync(join(icons, 'icon.ico'));
    expect(ico.readUInt16LE(0)).toBe(0);
    expect(ico.readUInt16LE(2)).toBe(1);
    const count = ico.readUInt16LE(4);
    expect(count).toBe(ICO_SIZES.length);
    const sizes: number[] = [];
    for (let i = 0; i < count; i += 1) {
      const e = 6 + i * 16;
      const declared = ico.readUInt8(e) || 256;
      const length = ico.readUInt32LE(e + 8);
      const offset = ico.readUInt32LE(e + 12);
      expect(ico.readUInt16LE(e + 6)).toBe(32);
      const image = PNG.sync.read(ico.subarray(offset, offset + length));
      expect([image.width, image.height]).toEqual([declared, declared]);
      sizes.push(declared);
    }
    expect(sizes).toEqual(ICO_SIZES);
  });

  it('encodeIco lays out header, directory and data back to back, and refuses > 256 px', () => {
    const a = Buffer.from('AAAA');
    const b = Buffer.from('BBBBBB');
    const ico = encodeIco([
      { size: 16, png: a },
      { size: 256, png: b },
    ]);
    expect(ico.length).toBe(6 + 32 + 10);
    expect(ico.readUInt32LE(6 + 12)).toBe(38);
    expect(ico.readUInt32LE(22 + 12)).toBe(42);
    expect(ico.readUInt8(22)).toBe(0); // 256 is written as 0
    expect(ico.subarray(38).toString()).toBe('AAAABBBBBB');
    expect(() => encodeIco([{ size: 512, png: a }])).toThrow(RangeError);
  });

  it.each([
    ['trayTemplate.png', 16],
    ['trayTemplate@2x.png', 32],
  ])('%s is %i px, black with alpha only', (file, size) => {
    const image = png(file);
    expect(image.width).toBe(size);
    let drawn = 0;
    for (let i = 0; i < image.data.length; i += 4) {
      expect([image.data[i], image.data[i + 1], image.data[i + 2]]).toEqual([0, 0, 0]);
      if (image.data[i + 3]! > 0) drawn += 1;
    }
    expect(drawn).toBeGreaterThan(size * 2);
  });
});
