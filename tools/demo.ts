// `npm run demo`: starts the panel simulator, then the app against it in a throwaway profile folder,
// as a provider's branded build would (panel URL and API key prefilled), and prints the demo login.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPanelSim } from './panel-sim/index';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function electronInstalled(): boolean {
  const pathFile = join(root, 'node_modules', 'electron', 'path.txt');
  return (
    existsSync(pathFile) &&
    existsSync(join(root, 'node_modules', 'electron', 'dist', readFileSync(pathFile, 'utf8').trim()))
  );
}

const sim = await startPanelSim({ log: () => undefined });
const dir = mkdtempSync(join(tmpdir(), 'xmplus-demo-'));
const providerFile = join(dir, 'provider.json');
writeFileSync(
  providerFile,
  JSON.stringify({ name: 'Demo Provider', panelUrl: sim.url, apiKey: sim.apiKey }, null, 2),
);

console.log(`Panel simulator: ${sim.url}`);
console.log(
  `Sign in with ${sim.demo.email} / ${sim.demo.password}   (a demo account on the local simulator)`,
);
console.log(`Profile folder for this run: ${dir}`);

if (!electronInstalled()) {
  console.log(
    '\nThe Electron binary is not installed (it could not be downloaded, or ELECTRON_SKIP_BINARY_DOWNLOAD is set), so the window cannot open here.\n' +
      'On a machine that can download Electron, `npm run demo` fetches it (or run `npx install-electron`).\n' +
      'Meanwhile the simulator keeps running; try the CLI against it in another terminal:\n' +
      `  XMPLUS_PANEL_URL=${sim.url} XMPLUS_API_KEY=${sim.apiKey} XMPLUS_EMAIL=${sim.demo.email} XMPLUS_PASSWORD=${sim.demo.password} npm run cli -- status\n` +
      'Press Ctrl+C to stop.',
  );
} else {
  const app = spawn('npx', ['electron-vite', 'dev'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, XMPLUS_CONFIG_DIR: dir, XMPLUS_PROVIDER_FILE: providerFile },
  });
  app.on('exit', async (code) => {
    await sim.close();
    process.exit(code ?? 0);
  });
}

const stop = async () => {
  await sim.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
