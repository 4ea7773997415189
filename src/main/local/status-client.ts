// The CLI's side of the status socket: asks the running app for its latest snapshot. Null when no
// app answers (not running, an old socket file, a timeout, a malformed answer): the CLI then asks
// the panel itself, as without the app.
import { createConnection } from 'node:net';
import type { Snapshot } from '../../shared/domain';
import { defaultConfigDir } from '../settings/store';
import { STATUS_REQUEST, statusSocketPath, type StatusAnswer } from './status-socket';

export const STATUS_TIMEOUT_MS = 1500;

function looksLikeSnapshot(value: unknown): value is Snapshot {
  if (typeof value !== 'object' || value === null) return false;
  const s = value as Partial<Snapshot>;
  return (
    typeof s.profileId === 'string' &&
    typeof s.fetchedAt === 'number' &&
    Array.isArray(s.services) &&
    typeof s.account === 'object' &&
    s.account !== null
  );
}

export function askStatus(path: string, timeoutMs = STATUS_TIMEOUT_MS): Promise<Snapshot | null> {
  return new Promise((resolve) => {
    let answer = '';
    let settled = false;
    const done = (value: Snapshot | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(value);
    };
    const socket = createConnection(path);
    const timer = setTimeout(() => done(null), timeoutMs);
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.write(`${STATUS_REQUEST}\n`));
    socket.on('data', (chunk: string) => {
      answer += chunk;
      if (answer.length > 16 * 1024 * 1024) done(null);
    });
    socket.on('end', () => {
      try {
        const parsed = JSON.parse(answer) as StatusAnswer;
        done(looksLikeSnapshot(parsed.snapshot) ? parsed.snapshot : null);
      } catch {
        done(null);
      }
    });
    socket.on('error', () => done(null));
  });
}

/**
 * The StatusSource the CLI's status command asks first. Scripts that bring their own credentials
 * (XMPLUS_PANEL_URL and the rest) mean a specific account: they go to the panel.
 */
export async function askRunningApp(io: { env: NodeJS.ProcessEnv }): Promise<Snapshot | null> {
  if (io.env.XMPLUS_PANEL_URL || io.env.XMPLUS_EMAIL) return null;
  return askStatus(statusSocketPath(defaultConfigDir(io.env)));
}
