// Paying one invoice: the invoice as the panel now states it (amount, the coupon's discount), the
// payment methods with their fees, then invoice/pay and the payment screen. Used by Billing after
// an invoice is created and by Invoices for a pending invoice. The invoice and the payment methods
// load apart: without methods the invoice still shows, paying is disabled with the reason, and the
// invoice stays on the panel to pay later.
import { useCallback, useEffect, useId, useState } from 'react';
import type { AppError } from '../../../../shared/errors';
import type { PaymentView } from '../../../../shared/contract';
import type { Gateway, Invoice } from '../../../../shared/domain';
import { api } from '../../api';
import { BusyButton } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { useBillingText } from './messages';
import { PaymentScreen } from './PaymentScreen';
import { ErrorBox } from '../../components/ErrorBox';
import { cycleLabel, invoiceAmount, InvoiceStatusPill, statusLabel } from './shared';

interface CheckoutProps {
  invoiceId: string;
  onClose(): void;
  closeLabel: string;
}

type Loaded = { invoice: Invoice; gateways: Gateway[] };

export function Checkout({ invoiceId, onClose, closeLabel }: CheckoutProps) {
  const text = useBillingText();
  const { bt } = text;
  const groupId = useId();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loadError, setLoadError] = useState<AppError | null>(null);
  const [gatewaysError, setGatewaysError] = useState<AppError | null>(null);
  const [gatewayId, setGatewayId] = useState<number | null>(null);
  const [paying, setPaying] = useState(false);
  const [payError, setPayError] = useState<AppError | null>(null);
  const [payment, setPayment] = useState<PaymentView | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    setLoadError(null);
    setGatewaysError(null);
    const x = api();
    void Promise.all([x.invoicesView({ invoiceId }), x.billingGateways()]).then(([invoice, gateways]) => {
      if (!current) return;
      if (!invoice.ok) return setLoadError(invoice.error);
      if (!gateways.ok) setGatewaysError(gateways.error);
      const methods = gateways.ok ? gateways.value : [];
      setLoaded({ invoice: invoice.value, gateways: methods });
      setGatewayId((prev) => prev ?? methods[0]?.id ?? null);
    });
    return () => {
      current = false;
    };
  }, [invoiceId, attempt]);

  const pay = useCallback(async () => {
    if (gatewayId === null) return;
    setPaying(true);
    setPayError(null);
    const result = await api().billingPay({ invoiceId, gatewayId });
    setPaying(false);
    if (result.ok) setPayment(result.value);
    else setPayError(result.error);
  }, [invoiceId, gatewayId]);

  if (payment) {
    return (
      <PaymentScreen
        view={payment}
        gatewayName={loaded?.gateways.find((g) => g.id === gatewayId)?.name ?? ''}
        onDone={onClose}
        onPayAgain={() => {
          setPayment(null);
          setAttempt((n) => n + 1);
        }}
      />
    );
  }

  const invoice = loaded?.invoice ?? null;
  return (
    <section className="card checkout" aria-labelledby="checkout-title" data-testid="checkout">
      <h2 id="checkout-title">
        <bdi>{bt('checkout.title', { id: invoiceId })}</bdi>
      </h2>
      {loadError ? (
        <ErrorBox
          error={loadError}
          onRetry={() => setAttempt((n) => n + 1)}
          retryLabel={bt('billing.retry')}
        />
      ) : null}
      {!loaded && !loadError ? (
        <p className="muted" role="status">
          {bt('checkout.loading')}
        </p>
      ) : null}
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
            {invoice.discount > 0 ? (
              <div>
                <dt>{bt('checkout.discount')}</dt>
                <dd data-testid="checkout-discount">
                  <bdi>− {invoiceAmount(invoice.discount, invoice.currency)}</bdi>
                </dd>
              </div>
            ) : null}
            <div>
              <dt>{bt('checkout.amount')}</dt>
              <dd className="strong" data-testid="checkout-amount">
                <bdi>{invoiceAmount(invoice.amount, invoice.currency)}</bdi>
              </dd>
            </div>
            <div>
              <dt>{bt('checkout.status')}</dt>
              <dd>
                <InvoiceStatusPill
                  status={invoice.status}
                  label={statusLabel(text, invoice.status, invoice.statusLabel)}
                />
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
                onRetry={() => setAttempt((n) => n + 1)}
                retryLabel={bt('checkout.gatewaysRetry')}
              />
            </div>
          ) : loaded.gateways.length === 0 ? (
            <p>{bt('checkout.noGateways')}</p>
          ) : (
            <fieldset className="choice-group" aria-describedby={payError ? `${groupId}-error` : undefined}>
              <legend>{bt('checkout.gateway')}</legend>
              {loaded.gateways.map((g) => (
                <label key={g.id} className="choice">
                  <input
                    type="radio"
                    name={`${groupId}-gateway`}
                    value={g.id}
                    checked={gatewayId === g.id}
                    onChange={() => setGatewayId(g.id)}
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
          {payError ? (
            <div id={`${groupId}-error`}>
              <ErrorBox error={payError} onRetry={() => void pay()} retryLabel={bt('billing.retry')} />
            </div>
          ) : null}
          <div className="card-actions">
            {invoice.status === 'pending' && (loaded.gateways.length > 0 || gatewaysError) ? (
              <BusyButton
                busy={paying}
                busyLabel={bt('checkout.paying')}
                onClick={() => void pay()}
                disabled={gatewayId === null || gatewaysError !== null}
                aria-describedby={gatewaysError ? `${groupId}-gateways-error` : undefined}
              >
                {bt('checkout.pay')}
              </BusyButton>
            ) : null}
            <BusyButton variant="secondary" onClick={onClose} disabled={paying}>
              <Icon name="back" /> {closeLabel}
            </BusyButton>
          </div>
        </>
      ) : null}
    </section>
  );
}
