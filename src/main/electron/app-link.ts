// The app's own links (`xmplus-tray://add?url=…`) as each OS delivers them. Windows and Linux start
// the app with the link in argv: the first instance finds it in its own process.argv, a running one
// in the `second-instance` event's argv (its own single-instance lock sends the second launch there).
// macOS sends `open-url`, which can fire before `ready` when the link launched the app. Links that
// arrive before the core can take them are queued, then handed over in order.
import { app } from 'electron';
import { resolve } from 'node:path';
import { appLinkInArgv } from '../app-link';
import { devRunAppIndex } from './cli-mode';

/** At most this many links wait for the core; a flood keeps the latest. */
const QUEUE_LIMIT = 4;

export interface SchemeRegistration {
  isPackaged: boolean;
  /** process.defaultApp: started as `electron <path>` (a development run). */
  defaultApp: boolean;
  execPath: string;
  argv: readonly string[];
}

/** The app path of a development run (see devRunAppIndex), or null when there is none. */
export function devRunAppPath(argv: readonly string[]): string | null {
  const index = devRunAppIndex(argv);
  if (index < 0) return null;
  const arg = argv[index]!;
  return arg.startsWith('--app=') ? arg.slice('--app='.length) || null : arg;
}

/**
 * Makes the OS open `<scheme>://` links with this app (Windows registry, macOS Launch Services,
 * Linux xdg-settings; the packaged Linux app is registered by its .desktop file's MimeType). A
 * development run registers only when started as `electron [switches] <app path>`, with that path
 * as the argument the OS passes back, so the link reaches this app and not a bare Electron.
 */
export function registerUrlScheme(scheme: string, how: SchemeRegistration): boolean {
  if (how.isPackaged) return app.setAsDefaultProtocolClient(scheme);
  const appPath = devRunAppPath(how.argv);
  if (!how.defaultApp || appPath === null) return false;
  return app.setAsDefaultProtocolClient(scheme, how.execPath, [resolve(appPath)]);
}

export interface AppLinkInbox {
  /** From now on links go to `receive`; the ones that came earlier go first. */
  deliverTo(receive: (link: string) => void): void;
}

/** Call before `ready` (open-url may come first); `argv` is this process's own command line. */
export function watchAppLinks(scheme: string, argv: readonly string[]): AppLinkInbox {
  const queued: string[] = [];
  let receiver: ((link: string) => void) | null = null;
  const take = (link: string) => {
    if (receiver) return receiver(link);
    queued.push(link);
    if (queued.length > QUEUE_LIMIT) queued.shift();
  };
  app.on('open-url', (event, url) => {
    // Handled here: without preventDefault macOS would report the link as not opened.
    event.preventDefault();
    take(url);
  });
  app.on('second-instance', (_event, commandLine) => {
    const link = appLinkInArgv(commandLine, scheme);
    if (link !== null) take(link);
  });
  const first = appLinkInArgv(argv, scheme);
  if (first !== null) take(first);
  return {
    deliverTo(receive) {
      receiver = receive;
      for (const link of queued.splice(0)) receive(link);
    },
  };
}
