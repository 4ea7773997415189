// The frame of the buy, renew and top-up forms: the title, the form's own choices, the error of the
// last try, Continue and Cancel, and the confirmation that creates the invoice. Continue is off
// while the choices do not make an invoice yet.
import { useId, type ReactNode } from 'react';
import { BusyButton } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorBox } from '../../components/ErrorBox';
import { useBillingText } from './messages';
import { useCreate, type CreateInvoice } from './useCreate';

export interface CreateFormProps {
  onCancel(): void;
  onCreated(invoiceId: string): void;
}

export function CreateForm({
  testId,
  title,
  create,
  confirmTitle,
  confirmBody,
  formClassName,
  onCancel,
  onCreated,
  children,
}: CreateFormProps & {
  testId: string;
  title: string;
  /** The request that creates the invoice, or null while the choices make none. */
  create: CreateInvoice | null;
  confirmTitle: string;
  confirmBody: string;
  /** Makes the choices a <form> (Enter continues) with this class; plain card content without. */
  formClassName?: string;
  children: ReactNode;
}) {
  const { bt } = useBillingText();
  const id = useId();
  const state = useCreate(onCreated);

  const error = state.error ? <ErrorBox error={state.error} retryLabel={bt('billing.retry')} /> : null;
  const actions = (className: string, submit: boolean) => (
    <div className={className}>
      <BusyButton
        type={submit ? 'submit' : 'button'}
        onClick={submit ? undefined : () => state.setConfirming(true)}
        disabled={!create}
      >
        {bt('billing.continue')}
      </BusyButton>
      <BusyButton variant="secondary" onClick={onCancel}>
        {bt('billing.cancel')}
      </BusyButton>
    </div>
  );

  return (
    <section className="card" aria-labelledby={`${id}-title`} data-testid={testId}>
      <h2 id={`${id}-title`}>
        <bdi>{title}</bdi>
      </h2>
      {formClassName ? (
        <form
          className={formClassName}
          onSubmit={(event) => {
            event.preventDefault();
            if (create) state.setConfirming(true);
          }}
        >
          {children}
          {error}
          {actions('form-actions', true)}
        </form>
      ) : (
        <>
          {children}
          {error}
          {actions('card-actions', false)}
        </>
      )}
      <ConfirmDialog
        open={state.confirming && create !== null}
        title={confirmTitle}
        confirmLabel={bt('billing.confirmCreate')}
        busy={state.busy}
        onCancel={() => state.setConfirming(false)}
        onConfirm={() => (create ? void state.run(create) : undefined)}
      >
        <p>{confirmBody}</p>
      </ConfirmDialog>
    </section>
  );
}
