// Start at login from the setting: the OS login-item API on macOS and Windows, an XDG autostart
// file on Linux (../xdg-autostart.ts). Started at login means started hidden: only the tray.
import { app } from 'electron';
import { HIDDEN_ARG, launchTarget, setLinuxAutostart } from '../xdg-autostart';

export interface AutostartContext {
  platform: NodeJS.Platform;
  env?: Record<string, string | undefined>;
  execPath?: string;
  /** Icon name for the .desktop entry: the one the deb installs into the icon theme. */
  iconName?: string;
}

export async function setStartAtLogin(enabled: boolean, context: AutostartContext): Promise<void> {
  const { platform } = context;
  if (platform === 'linux') {
    setLinuxAutostart(
      enabled,
      {
        name: app.getName(),
        comment: 'Plan usage and renewals in the tray',
        exec: launchTarget(context.env ?? process.env, context.execPath ?? process.execPath),
        args: [HIDDEN_ARG],
        icon: context.iconName ?? 'xmplus-tray',
      },
      context.env ?? process.env,
    );
    return;
  }
  if (platform === 'win32') {
    // The Run key launches process.execPath with these args; getLoginItemSettings needs the same args.
    app.setLoginItemSettings({ openAtLogin: enabled, args: [HIDDEN_ARG] });
    return;
  }
  if (platform === 'darwin') {
    // macOS 13+ login items take no arguments and ignore openAsHidden; startedHidden() reads
    // wasOpenedAtLogin instead.
    app.setLoginItemSettings({ openAtLogin: enabled });
  }
}

/** True when this launch should show only the tray: --hidden on the command line, or a macOS login launch. */
export function startedHidden(argv: readonly string[], platform: NodeJS.Platform): boolean {
  if (argv.includes(HIDDEN_ARG)) return true;
  if (platform === 'darwin') return app.getLoginItemSettings().wasOpenedAtLogin;
  return false;
}
