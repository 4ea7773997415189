// The CLI as the installed app runs it (bundled to out/main/cli.js by electron-vite): the command
// line tool's own entry, given the arguments after the program name. (Run directly by Node, the
// bundle's own entry check in the CLI module runs it with Node's arguments.)
import { runCliFromProcess } from './cli';

/** Runs one CLI command with `args` (no program name); resolves to the exit code. */
export async function runCli(args: readonly string[]): Promise<number> {
  // The CLI reads its arguments after [node, script], as when run by Node.
  process.argv = [process.argv[0] ?? 'node', 'xmplus-tray', ...args];
  process.exitCode = undefined;
  await runCliFromProcess();
  return typeof process.exitCode === 'number' ? process.exitCode : 0;
}
