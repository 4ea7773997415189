// Maps a `validation` error from main onto form fields by the issue's path (e.g. "email").
import type { AppError } from '../../../../shared/errors';

export function fieldErrorsFrom(error: AppError, fields: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  if (error.kind !== 'validation') return out;
  for (const issue of error.issues ?? []) {
    const field = issue.path.split('.')[0] ?? '';
    if (fields.includes(field) && !out[field]) out[field] = issue.message;
  }
  return out;
}
