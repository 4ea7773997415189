// The running app answers `xmplus-tray status` over a local socket, so a status bar polling every
// few minutes costs no panel request: a Unix socket in the user-data folder (mode 0600: only this
// user can connect) or, on Windows, a named pipe. One request per connection: the client writes a
// line, the app answers one JSON line and closes. Plain Node: the shell starts it, the CLI's status
// client talks to it.
//
// Only the user who runs the app may ask, and the CLI believes only that app. Each start writes a
// random key to the user-data folder (status.key, 0600; on Windows the profile folder's ACL keeps
// other accounts out): a request carries an HMAC of its nonce under that key, and the answer an HMAC
// of the nonce and its body. On POSIX the CLI also checks that the socket and its folder belong to it
// and are closed to others before it connects.
//
// Why the key on Windows: a pipe made by Node (libuv's CreateNamedPipeW with no security
// attributes) gets the default DACL, which lets Everyone and Anonymous open it for reading, and Node
// has no way to pass another (nodejs/node#47086; Microsoft's "Named Pipe Security and Access
// Rights"). Pipe names can be listed by anyone, and anyone may create one first under a name they
// know. So the pipe's name is derived from the key (a new one every start, not known in advance), and
// the MACs refuse a client or a server that does not hold the key: in effect an owner-only pipe,
// without native code. Checking the server's account directly (GetNamedPipeServerProcessId and its
// token) would need a native addon for calls Node does not expose.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, lstatSync, readFileSync, statSync, unlinkSync } from 'node:fs';
import { createConnection, createServer, type Server } from 'node:net';
import { dirname, join } from 'node:path';
import type { Snapshot, SourceKind } from '../../shared/domain';
import type { AppError } from '../../shared/errors';
import { LOCALES, type LocaleCode } from '../../shared/i18n';
import { writeFileAtomic } from '../settings/store';

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
 * say, and the CLI then asks the panels). A printed request may end with the CLI's language
 * ("status --waybar fa"), for the words a person reads in it (the Waybar tooltip): the app prints
 * in the terminal's language, not its own, so the line is the same whichever of the two prints it.
 */
export interface StatusAnswer {
  profiles?: StatusProfile[] | null;
  stdout?: string | null;
}

export const STATUS_KEY_FILE = 'status.key';
const KEY_PATTERN = /^[0-9a-f]{64}$/;
const NONCE_PATTERN = /^[0-9a-f]{32}$/;

/** The app's side, at each start: a fresh key in the user-data folder, 0600. */
export function createStatusKey(userData: string): string {
  const key = randomBytes(32).toString('hex');
  writeFileAtomic(join(userData, STATUS_KEY_FILE), `${key}\n`);
  return key;
}

/** The CLI's side: the running app's key, or null (no app has run, or the file is not ours to trust). */
export function readStatusKey(userData: string): string | null {
  try {
    const key = readFileSync(join(userData, STATUS_KEY_FILE), 'utf8').trim();
    return KEY_PATTERN.test(key) ? key : null;
  } catch {
    return null;
  }
}

/**
 * Where the app listens: status.sock in the user-data folder, or on Windows a pipe named after the
 * folder and this run's key (read from the folder when not given), so the name is not known before
 * the app has started.
 */
export function statusSocketPath(
  userData: string,
  platform: NodeJS.Platform = process.platform,
  key: string | null = platform === 'win32' ? readStatusKey(userData) : null,
): string {
  if (platform === 'win32') {
    const id = createHash('sha256')
      .update(`${userData.toLowerCase()}\u0000${key ?? ''}`)
      .digest('hex')
      .slice(0, 32);
    return `\\\\.\\pipe\\xmplus-tray-${id}`;
  }
  return join(userData, STATUS_SOCKET_FILE);
}

const mac = (key: string, ...parts: string[]) =>
  createHmac('sha256', key).update(parts.join('\n')).digest('hex');

function sameMac(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Null when the socket at `path` may be asked; otherwise why not. POSIX: the socket and its folder
 * belong to this user, and neither lets anyone else in (another user able to write the folder could
 * put their own socket there). Windows: nothing to stat on a pipe; the key's MACs do the checking.
 */
export function untrustedSocket(path: string, platform: NodeJS.Platform = process.platform): string | null {
  if (platform === 'win32') return null;
  const uid = process.getuid?.();
  if (uid === undefined) return null;
  try {
    const socket = lstatSync(path);
    if (!socket.isSocket()) return 'not a socket';
    if (socket.uid !== uid) return 'the socket belongs to another user';
    if ((socket.mode & 0o077) !== 0) return 'the socket is open to other users';
    const folder = statSync(dirname(path));
    if (folder.uid !== uid) return 'its folder belongs to another user';
    if ((folder.mode & 0o022) !== 0) return 'other users may write its folder';
    return null;
  } catch {
    return 'no socket';
  }
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
 * The client's half of one request: writes `request` as a line (with a nonce and its MAC under
 * `key`) and reads the app's JSON answer. Null when nothing answers at `path` in `timeoutMs` (no app,
 * an old socket file), the answer is not a JSON object, or its MAC is not the key's.
 */
export function askApp(
  path: string,
  request: string,
  key: string,
  timeoutMs = STATUS_TIMEOUT_MS,
): Promise<StatusAnswer | null> {
  const nonce = randomBytes(16).toString('hex');
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
    socket.on('connect', () => socket.write(`${request} ${nonce} ${mac(key, 'request', nonce, request)}\n`));
    socket.on('data', (chunk: string) => {
      answer += chunk;
      if (answer.length > MAX_ANSWER_CHARS) done(null);
    });
    socket.on('end', () => {
      // The body line, then its MAC: an answer from a server without the key is not believed.
      const [body = '', proof = ''] = answer.split('\n');
      if (!sameMac(mac(key, 'answer', nonce, body), proof)) return done(null);
      try {
        const parsed: unknown = JSON.parse(body);
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
  /** This run's key (createStatusKey): requests must carry its MAC, answers carry one. */
  key: string;
  /** Every watched profile, as status shows them. */
  profiles(): Promise<StatusProfile[]> | StatusProfile[];
  /** The printed output for a mode (the CLI's own formatters), in the CLI's language. */
  print?(mode: PrintedMode, profiles: StatusProfile[], locale: LocaleCode): string;
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
      if (request.length > 512) return socket.destroy();
      if (!request.includes('\n')) return;
      // "<request words> <nonce> <mac>": a client without the key gets nothing.
      const words = request.trim().split(' ');
      const proof = words.pop() ?? '';
      const nonce = words.pop() ?? '';
      if (
        !NONCE_PATTERN.test(nonce) ||
        !sameMac(mac(options.key, 'request', nonce, words.join(' ')), proof)
      ) {
        return socket.destroy();
      }
      const [word, mode, language, ...more] = words;
      const printed = PRINTED_MODES.find((m) => m === mode);
      const locale = language === undefined ? 'en' : LOCALES.find((l) => l === language);
      if (
        word !== STATUS_REQUEST ||
        more.length > 0 ||
        (mode !== undefined && !printed) ||
        locale === undefined ||
        (language !== undefined && !printed)
      )
        return socket.destroy();
      void Promise.resolve(options.profiles()).then(
        (all) => {
          const profiles = all.map(forStatus);
          const known = profiles.some((p) => p.snapshot !== null);
          const answer: StatusAnswer = printed
            ? { stdout: known && options.print ? options.print(printed, profiles, locale) : null }
            : { profiles };
          const body = JSON.stringify(answer);
          socket.end(`${body}
${mac(options.key, 'answer', nonce, body)}
`);
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

/**
 * Asks the app that runs on `userData`: with its key, and on POSIX only once the socket has been
 * found to be this user's (untrustedSocket). Null when there is no such app or it cannot be trusted.
 */
export async function askAppIn(
  userData: string,
  request: string,
  timeoutMs = STATUS_TIMEOUT_MS,
): Promise<StatusAnswer | null> {
  const key = readStatusKey(userData);
  if (!key) return null;
  const path = statusSocketPath(userData, process.platform, key);
  if (untrustedSocket(path) !== null) return null;
  return askApp(path, request, key, timeoutMs);
}
