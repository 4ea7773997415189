// The English original of a translated error from main, folded away under "Details": support and
// search engines know the English sentence, and it names the panel's host; the user reads their own
// language first. Renders nothing when the shown text already is the original.
import { useI18n } from '../i18n';

export function ErrorDetails({ original }: { original: string | null }) {
  const { t } = useI18n();
  if (!original) return null;
  return (
    <details className="error-details">
      <summary>{t('error.details')}</summary>
      <p lang="en" dir="ltr">
        {original}
      </p>
    </details>
  );
}
