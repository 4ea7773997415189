// `npm run demo`: starts the panel simulator and the subscription simulator, then the app against
// them in a throwaway profile folder, as a provider's branded build would (panel URL and API key
// prefilled). Where the system keychain answers, it adds two profiles side by side first, with the
// command-line tool's own commands: the simulator's XMPlus demo account, and a subscription-link
// profile from the simulator's Marzban mode. It prints the demo login and what to try.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPanelSim } from './panel-sim/index';
import { startSubscriptionSim } from './panel-sim/subscription';
import { main } from '../src/main/cli';
import { nodeIo } from '../src/main/cli/io';
import { keytarBackend } from '../src/main/secrets';
import { readProfiles } from '../src/main/settings/settings';
import { openFileStore, SETTINGS_FILE } from '../src/main/settings/store';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function electronInstalled(): boolean {
  const pathFile = join(root, 'node_modules', 'electron', 'path.txt');
  return (
    existsSync(pathFile) &&
    existsSync(join(root, 'node_modules', 'electron', 'dist', readFileSync(pathFile, 'utf8').trim()))
  );
}

const sim = await startPanelSim({ log: () => undefined });
const subs = await startSubscriptionSim({ log: () => undefined });
const subscriptionLink = subs.link('marzban');
const dir = mkdtempSync(join(tmpdir(), 'xmplus-demo-'));
const providerFile = join(dir, 'provider.json');
writeFileSync(
  providerFile,
  JSON.stringify({ name: 'Demo Provider', panelUrl: sim.url, apiKey: sim.apiKey }, null, 2),
);
const env = { ...process.env, XMPLUS_CONFIG_DIR: dir, XMPLUS_PROVIDER_FILE: providerFile };

/** Runs one command of the CLI in this process on the demo's folder, `stdin` as its input. */
async function cli(args: string[], stdin = ''): Promise<number> {
  const io = { ...nodeIo(), env, interactive: false, readStdin: () => Promise.resolve(stdin) };
  return main(args, io);
}

console.log(`Panel simulator: ${sim.url}`);
console.log(`Subscription simulator: ${subs.url} (its Marzban-style link: ${subscriptionLink})`);
console.log(
  `Sign in with ${sim.demo.email} / ${sim.demo.password}   (a demo account on the local simulator)`,
);
console.log(`Profile folder for this run: ${dir}\n`);

// Both profiles go through the keychain, as the app's own do: without one the secrets would last
// only for the command that saved them, so the profiles are left to add in the window.
const keychain = await keytarBackend();
let added = false;
if (keychain) {
  const signedIn = await cli(
    ['login', '--panel', sim.url, '--email', sim.demo.email, '--password-stdin', '--name', 'XMPlus demo'],
    sim.demo.password,
  );
  const subscribed = await cli(
    ['profiles', 'add', '--url-stdin', '--name', 'Subscription demo'],
    subscriptionLink,
  );
  added = signedIn === 0 && subscribed === 0;
} else {
  console.log(
    'No system keychain answers here, so the demo adds no profiles: sign in with the login above in\n' +
      `the window, and add the subscription link with \`profiles add --url-stdin\` once a keychain runs.`,
  );
}

const cliLine = `XMPLUS_CONFIG_DIR=${dir} XMPLUS_PROVIDER_FILE=${providerFile} npm run cli --`;
if (added) {
  console.log(
    '\nTwo profiles side by side: the XMPlus account and the subscription link. Try, in another terminal:\n' +
      `  ${cliLine} status          # both profiles, a heading each\n` +
      `  ${cliLine} status --json   # kind "xmplus" and kind "subscription" (account: null)\n` +
      `  ${cliLine} profiles        # the subscription link shows shortened\n` +
      `  ${cliLine} export --format links   # the active profile's servers (the subscription one)`,
  );
}

/** Removes the demo's profiles with their secrets, so that nothing stays in the keychain. */
async function cleanUp() {
  const profiles = readProfiles(openFileStore(join(dir, SETTINGS_FILE)).store);
  for (const profile of profiles) await cli(['profiles', 'remove', profile.id]);
  await Promise.all([sim.close(), subs.close()]);
}

if (!electronInstalled()) {
  console.log(
    '\nThe Electron binary is not installed (it could not be downloaded, or ELECTRON_SKIP_BINARY_DOWNLOAD is set), so the window cannot open here.\n' +
      'On a machine that can download Electron, `npm run demo` fetches it (or run `npx install-electron`).\n' +
      'Meanwhile the simulators keep running; try the CLI against them in another terminal' +
      (added
        ? ' (above).\n'
        : `:\n  XMPLUS_PANEL_URL=${sim.url} XMPLUS_API_KEY=${sim.apiKey} XMPLUS_EMAIL=${sim.demo.email} XMPLUS_PASSWORD=${sim.demo.password} npm run cli -- status\n`) +
      'Press Ctrl+C to stop.',
  );
} else {
  const app = spawn('npx', ['electron-vite', 'dev'], { cwd: root, stdio: 'inherit', env });
  app.on('exit', async (code) => {
    await cleanUp();
    process.exit(code ?? 0);
  });
}

const stop = async () => {
  await cleanUp();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
