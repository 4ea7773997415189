// Renewing a service: its plan and cycle with the price, and a confirmation before the invoice is created.
import type { Service } from '../../../../shared/domain';
import { api } from '../../api';
import { CreateForm, type CreateFormProps } from './CreateForm';
import { useBillingText } from './messages';
import { cycleLabel, moneyText } from './shared';

export function RenewForm({ service, ...rest }: CreateFormProps & { service: Service }) {
  const text = useBillingText();
  const { bt } = text;
  const price = service.amount ? moneyText(service.amount) : '—';
  return (
    <CreateForm
      {...rest}
      testId="renew-form"
      title={bt('billing.renewTitle', { name: service.packageName })}
      create={() => api().billingRenew({ serviceId: service.id })}
      confirmTitle={bt('billing.confirmRenewTitle')}
      confirmBody={bt('billing.confirmRenewBody', { price, name: service.packageName })}
    >
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
    </CreateForm>
  );
}
