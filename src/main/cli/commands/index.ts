// THE command table: every command of the CLI, in the order help lists them. Help, `help COMMAND`
// and the completion scripts are generated from it, so a new command is one entry here.
import { completionScript, SHELLS, type Shell } from '../completion';
import { ENGLISH, type MainText } from '../../i18n';
import { commandHelp, EXIT, programHelp, type Command } from '../table';
import { cliText } from '../text';
import { ACCOUNT_COMMANDS } from './account';
import { BILLING_COMMANDS } from './billing';
import { IMPORT_COMMANDS } from './import';
import { STATUS_COMMANDS } from './status';

const SHELL_COMMANDS: readonly Command[] = [
  {
    name: 'help',
    group: 'Shell',
    summary: 'this list, or one command in full',
    positionals: [
      {
        name: 'COMMAND',
        required: false,
        description: 'the command to explain',
        // Read when help or completion is generated, once the table exists.
        get choices() {
          return COMMANDS.map((c) => c.name);
        },
      },
    ],
    options: [],
    async run(ctx) {
      const [name] = ctx.args.positionals;
      const text = cliText(ctx.io.env);
      if (name === undefined) {
        ctx.io.stdout(programHelp(COMMANDS, text));
        return EXIT.ok;
      }
      const command = findCommand(name);
      if (!command) return ctx.usage(unknownCommand(name, text));
      ctx.io.stdout(commandHelp(command, text));
      return EXIT.ok;
    },
  },
  {
    name: 'completion',
    group: 'Shell',
    summary: 'print a completion script for bash, zsh or fish',
    positionals: [{ name: 'SHELL', required: true, description: 'bash, zsh or fish', choices: SHELLS }],
    options: [],
    examples: [
      'completion bash > ~/.local/share/bash-completion/completions/xmplus-tray',
      'completion fish | source',
    ],
    async run(ctx) {
      const [shell] = ctx.args.positionals;
      if (!shell || !(SHELLS as readonly string[]).includes(shell)) {
        return ctx.usage(`Give the shell: ${SHELLS.join(', ')}.`);
      }
      ctx.io.stdout(completionScript(shell as Shell, COMMANDS));
      return EXIT.ok;
    },
  },
];

export const COMMANDS: readonly Command[] = [
  ...ACCOUNT_COMMANDS,
  ...STATUS_COMMANDS,
  ...IMPORT_COMMANDS,
  ...BILLING_COMMANDS,
  ...SHELL_COMMANDS,
];

export function findCommand(name: string): Command | undefined {
  return COMMANDS.find((c) => c.name === name);
}

/** "unknown command" with the nearest name, when one is close. */
export function unknownCommand(name: string, text: MainText = ENGLISH): string {
  const near = COMMANDS.map((c) => c.name).find(
    (candidate) => candidate.startsWith(name.slice(0, 3)) && Math.abs(candidate.length - name.length) <= 2,
  );
  return [
    text.t('cli.error.unknownCommand', { name }),
    ...(near ? [text.t('cli.error.didYouMean', { name: near })] : []),
    text.t('cli.error.seeHelp', { command: 'xmplus-tray help' }),
    // Chinese runs sentences together; the others put a space between them.
  ].join(text.locale === 'zh-CN' ? '' : ' ');
}
