// The panel's flows change state as a panel would: registration with the emailed code, password
// reset, buying, renewing, topping up, paying, payment expiry, coupons, stock and errors.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startPanelSim } from '../../../tools/panel-sim';
import type { PanelSim } from '../../../tools/panel-sim';
import { formatAmount, formatSize } from '../../../tools/panel-sim/format';
import { clientFor, field } from './helpers';
import type { Body } from './helpers';

const DAY = 86_400_000;
const GB = 1024 ** 3;
let now = Date.UTC(2026, 4, 10, 8, 30);
let sim: PanelSim;
let api: Awaited<ReturnType<typeof clientFor>>;

beforeAll(async () => {
  sim = await startPanelSim({ now: () => now });
  api = await clientFor(sim);
});
afterAll(() => sim.close());
beforeEach(() => {
  now = Date.UTC(2026, 4, 10, 8, 30);
  sim.admin.reset();
});

const services = async (): Promise<Body[]> =>
  field<Body[]>(await api.user('account/info'), 'data', 'services');
const invoice = async (invid: string): Promise<Body> =>
  field<Body>(await api.user('invoice/view', { invid }), 'invoice');
const stock = (id: number): number | undefined =>
  sim.admin.state().packages.find((p) => p.id === id)?.stockCount;
const storedPackage = (id: number) => sim.admin.state().packages.find((p) => p.id === id);
const storedService = (sid: number) => sim.admin.state().services.find((s) => s.sid === sid);

describe('registration', () => {
  it('needs the code register/sendcode emailed', async () => {
    const email = 'new.user@example.org';
    const sent = await api.call('register/sendcode', { name: 'newbie', email });
    expect(sent).toEqual({ status: 'sucess', code: 100, message: `Verfication code was sent to ${email}` });
    const codes = sim.admin.emailCodes(email);
    expect(codes).toHaveLength(1);
    expect(codes[0]).toMatch(/^\d{6}$/);

    const wrongCode = String((Number(codes[0]) + 1) % 1_000_000).padStart(6, '0');
    const bad = await api.call('register', { name: 'newbie', email, passwd: 'secret-1', code: wrongCode });
    expect(bad).toMatchObject({ status: 'error', code: 208 });

    const good = await api.call('register', {
      name: 'newbie',
      email,
      passwd: 'secret-1',
      aff: '',
      code: codes[0],
    });
    expect(good).toEqual({ status: 'sucess', code: 100, message: 'Account successfully created.' });

    const account = await api.call('account/info', { email, passwd: 'secret-1' });
    expect(field(account, 'data')).toMatchObject({
      username: 'newbie',
      email,
      money: '$ 0.00 ',
      services: [],
    });
    // Registered once only.
    expect(await api.call('register/sendcode', { name: 'again', email })).toMatchObject({ code: 208 });
  });

  it('records password reset emails for known accounts only', async () => {
    const res = await api.call('account/password/reset', { email: sim.demo.email });
    expect(res).toMatchObject({ status: 'success', code: 100 });
    expect(String(res.message)).toContain('reset email');
    expect(sim.admin.resetEmails(sim.demo.email)).toBe(1);
    expect(await api.call('account/password/reset', { email: 'nobody@example.org' })).toMatchObject({
      code: 208,
    });
  });
});

describe('buying a new service', () => {
  it('creates a Pending invoice, and paying it creates the service and takes stock', async () => {
    const before = stock(1) ?? 0;
    const owned = (await services()).length;
    const created = await api.user('invoice/create', { pid: 1, billing: 'month', coupon: '', qty: 1 });
    expect(created).toMatchObject({ status: 'success', code: 100, message: 'Invoice Created' });
    const invid = String(created.invid);
    expect(invid).toMatch(/^[A-Z0-9]{20}$/);
    expect(await invoice(invid)).toMatchObject({
      status: 'Pending',
      amount: formatAmount(storedPackage(1)?.billing.month?.priceCents ?? NaN),
      billing: 'month',
      packagename: storedPackage(1)?.name,
      serviceid: '',
    });
    expect(await services()).toHaveLength(owned);

    const pay = await api.user('invoice/pay', { invid, gatewayid: 2 });
    expect(pay).toMatchObject({ code: 100, orderid: invid });
    sim.admin.markPaid(invid);

    const after = await services();
    expect(after).toHaveLength(owned + 1);
    const fresh = after[owned];
    expect(fresh).toMatchObject({
      package: storedPackage(1)?.name,
      traffic: formatSize(storedPackage(1)?.trafficBytes ?? NaN),
      used_traffic: '0 B',
      billing: 'Monthly',
    });
    expect(stock(1)).toBe(before - 1);
    const paid = await invoice(invid);
    expect(paid).toMatchObject({ status: 'Paid', serviceid: String(fresh?.sid) });
    expect(paid.paid_date).not.toBe('');
    const info = await api.user('service/info', { serviceid: fresh?.sid });
    expect(field<Body[]>(info, 'servers').length).toBeGreaterThan(0);
    expect(fresh?.expire_date).toBe(new Date(now + 30 * DAY).toISOString().slice(0, 16).replace('T', ' '));
  });

  it('qty creates that many services and takes that much stock', async () => {
    const before = stock(3) ?? 0;
    const owned = (await services()).length;
    const { invid } = await api.user('invoice/create', { pid: 3, billing: 'annual', qty: 2 });
    expect(await invoice(String(invid))).toMatchObject({
      amount: formatAmount(2 * (storedPackage(3)?.billing.annual?.priceCents ?? NaN)),
      quantity: 2,
    });
    sim.admin.markPaid(String(invid));
    expect(await services()).toHaveLength(owned + 2);
    expect(stock(3)).toBe(before - 2);
  });

  it('applies a coupon: discount recorded, amount reduced', async () => {
    const { invid } = await api.user('invoice/create', {
      pid: 1,
      billing: 'annual',
      coupon: 'SAVE10',
      qty: 1,
    });
    expect(await invoice(String(invid))).toMatchObject({ amount: '90.00', discount: '10.00' });
    const listed = field<Body[]>(await api.user('invoices'), 'invoices').find((i) => i.invioce_id === invid);
    expect(listed?.discount).toBe(10);

    sim.admin.addCoupon('FLAT2', { fixed: 2.5 });
    const flat = await api.user('invoice/create', { pid: 1, billing: 'month', coupon: 'FLAT2' });
    expect(await invoice(String(flat.invid))).toMatchObject({ amount: '7.50', discount: '2.50' });

    expect(await api.user('invoice/create', { pid: 1, billing: 'month', coupon: 'BOGUS' })).toMatchObject({
      code: 208,
    });
  });

  it('refuses unknown packages, switched-off cycles, bad cycles and sold-out stock', async () => {
    expect(await api.user('invoice/create', { pid: 99, billing: 'month' })).toMatchObject({ code: 208 });
    expect(await api.user('invoice/create', { pid: 2, billing: 'month' })).toMatchObject({ code: 208 });
    const off = await api.user('invoice/create', { pid: 3, billing: 'quater' });
    expect(off).toMatchObject({ status: 'error', code: 208 });
    expect(String(off.message)).toMatch(/billing cycle/i);
    expect(await api.user('invoice/create', { pid: 1, billing: 'weekly' })).toMatchObject({ code: 208 });

    // Family 500 has one left: buy it, then it is out of stock.
    const last = await api.user('invoice/create', { pid: 4, billing: 'month' });
    sim.admin.markPaid(String(last.invid));
    expect(stock(4)).toBe(0);
    const sold = await api.user('invoice/create', { pid: 4, billing: 'month' });
    expect(sold).toMatchObject({ status: 'error', code: 208 });
    expect(String(sold.message)).toMatch(/stock/i);
  });

  it('answers billing "quarter" with an HTTP 500 HTML page', async () => {
    const invoicesBefore = sim.admin.state().invoices;
    const res = await api.raw('invoice/create', { ...api.creds, pid: 1, billing: 'quarter' });
    expect(res.status).toBe(500);
    expect(res.contentType).toMatch(/text\/html/);
    expect(res.text).toContain('<html>');
    expect(sim.admin.state().invoices).toEqual(invoicesBefore);
  });
});

describe('renew and top up', () => {
  it('renewal extends expiry by the billing cycle once paid', async () => {
    const before = await api.user('service/info', { serviceid: 7 });
    const res = await api.user('service/renew', { sid: 7 });
    expect(res).toMatchObject({ code: 100, message: 'Invoice Created' });
    expect(await invoice(String(res.invid))).toMatchObject({
      status: 'Pending',
      serviceid: '7',
      amount: '15.00',
    });
    expect(await api.user('service/info', { serviceid: 7 })).toMatchObject({
      expire_date: before.expire_date,
    });

    sim.admin.markPaid(String(res.invid));
    const state = sim.admin.state().services.find((s) => s.sid === 7);
    expect(state?.expiresAt).toBe(now + 2 * DAY + 30 * DAY);
    expect(await api.user('service/renew', { sid: 404 })).toMatchObject({ code: 208 });
  });

  it('renewing an expired service counts the cycle from now', async () => {
    sim.admin.setExpiry(9, now - 5 * DAY);
    const { invid } = await api.user('service/renew', { sid: 9 });
    sim.admin.markPaid(String(invid));
    expect(sim.admin.state().services.find((s) => s.sid === 9)?.expiresAt).toBe(now + 365 * DAY);
  });

  it('top-up adds the package traffic and takes stock', async () => {
    const before = stock(2) ?? 0;
    const traffic = (storedService(9)?.trafficBytes ?? NaN) + (storedPackage(2)?.trafficBytes ?? NaN);
    const res = await api.user('service/addtraffic', { sid: 9, pid: 2 });
    expect(await invoice(String(res.invid))).toMatchObject({
      billing: 'topup_traffic',
      amount: '5.00',
      serviceid: '9',
    });
    sim.admin.markPaid(String(res.invid));
    expect(await api.user('service/info', { serviceid: 9 })).toMatchObject({ traffic: formatSize(traffic) });
    expect(stock(2)).toBe(before - 1);
    // A full package is not a top-up.
    expect(await api.user('service/addtraffic', { sid: 9, pid: 1 })).toMatchObject({ code: 208 });
  });
});

describe('payment', () => {
  it('an unpaid payment expires after 5 minutes and cannot be paid again', async () => {
    const { invid } = await api.user('service/renew', { sid: 4 });
    const pay = await api.user('invoice/pay', { invid, gatewayid: 1 });
    expect(Number(pay.expire) - Number(pay.created)).toBe(300);
    now += 299_000;
    expect(await invoice(String(invid))).toMatchObject({ status: 'Pending' });
    now += 1_000;
    expect(await invoice(String(invid))).toMatchObject({ status: 'Expired' });
    const again = await api.user('invoice/pay', { invid, gatewayid: 1 });
    expect(again).toMatchObject({ status: 'error', code: 208 });
    expect(String(again.message)).toMatch(/expired/i);
  });

  it('refuses paying a paid invoice, an unknown invoice, or through an unknown gateway', async () => {
    expect(await api.user('invoice/pay', { invid: '5EGFZSVJA1JMA1S6NE0T', gatewayid: 1 })).toMatchObject({
      code: 208,
      message: 'Invoice already paid.',
    });
    expect(await api.user('invoice/pay', { invid: 'NOSUCHINVOICE', gatewayid: 1 })).toMatchObject({
      code: 208,
    });
    expect(await api.user('invoice/pay', { invid: 'R8D4TZ1LQ6MXC9PBN2YE', gatewayid: 9 })).toMatchObject({
      code: 208,
    });
  });

  it('admin expire and cancel close an invoice', async () => {
    sim.admin.expireInvoice('R8D4TZ1LQ6MXC9PBN2YE');
    expect(await invoice('R8D4TZ1LQ6MXC9PBN2YE')).toMatchObject({ status: 'Expired' });
    const { invid } = await api.user('service/renew', { sid: 4 });
    sim.admin.cancelInvoice(String(invid));
    expect(await invoice(String(invid))).toMatchObject({ status: 'Cancelled' });
    expect(() => sim.admin.markPaid(String(invid))).toThrow();
    expect(() => sim.admin.markPaid('5EGFZSVJA1JMA1S6NE0T')).toThrow(/already paid/);
  });
});

describe('options', () => {
  it('autoPayAfterMs marks the invoice paid on its own (sim clock)', async () => {
    let t = Date.UTC(2026, 4, 10);
    const auto = await startPanelSim({ now: () => t, autoPayAfterMs: 60_000 });
    try {
      const c = await clientFor(auto);
      const { invid } = await c.user('service/addtraffic', { sid: 4, pid: 2 });
      await c.user('invoice/pay', { invid, gatewayid: 1 });
      t += 59_000;
      expect(field(await c.user('invoice/view', { invid }), 'invoice', 'status')).toBe('Pending');
      t += 1_000;
      expect(field(await c.user('invoice/view', { invid }), 'invoice', 'status')).toBe('Paid');
      expect(field(await c.user('service/info', { serviceid: 4 }), 'traffic')).toBe('200 GB');
    } finally {
      await auto.close();
    }
  });

  it('autoPayAfterMs also fires by itself, on a timer, with no request to notice it', async () => {
    const auto = await startPanelSim({ autoPayAfterMs: 50 });
    try {
      const c = await clientFor(auto);
      const { invid } = await c.user('service/renew', { sid: 9 });
      // The timer the payment starts runs on the fake clock; the request goes over node:http, as
      // fetch's pool keeps timers of its own on the global clock.
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      const paid = await c.rawOverHttp('invoice/pay', { ...c.creds, invid, gatewayid: 2 });
      expect(paid.status).toBe(200);
      await vi.advanceTimersByTimeAsync(49);
      expect(auto.admin.invoice(String(invid))?.status).toBe('Pending');
      await vi.advanceTimersByTimeAsync(1);
      expect(auto.admin.invoice(String(invid))?.status).toBe('Paid');
    } finally {
      vi.useRealTimers();
      await auto.close();
    }
  });

  it('usagePerHourBytes grows usage of active services with the clock', async () => {
    let t = Date.UTC(2026, 4, 10);
    const growing = await startPanelSim({ now: () => t, usagePerHourBytes: GB });
    try {
      const c = await clientFor(growing);
      t += 3 * 3_600_000;
      expect(field(await c.user('service/info', { serviceid: 9 }), 'used_traffic')).toBe(
        `${Math.round(((Math.round(12.34 * GB) + 3 * GB) / GB) * 100) / 100} GB`,
      );
    } finally {
      await growing.close();
    }
  });

  it("seed 'empty' has the catalogue and no accounts", async () => {
    const empty = await startPanelSim({ seed: 'empty' });
    try {
      const c = await clientFor(empty);
      expect(await c.user('account/info')).toMatchObject({ code: 208 });
      expect(field<Body[]>(await c.call('packages'), 'packages').length).toBeGreaterThan(0);
    } finally {
      await empty.close();
    }
  });
});
