// Packaging: the afterPack hook flips exactly the intended fuses on the right binary per platform
// (at a mocked @electron/fuses) and skips, saying why, a binary without a fuse wire; the builder
// configuration keeps electron-builder's own deb dependencies; the committed icons are real images
// of the right sizes. What a build actually contains is checked by tests/unit/packaging/build.test.ts.
import { readFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PNG } from 'pngjs';
import { parse } from 'yaml';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type * as Fuses from '@electron/fuses';

const flipFuses = vi.fn(async (_path: string, _config: Record<string, unknown>) => 1);
const realFuses: { module: typeof Fuses | null } = { module: null };
/** By default every path "has" a fuse wire; a test can hand the question to the real reader. */
const getCurrentFuseWire = vi.fn(async (_path: string): Promise<unknown> => ({ version: '1' }));
vi.mock('@electron/fuses', async (importActual) => {
  const actual = await importActual<typeof Fuses>();
  realFuses.module = actual;
  return {
    FuseV1Options: actual.FuseV1Options,
    FuseVersion: actual.FuseVersion,
    flipFuses,
    getCurrentFuseWire,
  };
});

const hook = await import('../../../build/after-pack.mjs');
const { APP_ID } = await import('../../../src/main/electron/app-id');
const { encodeIco, ICO_SIZES, LINUX_SIZES } = await import('../../../tools/make-icons');

const ROOT = resolve(import.meta.dirname, '../../..');
/** electron-builder.yml as electron-builder reads it (its `protocols` reach the hook as packager.config). */
const builderConfig = parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as {
  protocols: unknown;
};
const context = (electronPlatformName: string, arch = 1) => ({
  appOutDir: '/build/out',
  electronPlatformName,
  arch,
  packager: {
    appInfo: { productFilename: 'XMPlus Tray' },
    executableName: 'xmplus-tray',
    config: { protocols: builderConfig.protocols },
  },
});

beforeEach(() => flipFuses.mockClear());

describe('the app link scheme at build time', () => {
  it('the package registers the default scheme xmplus-tray (Linux: MimeType=x-scheme-handler/xmplus-tray)', () => {
    expect(hook.registeredSchemes(builderConfig.protocols)).toContain('xmplus-tray');
    expect(hook.urlSchemeProblem(null, builderConfig.protocols)).toBeNull();
    expect(hook.urlSchemeProblem('{}', builderConfig.protocols)).toBeNull();
  });

  it('a branded provider.json naming a scheme the package does not register stops the build', async () => {
    const problem = hook.urlSchemeProblem('{"urlScheme":"acmevpn"}', builderConfig.protocols);
    expect(problem).toMatch(/acmevpn:\/\/ links, but electron-builder.yml protocols registers xmplus-tray/);
    expect(
      hook.urlSchemeProblem('{"urlScheme":"acmevpn"}', [{ name: 'Acme', schemes: ['acmevpn'] }]),
    ).toBeNull();
    const dir = mkdtempSync(join(tmpdir(), 'xmplus-scheme-'));
    const resources = join(dir, 'resources');
    mkdirSync(resources);
    writeFileSync(join(resources, 'provider.json'), '{"urlScheme":"acmevpn"}');
    try {
      await expect(hook.afterPack({ ...context('linux'), appOutDir: dir })).rejects.toThrow(/acmevpn/);
      expect(flipFuses).not.toHaveBeenCalled();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each(['Acme', 'ab', 'http', '1vpn', 'acme vpn', 'acme_vpn', 'a'.repeat(41)])(
    'refuses the scheme %j in provider.json, at build time and at run time alike',
    async (scheme) => {
      const problem = hook.urlSchemeProblem(JSON.stringify({ urlScheme: scheme }), [
        { name: 'x', schemes: [scheme] },
      ]);
      const { isValidUrlScheme } = await import('../../../src/main/app-link');
      expect(isValidUrlScheme(scheme)).toBe(false);
      // "http" is well-formed: the build takes its shape, the app refuses it as reserved.
      if (scheme !== 'http') expect(problem).toMatch(/not a valid scheme/);
    },
  );

  it('the build and the app read a scheme by the same pattern', async () => {
    const { URL_SCHEME_PATTERN } = await import('../../../src/main/app-link');
    expect(hook.URL_SCHEME_PATTERN.source).toBe(URL_SCHEME_PATTERN.source);
  });
});

describe('afterPack fuses', () => {
  // The fuse wire by index (FuseV1Options): 0 RunAsNode, 1 CookieEncryption, 2 NODE_OPTIONS,
  // 3 --inspect, 4 asar integrity, 5 only-asar, 7 file:// extra privileges. Written as numbers so a
  // renamed enum cannot hide a change.
  const EXPECTED = { version: '1', 0: false, 1: true, 2: false, 3: false, 4: true, 5: true, 7: false };

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

  it('skips a binary without a fuse wire (a stub Electron), printing why; fails instead when fuses are required', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xmplus-fuses-'));
    writeFileSync(join(dir, 'xmplus-tray'), 'placeholder, not an Electron binary');
    getCurrentFuseWire.mockImplementation((path) => realFuses.module!.getCurrentFuseWire(path));
    const printed: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((line: string) => void printed.push(line));
    const stub = { ...context('linux'), appOutDir: dir };
    try {
      await hook.afterPack(stub);
      expect(flipFuses).not.toHaveBeenCalled();
      expect(printed.join('\n')).toMatch(/fuses not flipped .*xmplus-tray: not a real Electron binary/);
      vi.stubEnv('XMPLUS_REQUIRE_FUSES', '1');
      await expect(hook.afterPack(stub)).rejects.toThrow(/sentinel/);
    } finally {
      vi.unstubAllEnvs();
      log.mockRestore();
      getCurrentFuseWire.mockImplementation(async () => ({ version: '1' }));
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses an unknown platform instead of flipping nothing', async () => {
    await expect(hook.afterPack(context('aix'))).rejects.toThrow(/unknown platform/);
    expect(flipFuses).not.toHaveBeenCalled();
  });
});

describe('electron-builder configuration', () => {
  const config = parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as {
    appId: string;
    afterPack: string;
    deb: { depends: string[] };
    publish: { provider: string; url: string };
    linux: { icon: string };
    win: { icon: string };
    mac: { icon: string; target: { target: string }[] };
  };

  it('keeps every deb dependency electron-builder itself would declare, plus libsecret', async () => {
    // Setting deb.depends replaces electron-builder's list: read that list from its own code.
    const fpm = (await import('app-builder-lib/out/targets/FpmTarget.js')) as unknown as {
      default: { prototype: { getDefaultDepends(target: string): string[] } };
    };
    const defaults = fpm.default.prototype.getDefaultDepends('deb');
    expect(defaults.length).toBeGreaterThan(5);
    for (const dependency of defaults) expect(config.deb.depends).toContain(dependency);
    expect(config.deb.depends).toContain('libsecret-1-0');
  });

  it('one name everywhere: productName names the CLI profile folder, desktopName is the app id and the autostart file', async () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      productName: string;
      desktopName: string;
    };
    const { APP_FOLDER, defaultConfigDir } = await import('../../../src/main/settings/store');
    const { AUTOSTART_FILE } = await import('../../../src/main/xdg-autostart');
    expect(pkg.productName).toBe('XMPlus Tray');
    expect(APP_FOLDER).toBe(pkg.productName);
    expect(defaultConfigDir({ XDG_CONFIG_HOME: '/home/u/.config' }, 'linux')).toBe(
      '/home/u/.config/XMPlus Tray',
    );
    expect(pkg.desktopName).toBe(`${APP_ID}.desktop`);
    expect(AUTOSTART_FILE).toBe(pkg.desktopName);
  });

  it('uses the app id of the shell, and its hook and icons exist', () => {
    expect(config.appId).toBe(APP_ID);
    expect(existsSync(join(ROOT, config.afterPack))).toBe(true);
    for (const icon of [config.linux.icon, config.win.icon, config.mac.icon]) {
      expect(existsSync(join(ROOT, icon))).toBe(true);
    }
  });

  it('has a generic update feed (so app-update.yml is written) and a macOS zip (electron-updater installs from it)', () => {
    expect(config.publish.provider).toBe('generic');
    expect(config.publish.url).toMatch(/^https:\/\//);
    expect(config.mac.target.map((t) => t.target)).toEqual(expect.arrayContaining(['dmg', 'zip']));
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
