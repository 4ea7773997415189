// The main process's log: a file in the user-data folder ("logs/main.log"), rotated at 1 MB into
// main.old.log by electron-log, so it never grows without bound. Lines are scrubbed of what could be
// a credential (subscription links, tokens, key=value secrets) before any transport sees them; the
// shell itself only logs error types, stacks and short states.
import type { LogMessage, NodeLogger } from 'electron-log';
import { join } from 'node:path';
import { scrubUrls } from '../net/scrub';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../private-files';

export const LOG_FOLDER = 'logs';
export const LOG_FILE = 'main.log';
export const LOG_MAX_BYTES = 1024 * 1024;

/** What the shell logs through: the parts of electron-log it uses. */
export interface ShellLog {
  error(...parts: unknown[]): void;
  warn(...parts: unknown[]): void;
  info(...parts: unknown[]): void;
  /** The folder the log file is in (Settings opens it). */
  folder: string;
}

// Besides what scrubUrls hides (URL userinfo, share links, subscription paths and tokens, uuids):
// bearer and JWT-looking tokens, and password/key assignments, which in a log line are never prose.
const SECRET_PATTERNS: [RegExp, string][] = [
  [/\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+(?:#[A-Za-z0-9_-]+)?/g, '[token]'],
  [/\b(Bearer)\s+\S+/gi, '$1 [hidden]'],
  [
    /\b([\w-]*(?:password|passwd|api[_-]?key|apikey|token|secret))(["']?\s*[:=]\s*["']?)[^\s"'&,}]+/gi,
    '$1$2[hidden]',
  ],
];

export function scrub(text: string): string {
  let out = scrubUrls(text);
  for (const [pattern, replacement] of SECRET_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

function scrubPart(part: unknown): unknown {
  if (typeof part === 'string') return scrub(part);
  if (part instanceof Error) {
    const copy = new Error(scrub(part.message));
    copy.name = part.name;
    copy.stack = part.stack === undefined ? undefined : scrub(part.stack);
    return copy;
  }
  return part;
}

/** Points `logger` (electron-log's main or node logger) at `<userData>/logs/main.log` and returns the shell's view of it. */
export function configureLog(logger: NodeLogger, userData: string, options: { console: boolean }): ShellLog {
  const folder = join(userData, LOG_FOLDER);
  const file = logger.transports.file;
  file.resolvePathFn = () => join(folder, LOG_FILE);
  file.maxSize = LOG_MAX_BYTES;
  // electron-log creates the file 0666 less the umask and its folder with mkdir's default: owner only.
  file.writeOptions = { flag: 'a', mode: PRIVATE_FILE_MODE, encoding: 'utf8' };
  ensurePrivateDir(folder);
  file.level = 'info';
  // The console only in a development run; a packaged app's stdout belongs to the CLI.
  logger.transports.console.level = options.console ? 'info' : false;
  logger.hooks.push((message: LogMessage) => ({ ...message, data: message.data.map(scrubPart) }));
  return {
    error: (...parts) => logger.error(...parts),
    warn: (...parts) => logger.warn(...parts),
    info: (...parts) => logger.info(...parts),
    folder,
  };
}
