// When the shell cannot start: the user sees why in their language, the log keeps the details, and
// the process exits non-zero, so no process without a tray is left holding the single-instance lock
// (which would make every later launch just focus nothing).
import { app, dialog } from 'electron';
import type { MainText } from '../i18n';
import { scrub, type ShellLog } from './log';

export interface StartFailureDeps {
  text: MainText;
  /** Null when the failure came before the log was opened. */
  log: ShellLog | null;
}

/** The error's type and call stack without its message, which could echo input (a password). */
export function redactedStack(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const frames = (error.stack ?? '').split('\n').filter((line) => line.trimStart().startsWith('at '));
  return [error.name, ...frames].join('\n');
}

export function reportStartFailure(error: unknown, deps: StartFailureDeps): void {
  const { text, log } = deps;
  if (log) log.error('start failed:', redactedStack(error));
  else process.stderr.write(`start failed: ${redactedStack(error)}\n`);
  const reason = scrub(
    error instanceof Error ? (error.message.split('\n')[0] ?? '').slice(0, 300) : String(error),
  );
  const where = log ? text.t('start.failedLog', { folder: log.folder }) : '';
  // showErrorBox is safe before 'ready' and blocks until the user closes it.
  dialog.showErrorBox(
    text.t('start.failedTitle', { app: app.getName() }),
    [text.t('start.failedBody'), reason, where].filter(Boolean).join('\n\n'),
  );
  app.exit(1);
}
