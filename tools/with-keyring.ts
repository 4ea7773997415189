// Runs a command with a real Secret Service: when there is no session bus yet, re-runs itself under
// dbus-run-session and unlocks a fresh gnome-keyring (password on stdin), so keychain tests talk to
// a real keyring. Where neither tool exists the command runs as is and those tests skip, saying why.
import { spawnSync, execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const command = process.argv.slice(2);
if (command.length === 0) {
  console.error('usage: tsx tools/with-keyring.ts <command> [args...]');
  process.exit(2);
}

const has = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): never {
  const result = spawnSync(cmd, args, { stdio: 'inherit', env });
  process.exit(result.status ?? 1);
}

if (process.env.XMPLUS_KEYRING_READY === '1' || process.env.DBUS_SESSION_BUS_ADDRESS) {
  if (process.env.XMPLUS_KEYRING_READY === '1' && has('gnome-keyring-daemon')) {
    try {
      // A throwaway keyring in a temp HOME-like folder, unlocked with a throwaway password.
      const out = execFileSync('gnome-keyring-daemon', ['--unlock', '--components=secrets', '--daemonize'], {
        input: 'xmplus-test-keyring',
        env: process.env,
      }).toString();
      for (const line of out.split('\n')) {
        const [key, ...rest] = line.split('=');
        if (key && rest.length) process.env[key] = rest.join('=');
      }
    } catch (error) {
      console.error(
        '[with-keyring] gnome-keyring-daemon did not start; keychain tests will skip:',
        String(error),
      );
    }
  }
  const [cmd, ...args] = command;
  run('npx', [cmd as string, ...args]);
}

if (has('dbus-run-session') && has('gnome-keyring-daemon')) {
  const home = mkdtempSync(join(tmpdir(), 'xmplus-keyring-'));
  run(
    'dbus-run-session',
    ['--', process.execPath, ...process.execArgv, process.argv[1] as string, ...command],
    {
      ...process.env,
      XMPLUS_KEYRING_READY: '1',
      XDG_DATA_HOME: join(home, 'data'),
      XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR ?? home,
    },
  );
}

console.error('[with-keyring] no dbus-run-session / gnome-keyring-daemon: keychain tests will skip.');
const [cmd, ...args] = command;
run('npx', [cmd as string, ...args]);
