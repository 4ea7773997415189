// The quick way for a status bar: `status --waybar` and `status --json` are printed by the running
// app itself (the same formatters the CLI uses), so the CLI process needs only this module and
// node:net, not the whole command table. Anything else, or no answer, falls through to the CLI.
import { createConnection } from 'node:net';
import { defaultConfigDir } from '../settings/store';
import { PRINTED_MODES, statusSocketPath, type StatusAnswer } from './status-socket';

const TIMEOUT_MS = 1500;

/** The line the running app printed for these arguments, or null to run the CLI as usual. */
export function printedByApp(args: readonly string[], env: NodeJS.ProcessEnv): Promise<string | null> {
  const [command, mode, ...rest] = args;
  if (command !== 'status' || rest.length > 0 || !PRINTED_MODES.some((m) => m === mode)) {
    return Promise.resolve(null);
  }
  // Scripts with their own credentials mean a specific account: the CLI asks the panel.
  if (env.XMPLUS_PANEL_URL || env.XMPLUS_EMAIL) return Promise.resolve(null);
  return new Promise((resolve) => {
    let answer = '';
    let settled = false;
    const socket = createConnection(statusSocketPath(defaultConfigDir(env)));
    const done = (value: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(value);
    };
    const timer = setTimeout(() => done(null), TIMEOUT_MS);
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.write(`status ${mode}\n`));
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('end', () => {
      try {
        const parsed = JSON.parse(answer) as StatusAnswer;
        done(typeof parsed.stdout === 'string' ? parsed.stdout : null);
      } catch {
        done(null);
      }
    });
    socket.on('error', () => done(null));
  });
}
