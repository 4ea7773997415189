// Payment watches on fake timers: the backoff schedule, stopping on paid / cancelled / expired, the
// last check after the payment's expiry, failing checks that keep the watch going, and a watch
// that is persisted and resumed by a new createBilling on the same store (an app restart).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBilling, type BillingDeps } from '../../../src/main/billing/index';
import { backoffDelay, FIRST_DELAY_MS, MAX_DELAY_MS, WATCHES_KEY } from '../../../src/main/billing/watch';
import type { NativeNotification } from '../../../src/main/platform';
import type { PanelSession } from '../../../src/main/sources/xmplus/panel-session';
import { memoryStore, type KeyValueStore } from '../../../src/main/settings/store';
import type { EventName, Events, WatchView } from '../../../src/shared/contract';
import type { Invoice, InvoiceStatus, Payment, Service, Snapshot } from '../../../src/shared/domain';
import { appError, fail, ok, type Result } from '../../../src/shared/errors';
import { mainText } from '../../../src/main/i18n';
import { expectErr, expectOk } from '../../support/expect';
import { DAY, GB, makeService, makeSnapshot } from '../../support/service';

const T0 = Date.UTC(2026, 10, 1, 12, 0, 0);

function service(id: number, expiresAt: number, totalBytes: number): Service {
  return makeService({ id, expiresAt, totalBytes });
}

function snapshotWith(services: Service[]): Snapshot {
  return makeSnapshot(services, Date.now());
}

function invoice(status: InvoiceStatus, serviceId: number | null = 4): Invoice {
  return {
    id: 1,
    invoiceId: 'INV1',
    createdAt: T0,
    currency: 'USD',
    amount: 30,
    packageId: 1,
    packageName: 'StarterPack',
    discount: 0,
    status,
    statusLabel: status,
    quantity: 1,
    billing: 'quater',
    serviceId,
    paidAt: null,
  };
}

function payment(expiresInMs: number | null, data = 'wxp://f2f0abc'): Payment {
  return {
    id: 1,
    invoiceId: 'INV1',
    createdAt: Date.now(),
    amount: { amount: 213, currency: '¥', text: '¥ 213.00' },
    total: '213.00',
    gateway: 'VWechatPay',
    data,
    dataKind: data ? 'uri' : 'empty',
    qrcode: '',
    invoiceUrl: '',
    expiresAt: expiresInMs === null ? null : Date.now() + expiresInMs,
  };
}

/** A fake panel: invoice/view answers from a queue (the last answer repeats), calls are timed. */
class FakePanel {
  views: Result<Invoice>[] = [ok(invoice('pending'))];
  viewTimes: number[] = [];
  payResult: Result<Payment> = ok(payment(5 * 60_000));
  services: Service[] = [service(4, T0 + 10 * DAY, 100 * GB)];

  session(): PanelSession {
    const partial: Partial<PanelSession> = {
      invoiceView: async () => {
        this.viewTimes.push(Date.now());
        const next = this.views.length > 1 ? this.views.shift() : this.views[0];
        return next ?? fail(appError('internal', 'no answer queued'));
      },
      invoicePay: async () => this.payResult,
    };
    return partial as PanelSession;
  }
}

interface Rig {
  deps: BillingDeps;
  emitted: WatchView[];
  notes: NativeNotification[];
  refreshes: number;
  sessionCalls: string[];
}

function rig(panel: FakePanel, store: KeyValueStore): Rig {
  const r: Rig = {
    deps: undefined as unknown as BillingDeps,
    emitted: [],
    notes: [],
    refreshes: 0,
    sessionCalls: [],
  };
  let current = snapshotWith(panel.services.map((s) => ({ ...s })));
  r.deps = {
    active: async () => ok({ profileId: 'p1', session: panel.session() }),
    sessionFor: async (profileId) => {
      r.sessionCalls.push(profileId);
      return ok(panel.session());
    },
    store,
    emit: <E extends EventName>(event: E, payload: Events[E]) => {
      if (event === 'payment') r.emitted.push(payload as WatchView);
    },
    notify: (n) => void r.notes.push(n),
    refreshData: async () => {
      r.refreshes += 1;
      current = snapshotWith(panel.services.map((s) => ({ ...s })));
      return ok(current);
    },
    snapshot: () => current,
    now: () => Date.now(),
    timers: { setTimeout, clearTimeout },
    random: () => 0.5,
  };
  return r;
}

async function pay(r: Rig): Promise<WatchView> {
  const billing = createBilling(r.deps);
  billing.start();
  return expectOk(await billing.handlers['billing.pay']({ invoiceId: 'INV1', gatewayId: 1 })).watch;
}

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('backoffDelay', () => {
  it('starts at 3 s, grows, is capped at 60 s and jitters by at most 20 %', () => {
    expect(backoffDelay(0, () => 0.5)).toBe(FIRST_DELAY_MS);
    expect(backoffDelay(1, () => 0.5)).toBe(4_800);
    expect(backoffDelay(50, () => 0.5)).toBe(MAX_DELAY_MS);
    expect(backoffDelay(0, () => 0)).toBe(2_400);
    expect(backoffDelay(0, () => 1)).toBe(3_600);
    expect(backoffDelay(50, () => 1)).toBe(72_000);
    const delays = Array.from({ length: 12 }, (_, n) => backoffDelay(n, () => 0.5));
    for (let n = 1; n < delays.length; n++) expect(delays[n]).toBeGreaterThanOrEqual(delays[n - 1] ?? 0);
  });
});

describe('payment watch', () => {
  it('checks with a growing delay while the invoice stays pending', async () => {
    const panel = new FakePanel();
    panel.payResult = ok(payment(60 * 60_000));
    const r = rig(panel, memoryStore());
    const watch = await pay(r);
    expect(watch.state).toBe('watching');
    await vi.advanceTimersByTimeAsync(2_999);
    expect(panel.viewTimes).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(panel.viewTimes).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    const gaps = panel.viewTimes.slice(1).map((t, i) => t - (panel.viewTimes[i] ?? 0));
    expect(gaps.slice(0, 3)).toEqual([4_800, 7_680, 12_288]);
    expect(Math.max(...gaps)).toBe(MAX_DELAY_MS);
    expect(gaps.at(-1)).toBe(MAX_DELAY_MS);
    expect(r.emitted.every((w) => w.state === 'watching')).toBe(true);
    expect(r.emitted.at(-1)?.lastCheckedAt).toBe(panel.viewTimes.at(-1));
  });

  it('stops on Paid: refreshes, computes the change, notifies and emits once more', async () => {
    const panel = new FakePanel();
    panel.views = [ok(invoice('pending')), ok(invoice('pending')), ok(invoice('paid'))];
    const r = rig(panel, memoryStore());
    await pay(r);
    await vi.advanceTimersByTimeAsync(3_000 + 4_800);
    expect(panel.viewTimes).toHaveLength(2);
    // The panel extends the service when the payment arrives.
    panel.services = [service(4, T0 + 100 * DAY, 100 * GB)];
    await vi.advanceTimersByTimeAsync(7_680);
    expect(panel.viewTimes).toHaveLength(3);
    const last = r.emitted.at(-1);
    expect(last?.state).toBe('paid');
    expect(last?.change).toEqual({
      serviceId: 4,
      packageName: 'StarterPack',
      expiresBefore: T0 + 10 * DAY,
      expiresAfter: T0 + 100 * DAY,
      totalBytesBefore: 100 * GB,
      totalBytesAfter: 100 * GB,
    });
    expect(r.refreshes).toBe(1);
    expect(r.notes).toHaveLength(1);
    expect(r.notes[0]?.title).toBe('Payment received');
    expect(r.notes[0]?.body).toMatch(/^StarterPack now runs until /);
    expect(r.notes[0]?.serviceId).toBe(4);
    await vi.advanceTimersByTimeAsync(30 * 60_000);
    expect(panel.viewTimes).toHaveLength(3);
  });

  it('words its notifications in the language the deps give at the time (here ru, then fa)', async () => {
    const panel = new FakePanel();
    panel.views = [ok(invoice('pending')), ok(invoice('paid'))];
    const r = rig(panel, memoryStore());
    let language = 'ru';
    r.deps.text = () => mainText(language, 'en-US');
    await pay(r);
    panel.services = [service(4, T0 + 100 * DAY, 150 * GB)];
    await vi.advanceTimersByTimeAsync(3_000 + 4_800);
    expect(r.notes[0]?.title).toBe('Платёж получен');
    expect(r.notes[0]?.body).toMatch(/^StarterPack: теперь действует до .+, доступно 150 ГБ трафика\.$/);

    language = 'fa';
    const late = new FakePanel();
    late.payResult = ok(payment(20_000));
    const r2 = rig(late, memoryStore());
    r2.deps.text = () => mainText(language, 'en-US');
    await pay(r2);
    await vi.advanceTimersByTimeAsync(22_000);
    expect(r2.notes.map((n) => n.title)).toEqual(['مهلت پرداخت تمام شد']);
    expect(r2.notes[0]?.body).toMatch(/^پرداخت برای StarterPack به‌موقع دریافت نشد\./);
  });

  it('stops on Cancelled and on an invoice the panel reports expired, without a Paid notification', async () => {
    for (const status of ['cancelled', 'expired'] as const) {
      const panel = new FakePanel();
      panel.views = [ok(invoice('pending')), ok(invoice(status))];
      const r = rig(panel, memoryStore());
      await pay(r);
      await vi.advanceTimersByTimeAsync(60_000);
      expect(panel.viewTimes).toHaveLength(2);
      expect(r.emitted.at(-1)?.state).toBe(status);
      expect(r.notes.some((n) => n.title === 'Payment received')).toBe(false);
      expect(r.refreshes).toBe(0);
      await vi.advanceTimersByTimeAsync(10 * 60_000);
      expect(panel.viewTimes).toHaveLength(2);
    }
  });

  it('checks once more right after expire and then reports the payment expired', async () => {
    const panel = new FakePanel();
    panel.payResult = ok(payment(20_000));
    const r = rig(panel, memoryStore());
    await pay(r);
    await vi.advanceTimersByTimeAsync(19_999);
    expect(r.emitted.at(-1)?.state).toBe('watching');
    const before = panel.viewTimes.length;
    await vi.advanceTimersByTimeAsync(2_000);
    expect(panel.viewTimes.length).toBe(before + 1);
    expect(panel.viewTimes.at(-1)).toBeGreaterThanOrEqual(T0 + 20_000);
    expect(r.emitted.at(-1)?.state).toBe('expired');
    expect(r.notes.map((n) => n.title)).toEqual(['Payment expired']);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(panel.viewTimes.length).toBe(before + 1);
  });

  it('takes a payment that arrived at the last moment as paid, not expired', async () => {
    const panel = new FakePanel();
    panel.payResult = ok(payment(5_000));
    panel.views = [ok(invoice('pending')), ok(invoice('paid'))];
    const r = rig(panel, memoryStore());
    await pay(r);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(panel.viewTimes).toHaveLength(2);
    expect(r.emitted.at(-1)?.state).toBe('paid');
  });

  it('keeps watching through failing checks, showing the error, and still sees the payment', async () => {
    const panel = new FakePanel();
    const down = fail<Invoice>(appError('network', 'Could not reach the panel.'));
    panel.views = [down, down, down, ok(invoice('paid'))];
    const r = rig(panel, memoryStore());
    await pay(r);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(r.emitted.at(-1)).toMatchObject({ state: 'watching', message: 'Could not reach the panel.' });
    await vi.advanceTimersByTimeAsync(4_800 + 7_680 + 12_288);
    expect(panel.viewTimes).toHaveLength(4);
    expect(r.emitted.at(-1)).toMatchObject({ state: 'paid', message: null });
  });

  it('persists the watch and a new createBilling on the same store resumes it after a restart', async () => {
    const store = memoryStore();
    const panel = new FakePanel();
    panel.payResult = ok(payment(10 * 60_000));
    const first = rig(panel, store);
    const billing = createBilling(first.deps);
    billing.start();
    const paid = await billing.handlers['billing.pay']({ invoiceId: 'INV1', gatewayId: 1 });
    expectOk(paid);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(panel.viewTimes).toHaveLength(1);
    billing.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(panel.viewTimes).toHaveLength(1);

    const stored = JSON.stringify(store.get(WATCHES_KEY));
    expect(stored).toContain('INV1');
    expect(stored).not.toContain('wxp://');

    // "Restart": new module, same store; the panel has meanwhile received the payment.
    panel.views = [ok(invoice('paid'))];
    panel.services = [service(4, T0 + 100 * DAY, 100 * GB)];
    const second = rig(panel, store);
    const resumed = createBilling(second.deps);
    const listed = await resumed.handlers['billing.watches']({});
    expect(expectOk(listed).map((w) => [w.invoiceId, w.state])).toEqual([['INV1', 'watching']]);
    resumed.start();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(panel.viewTimes).toHaveLength(2);
    expect(second.sessionCalls).toEqual(['p1']);
    expect(second.emitted.at(-1)?.state).toBe('paid');
    expect(second.emitted.at(-1)?.change?.expiresBefore).toBe(T0 + 10 * DAY);
    expect(second.notes).toHaveLength(1);
    const after = createBilling(rig(panel, store).deps);
    const again = await after.handlers['billing.watches']({});
    expect(expectOk(again)[0]?.state).toBe('paid');
  });

  it('dismissing a watch stops its checks and removes it from the store', async () => {
    const store = memoryStore();
    const panel = new FakePanel();
    const r = rig(panel, store);
    const billing = createBilling(r.deps);
    billing.start();
    await billing.handlers['billing.pay']({ invoiceId: 'INV1', gatewayId: 1 });
    await vi.advanceTimersByTimeAsync(3_000);
    const left = await billing.handlers['billing.dismissWatch']({ invoiceId: 'INV1' });
    expect(expectOk(left)).toEqual([]);
    expect(store.get(WATCHES_KEY)).toEqual([]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(panel.viewTimes).toHaveLength(1);
  });

  it('refuses an invoice/pay answer without payment data and starts no watch', async () => {
    const panel = new FakePanel();
    panel.payResult = ok(payment(60_000, ''));
    const store = memoryStore();
    const r = rig(panel, store);
    const billing = createBilling(r.deps);
    billing.start();
    const result = await billing.handlers['billing.pay']({ invoiceId: 'INV1', gatewayId: 1 });
    const error = expectErr(result, 'schema');
    expect(error.message).toContain('sent nothing to pay with');
    expect(store.get(WATCHES_KEY)).toBeUndefined();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(panel.viewTimes).toHaveLength(0);
  });

  it('renders the payment data as an SVG QR code', async () => {
    const panel = new FakePanel();
    const r = rig(panel, memoryStore());
    const billing = createBilling(r.deps);
    const result = await billing.handlers['billing.pay']({ invoiceId: 'INV1', gatewayId: 1 });
    expect(expectOk(result).qrSvg.startsWith('<svg')).toBe(true);
    expect(expectOk(result).payment.amount.text).toBe('¥ 213.00');
  });
});
