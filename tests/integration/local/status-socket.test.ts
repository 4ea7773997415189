// The status socket for real: a core signed in to the simulator serves its snapshot; the CLI's status
// (every output mode) reads it with the panel gone, so no panel request is made; the socket is 0600
// and another user is refused; a stale socket file is replaced; a live one is left alone.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/main/cli';
import { askRunningApp, askStatus } from '../../../src/main/local/status-client';
import {
  askAppIn,
  createStatusKey,
  startStatusServer,
  statusSocketPath,
  type StatusServer,
} from '../../../src/main/local/status-socket';
import { startPanelSim, type PanelSim } from '../../../tools/panel-sim/index';
import { makeCoreRig, signInDemo, type CoreRig } from '../../support/core-rig';
import { testIo } from '../../support/cli-io';
import { printedStatus } from '../../../src/main/cli/commands/status';
import { printedByApp } from '../../../src/main/local/fast-status';
import { mainText } from '../../../src/main/i18n';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings';

const THRESHOLDS = {
  trafficPercent: DEFAULT_SETTINGS.trafficThresholds,
  daysLeft: DEFAULT_SETTINGS.expiryThresholds,
};

const unix = process.platform !== 'win32';
const KEY = 'a'.repeat(64);
let sim: PanelSim;
let rig: CoreRig;
let userData: string;
let server: StatusServer | null;
let fetchedAt: number;

beforeAll(async () => {
  sim = await startPanelSim();
  rig = await makeCoreRig({ memory: true });
  const { snapshot } = await signInDemo(rig, sim, { remember: false, refresh: true });
  fetchedAt = snapshot.fetchedAt;
  userData = mkdtempSync(join(tmpdir(), 'xmplus-socket-'));
  server = await startStatusServer({
    path: statusSocketPath(userData),
    key: createStatusKey(userData),
    profiles: () => rig.core.statusProfiles(),
    print: (mode, profiles, locale) =>
      printedStatus(mode, profiles, THRESHOLDS, Date.now(), mainText(locale, 'en')),
  });
  // From here on a panel request could not be answered: whatever status prints came from the app.
  await sim.close();
});

afterAll(async () => {
  await server?.close();
  await rig.dispose();
  rmSync(userData, { recursive: true, force: true });
});

const cliEnv = () => ({ XMPLUS_CONFIG_DIR: userData });

describe('status from the running app', () => {
  it("the socket answers every watched profile's latest snapshot, without server lists (they carry proxy credentials)", async () => {
    const profiles = await askStatus(userData);
    expect(profiles).toHaveLength(1);
    const snapshot = profiles?.[0]?.snapshot;
    expect(snapshot?.fetchedAt).toBe(fetchedAt);
    expect(snapshot?.services.length).toBeGreaterThan(0);
    expect(snapshot?.servers).toEqual({});
  });

  it('hands out neither the subscription links nor the email: status needs neither', async () => {
    const profiles = await askStatus(userData);
    expect(profiles?.length).toBeGreaterThan(0);
    const snapshot = profiles?.[0]?.snapshot;
    expect(snapshot?.services.map((s) => s.sublink)).toEqual(snapshot?.services.map(() => ''));
    expect(snapshot?.account?.email).toBe('');
    const json = JSON.parse((await printedByApp(['status', '--json'], cliEnv()))!) as {
      profiles: { account: { email: string }; services: { sublink: string }[] }[];
    };
    expect(json.profiles[0]!.account.email).toBe('');
    expect(new Set(json.profiles[0]!.services.map((s) => s.sublink))).toEqual(new Set(['']));
    expect(await printedByApp(['status', '--waybar'], cliEnv())).not.toContain('/link/');
  });

  it.each([['--json'], ['--waybar'], []])(
    'status %s is answered by the app with the panel down',
    async (...flags) => {
      const t = testIo({ env: cliEnv() });
      const code = await main(['status', ...flags], t.io, { statusSource: askRunningApp });
      expect(t.err()).toBe('');
      expect(code).toBe(0);
      if (flags[0] === '--json') {
        const parsed = JSON.parse(t.out()) as { profiles: { fetchedAt: string; services: unknown[] }[] };
        expect(Date.parse(parsed.profiles[0]!.fetchedAt)).toBe(fetchedAt);
        expect(parsed.profiles[0]!.services.length).toBeGreaterThan(0);
      } else if (flags[0] === '--waybar') {
        const line = JSON.parse(t.out()) as { text: string; class: string };
        expect(line.class).not.toBe('error');
        expect(line.text).toMatch(/%/);
      } else {
        expect(t.out()).toMatch(/^4\s+StarterPack\s+Active/m);
      }
    },
  );

  it('without a running app the client answers null, and the CLI goes to the panel as before', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'xmplus-socket-none-'));
    expect(await askRunningApp({ env: { XMPLUS_CONFIG_DIR: empty } })).toBeNull();
    const t = testIo({ env: { XMPLUS_CONFIG_DIR: empty } });
    // No profile and no app: the panel path reports what to do.
    expect(await main(['status'], t.io, { statusSource: askRunningApp })).not.toBe(0);
    expect(t.err()).toMatch(/login|sign in|account/i);
    rmSync(empty, { recursive: true, force: true });
  });

  it('the app prints --waybar and --json itself, exactly as the CLI would from its snapshot', async () => {
    for (const mode of ['--waybar', '--json'] as const) {
      const printed = await printedByApp(['status', mode], cliEnv());
      const t = testIo({ env: cliEnv() });
      expect(await main(['status', mode], t.io, { statusSource: askRunningApp })).toBe(0);
      expect(printed).not.toBeNull();
      // The same line but for the clock, which moved between the two calls (days and hours left).
      expect(Object.keys(JSON.parse(printed!) as object).sort()).toEqual(
        Object.keys(JSON.parse(t.out()) as object).sort(),
      );
      if (mode === '--waybar') expect(printed).toBe(t.out());
    }
    expect(await printedByApp(['status'], cliEnv())).toBeNull();
    expect(await printedByApp(['status', '--waybar', 'x'], cliEnv())).toBeNull();
    expect(await printedByApp(['services', '--json'], cliEnv())).toBeNull();
  });

  it("the app writes the Waybar tooltip in the terminal's language, the line the CLI itself prints there", async () => {
    const persianEnv = { ...cliEnv(), LANG: 'fa_IR.UTF-8' };
    const english = await printedByApp(['status', '--waybar'], cliEnv());
    const persian = await printedByApp(['status', '--waybar'], persianEnv);
    const t = testIo({ env: persianEnv });
    expect(await main(['status', '--waybar'], t.io, { statusSource: askRunningApp })).toBe(0);
    expect(persian).toBe(t.out());
    const tooltip = (line: string | null) => (JSON.parse(line!) as { tooltip: string }).tooltip;
    expect(tooltip(persian)).not.toBe(tooltip(english));
    expect(tooltip(persian)).toMatch(/[۰-۹]/);
    expect(tooltip(english)).toMatch(/Updated/);
    // A language the app does not have, or one without a printed mode, is not answered.
    expect(await askAppIn(userData, 'status --waybar de')).toBeNull();
    expect(await askAppIn(userData, 'status fa')).toBeNull();
    expect(await askAppIn(userData, 'status --json ru')).not.toBeNull();
  });

  it('scripts with their own credentials are not answered by the app', async () => {
    expect(
      await askRunningApp({ env: { XMPLUS_CONFIG_DIR: userData, XMPLUS_EMAIL: 'x@example.com' } }),
    ).toBeNull();
  });
});

describe.skipIf(!unix)('the socket file (Unix)', () => {
  it('is a socket with mode 0600', () => {
    const stat = statSync(statusSocketPath(userData));
    expect(stat.isSocket()).toBe(true);
    expect(stat.mode & 0o777).toBe(0o600);
  });

  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  // A Node that uid 65534 may run (ours may sit in root's home): the system one, else ours.
  const otherUserNode = [process.execPath, '/usr/bin/node', '/usr/local/bin/node'].find(
    (node) => root && spawnSync(node, ['-e', '0'], { uid: 65534, gid: 65534 }).status === 0,
  );
  it.skipIf(!otherUserNode)(
    'refuses another user (needs root and a Node uid 65534 can run; skipped otherwise)',
    () => {
      // The folder is opened to everyone so that only the socket's own mode stands in the way.
      chmodSync(userData, 0o755);
      const script = `require('net').createConnection(process.argv[1]).on('connect',()=>{console.log('connected');process.exit(0)}).on('error',(e)=>{console.log(e.code);process.exit(1)})`;
      const result = spawnSync(otherUserNode!, ['-e', script, statusSocketPath(userData)], {
        uid: 65534,
        gid: 65534,
        encoding: 'utf8',
      });
      chmodSync(userData, 0o700);
      expect(result.stdout.trim()).toBe('EACCES');
    },
  );

  it('a stale socket file (its app was killed) is replaced; a live one is left alone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xmplus-socket-stale-'));
    const path = statusSocketPath(dir);
    // A process that listens and dies without cleaning up, as a crash would.
    const child = spawn(process.execPath, [
      '-e',
      `require('net').createServer().listen(process.argv[1], () => process.kill(process.pid, 'SIGKILL'))`,
      path,
    ]);
    await new Promise((resolve) => child.on('exit', resolve));
    expect(existsSync(path)).toBe(true);
    const fresh = await startStatusServer({ path, key: KEY, profiles: () => [] });
    expect(fresh).not.toBeNull();
    // A second server finds the first one answering and does not take its socket.
    expect(await startStatusServer({ path, key: KEY, profiles: () => [] })).toBeNull();
    await fresh!.close();
    expect(existsSync(path)).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  });

  it('a regular file at the socket path is not deleted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xmplus-socket-file-'));
    const path = statusSocketPath(dir);
    writeFileSync(path, 'not a socket');
    expect(await startStatusServer({ path, key: KEY, profiles: () => [] })).toBeNull();
    expect(existsSync(path)).toBe(true);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('named pipe name (Windows)', () => {
  it("is per user-data folder, case-insensitively, and per run's key (not known before the app starts)", () => {
    const folder = 'C:\\Users\\A\\AppData\\Roaming\\XMPlus Tray';
    const a = statusSocketPath(folder, 'win32', KEY);
    expect(a).toMatch(/^\\\\\.\\pipe\\xmplus-tray-[0-9a-f]{32}$/);
    expect(statusSocketPath('c:\\users\\a\\appdata\\roaming\\xmplus tray', 'win32', KEY)).toBe(a);
    expect(statusSocketPath('C:\\Users\\B\\AppData\\Roaming\\XMPlus Tray', 'win32', KEY)).not.toBe(a);
    expect(statusSocketPath(folder, 'win32', 'b'.repeat(64))).not.toBe(a);
  });
});
