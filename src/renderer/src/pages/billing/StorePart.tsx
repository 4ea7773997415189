// One part of the store (the plans, the traffic top-ups): its content, or where it would be, why it
// did not load (the panel's words in the user's language) with a retry. The other parts stay.
import type { ReactNode } from 'react';
import type { AppError } from '../../../../shared/errors';
import { useBillingText, type BillingKey } from './messages';
import { ErrorBox } from '../../components/ErrorBox';

export function StorePart({
  error,
  failedKey,
  onRetry,
  children,
}: {
  error: AppError | null;
  failedKey: Extract<BillingKey, 'billing.packagesFailed' | 'billing.trafficFailed'>;
  onRetry(): void;
  children: ReactNode;
}) {
  const { bt } = useBillingText();
  if (!error) return <>{children}</>;
  return (
    <div data-testid={`store-part-failed-${failedKey === 'billing.packagesFailed' ? 'packages' : 'traffic'}`}>
      <ErrorBox
        error={error}
        template={(message) => bt(failedKey, { message })}
        onRetry={onRetry}
        retryLabel={bt('billing.retry')}
      />
    </div>
  );
}
