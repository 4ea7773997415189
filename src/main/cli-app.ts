// The CLI as the installed app runs it and as the package bin runs it: the command-line tool's
// main() with the running app asked first for `status` (src/main/local/status-client.ts). Bundled
// to out/main/cli.js by electron-vite, so no TypeScript loader is needed at run time.
import { main } from './cli';
import { nodeIo } from './cli/io';
import { askRunningApp } from './local/status-client';

export interface CliAppOptions {
  /** A packaged app's provider.json (its resources folder): replaces XMPLUS_PROVIDER_FILE, which only a development run may set. */
  providerFile?: string;
}

/** Runs one CLI command with `args` (no program name); resolves to the exit code. */
export async function runCli(args: readonly string[], options: CliAppOptions = {}): Promise<number> {
  const io = nodeIo();
  if (options.providerFile) io.env = { ...io.env, XMPLUS_PROVIDER_FILE: options.providerFile };
  return main(args, io, { statusSource: askRunningApp });
}
