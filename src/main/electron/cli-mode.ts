// The installed app is also the command-line tool: `xmplus-tray status --waybar` runs the CLI in the
// main process, before the single-instance lock, with no window and no tray, and exits with the
// CLI's code. Anything else (no arguments, --hidden, a deep link, Chromium switches) starts the app.

/** A command word ("status", "export", ...) or a request for help or the version. */
const CLI_FIRST = /^(?:[a-z][a-z0-9-]*|--help|-h|--version|-v)$/;

/**
 * The CLI's arguments when this launch is a CLI call, else null. A packaged app's argv is
 * [executable, ...args]; a development run's is [electron, appPath, ...args].
 */
export function cliArguments(argv: readonly string[], isPackaged: boolean): string[] | null {
  const args = argv.slice(isPackaged ? 1 : 2);
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
