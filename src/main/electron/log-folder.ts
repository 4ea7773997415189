// "Open log folder" in Settings: the folder is created first (a fresh install has logged nothing
// yet) and shown by the OS file manager.
import { shell } from 'electron';
import { mkdirSync } from 'node:fs';
import { appError, fail, ok, type Result } from '../../shared/errors';
import { PRIVATE_DIR_MODE } from '../private-files';

export async function openFolder(folder: string): Promise<Result<{ opened: true }>> {
  try {
    mkdirSync(folder, { recursive: true, mode: PRIVATE_DIR_MODE });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return fail(appError('internal', `The log folder ${folder} could not be created (${code}).`));
  }
  // shell.openPath answers with an error message, or '' when the folder was opened.
  const problem = await shell.openPath(folder);
  return problem
    ? fail(appError('internal', `The file manager did not open ${folder}: ${problem}`))
    : ok({ opened: true as const });
}
