// Buying a plan: the cycle (only those the panel switched on), quantity and coupon, the price, and a
// confirmation before the invoice is created.
import { useId, useState } from 'react';
import type { Package } from '../../../../shared/domain';
import { api } from '../../api';
import { SelectField, TextField } from '../../components/Field';
import { CreateForm, type CreateFormProps } from './CreateForm';
import { useBillingText } from './messages';
import { cycleLabel, moneyText, timesText } from './shared';

export function BuyForm({ pkg, ...rest }: CreateFormProps & { pkg: Package }) {
  const text = useBillingText();
  const { bt } = text;
  const id = useId();
  const full = pkg.prices.filter((p) => p.cycle !== 'topup_traffic');
  const [cycle, setCycle] = useState(full[0]?.cycle ?? 'month');
  const [coupon, setCoupon] = useState('');
  const [qty, setQty] = useState(1);
  const price = full.find((p) => p.cycle === cycle)?.price ?? null;
  const maxQty = Math.min(100, pkg.stock ?? 100);
  const total = price ? timesText(price, qty) : '';

  return (
    <CreateForm
      {...rest}
      testId="buy-form"
      title={bt('billing.buyTitle', { name: pkg.name })}
      create={
        price
          ? () => api().billingBuy({ packageId: pkg.id, cycle: cycle as 'month', coupon: coupon.trim(), qty })
          : null
      }
      confirmTitle={bt('billing.confirmBuyTitle')}
      confirmBody={bt('billing.confirmBuyBody', {
        qty,
        name: pkg.name,
        cycle: cycleLabel(text, cycle),
        price: total,
      })}
      formClassName="form buy-form"
    >
      <SelectField
        id={`${id}-cycle`}
        label={bt('billing.cycle')}
        value={cycle}
        onChange={(e) => setCycle(e.target.value as typeof cycle)}
      >
        {full.map((p) => (
          <option key={p.cycle} value={p.cycle}>
            {cycleLabel(text, p.cycle)} — {moneyText(p.price)}
          </option>
        ))}
      </SelectField>
      <TextField
        id={`${id}-coupon`}
        label={
          <>
            {bt('billing.coupon')} <span className="muted">{text.t('common.optional')}</span>
          </>
        }
        hint={bt('billing.couponHint')}
        value={coupon}
        maxLength={64}
        autoComplete="off"
        onChange={(e) => setCoupon(e.target.value)}
      />
      <TextField
        id={`${id}-qty`}
        label={bt('billing.qty')}
        type="number"
        inputMode="numeric"
        min={1}
        max={maxQty}
        value={qty}
        onChange={(e) => setQty(Math.max(1, Math.min(maxQty, Math.floor(Number(e.target.value) || 1))))}
      />
      <dl className="facts" aria-label={bt('billing.summary')}>
        <div>
          <dt>{bt('billing.subtotal')}</dt>
          <dd className="strong" data-testid="buy-total">
            <bdi>{total}</bdi>
          </dd>
        </div>
      </dl>
    </CreateForm>
  );
}
