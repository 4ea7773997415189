// Billing in plain Node: the store (packages, prices per cycle, gateways), buying, renewing and
// topping up (each creates an invoice), paying (invoice/pay -> a locally rendered QR code) and the
// payment watches that follow a payment until it is settled. The handlers plug into the router.
// Store lists, gateways and invoices are separate parts: none needs another to load.
import type { PaymentView } from '../../shared/contract';
import type { Package, Payment, Snapshot } from '../../shared/domain';
import { appError, fail, ok, type Result } from '../../shared/errors';
import type { Handlers } from '../router';
import type { Platform } from '../platform';
import type { BillingApi } from '../sources/types';
import type { KeyValueStore } from '../settings/store';
import { ENGLISH, type MainText } from '../i18n';
import { qrSvg } from '../qr';
import { servicesBefore } from './change';
import { createWatcher } from './watch';
import { realTimers, type Timers } from '../timers';

export interface BillingDeps {
  /** The signed-in active profile and its panel session, or an 'auth'/'state' error. */
  active(): Promise<Result<{ profileId: string; session: BillingApi }>>;
  /** The session of any profile (payment watches survive profile switches and restarts). */
  sessionFor(profileId: string): Promise<Result<BillingApi>>;
  store: KeyValueStore; // src/main/settings/store.ts; persist watches under the key 'billing.watches'
  emit: Platform['emit']; // 'payment' (WatchView) events to the renderer
  notify: Platform['notify']; // native notification on Paid (and on expired)
  /** The notification texts in the user's language now; English when not given. */
  text?: () => MainText;
  /** Refresh the profile's data (services) and return the new snapshot. */
  refreshData(profileId: string): Promise<Result<Snapshot>>;
  /** The current snapshot of a profile (before paying), to compute what changed. */
  snapshot(profileId: string): Snapshot | null;
  now(): number;
  timers?: Timers;
  /** Source of the backoff jitter (0..1); Math.random by default. */
  random?: () => number;
}

export type BillingHandlers = Pick<
  Handlers,
  | 'billing.store'
  | 'billing.package'
  | 'billing.gateways'
  | 'billing.buy'
  | 'billing.renew'
  | 'billing.topup'
  | 'billing.pay'
  | 'billing.watches'
  | 'billing.dismissWatch'
  | 'invoices.list'
  | 'invoices.view'
>;

export interface Billing {
  handlers: BillingHandlers;
  /** Resume persisted watches (after a restart) and start polling. */
  start(): void;
  stop(): void;
}

/** The payment data as an SVG QR code; '' when there is nothing scannable (never a QR of JSON). */
export async function paymentQr(payment: Payment): Promise<string> {
  if (!payment.data || !['https', 'uri', 'text'].includes(payment.dataKind)) return '';
  return qrSvg(payment.data);
}

/**
 * Rejects an invoice/pay answer that cannot be paid with: no payment data at all (some panels answer
 * 200 with an empty or half-filled body), or data too long for a QR code.
 */
export function checkPayment(payment: Payment, invoiceId: string): Result<Payment> {
  // The panel's QR picture, or a payment object to finish on the invoice page, are payable too.
  const payable =
    (payment.dataKind === 'image' && payment.qrcode !== '') ||
    (payment.dataKind === 'object' && payment.invoiceUrl !== '');
  if (!payable && (payment.dataKind === 'empty' || !payment.data)) {
    return fail(
      appError(
        'schema',
        `The panel started the payment for invoice ${invoiceId} but sent nothing to pay with (no address, link or code). Try again, or choose another payment method.`,
      ),
    );
  }
  return ok(payment);
}

const byPriority = (a: Package, b: Package) => a.sort - b.sort || a.id - b.id;

export function createBilling(deps: BillingDeps): Billing {
  const watcher = createWatcher({
    sessionFor: deps.sessionFor,
    store: deps.store,
    emit: deps.emit,
    notify: deps.notify,
    text: deps.text ?? (() => ENGLISH),
    refreshData: deps.refreshData,
    snapshot: deps.snapshot,
    now: deps.now,
    timers: deps.timers ?? realTimers,
    random: deps.random ?? Math.random,
  });

  /** Runs `call` with the active profile's session. */
  async function withActive<T>(
    call: (session: BillingApi, profileId: string) => Promise<Result<T>>,
  ): Promise<Result<T>> {
    const active = await deps.active();
    if (!active.ok) return fail(active.error);
    return call(active.value.session, active.value.profileId);
  }

  const handlers: BillingHandlers = {
    'billing.store': () =>
      withActive(async (session) => {
        // Each list is a part of its own: one failing (an HTML 500 from the traffic endpoint is
        // common) leaves the other on show with the failure said where the list would be.
        const [full, traffic] = await Promise.all([session.packages(), session.trafficPackages()]);
        // A package with no cycle switched on cannot be bought: do not offer it.
        const offered = (list: Package[]) => list.filter((p) => p.prices.length > 0).sort(byPriority);
        return ok({
          packages: full.ok ? offered(full.value) : [],
          traffic: traffic.ok ? offered(traffic.value) : [],
          packagesError: full.ok ? null : full.error,
          trafficError: traffic.ok ? null : traffic.error,
        });
      }),
    'billing.package': ({ id }) => withActive((session) => session.packageInfo(id)),
    'billing.gateways': () => withActive((session) => session.gateways()),
    'billing.buy': ({ packageId, cycle, coupon, qty }) =>
      withActive((session) => session.invoiceCreate({ pid: packageId, billing: cycle, coupon, qty })),
    'billing.renew': ({ serviceId }) => withActive((session) => session.serviceRenew(serviceId)),
    'billing.topup': ({ serviceId, packageId }) =>
      withActive((session) => session.serviceAddTraffic(serviceId, packageId)),
    'billing.pay': ({ invoiceId, gatewayId }) =>
      withActive(async (session, profileId): Promise<Result<PaymentView>> => {
        const paid = await session.invoicePay(invoiceId, gatewayId);
        if (!paid.ok) return fail(paid.error);
        const checked = checkPayment(paid.value, invoiceId);
        if (!checked.ok) return fail(checked.error);
        const payment = { ...checked.value, invoiceId: checked.value.invoiceId || invoiceId };
        let qrSvg: string;
        try {
          qrSvg = await paymentQr(payment);
        } catch {
          // qrcode refuses data over its capacity; the data can still be copied or opened.
          qrSvg = '';
        }
        const watch = watcher.watch(profileId, payment, servicesBefore(deps.snapshot(profileId)));
        return ok({ payment, qrSvg, watch });
      }),
    'billing.watches': () => ok(watcher.list()),
    'billing.dismissWatch': ({ invoiceId }) => ok(watcher.dismiss(invoiceId)),
    'invoices.list': () =>
      withActive(async (session) => {
        const list = await session.invoices();
        if (!list.ok) return list;
        // Newest first; invoices without a date keep the panel's order at the end.
        return ok(
          [...list.value].sort(
            (a, b) => (b.createdAt ?? -Infinity) - (a.createdAt ?? -Infinity) || b.id - a.id,
          ),
        );
      }),
    'invoices.view': ({ invoiceId }) => withActive((session) => session.invoiceView(invoiceId)),
  };

  return {
    handlers,
    start: () => watcher.start(),
    stop: () => watcher.stop(),
  };
}

export type { WatchRecord } from './watch';
