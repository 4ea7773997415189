// Maps a `validation` error from main onto form fields by the issue's path (e.g. "email"). Main's
// issue texts are English: in another language each field gets a translated "not accepted" line
// instead (the form-level error keeps the English original under Details).
import type { AppError } from '../../../../shared/errors';
import type { ErrorI18n } from '../../lib/errors';

const isList = (fields: readonly string[] | object): fields is readonly string[] => Array.isArray(fields);

/** `fields`: the paths the form shows, or a map from path to the form's name for that field. */
export function fieldErrorsFrom(
  error: AppError,
  fields: readonly string[] | Readonly<Record<string, string>>,
  i18n: ErrorI18n,
): Record<string, string> {
  const names = isList(fields) ? Object.fromEntries(fields.map((field) => [field, field])) : fields;
  const out: Record<string, string> = {};
  if (error.kind !== 'validation') return out;
  for (const issue of error.issues ?? []) {
    const path = issue.path.split('.')[0] ?? '';
    const field = Object.hasOwn(names, path) ? names[path] : undefined;
    if (field && !out[field]) out[field] = i18n.locale === 'en' ? issue.message : i18n.t('error.field');
  }
  return out;
}
