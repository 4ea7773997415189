// The packaged app, as a user installs it: electron-builder's output run as its own executable. It
// starts and shows its window (ignoring ELECTRON_RENDERER_URL, which only a development run obeys),
// and answers `xmplus-tray status --json` both by itself against the panel and, while it runs,
// through its status socket. Tagged @smoke: CI runs it on Linux, macOS and Windows against the app it
// packed, and the release workflow against the app it is about to upload.
//
// The packaged app refuses to start with a debugging switch (src/main/electron/launch-switches.ts),
// and its fuses turn off Node's --inspect (build/after-pack.mjs), so neither Playwright's _electron
// nor Chromium's remote debugging can attach: as a user would, the tests see it from outside. Its
// window through the desktop (tests/support/desktop-window.ts: X11, Windows, macOS), its log's
// "window shown: app://renderer" line, its tray item on a private bus, the panel simulator's request
// counts, and its status socket through the CLI.
//
// Which app: XMPLUS_PACKAGED_APP names its executable (CI). Otherwise, on Linux, the spec packs one
// with `electron-builder --linux dir` and `electronDist` pointed at node_modules' Electron, the way
// tests/unit/packaging/build.test.ts packs with a stub, without rebuilding keytar for Electron (that
// would break the checkout's Node tests after it): keytar is a Node-API module, which Electron loads
// as built for Node, so the packed app keeps its secrets in the OS keychain as an installed one does.
import { test, expect } from '@playwright/test';
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startPanelSim, type PanelSim } from '../../tools/panel-sim/index';
import { privateBusUnavailable, startPrivateBus, type PrivateBus } from '../support/dbus/bus';
import { startStatusNotifierWatcher, type StatusNotifierWatcherFake } from '../support/dbus/tray';
import { desktopWindowsUnavailable, shownWindows } from '../support/desktop-window';
import { devRunSkip, electronDist, electronPath, launchDevRun, root, simAdmin, unlessRequired } from './app';

const run = promisify(execFile);
const given = process.env.XMPLUS_PACKAGED_APP;
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** Why the packaged app cannot be tried here, or null. */
function packagedSkip(): string | null {
  if (given) return existsSync(given) ? null : `Skipped: XMPLUS_PACKAGED_APP names no file (${given}).`;
  if (process.platform !== 'linux')
    return 'Skipped: set XMPLUS_PACKAGED_APP to the executable electron-builder --dir packed (CI does).';
  if (!electronPath) return 'Skipped: the Electron binary is not installed, so there is nothing to pack.';
  if (!existsSync(join(root, 'out', 'main', 'index.js')))
    return 'Skipped: the app is not built; run `npm run build` first.';
  return null;
}

const skip = unlessRequired(packagedSkip());
/** The window is looked at through the desktop; where that cannot be done the test says why. */
const windowSkip = skip ?? unlessRequired(desktopWindowsUnavailable());
/** Electron refuses root without --no-sandbox, and a CLI call's arguments cannot carry that switch. */
const cliSkip =
  process.platform === 'linux' && isRoot ? 'Skipped: the packaged CLI does not run as root.' : null;

let executable = given ?? '';
let packDir: string | null = null;

function pack(): string {
  packDir = mkdtempSync(join(tmpdir(), 'xmplus-packaged-'));
  execFileSync(
    join(root, 'node_modules', '.bin', 'electron-builder'),
    [
      '--linux',
      'dir',
      `-c.electronDist=${electronDist}`,
      '-c.npmRebuild=false',
      `-c.directories.output=${packDir}`,
      '--publish',
      'never',
    ],
    { cwd: root, stdio: 'pipe', env: { ...process.env, CI: 'true' } },
  );
  return join(packDir, 'linux-unpacked', 'xmplus-tray');
}

/** The environment of one run: its own settings folder where the OS lets a variable choose it. */
function isolatedEnv(configHome: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  // Linux: XDG_CONFIG_HOME moves the app's folder and the CLI's together. macOS and Windows take the
  // folder from the OS, not the environment; CI runners are throwaway machines.
  // LC_ALL=C.UTF-8: the CLI speaks English whatever the machine's language, for the texts checked.
  return { ...process.env, XDG_CONFIG_HOME: configHome, LC_ALL: 'C.UTF-8', ...extra };
}

/** Where the app and the CLI keep their settings (and the status socket), as both compute it. */
function appFolder(configHome: string): string {
  if (process.platform === 'linux') return join(configHome, 'XMPlus Tray');
  if (process.platform === 'win32') return join(process.env.APPDATA ?? '', 'XMPlus Tray');
  return join(process.env.HOME ?? '', 'Library', 'Application Support', 'XMPlus Tray');
}

interface Running {
  child: ChildProcess;
  pid: number;
  /** What the app printed to stderr so far (the last 20 kB). */
  stderr(): string;
  stop(): Promise<void>;
}

/** Starts the packaged app as a user's launcher would: its executable, no switches. */
function startPackaged(env: NodeJS.ProcessEnv): Running {
  const args = process.platform === 'linux' && isRoot ? ['--no-sandbox'] : [];
  const child = spawn(executable, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-20_000);
  });
  return {
    child,
    pid: child.pid!,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill();
      await exited;
    },
  };
}

/** The app's log (<settings folder>/logs/main.log) from `offset` on: what this run wrote. */
function logSince(folder: string, offset: number): string {
  const file = join(folder, 'logs', 'main.log');
  return existsSync(file) ? readFileSync(file).subarray(offset).toString('utf8') : '';
}

const logSize = (folder: string): number => {
  const file = join(folder, 'logs', 'main.log');
  return existsSync(file) ? statSync(file).size : 0;
};

/** Runs a command with `input` on its stdin; resolves with its exit code and output. */
function runWithInput(
  file: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  input: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

/** Service ids in `status --json`: one profile's `services`, or every profile's under `profiles`. */
function serviceIds(printed: string): number[] {
  const json = JSON.parse(printed) as {
    services?: { id: number }[];
    profiles?: { services: { id: number }[] }[];
  };
  const services = json.services ?? (json.profiles ?? []).flatMap((p) => p.services);
  return services.map((s) => s.id).sort((a, b) => a - b);
}

async function accountInfoRequests(sim: PanelSim): Promise<number> {
  const stats = (await simAdmin(sim, 'stats')) as { requests: Record<string, number> };
  return stats.requests['/api/client/account/info'] ?? 0;
}

test.describe('packaged app', () => {
  test.skip(skip !== null, skip ?? '');
  test.describe.configure({ timeout: 300_000 });

  let sim: PanelSim;
  let bus: PrivateBus | null = null;
  let watcher: StatusNotifierWatcherFake | null = null;
  let trap: Server;
  let trapped = 0;
  let trapUrl = '';

  test.beforeAll(async () => {
    if (!executable) executable = pack();
    sim = await startPanelSim();
    // A page ELECTRON_RENDERER_URL points at: the packaged app must never ask it for anything.
    trap = createServer((_request, response) => {
      trapped += 1;
      response.end('<title>not the app</title>');
    });
    await new Promise<void>((resolve) => trap.listen(0, '127.0.0.1', resolve));
    const address = trap.address();
    trapUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
    // Linux: a tray host on a private bus, so the app starts as on a desktop with a tray.
    if (process.platform === 'linux' && privateBusUnavailable() === null) {
      bus = await startPrivateBus();
      watcher = await startStatusNotifierWatcher(await bus.connect());
    }
  });

  test.afterAll(async () => {
    await watcher?.stop();
    await bus?.stop();
    await sim?.close();
    await new Promise((resolve) => trap?.close(resolve));
    if (packDir) rmSync(packDir, { recursive: true, force: true });
  });

  const busEnv = (): Record<string, string> => (bus ? { DBUS_SESSION_BUS_ADDRESS: bus.address } : {});

  test(
    'starts and shows its window from app://, ignoring ELECTRON_RENDERER_URL',
    { tag: '@smoke' },
    async () => {
      test.skip(windowSkip !== null, windowSkip ?? '');
      const home = mkdtempSync(join(tmpdir(), 'xmplus-packaged-home-'));
      const folder = appFolder(home);
      const offset = logSize(folder);
      const running = startPackaged(isolatedEnv(home, { ELECTRON_RENDERER_URL: trapUrl, ...busEnv() }));
      try {
        // The app's own word: its window showed its page, and the page came from app://.
        await expect
          .poll(() => (running.child.exitCode === null ? logSince(folder, offset) : 'exited'), {
            timeout: 60_000,
          })
          .toMatch(/window shown: app:\/\/renderer/);
        // The desktop's word: a window of that process is on screen, at least the app's minimum size.
        await expect
          .poll(
            async () =>
              (await shownWindows(running.pid)).some(
                (w) => (w.width === 0 || w.width >= 720) && (w.height === 0 || w.height >= 520),
              ),
            { timeout: 30_000 },
          )
          .toBe(true);
        expect(logSince(folder, offset)).not.toContain(trapUrl.replace(/\/$/, ''));
        expect(trapped).toBe(0);
        if (watcher) expect((await (await watcher.waitForItem()).properties()).status).toBe('Active');
      } catch (error) {
        throw new Error(`${String(error)}\nthe app’s stderr:\n${running.stderr()}`, { cause: error });
      } finally {
        await running.stop();
      }
    },
  );

  test('a development run does load ELECTRON_RENDERER_URL: the variable the packaged app must ignore', async () => {
    test.skip(devRunSkip !== null, devRunSkip ?? '');
    const before = trapped;
    const app = await launchDevRun({ env: { ELECTRON_RENDERER_URL: trapUrl, ...busEnv() } });
    try {
      const window = await app.firstWindow();
      await expect.poll(() => window.url()).toContain(trapUrl.replace(/\/$/, ''));
      expect(trapped).toBeGreaterThan(before);
    } finally {
      await app.close();
    }
  });

  test('status --json through its own executable asks the panel', { tag: '@smoke' }, async () => {
    test.skip(cliSkip !== null, cliSkip ?? '');
    const home = mkdtempSync(join(tmpdir(), 'xmplus-packaged-cli-'));
    const before = await accountInfoRequests(sim);
    const { stdout } = await run(executable, ['status', '--json'], {
      env: isolatedEnv(home, {
        XMPLUS_PANEL_URL: sim.url,
        XMPLUS_API_KEY: sim.apiKey,
        XMPLUS_EMAIL: sim.demo.email,
        XMPLUS_PASSWORD: sim.demo.password,
        ...busEnv(),
      }),
    });
    expect(serviceIds(stdout)).toEqual([4, 7, 9]);
    expect(await accountInfoRequests(sim)).toBeGreaterThan(before);
  });

  test(
    "status --json through the running app's socket, without asking the panel",
    { tag: '@smoke' },
    async () => {
      test.skip(cliSkip !== null, cliSkip ?? '');
      test.skip(
        process.platform !== 'linux' && !process.env.CI,
        'Skipped off CI: on macOS and Windows the app would sign in inside this user’s own settings folder and keychain.',
      );
      const home = mkdtempSync(join(tmpdir(), 'xmplus-packaged-socket-'));
      // The session bus as it is (tools/with-keyring.ts gives it an unlocked keyring on Linux): the
      // sign-in below keeps the password in the OS keychain, where the app finds it when it starts.
      const env = isolatedEnv(home);
      const login = [
        'login',
        '--panel',
        sim.url,
        '--api-key',
        sim.apiKey,
        '--email',
        sim.demo.email,
        '--password-stdin',
      ];
      // Signed in as a user would before starting the app: with the packaged CLI itself, whose items
      // the app may read (macOS lets the app that wrote a keychain item read it without asking). On
      // Windows the packaged app has no stdin (a GUI program; the CLI says so), so the checkout's
      // Node CLI signs in there: same settings folder, same Credential Manager, which asks no one.
      const signedIn =
        process.platform === 'win32'
          ? await runWithInput(
              process.execPath,
              [join(root, 'bin', 'xmplus-tray.js'), ...login],
              env,
              sim.demo.password,
            )
          : await runWithInput(executable, login, env, `${sim.demo.password}\n`);
      expect(signedIn.code, signedIn.stderr).toBe(0);
      // Without a keychain the CLI says the password was kept nowhere, and the app could not sign in.
      // (Only that line is looked for: Chromium may print its own start-up warnings to stderr.)
      expect(signedIn.stderr).not.toContain('no system keychain answers');
      expect(signedIn.stdout).toContain(`Signed in as ${sim.demo.email}`);

      const running = startPackaged(env);
      const ask = () =>
        run(executable, ['status', '--json'], { env }).then(
          (r) => r.stdout,
          () => '',
        );
      try {
        // Once the app runs and has the plans, a status call is answered by it: the three plans, and
        // not one more request to the panel. (Before that, the CLI asks the panel itself, with the
        // same keychain; the app's own refreshes also ask it, hence a poll, not a single look.)
        await expect
          .poll(
            async () => {
              if (running.child.exitCode !== null) return `the app exited (${running.child.exitCode})`;
              const before = await accountInfoRequests(sim);
              const printed = await ask();
              const ids = printed.includes('"id"') ? serviceIds(printed).join(',') : 'no answer';
              return `${ids}; panel asked: ${(await accountInfoRequests(sim)) > before}`;
            },
            { timeout: 90_000, intervals: [1_000] },
          )
          .toBe('4,7,9; panel asked: false');
      } catch (error) {
        throw new Error(`${String(error)}\nthe app’s stderr:\n${running.stderr()}`, { cause: error });
      } finally {
        await running.stop();
        // The keychain item goes with the sign-out.
        await run(executable, ['logout'], { env }).catch(() => undefined);
      }
    },
  );
});
