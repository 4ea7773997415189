// Helpers the command handlers share: opening the core, printing a Result, reading ids and
// asking before anything that costs money.
import type { Snapshot } from '../../../shared/domain';
import type { Result } from '../../../shared/errors';
import type { CliSession } from '../context';
import { json } from '../format';
import { cliText } from '../text';
import { EXIT, type CommandContext, type ExitCode, type OptionSpec } from '../table';

export const JSON_OPTION: OptionSpec = {
  name: 'json',
  type: 'boolean',
  description: 'print the result as JSON (the objects the app window receives; times in ISO 8601)',
};

/** Which profile a command acts on (default: the active one); see `profiles` for the ids. */
export const PROFILE_OPTION: OptionSpec = {
  name: 'profile',
  type: 'string',
  value: 'ID',
  description: 'act on this profile instead of the active one (ids: `profiles`)',
};

export const YES_OPTION: OptionSpec = {
  name: 'yes',
  short: 'y',
  type: 'boolean',
  description: 'do not ask for confirmation (needed without a terminal)',
};

/** Runs `use` with the core open; a failure to open it (bad environment, keychain) is reported. */
export async function withSession(
  ctx: CommandContext,
  use: (session: CliSession) => Promise<ExitCode>,
): Promise<ExitCode> {
  const opened = await ctx.session();
  if (!opened.ok)
    return ctx.report(opened.error, opened.error.kind === 'validation' ? EXIT.usage : EXIT.error);
  return use(opened.value);
}

/** Prints a good value with `print` (or as JSON with --json); reports an error. */
export function output<T>(
  ctx: CommandContext,
  result: Result<T>,
  print: (value: T) => string,
  toJson: (value: T) => unknown = (value) => value,
): ExitCode {
  if (!result.ok) return ctx.report(result.error);
  ctx.io.stdout(ctx.args.flag('json') ? json(toJson(result.value)) : print(result.value));
  return EXIT.ok;
}

/** A positive whole number given for `what` (a package, service or gateway id). */
export function parseId(text: string | undefined): number | null {
  if (text === undefined || !/^\d{1,10}$/.test(text)) return null;
  const value = Number(text);
  return value > 0 && value <= 2 ** 31 ? value : null;
}

/** The id in an option; null after printing a usage error that names it (exit with 2 then). */
export function idOption(ctx: CommandContext, name: string): number | null {
  const text = ctx.args.string(name);
  const say = cliText(ctx.io.env);
  if (text === undefined) {
    ctx.usage(say.t('cli.usage.giveId', { option: name }));
    return null;
  }
  const id = parseId(text);
  if (id === null) ctx.usage(say.t('cli.usage.badId', { option: name, value: text }));
  return id;
}

/**
 * Before creating an invoice: refuse at once without a terminal and without --yes (so nothing at
 * all reaches the panel); returns null when the command may go on to describe and ask. `what` is
 * said in the user's language ("create an invoice").
 */
export function refuseUnattended(ctx: CommandContext, what: string): ExitCode | null {
  if (ctx.args.flag('yes') || ctx.io.interactive) return null;
  ctx.io.stderr(`xmplus-tray: ${cliText(ctx.io.env).t('cli.confirm.refused', { what })}\n`);
  return EXIT.usage;
}

/** Shows what will happen and asks; true to go on. --yes answers for the user. */
export async function confirm(ctx: CommandContext, summary: string, question: string): Promise<boolean> {
  ctx.io.stderr(summary);
  if (ctx.args.flag('yes')) return true;
  const answer = await ctx.io.prompt(`${question} [y/N] `);
  return answer !== null && /^\s*y(es)?\s*$/i.test(answer);
}

/**
 * The active profile's snapshot from the panel: account/info, and the server lists that are due
 * after the newest data known (the app's cache), or all of them when nothing is known.
 */
export async function snapshotOf(session: CliSession, serversMaxAgeMs?: number): Promise<Result<Snapshot>> {
  const active = await session.accounts.active();
  if (!active.ok) return active;
  const { profileId } = active.value;
  const snapshot = await active.value.source.refresh(profileId, {
    previous: session.known(profileId),
    ...(serversMaxAgeMs !== undefined ? { serversMaxAgeMs } : {}),
  });
  if (snapshot.ok) session.remember(snapshot.value);
  return snapshot;
}
