// The command table's shape and what is generated from it: argument parsing (Node's util.parseArgs,
// strict), the help texts, and the exit codes. A command is one entry: name, summary, options,
// positionals, handler; help, `help COMMAND` and the completion scripts read the same entry.
import { parseArgs } from 'node:util';
import type { AppError, Result } from '../../shared/errors';
import { ENGLISH, type MainText } from '../i18n';
import type { CliIo } from './io';
import { tableText } from './text';
import { worded } from './errors';
import type { CliSession } from './context';
import type { StatusProfile } from '../local/status-socket';

/** 0 ok; 1 an error (the panel refused, the network failed, ...); 2 bad usage, or refused here. */
export const EXIT = { ok: 0, error: 1, usage: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export const PROGRAM = 'xmplus-tray';

export interface OptionSpec {
  name: string;
  type: 'string' | 'boolean';
  short?: string;
  /** The value's placeholder in help ("ID", "URL"). */
  value?: string;
  description: string;
  /** Values offered by completion (and checked by the handler). */
  choices?: readonly string[];
  /** Completion offers file names. */
  file?: boolean;
  /** The command cannot run without it (shown without brackets in the synopsis). */
  required?: boolean;
}

export interface PositionalSpec {
  name: string;
  required: boolean;
  description: string;
  choices?: readonly string[];
}

export type CommandGroup = 'Account' | 'Status and export' | 'Billing' | 'Shell';
export const GROUPS: readonly CommandGroup[] = ['Account', 'Status and export', 'Billing', 'Shell'];

export interface ParsedArgs {
  positionals: string[];
  /** A string option's value, or undefined. */
  string(name: string): string | undefined;
  flag(name: string): boolean;
}

/**
 * Something that can answer `status` before the panels are asked (the running app, over its local
 * socket): every watched profile it shows, or null when nothing answered and the CLI asks itself.
 */
export type StatusSource = (io: CliIo) => Promise<StatusProfile[] | null>;

export interface CommandContext {
  io: CliIo;
  /** Asked first by `status` and `services`; none by default. */
  statusSource?: StatusSource;
  args: ParsedArgs;
  /** Opens the core (profiles, keychain, panel sessions); closed by the caller after the handler. */
  session(): Promise<Result<CliSession>>;
  /** Prints an error the way every command does; returns the exit code to use. */
  report(error: AppError, code?: ExitCode): ExitCode;
  /** Prints a usage error with a pointer to the command's help; returns 2. */
  usage(message: string): ExitCode;
}

export interface Command {
  name: string;
  group: CommandGroup;
  summary: string;
  positionals?: readonly PositionalSpec[];
  options: readonly OptionSpec[];
  /** More paragraphs for `help COMMAND`. */
  details?: string;
  /** Lines of examples for `help COMMAND`, without the program name. */
  examples?: readonly string[];
  run(ctx: CommandContext): Promise<ExitCode>;
}

export const HELP_OPTION: OptionSpec = {
  name: 'help',
  short: 'h',
  type: 'boolean',
  description: 'show this help',
};

export function parseCommandArgs(
  command: Command,
  argv: readonly string[],
  text: MainText = ENGLISH,
): Result<ParsedArgs> {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {};
  for (const o of [...command.options, HELP_OPTION]) {
    options[o.name] = o.short ? { type: o.type, short: o.short } : { type: o.type };
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options, strict: true, allowPositionals: true });
  } catch (thrown) {
    const names = Object.keys(options);
    return { ok: false, error: worded(text, 'validation', parseErrorText(thrown, names, text)) };
  }
  const max = command.positionals?.length ?? 0;
  if (parsed.positionals.length > max && !parsed.values.help) {
    const extra = parsed.positionals[max] ?? '';
    return {
      ok: false,
      error: worded(
        text,
        'validation',
        max === 0
          ? text.t('cli.args.noArguments', { command: command.name, extra })
          : text.t('cli.args.tooMany', { extra }),
      ),
    };
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  return {
    ok: true,
    value: {
      positionals: parsed.positionals,
      string: (name) => (typeof values[name] === 'string' ? values[name] : undefined),
      flag: (name) => values[name] === true,
    },
  };
}

/**
 * Edits between two words, a swap of neighbours counting as one ("jsno" is one from "json"): the
 * optimal string alignment distance.
 */
export function typoDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j += 1) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}

/**
 * util.parseArgs' refusal in the user's language, told apart by its error code (Node's
 * lib/internal/util/parse_args: ERR_PARSE_ARGS_UNKNOWN_OPTION, ERR_PARSE_ARGS_INVALID_OPTION_VALUE
 * for a string option without its value or a boolean given one). The option is the first quoted
 * name in Node's message ("Option '-p, --profile <value>' argument missing"); anything else is
 * Node's message without its advice about "--".
 */
function parseErrorText(thrown: unknown, names: readonly string[], text: MainText): string {
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  const code = (thrown as { code?: unknown } | null)?.code;
  const quoted = /'([^']+)'/.exec(message)?.[1] ?? '';
  const option = /--?[\w-]+(?=[^,]*$)/.exec(quoted.replace(/\s*<value>$/, ''))?.[0] ?? quoted;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) {
    // A near miss ("--jsno") is offered its option, as an unknown command is (unknownCommand).
    const typed = option.replace(/^-+/, '');
    const near = typed.length >= 3 ? names.find((name) => typoDistance(typed, name) <= 2) : undefined;
    return [
      text.t('cli.args.unknownOption', { option }),
      ...(near ? [text.t('cli.error.didYouMean', { name: `--${near}` })] : []),
    ].join(text.locale === 'zh-CN' ? '' : ' ');
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) {
    if (/argument missing/.test(message)) return text.t('cli.args.missingValue', { option });
    if (/does not take an argument/.test(message)) return text.t('cli.args.noValue', { option });
  }
  return message.replace(/\s*To specify an? (option|positional) argument starting with.*$/s, '').trim();
}

function optionLabel(o: OptionSpec): string {
  const name = `${o.short ? `-${o.short}, ` : ''}--${o.name}`;
  if (o.type === 'boolean') return name;
  return `${name} ${o.choices ? o.choices.join('|') : (o.value ?? 'VALUE')}`;
}

/** One line of synopsis: "pay INVOICE --gateway ID [--wait] [--json]". */
export function synopsis(command: Command): string {
  const parts = [command.name];
  for (const p of command.positionals ?? []) {
    const label = p.choices ? p.choices.join('|') : p.name;
    parts.push(p.required ? label : `[${label}]`);
  }
  for (const o of command.options) {
    const label = optionLabel(o).replace(/^-\w, /, '');
    parts.push(o.required ? label : `[${label}]`);
  }
  return parts.join(' ');
}

function columns(rows: readonly (readonly [string, string])[], indent: string): string {
  const width = Math.min(28, Math.max(...rows.map(([left]) => left.length)));
  return rows
    .map(([left, right]) =>
      left.length > width
        ? `${indent}${left}\n${indent}${' '.repeat(width + 2)}${right}`
        : `${indent}${left.padEnd(width + 2)}${right}`,
    )
    .join('\n');
}

/** `xmplus-tray --help`: every command of the table, by group, in `text`'s language. */
export function programHelp(commands: readonly Command[], text: MainText = ENGLISH): string {
  const lines = [
    `${text.t('cli.help.usage')} ${PROGRAM} <command> [options]`,
    '',
    text.t('cli.help.more', { command: `${PROGRAM} help COMMAND` }),
  ];
  for (const group of GROUPS) {
    const inGroup = commands.filter((c) => c.group === group);
    if (inGroup.length === 0) continue;
    lines.push(
      '',
      `${tableText(text, `cli.group.${group}`, group)}:`,
      columns(
        inGroup.map((c) => [c.name, tableText(text, `cli.summary.${c.name}`, c.summary)] as const),
        '  ',
      ),
    );
  }
  lines.push(
    '',
    text.t('cli.help.environment'),
    `  XMPLUS_PANEL_URL, XMPLUS_API_KEY, XMPLUS_EMAIL, XMPLUS_PASSWORD: ${text.t('cli.help.envCredentials')}`,
    `  XMPLUS_CONFIG_DIR: ${text.t('cli.help.envConfigDir')}`,
    '',
    text.t('cli.help.exitCodes'),
  );
  return `${lines.join('\n')}\n`;
}

/** `xmplus-tray help COMMAND`, in `text`'s language. */
export function commandHelp(command: Command, text: MainText = ENGLISH): string {
  const translated = tableText(text, `cli.summary.${command.name}`, command.summary);
  const summary = translated.charAt(0).toUpperCase() + translated.slice(1);
  // A sentence ends with a full stop in each language's own way (Chinese 。, the rest .).
  const stop = text.locale === 'zh-CN' ? '。' : '.';
  const lines = [`${text.t('cli.help.usage')} ${PROGRAM} ${synopsis(command)}`, '', `${summary}${stop}`];
  if (command.details) lines.push('', tableText(text, `cli.details.${command.name}`, command.details));
  if (command.positionals?.length) {
    lines.push(
      '',
      text.t('cli.help.arguments'),
      columns(
        command.positionals.map(
          (p) => [p.name, tableText(text, `cli.arg.${command.name}.${p.name}`, p.description)] as const,
        ),
        '  ',
      ),
    );
  }
  // An option's own entry for this command, else the shared one (--json, --yes).
  const describe = (o: OptionSpec) =>
    o === HELP_OPTION
      ? text.t('cli.help.helpOption')
      : tableText(
          text,
          `cli.option.${command.name}.${o.name}`,
          tableText(text, `cli.option.${o.name}`, o.description),
        );
  lines.push(
    '',
    text.t('cli.help.options'),
    columns(
      [...command.options, HELP_OPTION].map((o) => [optionLabel(o), describe(o)] as const),
      '  ',
    ),
  );
  if (command.examples?.length) {
    lines.push('', text.t('cli.help.examples'), ...command.examples.map((e) => `  ${PROGRAM} ${e}`));
  }
  return `${lines.join('\n')}\n`;
}
