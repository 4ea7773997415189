#!/usr/bin/env node
// Set-up before `npm test` and `npm run demo` on a fresh Debian or Ubuntu machine with git and any
// Node >= 20: installs what is missing the way .ci/run does (Debian packages when run as root, else
// it prints the one command to run; Node 24 from the npm package node@24 into ~/.cache/node24; the
// npm dependencies with `npm ci`), then runs the given command with that Node first on PATH.
// Plain JavaScript without dependencies, since it runs before any are installed.
//   node tools/setup.mjs <test|demo> -- <command...>
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { node24Bin, node24Prefix, WANTED_NODE_MAJOR } from './node-runtime.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [purpose, separator, ...command] = process.argv.slice(2);
if (!['test', 'demo'].includes(purpose ?? '') || separator !== '--' || command.length === 0) {
  console.error('usage: node tools/setup.mjs <test|demo> -- <command...>');
  process.exit(2);
}
const say = (line) => console.error(`[setup] ${line}`);

// The Debian packages each purpose needs (README "Requirements"; .ci/run installs the test list).
const BUILD = ['libsecret-1-dev', 'python3', 'make', 'g++'];
const PACKAGES = {
  demo: BUILD,
  test: [
    ...BUILD,
    'chromium',
    'gnome-keyring',
    'dbus',
    'dbus-x11',
    'libnotify-bin',
    'xvfb',
    'xauth',
    'x11-utils',
    'zbar-tools',
    'v2ray',
    'fonts-noto-core',
    'fonts-noto-cjk',
    'fonts-noto-color-emoji',
    'zsh',
    'fish',
  ],
};

function missingDebianPackages(names) {
  if (spawnSync('sh', ['-c', 'command -v dpkg-query']).status !== 0) return [];
  return names.filter((name) => {
    const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
    return !(result.stdout ?? '').includes('install ok installed');
  });
}

// A browser named by CHROMIUM_PATH (the renderer tests' override; CI on Ubuntu, which has no
// chromium deb, points it at Playwright's own) stands in for Debian's chromium.
const browserGiven = Boolean(process.env.CHROMIUM_PATH && existsSync(process.env.CHROMIUM_PATH));
const wanted = PACKAGES[purpose].filter((name) => !(name === 'chromium' && browserGiven));
const missing = missingDebianPackages(wanted);
if (missing.length > 0) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    say(`missing Debian packages: ${missing.join(' ')}. Install them with:`);
    console.error(`\n  sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}\n`);
    process.exit(1);
  }
  say(`installing ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  const install =
    update.status === 0
      ? spawnSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'inherit', env })
      : update;
  if (install.status !== 0) {
    say('apt-get failed; install the packages above and run the command again.');
    process.exit(1);
  }
}

// Node 24 (Electron 45's Node line): the running Node, or one kept in ~/.cache/node24.
const env = { ...process.env };
const major = Number(process.versions.node.split('.')[0]);
if (major < WANTED_NODE_MAJOR) {
  // The same place bin/xmplus-tray.js looks, so the CLI finds this Node in a fresh terminal too.
  const prefix = node24Prefix();
  const bin = node24Bin();
  if (!existsSync(join(bin, 'node'))) {
    say(`Node ${process.versions.node} is older than 24: installing the npm package node@24 into ${prefix}`);
    const result = spawnSync('npm', ['install', '--prefix', prefix, '--no-audit', '--no-fund', 'node@24'], {
      stdio: 'inherit',
    });
    if (result.status !== 0) {
      say(`could not install Node 24; install it yourself, or run: npm install --prefix ${prefix} node@24`);
      process.exit(1);
    }
  }
  env.PATH = `${bin}${delimiter}${env.PATH ?? ''}`;
}

/** True when node_modules holds every non-optional package of the lockfile at its version. */
function dependenciesInstalled() {
  const hidden = join(root, 'node_modules', '.package-lock.json');
  if (!existsSync(hidden)) return false;
  const wanted = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')).packages ?? {};
  const have = JSON.parse(readFileSync(hidden, 'utf8')).packages ?? {};
  return Object.entries(wanted).every(
    ([path, entry]) => path === '' || entry.optional || have[path]?.version === entry.version,
  );
}

if (!dependenciesInstalled()) {
  say('installing the npm dependencies (npm ci)');
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=warn'], {
    cwd: root,
    stdio: 'inherit',
    env,
  });
  if (result.status !== 0) {
    say('npm ci failed; see its messages above.');
    process.exit(1);
  }
}

// The demo opens the app: fetch the Electron binary once where it can be downloaded (Electron 45
// downloads it on first use; without it the demo still runs the simulator and says so).
if (purpose === 'demo' && !process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  const electron = join(root, 'node_modules', 'electron');
  if (!existsSync(join(electron, 'path.txt'))) {
    say('downloading the Electron binary');
    // Its stderr is kept back: offline, @electron/get throws a stack trace where one line will do
    // (the error's own message, without the stack).
    const result = spawnSync(process.execPath, [join(electron, 'install.js')], {
      cwd: electron,
      stdio: ['ignore', 'inherit', 'pipe'],
      encoding: 'utf8',
      env,
    });
    if (result.status !== 0) {
      const why = (result.stderr ?? '')
        .split('\n')
        .map((line) => line.trim())
        .find((line) => line !== '' && !line.startsWith('at '))
        ?.replace(/^\w*Error: /, '')
        .slice(0, 200);
      say(
        `Electron could not be downloaded here${why ? ` (${why})` : ''}; the demo runs the simulators and the CLI only.`,
      );
    }
  }
}

env.PATH = `${join(root, 'node_modules', '.bin')}${delimiter}${env.PATH ?? ''}`;
const [program, ...args] = command;
const result = spawnSync(program, args, { cwd: root, stdio: 'inherit', env });
process.exit(result.status ?? 1);
