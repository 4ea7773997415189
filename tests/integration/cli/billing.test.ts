// The billing commands against the simulator, with credentials from the environment: the store,
// packages, gateways and invoices in table and --json form (the objects the window receives); buy,
// renew and top-up shown and asked before anything is created, refused without a terminal and
// without --yes (nothing reaches the panel); pay with a terminal QR code, the amount with fees and
// the countdown, and --wait following the app's payment watch to paid (exit 0) or expired (exit 1).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startPanelSim, type PanelSim } from '../../../tools/panel-sim/index';
import { main } from '../../../src/main/cli';
import { demoCredentials, sharedPanelSim } from '../../support/panel-sim-hooks';
import type { PaymentView, WatchView } from '../../../src/shared/contract';
import type { Gateway, Invoice, Package } from '../../../src/shared/domain';
import { manualTimers, testIo, type TestIoOptions } from '../../support/cli-io';

let sim: PanelSim;
sharedPanelSim((started) => (sim = started));

const env = () => ({
  ...demoCredentials(sim),
  XMPLUS_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'xmplus-cli-billing-')),
});

async function cli(argv: string[], options: TestIoOptions = {}) {
  const t = testIo({ env: env(), ...options });
  const code = await main(argv, t.io);
  return { code, out: t.out(), err: t.err(), questions: t.questions };
}

const invoicesOf = () => sim.admin.state().invoices;
/** Not one request (not even for a token) reached the panel since the last resetStats(). */
const expectNoRequest = () => {
  expect(sim.admin.stats().requests).toEqual({});
  expect(sim.admin.stats().tokenRequests).toBe(0);
};
/** Requests that create or change an invoice. */
const moneyRequests = () => {
  const requests = sim.admin.stats().requests;
  return ['/api/client/invoice/create', '/api/client/service/renew', '/api/client/service/addtraffic'].reduce(
    (sum, path) => sum + (requests[path] ?? 0),
    0,
  );
};

describe('the store', () => {
  it('packages lists the plans with the cycles switched on; --traffic the top-ups', async () => {
    const table = await cli(['packages']);
    expect(table.code).toBe(0);
    expect(table.out.split('\n')[0]).toMatch(/^ID\s+NAME\s+TRAFFIC\s+DEVICES\s+STOCK\s+PRICES$/);
    expect(table.out).toContain('month $ 10.00 · quater $ 30.00 · semiannual $ 55.00 · annual $ 100.00');
    // Pro 200's quater cycle is off: not offered.
    expect(table.out).toMatch(/Pro 200 .*month \$ 15\.00 · semiannual \$ 80\.00 · annual \$ 150\.00/);

    const json = await cli(['packages', '--json']);
    const plans = JSON.parse(json.out) as Package[];
    expect(plans.map((p) => [p.id, p.name, p.kind])).toEqual([
      [1, 'StarterPack', 'full'],
      [3, 'Pro 200', 'full'],
      [4, 'Family 500', 'full'],
    ]);
    expect(plans[1]!.prices.map((p) => p.cycle)).toEqual(['month', 'semiannual', 'annual']);

    const traffic = JSON.parse((await cli(['packages', '--traffic', '--json'])).out) as Package[];
    expect(traffic.map((p) => [p.id, p.name, p.prices[0]?.price.amount])).toEqual([
      [2, 'TOP50', 5],
      [5, 'TOP200', 15],
    ]);
  });

  it('plans and top-ups load apart: a failing list is an error, the other one still lists', async () => {
    sim.admin.setFault('/api/client/packages/traffic', { kind: 'http500' });
    const plans = await cli(['packages', '--json']);
    expect(plans.code).toBe(0);
    expect((JSON.parse(plans.out) as Package[]).map((p) => p.id)).toEqual([1, 3, 4]);
    const traffic = await cli(['packages', '--traffic']);
    expect(traffic.code).toBe(1);
    expect(traffic.out).toBe('');
    expect(traffic.err).toMatch(/^xmplus-tray: .*500/);
  });

  it("package ID shows one package; an unknown one gets the panel's words and exit 1", async () => {
    const one = await cli(['package', '4']);
    expect(one.code).toBe(0);
    expect(one.out).toContain('Family 500 (package 4, plan)');
    expect(one.out).toContain('Stock: 1');
    expect((JSON.parse((await cli(['package', '4', '--json'])).out) as Package).trafficBytes).toBe(
      500 * 1024 ** 3,
    );
    const unknown = await cli(['package', '99']);
    expect(unknown).toMatchObject({ code: 1, out: '' });
    expect(unknown.err).toBe('xmplus-tray: Package not found.\n');
    const bad = await cli(['package', 'pro']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('The package id is a number (like 1), not "pro".');
  });

  it('gateways lists the payment methods with their fees', async () => {
    const table = await cli(['gateways']);
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/^1\s+WeChat Pay\s+VWechatPay\s+CNY\s+none$/m);
    expect(table.out).toMatch(/^2\s+USDT TRC20\s+USDTTRC20\s+USD\s+1\.5% \+ 0\.30$/m);
    const list = JSON.parse((await cli(['gateways', '--json'])).out) as Gateway[];
    expect(list.map((g) => [g.id, g.feePercent, g.feeFixed])).toEqual([
      [1, 0, 0],
      [2, 1.5, 0.3],
    ]);
  });
});

describe('buy, renew, top up: safe with money', () => {
  it('without a terminal and without --yes, refuses with exit 2 and sends nothing at all', async () => {
    const before = invoicesOf().length;
    for (const argv of [
      ['buy', '--package', '1', '--cycle', 'month'],
      ['renew', '--service', '7'],
      ['topup', '--service', '4', '--package', '2'],
    ]) {
      sim.admin.resetStats();
      const refused = await cli(argv);
      expect(refused.code).toBe(2);
      expect(refused.out).toBe('');
      expect(refused.err).toMatch(
        /refusing to create an? .*invoice without confirmation: there is no terminal to ask on\. Add --yes/,
      );
      expectNoRequest();
    }
    expect(invoicesOf()).toHaveLength(before);
  });

  it('rejects quarter and other misspellings with the hint, before any request', async () => {
    sim.admin.resetStats();
    const quarter = await cli(['buy', '--package', '1', '--cycle', 'quarter', '--yes']);
    expect(quarter.code).toBe(2);
    expect(quarter.err).toContain(
      '"quarter" is not a billing cycle: use month, quater, semiannual, annual. Did you mean quater?',
    );
    const monthly = await cli(['buy', '--package', '1', '--cycle', 'monthly', '--yes']);
    expect(monthly.err).toContain('Did you mean month?');
    expect((await cli(['buy', '--package', '1', '--cycle', 'month', '--qty', '0', '--yes'])).code).toBe(2);
    expect((await cli(['buy', '--package', 'x', '--cycle', 'month', '--yes'])).code).toBe(2);
    expect((await cli(['buy', '--cycle', 'month', '--yes'])).code).toBe(2);
    expectNoRequest();
  });

  it('at a terminal shows package, cycle and price, and creates nothing when the answer is no', async () => {
    const before = invoicesOf().length;
    const declined = await cli(['buy', '--package', '1', '--cycle', 'quater', '--qty', '2'], {
      interactive: true,
      answers: ['n'],
    });
    expect(declined.code).toBe(2);
    expect(declined.err).toContain('Buy:    StarterPack (package 1)\nCycle:  quater\nPrice:  $ 30.00 × 2\n');
    expect(declined.questions).toEqual(['Create this invoice? [y/N] ']);
    expect(declined.err).toContain('Nothing was created.');
    expect(moneyRequests()).toBe(0);
    expect(invoicesOf()).toHaveLength(before);
  });

  it('at a terminal creates the invoice when the answer is yes', async () => {
    const bought = await cli(['buy', '--package', '1', '--cycle', 'quater', '--coupon', 'SAVE10'], {
      interactive: true,
      answers: ['yes'],
    });
    expect(bought.code).toBe(0);
    expect(bought.err).toContain('Coupon: SAVE10 (the panel takes it off the invoice)');
    const created = invoicesOf().at(-1)!;
    expect(created).toMatchObject({ packageid: 1, billing: 'quater', status: 'Pending', amountCents: 2700 });
    expect(bought.out).toContain(
      `Invoice ${created.invid} created. Pay it with: xmplus-tray pay ${created.invid} --gateway ID`,
    );
  });

  it('with --yes creates the invoice without asking and prints it as JSON', async () => {
    const bought = await cli(['buy', '--package', '4', '--cycle', 'annual', '--yes', '--json']);
    expect(bought.code).toBe(0);
    expect(bought.questions).toEqual([]);
    const created = JSON.parse(bought.out) as { invoiceId: string; message: string };
    expect(Object.keys(created).sort()).toEqual(['invoiceId', 'message']);
    expect(sim.admin.invoice(created.invoiceId)).toMatchObject({
      packageid: 4,
      billing: 'annual',
      amountCents: 25000,
    });
  });

  it("refuses a cycle the package does not offer, and the panel's words for an unknown package", async () => {
    sim.admin.resetStats();
    const off = await cli(['buy', '--package', '3', '--cycle', 'quater', '--yes']);
    expect(off.code).toBe(1);
    expect(off.err).toBe(
      'xmplus-tray: Pro 200 cannot be bought for quater; its cycles: month, semiannual, annual.\n',
    );
    const unknown = await cli(['buy', '--package', '42', '--cycle', 'month', '--yes']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toBe('xmplus-tray: Package not found.\n');
    expect(moneyRequests()).toBe(0);
  });

  it('renew shows the service and its price, then creates the renewal invoice', async () => {
    const renewed = await cli(['renew', '--service', '9', '--yes']);
    expect(renewed.code).toBe(0);
    expect(renewed.err).toMatch(
      /^Renew: {2}Pro 200 \(service 9\), expires \d{4}-\d\d-\d\d \d\d:\d\d UTC\nCycle: {2}Annually\nPrice: {2}\$ 150\.00\n/,
    );
    expect(invoicesOf().at(-1)).toMatchObject({
      serviceid: 9,
      packageid: 3,
      billing: 'annual',
      status: 'Pending',
    });
    const unknown = await cli(['renew', '--service', '8', '--yes']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toBe('xmplus-tray: There is no service 8 in this account (services: 4, 7, 9).\n');
  });

  it('topup shows the service, the traffic package and its price, then creates the invoice', async () => {
    const topped = await cli(['topup', '--service', '4', '--package', '5', '--yes']);
    expect(topped.code).toBe(0);
    expect(topped.err).toContain(
      'Top up: StarterPack (service 4) with TOP200 (package 5, 200 GB)\nCycle:  once\nPrice:  $ 15.00\n',
    );
    expect(invoicesOf().at(-1)).toMatchObject({ serviceid: 4, packageid: 5, billing: 'topup_traffic' });
    const wrong = await cli(['topup', '--service', '4', '--package', '1', '--yes']);
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain('There is no traffic package 1 (traffic packages: 2, 5).');
  });
});

describe('invoices', () => {
  it("lists every invoice newest first, and shows one; an unknown one gets the panel's words", async () => {
    // --json times are ISO 8601 strings.
    const list = JSON.parse((await cli(['invoices', '--json'])).out) as (Omit<Invoice, 'createdAt'> & {
      createdAt: string | null;
    })[];
    expect(list.map((i) => i.id).sort()).toEqual([1, 2, 3, 4, 5]);
    const created = list.map((i) => (i.createdAt === null ? 0 : Date.parse(i.createdAt)));
    expect(created.every((time) => Number.isFinite(time))).toBe(true);
    expect(created).toEqual([...created].sort((a, b) => b - a));
    const table = await cli(['invoices']);
    expect(table.out).toMatch(
      /^R8D4TZ1LQ6MXC9PBN2YE\s+\d{4}-\d\d-\d\d \d\d:\d\d UTC\s+Pro 200\s+\S*\s?15\.00\s+Pending\s+7$/m,
    );
    const one = await cli(['invoice', 'R8D4TZ1LQ6MXC9PBN2YE']);
    expect(one.code).toBe(0);
    expect(one.out).toContain('Status:   Pending');
    expect(one.out).toContain('Pay it with: xmplus-tray pay R8D4TZ1LQ6MXC9PBN2YE --gateway ID');
    const unknown = await cli(['invoice', 'NOPE']);
    expect(unknown).toMatchObject({ code: 1, err: 'xmplus-tray: Invoice not found.\n' });
  });
});

describe('pay', () => {
  const INVOICE = 'R8D4TZ1LQ6MXC9PBN2YE';

  it('draws the QR code and shows the amount with the fees and the time left', async () => {
    const paid = await cli(['pay', INVOICE, '--gateway', '2']);
    expect(paid.code).toBe(0);
    expect(paid.out).toContain('▀');
    // $15.00 + 1.5% + $0.30 = $15.53 (rounded by the panel).
    expect(paid.out).toContain("Amount:   $ 15.53 (with USDT TRC20's fees: 1.5% + 0.30)");
    expect(paid.out).toContain('Pay with: USDTTRC20');
    expect(paid.out).toMatch(/Open:\s+https:\/\/checkout\.sim-panel\.example\//);
    expect(paid.out).toMatch(/Expires: {2}\d{4}-\d\d-\d\d \d\d:\d\d UTC \(in [45]:\d\d\)/);
  });

  it('--json prints the PaymentView the window receives', async () => {
    const paid = await cli(['pay', INVOICE, '--gateway', '1', '--json']);
    const view = JSON.parse(paid.out) as PaymentView;
    expect(Object.keys(view).sort()).toEqual(['payment', 'qrSvg', 'watch']);
    expect(view.payment).toMatchObject({ invoiceId: INVOICE, gateway: 'VWechatPay', dataKind: 'uri' });
    expect(view.payment.data).toMatch(/^wxp:\/\//);
    expect(view.watch.state).toBe('watching');
  });

  it("unknown invoices and gateways get the panel's words and exit 1", async () => {
    expect(await cli(['pay', 'NOPE', '--gateway', '1'])).toMatchObject({
      code: 1,
      err: 'xmplus-tray: Invoice not found.\n',
    });
    expect(await cli(['pay', INVOICE, '--gateway', '9'])).toMatchObject({
      code: 1,
      err: 'xmplus-tray: Payment gateway not found.\n',
    });
    expect((await cli(['pay', INVOICE])).code).toBe(2);
  });

  it("a payment object is never drawn as a QR code: the panel's invoice page instead", async () => {
    sim.admin.setFault('/api/client/invoice/pay', { kind: 'paymentObject' });
    const paid = await cli(['pay', INVOICE, '--gateway', '2']);
    expect(paid.code).toBe(0);
    expect(paid.out).not.toMatch(/[▄▀█]/);
    expect(paid.out).not.toContain('payment_intent');
    expect(paid.out).toMatch(/^Finish this payment on the panel's invoice page/m);
  });

  it('a picture-only payment code says where the picture is', async () => {
    sim.admin.setFault('/api/client/invoice/pay', { kind: 'paymentImage' });
    const paid = await cli(['pay', INVOICE, '--gateway', '1']);
    expect(paid.code).toBe(0);
    expect(paid.out).not.toMatch(/[▄▀█]/);
    expect(paid.out).toContain('The panel gives this payment as a picture only (in --json: payment.qrcode).');
    const json = JSON.parse((await cli(['pay', INVOICE, '--gateway', '1', '--json'])).out) as PaymentView;
    expect(json.payment.qrcode).toMatch(/^data:image\/png;base64,/);
    expect(json.qrSvg).toBe('');
  });

  it('--wait follows the payment watch and exits 0 once the invoice is paid', async () => {
    const timers = manualTimers();
    const t = testIo({ env: env(), timers });
    const run = main(['pay', INVOICE, '--gateway', '2', '--wait'], t.io);
    const first = await timers.next();
    // The app's watch: first check after about 3 s.
    expect(first.ms).toBe(3000);
    sim.admin.markPaid(INVOICE);
    first.fire();
    expect(await run).toBe(0);
    expect(t.out()).toMatch(/Paid\. Pro 200 now runs until \d{1,2} \w{3} \d{4}\.\n$/);
  });

  it('--wait exits 1 when the payment window closes unpaid; --json prints the final watch', async () => {
    let clock = Date.now();
    const clocked = await startPanelSim({ now: () => clock });
    try {
      const timers = manualTimers();
      const t = testIo({
        env: { ...env(), XMPLUS_PANEL_URL: clocked.url, XMPLUS_API_KEY: clocked.apiKey },
        timers,
        now: () => clock,
      });
      const run = main(['pay', INVOICE, '--gateway', '1', '--wait', '--json'], t.io);
      // Checks go on while the invoice is pending; the clock then passes the 300 s window.
      const first = await timers.next();
      clock += first.ms;
      first.fire();
      const second = await timers.next();
      clock += 301_000;
      second.fire();
      expect(await run).toBe(1);
      const [view, done] = t
        .out()
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as unknown);
      expect((view as PaymentView).payment.invoiceId).toBe(INVOICE);
      expect((done as WatchView).state).toBe('expired');
      expect(clocked.admin.invoice(INVOICE)?.status).toBe('Expired');
    } finally {
      await clocked.close();
    }
  });
});
