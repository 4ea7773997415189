// Creating an invoice from the buy, renew and top-up forms: confirm first, then create it (once:
// useAction ignores a second press), then hand its id on to the checkout; the error stays on the form.
import { useCallback, useState } from 'react';
import type { Result } from '../../../../shared/errors';
import { useAction } from '../../lib/useAction';

export type CreateInvoice = () => Promise<Result<{ invoiceId: string }>>;

export function useCreate(onCreated: (invoiceId: string) => void) {
  const [confirming, setConfirming] = useState(false);
  const action = useAction((create: CreateInvoice) => create());
  const { run: start } = action;
  const run = useCallback(
    async (create: CreateInvoice) => {
      const result = await start(create);
      if (!result) return;
      setConfirming(false);
      if (result.ok) onCreated(result.value.invoiceId);
    },
    [start, onCreated],
  );
  return { confirming, setConfirming, busy: action.busy, error: action.error, run };
}
