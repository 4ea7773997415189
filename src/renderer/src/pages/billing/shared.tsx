// Small pieces the Billing and Invoices pages share: cycle and status labels, money text, the copy
// helper (through main), an invoice's status pill and total, and the loading / failed line of a
// load, and the card of an invoice that loads. The error box with a retry button is components/ErrorBox.tsx.
import type { ReactNode } from 'react';
import type { Invoice, BillingCycle, InvoiceStatus, Money } from '../../../../shared/domain';
import type { AppError } from '../../../../shared/errors';
import { ErrorBox } from '../../components/ErrorBox';
import type { BillingKey, BillingText } from './messages';

const CYCLES: readonly BillingCycle[] = ['month', 'quater', 'semiannual', 'annual', 'topup_traffic'];

/** A cycle key as words; a cycle the app does not know is shown as the panel wrote it. */
export function cycleLabel(text: BillingText, cycle: string): string {
  return (CYCLES as readonly string[]).includes(cycle) ? text.bt(`cycle.${cycle}` as BillingKey) : cycle;
}

export function statusLabel(text: BillingText, status: InvoiceStatus, panelLabel: string): string {
  return status === 'unknown' && panelLabel ? panelLabel : text.bt(`status.${status}`);
}

/** The panel's own money text when it gave one, else the amount with its currency. */
export function moneyText(money: Money): string {
  return money.text || `${money.currency} ${money.amount.toFixed(2)}`.trim();
}

/** `count` times a price, written like the panel writes it ("$ 20.00"). */
export function timesText(money: Money, count: number): string {
  if (count === 1) return moneyText(money);
  return `${money.currency} ${(money.amount * count).toFixed(2)}`.trim();
}

/** An invoice amount: invoices carry a currency code and a bare number. */
export function invoiceAmount(amount: number, currency: string): string {
  return `${amount.toFixed(2)} ${currency}`.trim();
}

export { copyText } from '../../lib/clipboard';

/** The invoice's status as a coloured pill, in words (the panel's own for a status the app does not know). */
export function InvoiceStatusPill({ text, invoice }: { text: BillingText; invoice: Invoice }) {
  return (
    <span className={`invoice-status invoice-status-${invoice.status}`}>
      {statusLabel(text, invoice.status, invoice.statusLabel)}
    </span>
  );
}

/** The rows of a facts list that end an invoice: the coupon's discount (when there is one) and the amount. */
export function InvoiceTotal({
  text,
  invoice,
  testIdPrefix,
}: {
  text: BillingText;
  invoice: Invoice;
  /** Names the two values for tests ("checkout" gives checkout-discount, checkout-amount). */
  testIdPrefix?: string;
}) {
  const { bt } = text;
  return (
    <>
      {invoice.discount > 0 ? (
        <div>
          <dt>{bt('checkout.discount')}</dt>
          <dd data-testid={testIdPrefix && `${testIdPrefix}-discount`}>
            <bdi>− {invoiceAmount(invoice.discount, invoice.currency)}</bdi>
          </dd>
        </div>
      ) : null}
      <div>
        <dt>{bt('checkout.amount')}</dt>
        <dd className="strong" data-testid={testIdPrefix && `${testIdPrefix}-amount`}>
          <bdi>{invoiceAmount(invoice.amount, invoice.currency)}</bdi>
        </dd>
      </div>
    </>
  );
}

/**
 * Where a load's value will stand until it is there: why it failed, with a retry, or that it is on
 * its way. Nothing once the value is shown and the last request did not fail.
 */
export function LoadStatus({
  text,
  load,
  loadingKey,
  failedKey,
}: {
  text: BillingText;
  load: { data: unknown; error: AppError | null; retry(): void };
  loadingKey: BillingKey;
  /** The page's sentence around the error ("The invoices could not be loaded: …"); the bare error without. */
  failedKey?: BillingKey;
}) {
  const { bt } = text;
  if (load.error) {
    return (
      <ErrorBox
        error={load.error}
        template={failedKey ? (message) => bt(failedKey, { message }) : undefined}
        onRetry={load.retry}
        retryLabel={bt('billing.retry')}
      />
    );
  }
  if (load.data !== null) return null;
  return (
    <p className="muted" role="status">
      {bt(loadingKey)}
    </p>
  );
}

/** The card of one invoice as it loads: its title, the loading / failed line, then what the caller shows. */
export function InvoiceCard({
  text,
  testId,
  title,
  load,
  children,
}: {
  text: BillingText;
  /** Also names the title's id (`${testId}-title`) and a class of the card. */
  testId: string;
  title: string;
  load: { data: unknown; error: AppError | null; retry(): void };
  children: ReactNode;
}) {
  return (
    <section className={`card ${testId}`} aria-labelledby={`${testId}-title`} data-testid={testId}>
      <h2 id={`${testId}-title`}>
        <bdi>{title}</bdi>
      </h2>
      <LoadStatus text={text} load={load} loadingKey="checkout.loading" />
      {children}
    </section>
  );
}
