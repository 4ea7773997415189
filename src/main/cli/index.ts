// The command-line tool over the same core as the app: `main(argv, io)` runs one command from the
// table (src/main/cli/commands) and returns its exit code; nothing here exits the process. The
// package bin and `npm run cli` call runCliFromProcess(); the installed app bundles main().
import { pathToFileURL } from 'node:url';
import { toAppError, type AppError, type Result } from '../../shared/errors';
import { COMMANDS, findCommand, unknownCommand } from './commands';
import { ENV_NAMES, envCredentials, openSession, type CliSession } from './context';
import { nodeIo, terminalSafeIo, type CliIo } from './io';
import type { MainText } from '../i18n';
import { cliText } from './text';
import { cliErrorText } from './errors';
import { askRunningApp } from '../local/status-client';
import {
  commandHelp,
  EXIT,
  parseCommandArgs,
  programHelp,
  PROGRAM,
  type CommandContext,
  type ExitCode,
  type StatusSource,
} from './table';

export type { CliIo } from './io';
export type { StatusSource } from './table';
export { COMMANDS } from './commands';
export { EXIT } from './table';

export interface MainOptions {
  /** Asked first by `status` and `services` (the running app); the panel otherwise. */
  statusSource?: StatusSource;
}

/**
 * Prints an error. Outside the account commands, a refused or missing sign-in also says what to do
 * from here: sign in again, or check the variables the credentials came from.
 */
function reporter(io: CliIo, group: string | null, text: MainText) {
  return (error: AppError, code: ExitCode = EXIT.error): ExitCode => {
    const said = cliErrorText(error, text);
    io.stderr(`${PROGRAM}: ${said.message}\n`);
    for (const line of said.more) io.stderr(`${line.replace(/^/gm, '  ')}\n`);
    if (error.kind === 'auth' && group !== 'Account') {
      const fromEnv = envCredentials(io.env);
      io.stderr(
        `${
          fromEnv.ok && fromEnv.value
            ? text.t('cli.error.checkVariables', { names: Object.values(ENV_NAMES).join(', ') })
            : text.t('cli.error.signInAgain', { command: `${PROGRAM} login` })
        }\n`,
      );
    }
    return code;
  };
}

/** Runs one command; returns the exit code (0 ok, 1 error, 2 bad usage or refused). */
export async function main(
  argv: readonly string[],
  rawIo: CliIo,
  options: MainOptions = {},
): Promise<number> {
  // Every command prints through this: panel text loses its control characters here, in one place.
  const io = terminalSafeIo(rawIo);
  const [name, ...rest] = argv;
  // The user's language (LC_ALL, LC_MESSAGES, LANG) for every text meant for a person.
  const text = cliText(io.env);
  if (name === undefined || name === '--help' || name === '-h') {
    io.stdout(programHelp(COMMANDS, text));
    return EXIT.ok;
  }
  const command = findCommand(name);
  if (!command) {
    io.stderr(`${PROGRAM}: ${unknownCommand(name, text)}\n`);
    return EXIT.usage;
  }
  const report = reporter(io, command.group, text);
  const usage = (message: string): ExitCode => {
    const seeHelp = text.t('cli.error.seeHelp', { command: `${PROGRAM} help ${command.name}` });
    io.stderr(`${PROGRAM} ${command.name}: ${message}\n${seeHelp}\n`);
    return EXIT.usage;
  };
  const args = parseCommandArgs(command, rest, text);
  if (!args.ok) return usage(args.error.message);
  if (args.value.flag('help')) {
    io.stdout(commandHelp(command, text));
    return EXIT.ok;
  }
  let opened: Promise<Result<CliSession>> | null = null;
  const ctx: CommandContext = {
    io,
    args: args.value,
    ...(options.statusSource ? { statusSource: options.statusSource } : {}),
    session: () => (opened ??= openSession(io, { profileId: args.value.string('profile') })),
    report,
    usage,
  };
  try {
    return await command.run(ctx);
  } catch (thrown) {
    return report(toAppError(thrown));
  } finally {
    const session = opened ? await (opened as Promise<Result<CliSession>>) : null;
    if (session?.ok) await session.value.close();
  }
}

export async function runCliFromProcess(): Promise<void> {
  // `status` asks the running app first (no panel request), then the panel.
  process.exitCode = await main(process.argv.slice(2), nodeIo(), { statusSource: askRunningApp });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await runCliFromProcess();
