// The installed app is also the command-line tool: `xmplus-tray status --waybar` runs the CLI in the
// main process, before the single-instance lock, with no window and no tray, and exits with the
// CLI's code. Anything else (no arguments, --hidden, a deep link, Chromium switches) starts the app.

/** A command word ("status", "export", ...) or a request for help or the version. */
const CLI_FIRST = /^(?:[a-z][a-z0-9-]*|--help|-h|--version|-v)$/;

/**
 * Where the app is named in a development run's argv, `electron [switches] <app path> [args]`, read
 * as Electron's default_app reads it (default_app/main.ts): after the executable, `-r`/`--require`
 * take the next argument (a module to preload), `--app=<path>` names the app, any other argument
 * starting with `-` is a switch (a bare `--` too), and the first other one is the app. -1 when none.
 */
export function devRunAppIndex(argv: readonly string[]): number {
  for (let i = 1; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '-r' || arg === '--require') i += 1;
    else if (arg.startsWith('--app=') || !arg.startsWith('-')) return i;
  }
  return -1;
}

/**
 * The CLI's arguments when this launch is a CLI call, else null. A packaged app's argv is
 * [executable, ...args]; a development run's is [electron, ...switches, appPath, ...args].
 */
export function cliArguments(argv: readonly string[], isPackaged: boolean): string[] | null {
  const appIndex = isPackaged ? 0 : devRunAppIndex(argv);
  if (appIndex < 0) return null;
  const args = argv.slice(appIndex + 1);
  const first = args[0];
  if (first === undefined || !CLI_FIRST.test(first)) return null;
  return [...args];
}

/** Writes nothing more, then resolves once stdout and stderr have handed their data to the OS. */
export function flushStdio(): Promise<void> {
  const drain = (stream: NodeJS.WriteStream) =>
    new Promise<void>((resolve) => {
      if (!stream.writableLength) return resolve();
      stream.write('', () => resolve());
    });
  return Promise.all([drain(process.stdout), drain(process.stderr)]).then(() => undefined);
}
