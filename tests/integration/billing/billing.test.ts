// Billing against the real panel simulator: the store, buying (with a coupon), renewing and topping
// up, each paid through the simulator's admin API while the watch runs; the ServiceChange that
// follows; gateway fees in the amount; an expired payment; panel errors as the panel words them;
// an empty invoice/pay answer; and a watch that goes on after a restart on the same store file.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBilling, type Billing, type BillingDeps } from '../../../src/main/billing/index';
import type { NativeNotification } from '../../../src/main/platform';
import { createPanelSession, type PanelSession } from '../../../src/main/sources/xmplus/panel-session';
import { openFileStore } from '../../../src/main/settings/store';
import type { WatchView } from '../../../src/shared/contract';
import type { Snapshot } from '../../../src/shared/domain';
import { ok } from '../../../src/shared/errors';
import { startPanelSim, type PanelSim } from '../../../tools/panel-sim/index';
import { manualClock, virtualTimers } from '../../support/core-rig';
import { expectErr, expectOk } from '../../support/expect';

const DAY = 86_400_000;
const GB = 1024 ** 3;
const PROFILE = 'profile-1';

let sim: PanelSim;
let dir: string;
/** One clock for the simulator and the app; the watch's timers move it as they fire. */
let clock: ReturnType<typeof manualClock>;

beforeEach(async () => {
  clock = manualClock(Date.UTC(2026, 0, 15, 12, 0));
  sim = await startPanelSim({ now: clock.now });
  dir = mkdtempSync(join(tmpdir(), 'xmplus-billing-'));
});

afterEach(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

interface App {
  billing: Billing;
  session: PanelSession;
  events: WatchView[];
  notes: NativeNotification[];
  current(): Snapshot | null;
  /** Runs the watch's scheduled checks until one for this invoice has reported. */
  check(invoiceId: string): Promise<WatchView>;
  /** Runs the watch's scheduled checks until this invoice's watch leaves 'watching'. */
  settled(invoiceId: string): Promise<WatchView>;
}

/** The billing module as the core would build it: real session, real file store, timers the test runs. */
async function app(): Promise<App> {
  const session = expectOk(
    createPanelSession({
      panelUrl: sim.url,
      timeZone: 'UTC',
      now: clock.now,
      getApiKey: async () => ok(sim.apiKey),
      getCredentials: async () => ok({ email: sim.demo.email, password: sim.demo.password }),
    }),
  );
  let current: Snapshot | null = expectOk(await session.snapshot(PROFILE));
  const events: WatchView[] = [];
  const notes: NativeNotification[] = [];
  const waiters: ((w: WatchView) => void)[] = [];
  const timers = virtualTimers(clock);
  const deps: BillingDeps = {
    active: async () => ok({ profileId: PROFILE, session }),
    sessionFor: async () => ok(session),
    store: openFileStore(join(dir, 'config.json')).store,
    emit: (event, payload) => {
      if (event !== 'payment') return;
      const view = payload as WatchView;
      events.push(view);
      for (const wake of waiters.splice(0)) wake(view);
    },
    notify: (n) => void notes.push(n),
    refreshData: async (profileId) => {
      const next = await session.snapshot(profileId);
      if (next.ok) current = next.value;
      return next;
    },
    snapshot: () => current,
    now: clock.now,
    timers: timers.timers,
  };
  const billing = createBilling(deps);
  billing.start();
  /** Fires the check due first (moving the clock to its time) and waits for what it reports. */
  const step = (): Promise<WatchView> => {
    const due = timers.next();
    if (!due) throw new Error('no check of a payment is scheduled');
    const reported = new Promise<WatchView>((resolve) => waiters.push(resolve));
    timers.fire(due);
    return reported;
  };
  const until = async (invoiceId: string, done: (w: WatchView) => boolean): Promise<WatchView> => {
    for (;;) {
      const view = await step();
      if (view.invoiceId === invoiceId && done(view)) return view;
    }
  };
  return {
    billing,
    session,
    events,
    notes,
    current: () => current,
    check: (invoiceId) => until(invoiceId, () => true),
    settled: (invoiceId) => until(invoiceId, (w) => w.state !== 'watching'),
  };
}

describe('billing against the simulator', () => {
  it('lists the store with only the cycles switched on, stock and limits, and package details', async () => {
    const a = await app();
    const store = expectOk(await a.billing.handlers['billing.store']({}));
    expect(store.packages.map((p) => p.name)).toEqual(['StarterPack', 'Pro 200', 'Family 500']);
    const pro = store.packages.find((p) => p.name === 'Pro 200');
    expect(pro?.prices.map((p) => p.cycle)).toEqual(['month', 'semiannual', 'annual']);
    expect(pro?.prices[0]?.price.amount).toBe(15);
    expect(pro?.ipLimit).toBe(3);
    expect(store.packages.find((p) => p.name === 'Family 500')?.stock).toBe(1);
    expect(store.traffic.map((p) => [p.name, p.trafficBytes, p.prices[0]?.cycle])).toEqual([
      ['TOP50', 50 * GB, 'topup_traffic'],
      ['TOP200', 200 * GB, 'topup_traffic'],
    ]);
    const info = expectOk(await a.billing.handlers['billing.package']({ id: 3 }));
    expect(info.description).toBe('More traffic, more devices');
    expect(info.prices.map((p) => p.cycle)).not.toContain('quater');
    const gateways = expectOk(await a.billing.handlers['billing.gateways']({}));
    expect(gateways.map((g) => [g.name, g.feePercent, g.feeFixed])).toEqual([
      ['WeChat Pay', 0, 0],
      ['USDT TRC20', 1.5, 0.3],
    ]);
    a.billing.stop();
  });

  it('buys with a coupon, pays with gateway fees, and reports the new service once paid', async () => {
    const a = await app();
    const created = expectOk(
      await a.billing.handlers['billing.buy']({ packageId: 1, cycle: 'month', coupon: 'SAVE10', qty: 1 }),
    );
    expect(created.message).toBe('Invoice Created');
    const invoice = expectOk(await a.billing.handlers['invoices.view']({ invoiceId: created.invoiceId }));
    expect([invoice.amount, invoice.discount, invoice.status]).toEqual([9, 1, 'pending']);

    // USDT TRC20: 9.00 + 1.5 % (0.135 -> 0.14) + 0.30 fixed.
    const paid = expectOk(
      await a.billing.handlers['billing.pay']({ invoiceId: created.invoiceId, gatewayId: 2 }),
    );
    expect(paid.payment.amount).toEqual({ amount: 9.44, currency: '$', text: '$ 9.44' });
    expect(paid.payment.dataKind).toBe('https');
    expect(paid.qrSvg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(paid.watch.state).toBe('watching');
    // The simulator's five-minute payment window, from now.
    expect(paid.payment.expiresAt).toBe(clock.now() + 5 * 60_000);

    const servicesBefore = a.current()?.services.map((s) => s.id) ?? [];
    expect((await a.check(created.invoiceId)).state).toBe('watching');
    const paidAt = clock.now();
    sim.admin.markPaid(created.invoiceId);
    const done = await a.settled(created.invoiceId);
    expect(done.state).toBe('paid');
    const change = done.change;
    expect(change?.serviceId).not.toBeNull();
    expect(servicesBefore).not.toContain(change?.serviceId);
    expect(change).toMatchObject({ packageName: 'StarterPack', expiresBefore: null, totalBytesBefore: null });
    expect(change?.totalBytesAfter).toBe(100 * GB);
    // A month from payment, as the panel prints it: to the minute.
    expect(change?.expiresAfter).toBe(Math.floor((paidAt + 30 * DAY) / 60_000) * 60_000);
    expect(a.current()?.services.some((s) => s.id === change?.serviceId)).toBe(true);
    expect(a.notes).toHaveLength(1);
    expect(a.notes[0]?.body).toMatch(/^StarterPack is active until /);
    const listed = expectOk(await a.billing.handlers['invoices.list']({}));
    expect(listed[0]?.invoiceId).toBe(created.invoiceId);
    expect(listed[0]?.status).toBe('paid');
    a.billing.stop();
  });

  it('renews a service: paid through the admin API, the expiry moves by one cycle', async () => {
    const a = await app();
    const before = a.current()?.services.find((s) => s.id === 7);
    expect(before?.expiresAt).not.toBeNull();
    const created = expectOk(await a.billing.handlers['billing.renew']({ serviceId: 7 }));
    const paid = expectOk(
      await a.billing.handlers['billing.pay']({ invoiceId: created.invoiceId, gatewayId: 1 }),
    );
    // WeChat Pay in yuan at the simulator's rate: $15.00 x 7.1.
    expect(paid.payment.amount.text).toBe('¥ 106.50');
    expect(paid.payment.dataKind).toBe('uri');
    expect(paid.payment.data).toMatch(/^wxp:\/\//);
    expect((await a.check(created.invoiceId)).state).toBe('watching');
    sim.admin.markPaid(created.invoiceId);
    const done = await a.settled(created.invoiceId);
    expect(done.change?.serviceId).toBe(7);
    expect(done.change?.expiresBefore).toBe(before?.expiresAt);
    expect((done.change?.expiresAfter ?? 0) - (before?.expiresAt ?? 0)).toBe(30 * DAY);
    expect(done.change?.totalBytesAfter).toBe(done.change?.totalBytesBefore);
    expect(a.notes[0]?.body).toMatch(/^Pro 200 now runs until /);
    a.billing.stop();
  });

  it('tops up traffic: the total grows by the package', async () => {
    const a = await app();
    const before = a.current()?.services.find((s) => s.id === 4);
    const created = expectOk(await a.billing.handlers['billing.topup']({ serviceId: 4, packageId: 2 }));
    const invoice = expectOk(await a.billing.handlers['invoices.view']({ invoiceId: created.invoiceId }));
    expect([invoice.packageName, invoice.amount, invoice.billing]).toEqual(['TOP50', 5, 'topup_traffic']);
    expectOk(await a.billing.handlers['billing.pay']({ invoiceId: created.invoiceId, gatewayId: 1 }));
    expect((await a.check(created.invoiceId)).state).toBe('watching');
    sim.admin.markPaid(created.invoiceId);
    const done = await a.settled(created.invoiceId);
    expect(done.change).toMatchObject({
      serviceId: 4,
      totalBytesBefore: before?.totalBytes,
      totalBytesAfter: (before?.totalBytes ?? 0) + 50 * GB,
      expiresBefore: before?.expiresAt,
      expiresAfter: before?.expiresAt,
    });
    expect(a.notes[0]?.body).toContain('200 GB of traffic');
    a.billing.stop();
  });

  it('reports an expired payment once its window passes unpaid, and a cancelled invoice', async () => {
    const a = await app();
    const created = expectOk(await a.billing.handlers['billing.renew']({ serviceId: 4 }));
    expectOk(await a.billing.handlers['billing.pay']({ invoiceId: created.invoiceId, gatewayId: 1 }));
    expect((await a.check(created.invoiceId)).state).toBe('watching');
    clock.advance(5 * 60_000 + 5_000); // past the simulator's five-minute payment window
    const done = await a.settled(created.invoiceId);
    expect(done.state).toBe('expired');
    expect(a.notes.map((n) => n.title)).toEqual(['Payment expired']);
    expect(expectOk(await a.billing.handlers['invoices.view']({ invoiceId: created.invoiceId })).status).toBe(
      'expired',
    );

    const second = expectOk(await a.billing.handlers['billing.renew']({ serviceId: 4 }));
    expectOk(await a.billing.handlers['billing.pay']({ invoiceId: second.invoiceId, gatewayId: 1 }));
    sim.admin.cancelInvoice(second.invoiceId);
    expect((await a.settled(second.invoiceId)).state).toBe('cancelled');
    a.billing.stop();
  });

  it('keeps watching across a restart: a new module on the same store file sees the payment', async () => {
    const a = await app();
    const created = expectOk(await a.billing.handlers['billing.renew']({ serviceId: 9 }));
    expectOk(await a.billing.handlers['billing.pay']({ invoiceId: created.invoiceId, gatewayId: 2 }));
    expect((await a.check(created.invoiceId)).state).toBe('watching');
    a.billing.stop();
    const saved = readFileSync(join(dir, 'config.json'), 'utf8');
    expect(saved).toContain(created.invoiceId);
    expect(saved).not.toContain(sim.demo.password);
    expect(saved).not.toContain(sim.apiKey);

    sim.admin.markPaid(created.invoiceId); // paid while the app was closed
    const b = await app();
    const done = await b.settled(created.invoiceId);
    expect(done.state).toBe('paid');
    expect(done.change?.serviceId).toBe(9);
    expect(done.change?.expiresAfter).toBeGreaterThan(done.change?.expiresBefore ?? Infinity);
    expect(b.notes).toHaveLength(1);
    b.billing.stop();
  });

  it('shows panel refusals (code 208) in the panel’s words, and an empty invoice/pay answer clearly', async () => {
    const a = await app();
    const stock = await a.billing.handlers['billing.buy']({
      packageId: 4,
      cycle: 'month',
      coupon: '',
      qty: 2,
    });
    expect(expectErr(stock)).toMatchObject({
      kind: 'panel',
      code: 208,
      message: 'Package is out of stock.',
    });
    const coupon = await a.billing.handlers['billing.buy']({
      packageId: 1,
      cycle: 'month',
      coupon: 'NOPE',
      qty: 1,
    });
    expect(expectErr(coupon)).toMatchObject({ kind: 'panel', message: 'Invalid coupon code.' });
    const off = await a.billing.handlers['billing.buy']({
      packageId: 3,
      cycle: 'quater',
      coupon: '',
      qty: 1,
    });
    expect(expectErr(off)).toMatchObject({
      kind: 'panel',
      message: 'Billing cycle is not available for this package.',
    });

    const created = expectOk(await a.billing.handlers['billing.renew']({ serviceId: 4 }));
    sim.admin.setFault('/api/client/invoice/pay', { kind: 'empty200' });
    const empty = await a.billing.handlers['billing.pay']({ invoiceId: created.invoiceId, gatewayId: 1 });
    expect(expectErr(empty).message).toMatch(/no payment data/);
    expect(expectOk(await a.billing.handlers['billing.watches']({}))).toEqual([]);
    sim.admin.setFault('/api/client/invoice/pay', null);
    const retried = await a.billing.handlers['billing.pay']({ invoiceId: created.invoiceId, gatewayId: 1 });
    expectOk(retried);
    a.billing.stop();
  });
});
