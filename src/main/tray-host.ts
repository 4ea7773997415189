// Is there a tray on this Linux desktop? Electron's Linux tray is a StatusNotifierItem, which only
// shows when a host has registered org.kde.StatusNotifierWatcher on the session bus (KDE, XFCE,
// Cinnamon, GNOME with the AppIndicator extension; vanilla GNOME has none). Asked with the bus's own
// org.freedesktop.DBus.NameHasOwner through dbus-send (package dbus) or gdbus (libglib2.0-bin),
// whichever exists; when neither can answer, the answer is "unknown" and the app behaves as before.
import { execFile } from 'node:child_process';

export const STATUS_NOTIFIER_WATCHER = 'org.kde.StatusNotifierWatcher';

export type BusAnswer = 'yes' | 'no' | 'unknown';

type Runner = (command: string, args: string[]) => Promise<string | null>;

const run: Runner = (command, args) =>
  new Promise((resolve) => {
    execFile(command, args, { timeout: 3000, env: process.env }, (error, stdout) =>
      resolve(error ? null : String(stdout)),
    );
  });

/** Whether `name` has an owner on the session bus. */
export async function sessionBusHasName(name: string, runner: Runner = run): Promise<BusAnswer> {
  const viaDbusSend = await runner('dbus-send', [
    '--session',
    '--print-reply',
    '--reply-timeout=2000',
    '--dest=org.freedesktop.DBus',
    '/org/freedesktop/DBus',
    'org.freedesktop.DBus.NameHasOwner',
    `string:${name}`,
  ]);
  // method return ... \n   boolean true
  const sent = viaDbusSend?.match(/\bboolean\s+(true|false)\b/);
  if (sent) return sent[1] === 'true' ? 'yes' : 'no';
  const viaGdbus = await runner('gdbus', [
    'call',
    '--session',
    '--timeout=2',
    '--dest=org.freedesktop.DBus',
    '--object-path=/org/freedesktop/DBus',
    '--method=org.freedesktop.DBus.NameHasOwner',
    name,
  ]);
  // (true,)
  const called = viaGdbus?.match(/^\((true|false),\)/m);
  if (called) return called[1] === 'true' ? 'yes' : 'no';
  return 'unknown';
}

/** False only when the session bus answers that no tray host is registered (never on macOS or Windows). */
export async function trayHostAvailable(
  platform: NodeJS.Platform,
  hasName: (name: string) => Promise<BusAnswer> = sessionBusHasName,
): Promise<boolean> {
  if (platform !== 'linux') return true;
  return (await hasName(STATUS_NOTIFIER_WATCHER)) !== 'no';
}
