// The packaged app, as a user installs it: electron-builder's output run as its own executable. It
// starts and shows its window (ignoring ELECTRON_RENDERER_URL, which only a development run obeys),
// and answers `xmplus-tray status --json` both by itself against the panel and, while it runs,
// through its status socket. Tagged @smoke: CI runs it on Linux, macOS and Windows against the app it
// packed, and the release workflow against the app it is about to upload.
//
// The packaged app has its fuses flipped (build/after-pack.mjs), --inspect among them, so Playwright's
// _electron cannot attach (its Electron docs, "Known issues": launch times out when the nodeCliInspect
// fuse is off); the window is seen through Chromium's remote debugging instead
// (--remote-debugging-port, a Chromium switch no fuse closes): its page list, and Runtime.evaluate
// for a sign-in through the app's own bridge.
//
// Which app: XMPLUS_PACKAGED_APP names its executable (CI). Otherwise, on Linux, the spec packs one
// with `electron-builder --linux dir` and `electronDist` pointed at node_modules' Electron, the way
// tests/unit/packaging/build.test.ts packs with a stub, without rebuilding keytar: that would rebuild
// the checkout's own keytar for Electron and break the Node tests after it (the app then keeps
// secrets in memory, which these tests do not need).
import { test, expect } from '@playwright/test';
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startPanelSim, type PanelSim } from '../../tools/panel-sim/index';
import { privateBusUnavailable, startPrivateBus, type PrivateBus } from '../support/dbus/bus';
import { startStatusNotifierWatcher, type StatusNotifierWatcherFake } from '../support/dbus/tray';
import { devRunSkip, electronDist, electronPath, launchDevRun, root, simAdmin } from './app';

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

const skip = packagedSkip();
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
  return { ...process.env, XDG_CONFIG_HOME: configHome, ...extra };
}

/** Where the app and the CLI keep their settings (and the status socket), as both compute it. */
function appFolder(configHome: string): string {
  if (process.platform === 'linux') return join(configHome, 'XMPlus Tray');
  if (process.platform === 'win32') return join(process.env.APPDATA ?? '', 'XMPlus Tray');
  return join(process.env.HOME ?? '', 'Library', 'Application Support', 'XMPlus Tray');
}

interface Running {
  child: ChildProcess;
  port: number;
  stop(): Promise<void>;
}

/** Starts the packaged app with remote debugging on a free port, and learns the port. */
async function startPackaged(env: NodeJS.ProcessEnv, folder: string): Promise<Running> {
  const args = [
    '--remote-debugging-port=0',
    ...(process.platform === 'linux' && isRoot ? ['--no-sandbox'] : []),
  ];
  const portFile = join(folder, 'DevToolsActivePort');
  // A file left by an earlier run would name a dead port.
  rmSync(portFile, { force: true });
  const child = spawn(executable, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-20_000);
  });
  // Chromium prints the address to stderr and writes it to DevToolsActivePort in the profile folder.
  const listening = /DevTools listening on ws:\/\/[^:]+:(\d+)\//;
  const found = (): number | null => {
    const printed = stderr.match(listening)?.[1];
    if (printed) return Number(printed);
    return existsSync(portFile) ? Number(readFileSync(portFile, 'utf8').split('\n')[0]) || null : null;
  };
  let port: number | null = null;
  for (let waited = 0; port === null && child.exitCode === null && waited < 60_000; waited += 250) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    port = found();
  }
  if (port === null) {
    child.kill();
    throw new Error(
      `the packaged app opened no remote debugging port (exit ${child.exitCode}); stderr:\n${stderr}`,
    );
  }
  return {
    child,
    port,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill();
      await exited;
    },
  };
}

interface Target {
  type: string;
  url: string;
  webSocketDebuggerUrl: string;
}

async function pages(port: number): Promise<Target[]> {
  const list = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as Target[];
  return list.filter((t) => t.type === 'page');
}

/** Runtime.evaluate in a page over the DevTools protocol, awaiting a promise; the value comes back as JSON. */
async function evaluate<T>(target: Target, expression: string): Promise<T> {
  const socket = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    socket.onopen = resolve;
    socket.onerror = reject;
  });
  try {
    const answer = await new Promise<{ result?: { result?: { value?: unknown } }; error?: unknown }>(
      (resolve) => {
        socket.onmessage = (event) => resolve(JSON.parse(String(event.data)) as never);
        socket.send(
          JSON.stringify({
            id: 1,
            method: 'Runtime.evaluate',
            params: { expression, awaitPromise: true, returnByValue: true },
          }),
        );
      },
    );
    if (answer.error) throw new Error(`Runtime.evaluate: ${JSON.stringify(answer.error)}`);
    return answer.result?.result?.value as T;
  } finally {
    socket.close();
  }
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
      const home = mkdtempSync(join(tmpdir(), 'xmplus-packaged-home-'));
      const running = await startPackaged(
        isolatedEnv(home, { ELECTRON_RENDERER_URL: trapUrl, ...busEnv() }),
        appFolder(home),
      );
      try {
        await expect
          .poll(async () => (await pages(running.port)).map((p) => p.url).join(' '))
          .toMatch(/app:\/\/renderer\//);
        const urls = (await pages(running.port)).map((p) => p.url);
        expect(urls.some((url) => url.startsWith(trapUrl))).toBe(false);
        expect(trapped).toBe(0);
        if (watcher) expect((await (await watcher.waitForItem()).properties()).status).toBe('Active');
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
        'Skipped off CI: on macOS and Windows the app would sign in inside this user’s own settings folder.',
      );
      const home = mkdtempSync(join(tmpdir(), 'xmplus-packaged-socket-'));
      const env = isolatedEnv(home, busEnv());
      const running = await startPackaged(env, appFolder(home));
      try {
        await expect
          .poll(async () => (await pages(running.port)).some((p) => p.url.startsWith('app://renderer/')))
          .toBe(true);
        const page = (await pages(running.port)).find((p) => p.url.startsWith('app://renderer/'))!;
        const input = {
          panelUrl: sim.url,
          apiKey: sim.apiKey,
          email: sim.demo.email,
          password: sim.demo.password,
          remember: false,
        };
        // The sign-in goes through the app's own bridge (preload, IPC, core), as the window's form does.
        const signed = await evaluate<{ ok: boolean }>(
          page,
          `window.xmplus.authSignIn(${JSON.stringify(input)})`,
        );
        expect(signed.ok).toBe(true);

        const ask = () =>
          run(executable, ['status', '--json'], { env }).then(
            (r) => r.stdout,
            () => '',
          );
        await expect.poll(async () => (await ask()).includes('"id"')).toBe(true);
        const before = await accountInfoRequests(sim);
        const printed = await ask();
        expect(serviceIds(printed)).toEqual([4, 7, 9]);
        // The answer came from the running app: the panel was not asked, and the CLI has no password
        // of its own here (no XMPLUS_* variables, secrets only in the app's memory).
        expect(await accountInfoRequests(sim)).toBe(before);
      } finally {
        await running.stop();
      }
    },
  );
});
