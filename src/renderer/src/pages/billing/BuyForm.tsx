// Buying a plan: the cycle (only those the panel switched on), quantity and coupon, the price, and a
// confirmation before the invoice is created.
import { useId, useState } from 'react';
import type { Package } from '../../../../shared/domain';
import { api } from '../../api';
import { BusyButton } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { SelectField, TextField } from '../../components/Field';
import { useBillingText } from './messages';
import { ErrorBox } from '../../components/ErrorBox';
import { cycleLabel, moneyText, timesText } from './shared';
import { useCreate } from './useCreate';

export function BuyForm({
  pkg,
  onCancel,
  onCreated,
}: {
  pkg: Package;
  onCancel(): void;
  onCreated(id: string): void;
}) {
  const text = useBillingText();
  const { bt } = text;
  const id = useId();
  const full = pkg.prices.filter((p) => p.cycle !== 'topup_traffic');
  const [cycle, setCycle] = useState(full[0]?.cycle ?? 'month');
  const [coupon, setCoupon] = useState('');
  const [qty, setQty] = useState(1);
  const create = useCreate(onCreated);
  const price = full.find((p) => p.cycle === cycle)?.price ?? null;
  const maxQty = Math.min(100, pkg.stock ?? 100);
  const total = price ? timesText(price, qty) : '';

  return (
    <section className="card" aria-labelledby={`${id}-title`} data-testid="buy-form">
      <h2 id={`${id}-title`}>
        <bdi>{bt('billing.buyTitle', { name: pkg.name })}</bdi>
      </h2>
      <form
        className="form buy-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (price) create.setConfirming(true);
        }}
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
        {create.error ? <ErrorBox error={create.error} retryLabel={bt('billing.retry')} /> : null}
        <div className="form-actions">
          <BusyButton type="submit" disabled={!price}>
            {bt('billing.continue')}
          </BusyButton>
          <BusyButton variant="secondary" onClick={onCancel}>
            {bt('billing.cancel')}
          </BusyButton>
        </div>
      </form>
      <ConfirmDialog
        open={create.confirming}
        title={bt('billing.confirmBuyTitle')}
        confirmLabel={bt('billing.confirmCreate')}
        busy={create.busy}
        onCancel={() => create.setConfirming(false)}
        onConfirm={() =>
          void create.run(() =>
            api().billingBuy({ packageId: pkg.id, cycle: cycle as 'month', coupon: coupon.trim(), qty }),
          )
        }
      >
        <p>
          {bt('billing.confirmBuyBody', {
            qty,
            name: pkg.name,
            cycle: cycleLabel(text, cycle),
            price: total,
          })}
        </p>
      </ConfirmDialog>
    </section>
  );
}
