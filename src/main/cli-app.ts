// The CLI as the installed app runs it and as `node out/main/cli.js` runs it (bundled by
// electron-vite, so nothing is compiled at run time). `status --waybar` / `--json` are first asked of
// the running app, which prints them (local/fast-status.ts); everything else loads the CLI's main()
// with the running app asked first for `status` (local/status-client.ts).
import { pathToFileURL } from 'node:url';
import { appPrintMode, printedByApp } from './local/fast-status';

export interface CliAppOptions {
  /** A packaged app's provider.json (its resources folder): replaces XMPLUS_PROVIDER_FILE, which only a development run may set. */
  providerFile?: string;
}

/** Runs one CLI command with `args` (no program name); resolves to the exit code. */
export async function runCli(args: readonly string[], options: CliAppOptions = {}): Promise<number> {
  const printed = await printedByApp(args, process.env);
  if (printed !== null) {
    process.stdout.write(printed);
    return 0;
  }
  // The app was just asked and gave no answer (not running, or too slow): asking the socket again
  // for its snapshot would only wait a second time.
  const askedApp = appPrintMode(args, process.env) !== null;
  const [{ main }, { nodeIo }, { askRunningApp }] = await Promise.all([
    import('./cli'),
    import('./cli/io'),
    import('./local/status-client'),
  ]);
  const io = nodeIo();
  if (options.providerFile) io.env = { ...io.env, XMPLUS_PROVIDER_FILE: options.providerFile };
  return main(args, io, askedApp ? {} : { statusSource: askRunningApp });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runCli(process.argv.slice(2));
}
