// Start at login on Linux: an XDG autostart entry ($XDG_CONFIG_HOME/autostart/<id>.desktop) written
// when the setting is on and removed when it is off. Plain Node, so it is tested on real files;
// the Electron shell (electron/login-item.ts) decides when to call it.
import { mkdirSync, renameSync, rmSync, existsSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from './private-files';

// Named like the installed launcher entry (package.json desktopName), so desktops match the two.
export const AUTOSTART_FILE = 'dev.xmplus.tray.desktop';
/** The argument that means: start in the tray, no window. */
export const HIDDEN_ARG = '--hidden';

export interface DesktopEntryOptions {
  name: string;
  /** Absolute path of the program: the AppImage itself when run from one. */
  exec: string;
  args: string[];
  icon: string;
  comment?: string;
}

type Env = Record<string, string | undefined>;

/** $XDG_CONFIG_HOME/autostart, or ~/.config/autostart when it is unset, empty or relative (the spec ignores those). */
export function autostartDir(env: Env = process.env): string {
  const xdg = env.XDG_CONFIG_HOME;
  const base = xdg && isAbsolute(xdg) ? xdg : join(env.HOME || homedir(), '.config');
  return join(base, 'autostart');
}

export function autostartPath(env: Env = process.env): string {
  return join(autostartDir(env), AUTOSTART_FILE);
}

/** Escapes for a string value (the spec's \s \n \t \r \\), applied after the Exec quoting. */
function escapeValue(value: string): string {
  return value.replace(
    /[\\\n\t\r]/g,
    (c) => ({ '\\': '\\\\', '\n': '\\n', '\t': '\\t', '\r': '\\r' })[c] ?? c,
  );
}

/** Characters that force an Exec argument into double quotes (Desktop Entry spec, "The Exec key"). */
const RESERVED = /[\s"'\\><~|&;$*?#()`]/;

/**
 * One Exec argument: `%` doubled (it starts field codes), quoted when it holds a reserved
 * character, and inside quotes `"`, `` ` ``, `$` and `\` backslash-escaped. The value escaping
 * then doubles every backslash again, so a literal `\` in a quoted path becomes four.
 */
export function quoteExecArg(arg: string): string {
  let out = arg.replace(/%/g, '%%');
  if (out === '' || RESERVED.test(out)) out = `"${out.replace(/["`$\\]/g, (c) => `\\${c}`)}"`;
  return out;
}

export function desktopEntry(options: DesktopEntryOptions): string {
  const exec = [options.exec, ...options.args].map(quoteExecArg).join(' ');
  const lines = [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    `Name=${escapeValue(options.name)}`,
    ...(options.comment ? [`Comment=${escapeValue(options.comment)}`] : []),
    `Exec=${escapeValue(exec)}`,
    `Icon=${escapeValue(options.icon)}`,
    'Terminal=false',
    'Categories=Network;',
    'X-GNOME-Autostart-enabled=true',
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * Writes (enabled) or removes (disabled) the autostart entry. The write goes to a temporary file
 * in the same folder and is renamed over the entry, so a session starting meanwhile never reads
 * half a file. Returns the entry's path.
 */
export function setLinuxAutostart(
  enabled: boolean,
  options: DesktopEntryOptions,
  env: Env = process.env,
): string {
  const file = autostartPath(env);
  if (!enabled) {
    rmSync(file, { force: true });
    return file;
  }
  mkdirSync(autostartDir(env), { recursive: true, mode: PRIVATE_DIR_MODE });
  const temp = `${file}.${process.pid}.tmp`;
  try {
    // Only the user's own session reads the entry; a leftover temp is replaced, never written through.
    rmSync(temp, { force: true });
    writeFileSync(temp, desktopEntry(options), { encoding: 'utf8', mode: PRIVATE_FILE_MODE, flag: 'wx' });
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  return file;
}

export function isLinuxAutostartOn(env: Env = process.env): boolean {
  return existsSync(autostartPath(env));
}

/** What to launch: the AppImage when running from one (its mount point changes each run), else the binary. */
export function launchTarget(env: Env = process.env, execPath: string = process.execPath): string {
  return env.APPIMAGE && isAbsolute(env.APPIMAGE) ? env.APPIMAGE : execPath;
}
