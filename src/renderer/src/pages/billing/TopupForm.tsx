// Adding traffic to a service: a choice of the traffic packages (sold-out ones shown but not
// selectable), the price, and a confirmation before the invoice is created.
import { useId, useState } from 'react';
import type { Package, Service } from '../../../../shared/domain';
import { api } from '../../api';
import { BusyButton } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useBillingText } from './messages';
import { ErrorBox } from '../../components/ErrorBox';
import { moneyText } from './shared';
import { useCreate } from './useCreate';

export function TopupForm({
  service,
  traffic,
  onCancel,
  onCreated,
}: {
  service: Service;
  traffic: Package[];
  onCancel(): void;
  onCreated(id: string): void;
}) {
  const text = useBillingText();
  const { bt } = text;
  const id = useId();
  const create = useCreate(onCreated);
  const available = traffic.filter((p) => p.stock !== 0);
  const [packageId, setPackageId] = useState<number | null>(available[0]?.id ?? null);
  const chosen = traffic.find((p) => p.id === packageId) ?? null;
  const price = chosen?.prices[0] ? moneyText(chosen.prices[0].price) : '';
  return (
    <section className="card" aria-labelledby={`${id}-title`} data-testid="topup-form">
      <h2 id={`${id}-title`}>
        <bdi>{bt('billing.topupTitle', { name: service.packageName })}</bdi>
      </h2>
      <fieldset className="choice-group">
        <legend>{bt('billing.topupChoose')}</legend>
        {traffic.map((p) => (
          <label key={p.id} className="choice">
            <input
              type="radio"
              name={`${id}-package`}
              checked={packageId === p.id}
              disabled={p.stock === 0}
              onChange={() => setPackageId(p.id)}
            />
            <span className="choice-body">
              <span className="strong">
                <bdi>{p.name}</bdi>
              </span>{' '}
              · {text.bytes(p.trafficBytes)} · <bdi>{p.prices[0] ? moneyText(p.prices[0].price) : ''}</bdi>
              {p.stock === 0 ? (
                <span className="small muted choice-note">{bt('billing.soldOut')}</span>
              ) : null}
            </span>
          </label>
        ))}
      </fieldset>
      {create.error ? <ErrorBox error={create.error} retryLabel={bt('billing.retry')} /> : null}
      <div className="card-actions">
        <BusyButton onClick={() => create.setConfirming(true)} disabled={!chosen}>
          {bt('billing.continue')}
        </BusyButton>
        <BusyButton variant="secondary" onClick={onCancel}>
          {bt('billing.cancel')}
        </BusyButton>
      </div>
      <ConfirmDialog
        open={create.confirming && chosen !== null}
        title={bt('billing.confirmTopupTitle')}
        confirmLabel={bt('billing.confirmCreate')}
        busy={create.busy}
        onCancel={() => create.setConfirming(false)}
        onConfirm={() =>
          chosen
            ? void create.run(() => api().billingTopup({ serviceId: service.id, packageId: chosen.id }))
            : undefined
        }
      >
        <p>
          {bt('billing.confirmTopupBody', {
            package: chosen?.name ?? '',
            traffic: chosen ? text.bytes(chosen.trafficBytes) : '',
            name: service.packageName,
            price,
          })}
        </p>
      </ConfirmDialog>
    </section>
  );
}
