// Small pieces the Billing and Invoices pages share: cycle and status labels, money text, the copy
// helper (through main). The error box with a retry button is components/ErrorBox.tsx.
import type { BillingCycle, InvoiceStatus, Money } from '../../../../shared/domain';
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

export function InvoiceStatusPill({ status, label }: { status: InvoiceStatus; label: string }) {
  return <span className={`invoice-status invoice-status-${status}`}>{label}</span>;
}
