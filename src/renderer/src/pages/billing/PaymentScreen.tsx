// The payment screen: a large QR code of the payment data (an SVG rendered in main by the qrcode
// package, shown as an <img> data URL so no markup is ever inserted), or the panel's own QR picture,
// or, where the data cannot be scanned (a card processor's payment object), the panel's invoice page
// to open in the browser; the amount as the panel gives it, a countdown to expiry, copy / open
// buttons and the live state of the watch from main.
import { useEffect, useState } from 'react';
import type { PaymentView, ServiceChange, WatchView } from '../../../../shared/contract';
import { api } from '../../api';
import { BusyButton } from '../../components/Button';
import { FormStatus } from '../../components/Field';
import { ErrorDetails } from '../../components/ErrorDetails';
import { Icon } from '../../components/Icon';
import { describeError } from '../../lib/errors';
import { useAction } from '../../lib/useAction';
import { svgDataUrl } from '../../lib/svg';
import { useNow } from '../../lib/useNow';
import { useBillingText, type BillingText } from './messages';
import { copyText, moneyText } from './shared';

export function changeText(text: BillingText, change: ServiceChange): string {
  const name = change.packageName;
  const isNew = change.expiresBefore === null && change.totalBytesBefore === null;
  if (isNew && change.expiresAfter !== null)
    return text.bt('payment.newService', { name, date: text.date(change.expiresAfter) });
  const lines: string[] = [];
  if (
    change.expiresAfter !== null &&
    change.expiresBefore !== null &&
    change.expiresAfter !== change.expiresBefore
  ) {
    lines.push(
      text.bt('payment.newExpiry', {
        name,
        date: text.date(change.expiresAfter),
        before: text.date(change.expiresBefore),
      }),
    );
  }
  if (
    change.totalBytesAfter !== null &&
    change.totalBytesBefore !== null &&
    change.totalBytesAfter !== change.totalBytesBefore
  ) {
    lines.push(
      text.bt('payment.newTraffic', {
        name,
        after: text.bytes(change.totalBytesAfter),
        before: text.bytes(change.totalBytesBefore),
      }),
    );
  }
  return lines.length > 0 ? lines.join(' ') : text.bt('payment.confirmedOnly');
}

interface PaymentScreenProps {
  view: PaymentView;
  /** The payment method's display name (invoice/pay only gives its code). */
  gatewayName: string;
  onDone(): void;
  onPayAgain(): void;
}

export function PaymentScreen({ view, gatewayName, onDone, onPayAgain }: PaymentScreenProps) {
  const text = useBillingText();
  const { bt } = text;
  const { payment, qrSvg } = view;
  const [watch, setWatch] = useState<WatchView>(view.watch);
  const [copyNote, setCopyNote] = useState<string | null>(null);
  const opening = useAction((url: string) => api().appOpenExternal({ url }));
  const openError = opening.error ? describeError(opening.error, text) : null;
  const watching = watch.state === 'watching';
  const now = useNow(1000, watching);

  useEffect(() => {
    const x = api();
    const off = x.on('payment', (next) => {
      if (next.invoiceId === payment.invoiceId) setWatch(next);
    });
    // Catch up on anything that happened before we subscribed.
    void x.billingWatches().then((result) => {
      const mine = result.ok ? result.value.find((w) => w.invoiceId === payment.invoiceId) : undefined;
      if (mine && mine.startedAt >= view.watch.startedAt) setWatch(mine);
    });
    return off;
  }, [payment.invoiceId, view.watch.startedAt]);

  const amount = moneyText(payment.amount);
  const left = payment.expiresAt !== null ? payment.expiresAt - now : null;
  const copy = async (value: string) => {
    const done = await copyText(value);
    setCopyNote(done ? bt('payment.copied') : bt('payment.copyFailed'));
  };
  const open = (url: string) => void opening.run(url);
  // Nothing a person can scan: neither our QR code nor the panel's picture. Pay on the invoice page.
  const onInvoicePage = !qrSvg && !payment.qrcode && payment.invoiceUrl !== '';

  return (
    <section
      className={`card payment${watching ? '' : ' payment-settled'}`}
      aria-labelledby="payment-title"
      data-testid="payment-screen"
    >
      <div className="payment-qr" hidden={!watching}>
        {qrSvg ? (
          <img
            className="payment-qr-image"
            src={svgDataUrl(qrSvg)}
            alt={bt('payment.qrAlt', { amount })}
            data-testid="payment-qr"
          />
        ) : payment.qrcode ? (
          <img
            className="payment-qr-image"
            src={payment.qrcode}
            alt={bt('payment.panelQrAlt', { amount })}
            data-testid="payment-panel-qr"
          />
        ) : onInvoicePage ? (
          <p className="payment-invoice-page" data-testid="payment-invoice-page">
            {bt('payment.onInvoicePage')}
          </p>
        ) : (
          <p className="muted">{bt('payment.noQr')}</p>
        )}
      </div>
      <div className="payment-info">
        <h2 id="payment-title">
          {!watching
            ? bt('payment.summary')
            : onInvoicePage
              ? bt('payment.titleInvoicePage')
              : bt('payment.title')}
        </h2>
        <p className="card-label">{watching ? bt('payment.amount') : bt('checkout.amount')}</p>
        <p className="payment-amount" data-testid="payment-amount">
          <bdi>{amount}</bdi>
        </p>
        <p className="muted">
          {bt('payment.gateway', { gateway: gatewayName || payment.gateway })} ·{' '}
          <bdi className="mono">{bt('invoices.detail', { id: payment.invoiceId })}</bdi>
        </p>
        {watching && left !== null ? (
          left > 0 ? (
            <p>
              {bt('payment.expiresIn')}{' '}
              <span className="countdown" data-testid="payment-countdown">
                {text.countdown(left)}
              </span>
            </p>
          ) : (
            <p>{bt('payment.expired')}</p>
          )
        ) : null}

        <div
          className={`payment-state payment-state-${watch.state}`}
          role="status"
          data-testid="payment-state"
        >
          {watch.state === 'watching' ? (
            <>
              <span className="spinner" aria-hidden="true" />
              <div>
                <p>{bt('payment.watching')}</p>
                {watch.message ? (
                  <p className="small">{bt('payment.checkError', { message: watch.message })}</p>
                ) : null}
                {watch.lastCheckedAt ? (
                  <p className="small muted">
                    {bt('payment.lastChecked', { age: text.relative(watch.lastCheckedAt, now) })}
                  </p>
                ) : null}
              </div>
            </>
          ) : null}
          {watch.state === 'paid' ? (
            <>
              <Icon name="check" />
              <div>
                <p className="strong">{bt('payment.paid')}</p>
                {watch.change ? <p data-testid="payment-change">{changeText(text, watch.change)}</p> : null}
                {watch.message ? <p className="small">{watch.message}</p> : null}
              </div>
            </>
          ) : null}
          {watch.state === 'expired' ? <p>{bt('payment.expiredState')}</p> : null}
          {watch.state === 'cancelled' ? <p>{bt('payment.cancelledState')}</p> : null}
          {watch.state === 'error' ? (
            <p>{bt('payment.errorState', { message: watch.message ?? '' })}</p>
          ) : null}
        </div>

        {watching ? (
          <>
            {payment.data ? (
              <>
                <label className="card-label" htmlFor="payment-data">
                  {bt('payment.data')}
                </label>
                <textarea
                  id="payment-data"
                  className="payment-data"
                  readOnly
                  rows={Math.min(4, Math.max(2, Math.ceil(payment.data.length / 44)))}
                  value={payment.data}
                  dir="ltr"
                  onFocus={(event) => event.currentTarget.select()}
                />
              </>
            ) : null}
            <div className="card-actions">
              {onInvoicePage ? (
                <BusyButton onClick={() => open(payment.invoiceUrl)} data-testid="payment-open-invoice">
                  {bt('payment.openInvoice')}
                </BusyButton>
              ) : null}
              {payment.data ? (
                <BusyButton variant="secondary" onClick={() => void copy(payment.data)}>
                  <Icon name="copy" /> {bt('payment.copy')}
                </BusyButton>
              ) : null}
              {onInvoicePage ? (
                <BusyButton variant="secondary" onClick={() => void copy(payment.invoiceUrl)}>
                  <Icon name="copy" /> {bt('payment.copyInvoiceLink')}
                </BusyButton>
              ) : null}
              <BusyButton variant="secondary" onClick={() => void copy(payment.total || amount)}>
                <Icon name="copy" /> {bt('payment.copyAmount')}
              </BusyButton>
              {payment.dataKind === 'https' ? (
                <BusyButton onClick={() => open(payment.data)}>{bt('payment.open')}</BusyButton>
              ) : null}
            </div>
            <FormStatus message={copyNote} />
            {openError ? (
              <div className="field-error" role="alert">
                <p>{openError.text}</p>
                <ErrorDetails original={openError.original} />
              </div>
            ) : null}
          </>
        ) : (
          <div className="card-actions">
            <BusyButton onClick={onDone}>{bt('payment.done')}</BusyButton>
            {watch.state === 'expired' || watch.state === 'error' ? (
              <BusyButton variant="secondary" onClick={onPayAgain}>
                {bt('payment.payAgain')}
              </BusyButton>
            ) : null}
          </div>
        )}
      </div>
    </section>
  );
}
