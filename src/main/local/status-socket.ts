// The running app answers `xmplus-tray status` over a local socket, so a status bar polling every
// few minutes costs no panel request: a Unix socket in the user-data folder (mode 0600: only this
// user can connect) or, on Windows, a named pipe whose name is derived from the user-data folder.
// One request per connection: the client writes a line, the app answers one JSON line and closes.
// Plain Node: the shell starts it, the CLI's status client talks to it.
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, lstatSync, unlinkSync } from 'node:fs';
import { createConnection, createServer, type Server } from 'node:net';
import { join } from 'node:path';
import type { Snapshot, SourceKind } from '../../shared/domain';
import type { AppError } from '../../shared/errors';

export const STATUS_SOCKET_FILE = 'status.sock';
export const STATUS_REQUEST = 'status';
/** Output modes the app prints itself, so that a status bar's call loads almost nothing. */
export const PRINTED_MODES = ['--waybar', '--json'] as const;
export type PrintedMode = (typeof PRINTED_MODES)[number];

/** One watched profile as status shows it: its last known data and why it is old. */
export interface StatusProfile {
  id: string;
  name: string;
  kind: SourceKind;
  /** The last known data; null before the first good refresh. */
  snapshot: Snapshot | null;
  /** The last refresh's failure, or signed out; null when the data is current. */
  error: AppError | null;
}

/**
 * What the app answers: to "status", every watched profile with its latest snapshot; to "status
 * --waybar" or "status --json", the exact line the CLI would print (null when it has nothing to
 * say, and the CLI then asks the panels).
 */
export interface StatusAnswer {
  profiles?: StatusProfile[] | null;
  stdout?: string | null;
}

export function statusSocketPath(userData: string, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') {
    const id = createHash('sha256').update(userData.toLowerCase()).digest('hex').slice(0, 24);
    return `\\\\.\\pipe\\xmplus-tray-${id}`;
  }
  return join(userData, STATUS_SOCKET_FILE);
}

/** Resolves true when something accepts connections at `path`. */
function answers(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection(path);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export const STATUS_TIMEOUT_MS = 1500;
/** More than any snapshot: an answer this long is not the app's. */
const MAX_ANSWER_CHARS = 16 * 1024 * 1024;

/**
 * The client's half of one request: writes `request` as a line and reads the app's JSON answer.
 * Null when nothing answers at `path` in `timeoutMs` (no app, an old socket file) or the answer is
 * not a JSON object.
 */
export function askApp(
  path: string,
  request: string,
  timeoutMs = STATUS_TIMEOUT_MS,
): Promise<StatusAnswer | null> {
  return new Promise((resolve) => {
    let answer = '';
    let settled = false;
    const done = (value: StatusAnswer | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(value);
    };
    const socket = createConnection(path);
    const timer = setTimeout(() => done(null), timeoutMs);
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.write(`${request}\n`));
    socket.on('data', (chunk: string) => {
      answer += chunk;
      if (answer.length > MAX_ANSWER_CHARS) done(null);
    });
    socket.on('end', () => {
      try {
        const parsed: unknown = JSON.parse(answer);
        done(typeof parsed === 'object' && parsed !== null ? (parsed as StatusAnswer) : null);
      } catch {
        done(null);
      }
    });
    socket.on('error', () => done(null));
  });
}

/**
 * A profile as the socket hands it out: without server lists (they carry the proxies'
 * credentials), subscription links (a credential too) or the account's email. status needs none.
 */
function forStatus(profile: StatusProfile): StatusProfile {
  const { snapshot } = profile;
  if (!snapshot) return profile;
  return {
    ...profile,
    snapshot: {
      ...snapshot,
      account: snapshot.account ? { ...snapshot.account, email: '' } : null,
      services: snapshot.services.map((s) => ({ ...s, sublink: '' })),
      servers: {},
    },
  };
}

export interface StatusServer {
  path: string;
  close(): Promise<void>;
}

/**
 * Listens at `path`. A socket file left by a crashed run (nothing answers it) is removed first; a
 * live one (another copy of the app, which the single-instance lock normally prevents) is left
 * alone and this returns null. Every watched profile is in the answer, without what status does
 * not need and a stranger could use (forStatus).
 */
export async function startStatusServer(options: {
  path: string;
  /** Every watched profile, as status shows them. */
  profiles(): Promise<StatusProfile[]> | StatusProfile[];
  /** The printed output for a mode (the CLI's own formatters). */
  print?(mode: PrintedMode, profiles: StatusProfile[]): string;
  platform?: NodeJS.Platform;
}): Promise<StatusServer | null> {
  const { path } = options;
  const unix = (options.platform ?? process.platform) !== 'win32';
  if (unix && existsSync(path)) {
    if (await answers(path)) return null;
    // Only a socket is removed: a file of another kind at this path is not ours to delete.
    if (!lstatSync(path).isSocket()) return null;
    unlinkSync(path);
  }
  const server: Server = createServer((socket) => {
    socket.setEncoding('utf8');
    let request = '';
    socket.on('error', () => socket.destroy());
    socket.on('data', (chunk: string) => {
      request += chunk;
      if (request.length > 256) return socket.destroy();
      if (!request.includes('\n')) return;
      const [word, mode, ...more] = request.trim().split(' ');
      const printed = PRINTED_MODES.find((m) => m === mode);
      if (word !== STATUS_REQUEST || more.length > 0 || (mode !== undefined && !printed))
        return socket.destroy();
      void Promise.resolve(options.profiles()).then(
        (all) => {
          const profiles = all.map(forStatus);
          const known = profiles.some((p) => p.snapshot !== null);
          const answer: StatusAnswer = printed
            ? { stdout: known && options.print ? options.print(printed, profiles) : null }
            : { profiles };
          socket.end(`${JSON.stringify(answer)}\n`);
        },
        () => socket.destroy(),
      );
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // The socket file is created by bind() inside listen(): a umask of 0177 makes it 0600 from the
    // start, so no other user can connect even for an instant (chmod after would leave a window).
    const previous = unix ? process.umask(0o177) : null;
    try {
      server.listen(path, () => {
        server.off('error', reject);
        resolve();
      });
    } finally {
      if (previous !== null) process.umask(previous);
    }
  });
  if (unix) chmodSync(path, 0o600);
  return {
    path,
    close: () =>
      new Promise<void>((resolve) => {
        // Node removes the socket file when a listening Unix server closes.
        server.close(() => resolve());
      }),
  };
}
