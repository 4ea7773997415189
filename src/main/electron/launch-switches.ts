// The packaged app refuses to run with a debugging switch. `--remote-debugging-port` (or `-pipe`)
// opens Chrome's DevTools protocol on loopback: any local process, of any user, could then drive the
// window and call the whole window.xmplus bridge (subscription links, server credentials, payments).
// `--inspect*` opens Node's inspector on the main process, and `--js-flags` hands V8 arbitrary flags.
// The EnableNodeCliInspectArguments fuse already makes Node ignore --inspect* (build/after-pack.mjs);
// Chromium's remote debugging has no fuse (electron/fuses#2 asks for one), hence this check, run
// before anything else. A development run (not packaged) keeps them: that is how the app is debugged.
import { app, dialog } from 'electron';
import { cliLocale } from '../cli/locale';
import { mainText } from '../i18n';

/**
 * Switch names (lower case, without dashes) that open a debugger or change the JS engine. From
 * Electron's command-line-switches document: --remote-debugging-port, --inspect, --inspect-brk,
 * --inspect-port, --inspect-publish-uid, --js-flags; and Chromium's --remote-debugging-pipe.
 */
const REFUSED = [/^remote-debugging-(?:port|pipe)$/, /^inspect(?:-.*)?$/, /^js-flags$/];

/**
 * The first debugging switch among the launch arguments, as written, or null. Parsed as Chromium's
 * base::CommandLine does: a switch starts with `--` or `-` (and `/` on Windows, where names are
 * case-insensitive), may carry `=value`, and a bare `--` ends the switches.
 */
export function debugSwitchIn(args: readonly string[], platform: NodeJS.Platform): string | null {
  const windows = platform === 'win32';
  for (const arg of args) {
    if (arg === '--') return null;
    const prefix = /^--?/.exec(arg)?.[0] ?? (windows && arg.startsWith('/') ? '/' : null);
    if (!prefix) continue;
    const rest = arg.slice(prefix.length);
    const name = rest.split('=', 1)[0]!;
    const key = windows ? name.toLowerCase() : name;
    if (REFUSED.some((pattern) => pattern.test(key))) return `--${name}`;
  }
  return null;
}

/**
 * The OS language as it is known before `ready`, when app.getLocale() is still empty: the first of
 * the preferred system languages (the Language settings on Windows and macOS, LANGUAGE, LC_ALL,
 * LC_MESSAGES and LANG through GLib on Linux), else, when that list is empty, the POSIX variables.
 */
export function launchLocale(env: Readonly<Record<string, string | undefined>>): string {
  return app.getPreferredSystemLanguages()[0] || cliLocale(env);
}

/**
 * In a packaged app started with a debugging switch: tells the user which one and why, in the OS
 * language, and exits with code 1. Returns whether it refused (the caller starts nothing then).
 */
export function refuseDebugLaunch(options: {
  argv: readonly string[];
  platform: NodeJS.Platform;
  isPackaged: boolean;
  /** The process environment, for the language when the OS names no preferred one. */
  env: Readonly<Record<string, string | undefined>>;
}): boolean {
  if (!options.isPackaged) return false;
  const found = debugSwitchIn(options.argv.slice(1), options.platform);
  if (!found) return false;
  const text = mainText('system', launchLocale(options.env));
  const title = text.t('start.debugSwitchTitle', { app: app.getName(), switch: found });
  const body = text.t('start.debugSwitchBody', { app: app.getName(), switch: found });
  // A terminal sees it too; showErrorBox is safe before 'ready' (on Linux it prints to stderr then).
  process.stderr.write(`${title}\n${body}\n`);
  dialog.showErrorBox(title, body);
  app.exit(1);
  return true;
}
