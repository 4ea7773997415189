// The Invoices page: every invoice of the account (status, amount, package, dates), a detail view
// from invoice/view, and "Pay" on a pending invoice, which opens the same checkout as Billing.
import { useState } from 'react';
import { useApp } from '../../state/app';
import { api } from '../../api';
import { BusyButton } from '../../components/Button';
import { ColumnHeads } from '../../components/ColumnHeads';
import { Icon } from '../../components/Icon';
import { Checkout } from '../billing/Checkout';
import { useBillingText } from '../billing/messages';
import { useLoad } from '../../lib/useLoad';
import {
  cycleLabel,
  invoiceAmount,
  InvoiceStatusPill,
  InvoiceTotal,
  InvoiceCard,
  LoadStatus,
} from '../billing/shared';
import '../billing/billing.css';
import { PageHeader } from '../../components/PageHeader';

type View = { kind: 'list' } | { kind: 'detail'; invoiceId: string } | { kind: 'pay'; invoiceId: string };

function InvoiceDetail({ invoiceId, onClose, onPay }: { invoiceId: string; onClose(): void; onPay(): void }) {
  const text = useBillingText();
  const { bt } = text;
  const load = useLoad(() => api().invoicesView({ invoiceId }), [invoiceId]);
  const invoice = load.data;

  return (
    <InvoiceCard
      text={text}
      testId="invoice-detail"
      title={bt('invoices.detail', { id: invoiceId })}
      load={load}
    >
      {invoice ? (
        <dl className="facts">
          <div>
            <dt>{bt('invoices.status')}</dt>
            <dd>
              <InvoiceStatusPill text={text} invoice={invoice} />
            </dd>
          </div>
          <div>
            <dt>{bt('invoices.package')}</dt>
            <dd>
              <bdi>{invoice.packageName}</bdi>
            </dd>
          </div>
          <div>
            <dt>{bt('invoices.cycle')}</dt>
            <dd>{cycleLabel(text, invoice.billing)}</dd>
          </div>
          <div>
            <dt>{bt('invoices.quantity')}</dt>
            <dd>{text.number(invoice.quantity)}</dd>
          </div>
          <InvoiceTotal text={text} invoice={invoice} />
          {invoice.serviceId !== null ? (
            <div>
              <dt>{bt('invoices.service')}</dt>
              <dd>#{invoice.serviceId}</dd>
            </div>
          ) : null}
          <div>
            <dt>{bt('invoices.created')}</dt>
            <dd>{invoice.createdAt ? text.dateTime(invoice.createdAt) : '—'}</dd>
          </div>
          {invoice.paidAt ? (
            <div>
              <dt>{bt('invoices.paid')}</dt>
              <dd>{text.dateTime(invoice.paidAt)}</dd>
            </div>
          ) : null}
        </dl>
      ) : null}
      <div className="card-actions">
        {invoice?.status === 'pending' ? <BusyButton onClick={onPay}>{bt('invoices.pay')}</BusyButton> : null}
        <BusyButton variant="secondary" onClick={onClose}>
          <Icon name="back" /> {bt('invoices.close')}
        </BusyButton>
      </div>
    </InvoiceCard>
  );
}

export default function InvoicesPage() {
  const text = useBillingText();
  const { bt } = text;
  const [view, setView] = useState<View>({ kind: 'list' });
  const activeId = useApp().profiles.activeId;
  // Asked again each time the list shows (a payment may have changed it) and for another profile.
  const list = useLoad(() => api().invoicesList(), [view.kind, activeId], { paused: view.kind !== 'list' });
  const invoices = list.data;

  const toList = () => setView({ kind: 'list' });

  return (
    <div className="page invoices-page">
      <PageHeader title={bt('invoices.title')}>
        {view.kind === 'list' ? (
          <div className="page-tools">
            <BusyButton variant="secondary" busy={list.loading} onClick={list.retry}>
              <Icon name="refresh" /> {bt('invoices.refresh')}
            </BusyButton>
          </div>
        ) : null}
      </PageHeader>

      {view.kind === 'detail' ? (
        <InvoiceDetail
          invoiceId={view.invoiceId}
          onClose={toList}
          onPay={() => setView({ kind: 'pay', invoiceId: view.invoiceId })}
        />
      ) : null}
      {view.kind === 'pay' ? (
        <Checkout invoiceId={view.invoiceId} onClose={toList} closeLabel={bt('invoices.close')} />
      ) : null}

      {view.kind === 'list' ? (
        <>
          <LoadStatus text={text} load={list} loadingKey="invoices.loading" failedKey="invoices.loadFailed" />
          {invoices && invoices.length === 0 ? (
            <p className="card empty-state">{bt('invoices.empty')}</p>
          ) : null}
          {invoices && invoices.length > 0 ? (
            <div className="card invoice-table-wrap">
              <table className="invoice-table" data-testid="invoice-table">
                <ColumnHeads
                  labels={[
                    bt('invoices.id'),
                    bt('invoices.package'),
                    bt('invoices.amount'),
                    bt('invoices.status'),
                    bt('invoices.created'),
                  ]}
                />
                <tbody>
                  {invoices.map((inv) => (
                    <tr key={inv.invoiceId} data-testid="invoice-row">
                      <td>
                        <button
                          type="button"
                          className="link-button mono"
                          aria-label={bt('invoices.open', { id: inv.invoiceId })}
                          onClick={() => setView({ kind: 'detail', invoiceId: inv.invoiceId })}
                        >
                          {inv.invoiceId}
                        </button>
                      </td>
                      <td>
                        <bdi>{inv.packageName}</bdi>
                        <span className="muted small"> · {cycleLabel(text, inv.billing)}</span>
                      </td>
                      <td className="num">
                        <bdi>{invoiceAmount(inv.amount, inv.currency)}</bdi>
                      </td>
                      <td>
                        <span className="invoice-status-cell">
                          <InvoiceStatusPill text={text} invoice={inv} />
                          {inv.status === 'pending' ? (
                            <BusyButton
                              variant="secondary"
                              aria-label={bt('checkout.title', { id: inv.invoiceId })}
                              onClick={() => setView({ kind: 'pay', invoiceId: inv.invoiceId })}
                            >
                              {bt('invoices.pay')}
                            </BusyButton>
                          ) : null}
                        </span>
                      </td>
                      <td>
                        {inv.createdAt ? text.date(inv.createdAt) : '—'}
                        {inv.paidAt ? (
                          <span className="small muted invoice-paid-date">
                            {bt('invoices.paid')} {text.date(inv.paidAt)}
                          </span>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
