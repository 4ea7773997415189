// `xmplus-tray status --waybar` answered by a running app: a core signed in to the simulator serves
// its snapshot on the status socket, and the bundled CLI (out/main/cli.js, as the installed app runs
// it, here under plain Node) asks it. Figures: the CLI's wall time as a multiple of a bare
// `node -e 0` measured in the same run, and the panel requests the CLI caused.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Figure } from './run';
import { createStatusKey, startStatusServer, statusSocketPath } from '../../src/main/local/status-socket';
import { startPanelSim } from '../../tools/panel-sim/index';
import { makeCoreRig, signInDemo } from '../support/core-rig';
import { printedStatus } from '../../src/main/cli/commands/status';
import { DEFAULT_SETTINGS } from '../../src/shared/settings';

const THRESHOLDS = {
  trafficPercent: DEFAULT_SETTINGS.trafficThresholds,
  daysLeft: DEFAULT_SETTINGS.expiryThresholds,
};

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const RUNS = 9;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Wall time of one Node process; asynchronous, since the app answering it lives in this process. */
function wallMs(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const elapsed = performance.now() - started;
      if (code !== 0) reject(new Error(`${args.join(' ')} exited ${code}: ${stderr}`));
      else resolvePromise(elapsed);
    });
  });
}

export async function run(): Promise<Figure[]> {
  const cli = join(ROOT, 'out', 'main', 'cli.js');
  if (!existsSync(cli))
    execFileSync(join(ROOT, 'node_modules', '.bin', 'electron-vite'), ['build'], { cwd: ROOT });

  const sim = await startPanelSim({ log: () => undefined });
  const rig = await makeCoreRig({ memory: true });
  const userData = mkdtempSync(join(tmpdir(), 'xmplus-bench-status-'));
  try {
    await signInDemo(rig, sim, { remember: false, refresh: true });
    const server = await startStatusServer({
      path: statusSocketPath(userData),
      key: createStatusKey(userData),
      profiles: () => rig.core.statusProfiles(),
      print: (mode, profiles) => printedStatus(mode, profiles, THRESHOLDS, Date.now()),
    });
    if (!server) throw new Error('status socket did not start');

    // The CLI runs as a separate process, as a status bar would start it; the app's core answers.
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH ?? '',
      HOME: userData,
      XMPLUS_CONFIG_DIR: userData,
    };
    const requests = () => Object.values(sim.admin.stats().requests).reduce((a, b) => a + b, 0);
    const before = requests();
    const bare: number[] = [];
    const status: number[] = [];
    // Interleaved, so load from elsewhere on the machine falls on both alike.
    for (let i = 0; i < RUNS; i += 1) {
      bare.push(await wallMs(['-e', '0'], env));
      status.push(await wallMs([cli, 'status', '--waybar'], env));
    }
    const panelRequests = requests() - before;
    await server.close();
    return [
      { name: 'status --waybar via the running app, wall time', value: median(status), unit: 'ms' },
      { name: 'node -e 0, wall time (same run)', value: median(bare), unit: 'ms' },
      {
        name: 'status --waybar via the running app / node -e 0',
        value: median(status) / median(bare),
        unit: 'x',
        target: '<= 3',
      },
      {
        name: 'status --waybar via the running app, panel requests',
        value: panelRequests,
        unit: 'requests',
        target: '0',
      },
    ];
  } finally {
    await rig.dispose();
    await sim.close();
    rmSync(userData, { recursive: true, force: true });
  }
}
