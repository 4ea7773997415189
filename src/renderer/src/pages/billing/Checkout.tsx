// Paying one invoice: the invoice as the panel now states it (amount, the coupon's discount), the
// payment methods with their fees, then invoice/pay and the payment screen. Used by Billing after
// an invoice is created and by Invoices for a pending invoice. The invoice and the payment methods
// load apart: without methods the invoice still shows, paying is disabled with the reason, and the
// invoice stays on the panel to pay later.
import { useId, useState } from 'react';
import { ok, type AppError, type Result } from '../../../../shared/errors';
import type { Gateway, Invoice } from '../../../../shared/domain';
import { api } from '../../api';
import { BusyButton } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { useBillingText } from './messages';
import { PaymentScreen } from './PaymentScreen';
import { ErrorBox } from '../../components/ErrorBox';
import { useAction } from '../../lib/useAction';
import { useLoad } from '../../lib/useLoad';
import { cycleLabel, InvoiceStatusPill, InvoiceTotal, InvoiceCard, statusLabel } from './shared';

interface CheckoutProps {
  invoiceId: string;
  onClose(): void;
  closeLabel: string;
}

type Loaded = { invoice: Invoice; gateways: Gateway[]; gatewaysError: AppError | null };

/** The invoice and the payment methods; only the invoice failing fails the load. */
async function loadCheckout(invoiceId: string): Promise<Result<Loaded>> {
  const x = api();
  const [invoice, gateways] = await Promise.all([x.invoicesView({ invoiceId }), x.billingGateways()]);
  if (!invoice.ok) return invoice;
  return gateways.ok
    ? ok({ invoice: invoice.value, gateways: gateways.value, gatewaysError: null })
    : ok({ invoice: invoice.value, gateways: [], gatewaysError: gateways.error });
}

export function Checkout({ invoiceId, onClose, closeLabel }: CheckoutProps) {
  const text = useBillingText();
  const { bt } = text;
  const groupId = useId();
  const load = useLoad(() => loadCheckout(invoiceId), [invoiceId]);
  const loaded = load.data;
  const gatewaysError = loaded?.gatewaysError ?? null;
  // The first method is chosen until the user picks one.
  const [picked, setPicked] = useState<number | null>(null);
  const gatewayId = picked ?? loaded?.gateways[0]?.id ?? null;
  const pay = useAction((gateway: number) => api().billingPay({ invoiceId, gatewayId: gateway }));
  const payment = pay.result;
  const startPay = () => {
    if (gatewayId !== null) void pay.run(gatewayId);
  };

  if (payment) {
    return (
      <PaymentScreen
        view={payment}
        gatewayName={loaded?.gateways.find((g) => g.id === gatewayId)?.name ?? ''}
        onDone={onClose}
        onPayAgain={() => {
          pay.reset();
          load.retry();
        }}
      />
    );
  }

  const invoice = loaded?.invoice ?? null;
  return (
    <InvoiceCard text={text} testId="checkout" title={bt('checkout.title', { id: invoiceId })} load={load}>
      {invoice && loaded ? (
        <>
          <dl className="facts">
            <div>
              <dt>{bt('checkout.package')}</dt>
              <dd>
                <bdi>{invoice.packageName}</bdi> · {cycleLabel(text, invoice.billing)}
                {invoice.quantity > 1 ? ` × ${invoice.quantity}` : ''}
              </dd>
            </div>
            <InvoiceTotal text={text} invoice={invoice} testIdPrefix="checkout" />
            <div>
              <dt>{bt('checkout.status')}</dt>
              <dd>
                <InvoiceStatusPill text={text} invoice={invoice} />
              </dd>
            </div>
          </dl>

          {invoice.status !== 'pending' ? (
            <p>
              {bt('checkout.notPayable', { status: statusLabel(text, invoice.status, invoice.statusLabel) })}
            </p>
          ) : gatewaysError ? (
            <div id={`${groupId}-gateways-error`} data-testid="checkout-gateways-failed">
              <ErrorBox
                error={gatewaysError}
                template={(message) => bt('checkout.gatewaysFailed', { message })}
                onRetry={load.retry}
                retryLabel={bt('checkout.gatewaysRetry')}
              />
            </div>
          ) : loaded.gateways.length === 0 ? (
            <p>{bt('checkout.noGateways')}</p>
          ) : (
            <fieldset className="choice-group" aria-describedby={pay.error ? `${groupId}-error` : undefined}>
              <legend>{bt('checkout.gateway')}</legend>
              {loaded.gateways.map((g) => (
                <label key={g.id} className="choice">
                  <input
                    type="radio"
                    name={`${groupId}-gateway`}
                    value={g.id}
                    checked={gatewayId === g.id}
                    onChange={() => setPicked(g.id)}
                  />
                  <span className="choice-body">
                    <span className="strong">
                      <bdi>{g.name || g.gateway}</bdi>
                    </span>{' '}
                    <span className="muted">{g.currency}</span>
                    <span className="small muted choice-note">
                      {g.feePercent > 0 || g.feeFixed > 0
                        ? bt('checkout.fee', { percent: g.feePercent, fixed: g.feeFixed.toFixed(2) })
                        : bt('checkout.noFee')}
                    </span>
                  </span>
                </label>
              ))}
            </fieldset>
          )}
          {pay.error ? (
            <div id={`${groupId}-error`}>
              <ErrorBox error={pay.error} onRetry={startPay} retryLabel={bt('billing.retry')} />
            </div>
          ) : null}
          <div className="card-actions">
            {invoice.status === 'pending' && (loaded.gateways.length > 0 || gatewaysError) ? (
              <BusyButton
                busy={pay.busy}
                busyLabel={bt('checkout.paying')}
                onClick={startPay}
                disabled={gatewayId === null || gatewaysError !== null}
                aria-describedby={gatewaysError ? `${groupId}-gateways-error` : undefined}
              >
                {bt('checkout.pay')}
              </BusyButton>
            ) : null}
            <BusyButton variant="secondary" onClick={onClose} disabled={pay.busy}>
              <Icon name="back" /> {closeLabel}
            </BusyButton>
          </div>
        </>
      ) : null}
    </InvoiceCard>
  );
}
