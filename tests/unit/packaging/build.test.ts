// What a user installs: electron-builder's `--linux dir` target over the real build output, with the
// documented `electronDist` option pointed at a stub Electron distribution of placeholder files (the
// test runs without network access, so without an Electron binary). The app.asar and the resources
// folder are then read back with @electron/asar, the library electron-builder itself packs with.
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import asar from '@electron/asar';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const bin = (name: string) => join(ROOT, 'node_modules', '.bin', name);

/** Placeholder files where Electron's Linux distribution has its own. */
const STUB_FILES = [
  'electron',
  'chrome-sandbox',
  'chrome_crashpad_handler',
  'libffmpeg.so',
  'icudtl.dat',
  'resources.pak',
  'v8_context_snapshot.bin',
  'LICENSE',
  'LICENSES.chromium.html',
  'version',
  'locales/en-US.pak',
];

let work: string;
let unpacked: string;
let files: string[];
let builderLog: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'xmplus-package-'));
  const stub = join(work, 'electron-dist');
  for (const file of STUB_FILES) {
    mkdirSync(join(stub, file, '..'), { recursive: true });
    writeFileSync(join(stub, file), 'placeholder\n');
  }
  chmodSync(join(stub, 'electron'), 0o755);
  execFileSync(bin('electron-vite'), ['build'], { cwd: ROOT, stdio: 'pipe' });
  builderLog = execFileSync(
    bin('electron-builder'),
    [
      '--linux',
      'dir',
      `-c.electronDist=${stub}`,
      // keytar is not rebuilt against Electron's headers: the test downloads nothing.
      '-c.npmRebuild=false',
      `-c.directories.output=${join(work, 'dist')}`,
      '--publish',
      'never',
    ],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CI: 'true' }, stdio: 'pipe' },
  );
  unpacked = join(work, 'dist', 'linux-unpacked');
  files = asar.listPackage(join(unpacked, 'resources', 'app.asar'), { isPack: false });
}, 300_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The top-level package names in the asar's node_modules (scoped names kept whole). */
function bundledPackages(): Set<string> {
  const names = new Set<string>();
  for (const file of files) {
    const parts = file.split(/[\\/]/).filter(Boolean);
    if (parts[0] !== 'node_modules' || parts.length < 2) continue;
    names.add(parts[1]!.startsWith('@') ? `${parts[1]}/${parts[2]}` : parts[1]!);
  }
  return names;
}

const readAsarJson = (path: string) =>
  JSON.parse(asar.extractFile(join(unpacked, 'resources', 'app.asar'), path).toString('utf8')) as Record<
    string,
    unknown
  >;

describe('electron-builder --linux dir with a stub Electron', () => {
  it('names the executable xmplus-tray (the command the deb links into /usr/bin)', () => {
    expect(existsSync(join(unpacked, 'xmplus-tray'))).toBe(true);
    expect(existsSync(join(unpacked, 'electron'))).toBe(false);
  });

  it('the asar holds the build output and package.json with the product name', () => {
    for (const file of [
      'out/main/index.js',
      'out/main/cli.js',
      'out/preload/index.cjs',
      'out/renderer/index.html',
    ]) {
      expect(files).toContain(`/${file}`);
    }
    expect(files.some((f) => f.startsWith('/src/'))).toBe(false);
    expect(files.some((f) => f.endsWith('.map'))).toBe(false);
    const pkg = readAsarJson('package.json');
    expect(pkg.productName).toBe('XMPlus Tray');
    expect(pkg.main).toBe('out/main/index.js');
  });

  it('the CLI entry is bundled: no TypeScript loader at run time', () => {
    const cli = asar.extractFile(join(unpacked, 'resources', 'app.asar'), 'out/main/cli.js').toString('utf8');
    expect(cli).not.toMatch(/from ["']tsx|require\(["']tsx/);
    expect(cli).toMatch(/statusSource|askRunningApp|status\.sock/);
  });

  it('holds no build tools: tsx, esbuild, vite, typescript, vitest, playwright, electron-builder, electron', () => {
    const bundled = bundledPackages();
    for (const tool of [
      'tsx',
      'esbuild',
      '@esbuild/linux-x64',
      'vite',
      'typescript',
      'vitest',
      'playwright',
      '@playwright/test',
      'electron-builder',
      'app-builder-lib',
      'electron',
      'electron-vite',
    ]) {
      expect(bundled.has(tool), tool).toBe(false);
    }
  });

  // A node_modules that is a symlink hides the tree from npm, so electron-builder's collector
  // finds only part of it there; in a checkout with its own node_modules (CI) it is whole.
  const linked = lstatSync(join(ROOT, 'node_modules')).isSymbolicLink();
  it.skipIf(linked)(
    'holds every runtime dependency from the lockfile (skipped where node_modules is a symlink)',
    () => {
      const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
        packages: Record<string, { dev?: boolean; devOptional?: boolean; optional?: boolean }>;
      };
      const bundled = bundledPackages();
      const runtime = Object.entries(lock.packages)
        .filter(([path, p]) => path.startsWith('node_modules/') && !p.dev && !p.devOptional && !p.optional)
        .map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length));
      expect(runtime.length).toBeGreaterThan(20);
      for (const name of runtime) expect(bundled.has(name), name).toBe(true);
    },
  );

  it("unpacks keytar's native module from the asar", () => {
    expect(
      existsSync(
        join(
          unpacked,
          'resources',
          'app.asar.unpacked',
          'node_modules',
          'keytar',
          'build',
          'Release',
          'keytar.node',
        ),
      ),
    ).toBe(true);
  });

  it('puts provider.json and a generic app-update.yml in the resources', () => {
    const resources = join(unpacked, 'resources');
    expect(JSON.parse(readFileSync(join(resources, 'provider.json'), 'utf8'))).toBeTypeOf('object');
    const update = parse(readFileSync(join(resources, 'app-update.yml'), 'utf8')) as Record<string, unknown>;
    expect(update.provider).toBe('generic');
    expect(update.updaterCacheDirName).toBeTypeOf('string');
  });

  it('the main bundle has the update feed pinned by the build, not a constant left unresolved', () => {
    const main = asar
      .extractFile(join(unpacked, 'resources', 'app.asar'), 'out/main/index.js')
      .toString('utf8');
    // update-pins.ts reads __XMPLUS_UPDATE__; electron-vite's define must have replaced every use.
    expect(main).toMatch(/function pinnedUpdateFeed/);
    expect(main).not.toContain('__XMPLUS_UPDATE__');
  });

  it('the fuse hook skipped the stub binary and said why', () => {
    expect(builderLog).toMatch(/fuses not flipped on .*xmplus-tray: not a real Electron binary/);
  });
});
