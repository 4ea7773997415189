// Shared by the buy, renew and top-up forms: confirm first, then create the invoice, then hand its
// id on to the checkout; the error stays on the form.
import { useCallback, useState } from 'react';
import type { AppError } from '../../../../shared/errors';

/** Shared by buy / renew / top-up: confirm, then create the invoice, then go to checkout. */
export function useCreate(onCreated: (invoiceId: string) => void) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const run = useCallback(
    async (
      create: () => Promise<{ ok: true; value: { invoiceId: string } } | { ok: false; error: AppError }>,
    ) => {
      setBusy(true);
      setError(null);
      const result = await create();
      setBusy(false);
      setConfirming(false);
      if (result.ok) onCreated(result.value.invoiceId);
      else setError(result.error);
    },
    [onCreated],
  );
  return { confirming, setConfirming, busy, error, run };
}
