// The quick way for a status bar: `status --waybar` and `status --json` are printed by the running
// app itself (the same formatters the CLI uses), so the CLI process needs only this module and the
// socket's (node:net), not the whole command table. Anything else, or no answer, falls through to
// the CLI.
import { cliLocale } from '../cli/locale';
import { defaultConfigDir } from '../settings/store';
import { PRINTED_MODES, STATUS_REQUEST, askAppIn } from './status-socket';

/**
 * The mode the running app is asked to print for these arguments, or null when it is not asked.
 * When it was asked and did not answer, the CLI does not ask the socket a second time.
 */
export function appPrintMode(args: readonly string[], env: NodeJS.ProcessEnv): string | null {
  const [command, mode, ...rest] = args;
  if (command !== 'status' || rest.length > 0 || !PRINTED_MODES.some((m) => m === mode)) {
    return null;
  }
  // Scripts with their own credentials mean a specific account: the CLI asks the panel.
  if (env.XMPLUS_PANEL_URL || env.XMPLUS_EMAIL) return null;
  return mode ?? null;
}

/** The line the running app printed for these arguments, or null to run the CLI as usual. */
export async function printedByApp(args: readonly string[], env: NodeJS.ProcessEnv): Promise<string | null> {
  const mode = appPrintMode(args, env);
  if (mode === null) return null;
  // The Waybar tooltip is read by a person: the app writes it in this terminal's language.
  const request =
    mode === '--waybar' ? `${STATUS_REQUEST} ${mode} ${cliLocale(env)}` : `${STATUS_REQUEST} ${mode}`;
  const answer = await askAppIn(defaultConfigDir(env), request);
  return typeof answer?.stdout === 'string' ? answer.stdout : null;
}
