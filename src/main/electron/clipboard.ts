// The clipboard for the Platform: Electron 44+ writes text asynchronously (`clipboard.writeText`
// returns a Promise in electron.d.ts), so "copied" is only reported once the write has settled. Reading
// is for the add dialog's offer of a link found there; the text stays in main.
import { clipboard } from 'electron';
import { appError, fail, ok, type Result } from '../../shared/errors';

export async function writeClipboard(text: string): Promise<Result<{ copied: true }>> {
  try {
    await clipboard.writeText(text);
    return ok({ copied: true as const });
  } catch (error) {
    // The reason only: the text itself may be a subscription link, which is a credential.
    const reason = error instanceof Error ? error.name : typeof error;
    return fail(appError('internal', `The clipboard refused the text (${reason}). Try again.`));
  }
}

/** The clipboard's plain text, or null when it holds none or cannot be read. */
export async function readClipboard(): Promise<string | null> {
  try {
    const text = await clipboard.readText();
    return text === '' ? null : text;
  } catch {
    return null;
  }
}
