// Renewing a service: its plan and cycle with the price, and a confirmation before the invoice is created.
import { useId } from 'react';
import type { Service } from '../../../../shared/domain';
import { api } from '../../api';
import { BusyButton } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useBillingText } from './messages';
import { ErrorBox } from '../../components/ErrorBox';
import { cycleLabel, moneyText } from './shared';
import { useCreate } from './useCreate';

export function RenewForm({
  service,
  onCancel,
  onCreated,
}: {
  service: Service;
  onCancel(): void;
  onCreated(id: string): void;
}) {
  const text = useBillingText();
  const { bt } = text;
  const id = useId();
  const create = useCreate(onCreated);
  const price = service.amount ? moneyText(service.amount) : '—';
  return (
    <section className="card" aria-labelledby={`${id}-title`} data-testid="renew-form">
      <h2 id={`${id}-title`}>
        <bdi>{bt('billing.renewTitle', { name: service.packageName })}</bdi>
      </h2>
      <p>
        {bt('billing.renewBody', {
          cycle: cycleLabel(text, service.billing),
          date: service.expiresAt ? text.date(service.expiresAt) : '—',
        })}
      </p>
      <dl className="facts">
        <div>
          <dt>{bt('billing.renewPrice')}</dt>
          <dd className="strong">
            <bdi>{price}</bdi>
          </dd>
        </div>
      </dl>
      {create.error ? <ErrorBox error={create.error} retryLabel={bt('billing.retry')} /> : null}
      <div className="card-actions">
        <BusyButton onClick={() => create.setConfirming(true)}>{bt('billing.continue')}</BusyButton>
        <BusyButton variant="secondary" onClick={onCancel}>
          {bt('billing.cancel')}
        </BusyButton>
      </div>
      <ConfirmDialog
        open={create.confirming}
        title={bt('billing.confirmRenewTitle')}
        confirmLabel={bt('billing.confirmCreate')}
        busy={create.busy}
        onCancel={() => create.setConfirming(false)}
        onConfirm={() => void create.run(() => api().billingRenew({ serviceId: service.id }))}
      >
        <p>{bt('billing.confirmRenewBody', { price, name: service.packageName })}</p>
      </ConfirmDialog>
    </section>
  );
}
