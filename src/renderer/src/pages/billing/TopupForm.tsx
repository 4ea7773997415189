// Adding traffic to a service: a choice of the traffic packages (sold-out ones shown but not
// selectable), the price, and a confirmation before the invoice is created.
import { useId, useState } from 'react';
import type { Package, Service } from '../../../../shared/domain';
import { api } from '../../api';
import { CreateForm, type CreateFormProps } from './CreateForm';
import { useBillingText } from './messages';
import { moneyText } from './shared';

export function TopupForm({
  service,
  traffic,
  ...rest
}: CreateFormProps & { service: Service; traffic: Package[] }) {
  const text = useBillingText();
  const { bt } = text;
  const id = useId();
  const available = traffic.filter((p) => p.stock !== 0);
  const [packageId, setPackageId] = useState<number | null>(available[0]?.id ?? null);
  const chosen = traffic.find((p) => p.id === packageId) ?? null;
  const price = chosen?.prices[0] ? moneyText(chosen.prices[0].price) : '';
  return (
    <CreateForm
      {...rest}
      testId="topup-form"
      title={bt('billing.topupTitle', { name: service.packageName })}
      create={chosen ? () => api().billingTopup({ serviceId: service.id, packageId: chosen.id }) : null}
      confirmTitle={bt('billing.confirmTopupTitle')}
      confirmBody={bt('billing.confirmTopupBody', {
        package: chosen?.name ?? '',
        traffic: chosen ? text.bytes(chosen.trafficBytes) : '',
        name: service.packageName,
        price,
      })}
    >
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
    </CreateForm>
  );
}
