// Which Node runs the checkout's scripts. The code needs Node 24 (Electron 45's Node line; undici,
// for one, calls zlib.createZstdDecompress, which Node 20 lacks), and `tools/setup.mjs` installs it
// into ~/.cache/node24 when the system Node is older. The package bin reads the same place, so a
// command typed in a fresh terminal under the system Node still runs under the Node set-up
// installed. Plain JavaScript without dependencies: it runs before anything else is loaded.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const WANTED_NODE_MAJOR = 24;

/** Where set-up keeps Node 24 (the npm package node@24, installed with --prefix). */
export function node24Prefix(home = homedir()) {
  return join(home, '.cache', 'node24');
}

/** The folder holding set-up's `node` (set-up puts it first on PATH). */
export function node24Bin(home = homedir()) {
  return join(node24Prefix(home), 'node_modules', '.bin');
}

/** The one command that installs Node 24 where set-up and the bin look for it. */
export function node24InstallCommand() {
  return `npm install --prefix ${join('~', '.cache', 'node24')} node@${WANTED_NODE_MAJOR}`;
}

/**
 * What to do under Node `version`: run here, run again under set-up's Node, or refuse with a one-line
 * reason. `reexeced` is true when this process is already that second run (never loop).
 * @param {{ version: string, home: string, reexeced: boolean, exists?: (path: string) => boolean }} input
 * @returns {{ action: 'run' } | { action: 'reexec', node: string } | { action: 'refuse', message: string }}
 */
export function nodeDecision({ version, home, reexeced, exists = existsSync }) {
  const major = Number(version.split('.')[0]);
  if (major >= WANTED_NODE_MAJOR) return { action: 'run' };
  const node = join(node24Bin(home), process.platform === 'win32' ? 'node.exe' : 'node');
  if (!reexeced && exists(node)) return { action: 'reexec', node };
  return {
    action: 'refuse',
    message:
      `xmplus-tray needs Node ${WANTED_NODE_MAJOR} or newer (this is Node ${version}); ` +
      `get it with \`${node24InstallCommand()}\` (or \`npm run demo\`, which installs it) and run the command again.`,
  };
}

const REEXEC_MARK = 'XMPLUS_NODE_REEXEC';

/**
 * Makes sure the rest of `entry` runs under Node 24: returns when this Node will do; otherwise runs
 * `entry` again under set-up's Node and exits with its code, or prints one line and exits 1.
 * @param {string} entry the script's own path
 */
export function ensureNode24(entry) {
  const decision = nodeDecision({
    version: process.versions.node,
    home: homedir(),
    reexeced: process.env[REEXEC_MARK] === '1',
  });
  if (decision.action === 'run') return;
  if (decision.action === 'refuse') {
    process.stderr.write(`${decision.message}\n`);
    process.exit(1);
  }
  const child = spawnSync(decision.node, [entry, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, [REEXEC_MARK]: '1' },
  });
  if (child.error) {
    process.stderr.write(`xmplus-tray: could not start ${decision.node}: ${child.error.message}\n`);
    process.exit(1);
  }
  // A signal that ended the child ends this process the same way.
  if (child.signal) process.kill(process.pid, child.signal);
  process.exit(child.status ?? 1);
}
