// Maps a `validation` error from main onto form fields by the issue's path (e.g. "email"). Main's
// issue texts are English: in another language each field gets a translated "not accepted" line
// instead (the form-level error keeps the English original under Details).
import type { AppError } from '../../../../shared/errors';
import type { ErrorI18n } from '../../lib/errors';

export function fieldErrorsFrom(
  error: AppError,
  fields: readonly string[],
  i18n: ErrorI18n,
): Record<string, string> {
  const out: Record<string, string> = {};
  if (error.kind !== 'validation') return out;
  for (const issue of error.issues ?? []) {
    const field = issue.path.split('.')[0] ?? '';
    if (fields.includes(field) && !out[field])
      out[field] = i18n.locale === 'en' ? issue.message : i18n.t('error.field');
  }
  return out;
}
