// Main's error as a banner: in the user's language (lib/errors.ts), optionally inside a page's own
// sentence, with the English original folded away and a retry button when there is something to retry.
import type { AppError } from '../../../shared/errors';
import { useI18n } from '../i18n';
import { describeError, type ErrorI18n } from '../lib/errors';
import { BusyButton } from './Button';
import { ErrorDetails } from './ErrorDetails';
import { Icon } from './Icon';

export function ErrorBox({
  error,
  template,
  onRetry,
  retryLabel,
  i18n,
  className = 'billing-error',
}: {
  error: AppError;
  template?: (message: string) => string;
  onRetry?: () => void;
  retryLabel: string;
  /** A page's own catalogue (it extends the shell's); the shell's by default. */
  i18n?: ErrorI18n;
  className?: string;
}) {
  const shell = useI18n();
  const shown = describeError(error, i18n ?? shell);
  return (
    <div className={`banner banner-error ${className}`} role="alert">
      <Icon name="alert" />
      <div className="banner-text">
        <p>{template ? template(shown.text) : shown.text}</p>
        <ErrorDetails original={shown.original} />
      </div>
      {onRetry ? (
        <BusyButton variant="secondary" onClick={onRetry}>
          <Icon name="refresh" /> {retryLabel}
        </BusyButton>
      ) : null}
    </div>
  );
}
