// Every client API endpoint answers with the API document's fields, spelling and value formats,
// computed from the simulator's state. Expected values come from that state (sim.admin.state())
// printed by the simulator's format module (pinned in format.test.ts), or from state the test
// sets itself, never from a copy of the seed.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startPanelSim } from '../../../tools/panel-sim';
import type { DeepReadonly, PanelSim, SimGateway, SimPackage, SimService } from '../../../tools/panel-sim';
import {
  BILLING_LABELS,
  DAY_MS,
  FULL_BILLING_KEYS,
  GB,
  formatAmount,
  formatDate,
  formatIpLimit,
  formatMoney,
  formatSize,
  formatSpeed,
} from '../../../tools/panel-sim/format';
import { AMOUNT, DATE, MONEY, SIZE, clientFor, field } from './helpers';
import type { Body } from './helpers';

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const ZONE = 'Asia/Tehran';

let sim: PanelSim;
let api: Awaited<ReturnType<typeof clientFor>>;

beforeAll(async () => {
  sim = await startPanelSim({ now: () => NOW, timeZone: ZONE });
  api = await clientFor(sim);
});
afterEach(() => sim.admin.reset());
afterAll(() => sim.close());

const state = () => sim.admin.state();
const demoUser = () => {
  const user = state().users.find((u) => u.email === sim.demo.email);
  if (!user) throw new Error('the demo seed has no demo user');
  return user;
};
const demoServices = () => state().services.filter((s) => s.userid === demoUser().uid);
const servicePackage = (s: DeepReadonly<SimService>): DeepReadonly<SimPackage> => {
  const pkg = state().packages.find((p) => p.id === s.packageid);
  if (!pkg) throw new Error(`no package ${s.packageid}`);
  return pkg;
};
const groupName = (id: number) => state().serverGroups.find((g) => g.id === id)?.name ?? '';
/** The catalogue as the panel sorts it: by `sort`, then id. */
const catalogue = (kind: SimPackage['kind']) =>
  state()
    .packages.filter((p) => p.kind === kind)
    .sort((a, b) => a.sort - b.sort || a.id - b.id);
/** Enabled cycles only, as money strings. */
const listedBilling = (pkg: DeepReadonly<SimPackage>) =>
  Object.fromEntries(
    Object.entries(pkg.billing)
      .filter(([, cycle]) => cycle.enabled)
      .map(([key, cycle]) => [key, formatMoney(cycle.priceCents)]),
  );

/** The fields account/info and service/info print the same way for a service. */
function commonFields(s: DeepReadonly<SimService>) {
  return {
    sid: s.sid,
    userid: s.userid,
    email: sim.demo.email,
    packageid: s.packageid,
    package: servicePackage(s).name,
    paid_date: formatDate(s.paidAt, ZONE),
    expire_date: formatDate(s.expiresAt, ZONE),
    amount: formatMoney(s.amountCents),
    iplimit: formatIpLimit(s.onlineIps, s.iplimit),
    speedlimit: formatSpeed(s.speedlimitMbps),
    server_group: groupName(s.serverGroupId),
    traffic: formatSize(s.trafficBytes),
    used_traffic: formatSize(s.usedBytes),
    today: formatSize(s.todayBytes),
  };
}

const SERVICE_FIELDS = [
  'sid',
  'userid',
  'email',
  'packageid',
  'package',
  'paid_date',
  'expire_date',
  'billing',
  'amount',
  'iplimit',
  'speedlimit',
  'server_group',
  'traffic',
  'used_traffic',
  'today',
];

describe('account/info', () => {
  it('returns the account and all its services in the documented shape', async () => {
    const res = await api.user('account/info');
    expect(res.status).toBe('success');
    expect(res.code).toBe(100);
    const data = field<Body>(res, 'data');
    expect(Object.keys(data)).toEqual(['uid', 'username', 'email', 'money', 'services']);
    expect(data).toMatchObject({
      uid: demoUser().uid,
      username: demoUser().username,
      email: sim.demo.email,
      money: formatMoney(demoUser().moneyCents),
    });
    expect(data.money).toMatch(MONEY);
    const services = field<Body[]>(data, 'services');
    expect(services.map((s) => s.sid)).toEqual(demoServices().map((s) => s.sid));
    expect(services.length).toBeGreaterThan(1);
    for (const s of services) {
      expect(Object.keys(s)).toEqual([
        ...SERVICE_FIELDS,
        'recent_omline',
        'status',
        'reset_traffic',
        'sublink',
      ]);
      expect(s.paid_date).toMatch(DATE);
      expect(s.expire_date).toMatch(DATE);
      expect(s.amount).toMatch(MONEY);
      expect(s.traffic).toMatch(SIZE);
      expect(s.used_traffic).toMatch(SIZE);
      expect(s.iplimit).toMatch(/^\d+\/\d+$/);
      expect(s.status).toBe('Active');
      const stored = demoServices().find((d) => d.sid === s.sid);
      expect(s.sublink).toBe(`${sim.url}/link/${stored?.sublinkToken}`);
    }
  });

  it('prints every service from state: sizes, money, limits, dates in the panel zone, billing labels', async () => {
    const services = field<Body[]>(await api.user('account/info'), 'data', 'services');
    for (const stored of demoServices()) {
      expect(services.find((s) => s.sid === stored.sid)).toMatchObject({
        ...commonFields(stored),
        billing: BILLING_LABELS[stored.billing],
        recent_omline: stored.recentOnline,
      });
    }
  });

  it('prints what the state says after it changes: usage, expiry in the zone, label, online devices', async () => {
    const [first, second] = demoServices();
    if (!first || !second) throw new Error('the demo seed has fewer than two services');
    sim.admin.setUsage(first.sid, { usedBytes: 1536 * 1024 ** 2, todayBytes: 0 });
    sim.admin.patchService(first.sid, { billing: 'quater', onlineIps: 1, recentOnline: '203.0.113.7' });
    // Tehran is UTC+03:30: 12:00 UTC prints 15:30.
    sim.admin.setExpiry(second.sid, Date.UTC(2026, 0, 17, 12, 0));
    const services = field<Body[]>(await api.user('account/info'), 'data', 'services');
    expect(services.find((s) => s.sid === first.sid)).toMatchObject({
      used_traffic: '1.5 GB',
      today: '0 B',
      // The API document's spelling.
      billing: 'Quaterly',
      iplimit: `1/${first.iplimit}`,
      recent_omline: '203.0.113.7',
    });
    expect(services.find((s) => s.sid === second.sid)).toMatchObject({ expire_date: '2026-01-17 15:30' });
  });

  it('tells when the traffic resets: every 30 days from payment, or that reset is off', async () => {
    const resetting = demoServices().find((s) => servicePackage(s).trafficReset);
    const notResetting = demoServices().find((s) => !servicePackage(s).trafficReset);
    if (!resetting || !notResetting)
      throw new Error('the demo seed lacks a service with and one without reset');
    // Paid 37 days ago: the second 30-day period ends in 23 days.
    sim.admin.patchService(resetting.sid, { paidAt: NOW - 37 * DAY_MS });
    const services = field<Body[]>(await api.user('account/info'), 'data', 'services');
    expect(services.find((s) => s.sid === resetting.sid)?.reset_traffic).toBe(
      `Traffic will reset to ${formatSize(servicePackage(resetting).trafficBytes)} after 23 day(s)`,
    );
    expect(services.find((s) => s.sid === notResetting.sid)?.reset_traffic).toBe(
      'Traffic reset is not enabled',
    );
  });

  it('with serviceid returns only that service; an unknown one is a 208', async () => {
    const sid = demoServices()[1]?.sid;
    const one = field<Body[]>(await api.user('account/info', { serviceid: sid }), 'data', 'services');
    expect(one.map((s) => s.sid)).toEqual([sid]);
    const empty = field<Body[]>(await api.user('account/info', { serviceid: '' }), 'data', 'services');
    expect(empty).toHaveLength(demoServices().length);
    expect(await api.user('account/info', { serviceid: 999 })).toEqual({
      status: 'error',
      code: 208,
      message: 'Service not found.',
    });
  });

  it('refuses a wrong password with code 208', async () => {
    const res = await api.call('account/info', { email: sim.demo.email, passwd: 'nope' });
    expect(res).toMatchObject({ status: 'error', code: 208 });
    expect(typeof res.message).toBe('string');
  });

  it('accepts a form-encoded body', async () => {
    const sid = demoServices()[0]?.sid;
    const body = new URLSearchParams({
      email: sim.demo.email,
      passwd: sim.demo.password,
      serviceid: String(sid),
    });
    const res = await api.raw('account/info', body.toString());
    expect(res.status).toBe(200);
    expect(field(JSON.parse(res.text), 'data', 'services', 0, 'sid')).toBe(sid);
  });
});

describe('service/info', () => {
  it('puts the service status in `status`, spells recent_online and lists servers', async () => {
    const stored = demoServices()[0];
    if (!stored) throw new Error('the demo seed has no service');
    const res = await api.user('service/info', { serviceid: stored.sid });
    expect(Object.keys(res)).toEqual([
      'code',
      'status',
      ...SERVICE_FIELDS,
      'recent_online',
      'reset_traffic',
      'servers',
    ]);
    expect(res).toMatchObject({
      ...commonFields(stored),
      code: 100,
      status: 'Active',
      // service/info prints the cycle's key where account/info prints its label.
      billing: stored.billing,
      recent_online: stored.recentOnline,
    });
    const servers = field<Body[]>(res, 'servers');
    expect(servers.map((s) => s.remark)).toEqual(stored.servers.map((s) => s.remark));
    const seedFields = ['type', 'remark', 'address', 'port', 'network', 'password', 'encryption', 'sni'];
    for (const s of servers) {
      for (const key of [...seedFields, 'security', 'allowinsecure', 'header', 'fingerprint', 'flow']) {
        expect(s).toHaveProperty(key);
      }
      for (const key of ['shortid', 'spiderx', 'publickey', 'uri']) expect(s).toHaveProperty(key);
      expect(typeof s.port).toBe('number');
    }
    expect(servers.map((s) => s.type)).toEqual(stored.servers.map((s) => s.type));
  });

  it('shows Expired for a service past its expiry', async () => {
    const sid = demoServices()[1]?.sid ?? 0;
    expect(await api.user('service/info', { serviceid: sid })).toMatchObject({ status: 'Active' });
    sim.admin.setExpiry(sid, NOW - 1000);
    expect(await api.user('service/info', { serviceid: sid })).toMatchObject({ status: 'Expired' });
  });

  it('refuses an unknown or foreign service with 208', async () => {
    expect(await api.user('service/info', { serviceid: 1234 })).toMatchObject({ status: 'error', code: 208 });
  });
});

describe('catalogue', () => {
  it('packages: the documented shape, only enabled cycles, money strings', async () => {
    const res = await api.call('packages');
    const pkgs = field<Body[]>(res, 'packages');
    expect(pkgs.map((p) => p.id)).toEqual(catalogue('full').map((p) => p.id));
    for (const p of pkgs) {
      expect(Object.keys(p)).toEqual([
        'id',
        'name',
        'traffic',
        'desc',
        'iplimit',
        'speedlimit',
        'server_group',
        'traffic_reset',
        'enable_stock',
        'stock_count',
        'billing',
        'sort',
      ]);
      expect(typeof p.traffic_reset).toBe('boolean');
      for (const price of Object.values(field<Body>(p, 'billing'))) expect(price).toMatch(MONEY);
    }
    for (const stored of catalogue('full')) {
      expect(pkgs.find((p) => p.id === stored.id)).toEqual({
        id: stored.id,
        name: stored.name,
        traffic: formatSize(stored.trafficBytes),
        desc: stored.desc,
        iplimit: stored.iplimit,
        speedlimit: formatSpeed(stored.speedlimitMbps),
        server_group: groupName(stored.serverGroupId),
        traffic_reset: stored.trafficReset,
        enable_stock: stored.enableStock,
        stock_count: stored.stockCount,
        billing: listedBilling(stored),
        sort: stored.sort,
      });
    }
  });

  it('packages: a cycle switched off is not offered', async () => {
    const stored = catalogue('full')[0];
    if (!stored) throw new Error('the seed has no full package');
    const billing = (await api.call('packages')) as { packages: { id: number; billing: Body }[] };
    expect(Object.keys(billing.packages.find((p) => p.id === stored.id)?.billing ?? {})).toContain('quater');
    sim.admin.patchPackage(stored.id, {
      billing: { ...stored.billing, quater: { enabled: false, priceCents: 4000 } },
    });
    const after = (await api.call('packages')) as { packages: { id: number; billing: Body }[] };
    const keys = Object.keys(after.packages.find((p) => p.id === stored.id)?.billing ?? {});
    expect(keys).toEqual(FULL_BILLING_KEYS.filter((k) => k !== 'quater' && stored.billing[k]?.enabled));
  });

  it('packages/traffic: topup_traffic billing', async () => {
    const pkgs = field<Body[]>(await api.call('packages/traffic'), 'packages');
    expect(pkgs).toEqual(
      catalogue('traffic').map((p) => ({
        id: p.id,
        name: p.name,
        traffic: formatSize(p.trafficBytes),
        desc: p.desc,
        enable_stock: p.enableStock,
        stock_count: p.stockCount,
        billing: { topup_traffic: formatMoney(p.billing.topup_traffic?.priceCents ?? NaN) },
        sort: p.sort,
      })),
    );
  });

  it('package/info: numeric drift and on/off cycles', async () => {
    const stored = catalogue('full')[0];
    const topup = catalogue('traffic')[0];
    if (!stored || !topup) throw new Error('the seed lacks a full or a traffic package');
    sim.admin.patchPackage(stored.id, {
      speedlimitMbps: 300,
      trafficReset: false,
      enableStock: true,
      billing: { month: { enabled: true, priceCents: 1500 }, quater: { enabled: false, priceCents: 4000 } },
    });
    // The id as a string, as some clients send it.
    const pkg = field<Body>(await api.call('package/info', { pid: String(stored.id) }), 'package');
    expect(pkg).toMatchObject({
      id: stored.id,
      type: 'Full Package',
      speedlimit: 300,
      server_group: stored.serverGroupId,
      traffic_reset: 0,
      enable_stock: 1,
      billing: {
        month: { status: 'on', price: '15.00' },
        quater: { status: 'off', price: '40.00' },
      },
    });
    const traffic = field<Body>(await api.call('package/info', { pid: topup.id }), 'package');
    expect(traffic).toMatchObject({ type: 'Traffic Package', billing: { topup_traffic: { status: 'on' } } });
    const unknown = Math.max(...state().packages.map((p) => p.id)) + 1;
    expect(await api.call('package/info', { pid: unknown })).toMatchObject({ code: 208 });
  });

  it('gateways: an array of every gateway, fees as strings', async () => {
    const gws = field<Body[]>(await api.call('gateways'), 'gateways');
    for (const g of gws) {
      expect(Object.keys(g)).toEqual([
        'id',
        'gateway',
        'name',
        'currency',
        'uuid',
        'notify_url',
        'fee_percent',
        'fee_fixed',
      ]);
      expect(g.fee_fixed).toMatch(AMOUNT);
    }
    expect(gws).toEqual(
      state().gateways.map((g) => ({
        id: g.id,
        gateway: g.gateway,
        name: g.name,
        currency: g.currency,
        uuid: g.uuid,
        notify_url: g.notifyUrl,
        fee_percent: String(g.feePercent),
        fee_fixed: formatAmount(g.feeFixedCents),
      })),
    );
  });
});

describe('invoices', () => {
  it('lists invoices with the documented spelling and type drift', async () => {
    const list = field<Body[]>(await api.user('invoices'), 'invoices');
    const stored = state().invoices.filter((i) => i.userid === demoUser().uid);
    expect(list.map((i) => i.invioce_id)).toEqual(stored.map((i) => i.invid));
    for (const inv of list) {
      expect(Object.keys(inv)).toEqual([
        'id',
        'invioce_id',
        'created_at',
        'currency',
        'amount',
        'packageid',
        'packagename',
        'discount',
        'status',
        'userid',
        'email',
        'quantity',
        'billing',
        'serviceid',
        'paid_date',
      ]);
      expect(inv.amount).toMatch(AMOUNT);
      expect(typeof inv.discount).toBe('number');
      expect(typeof inv.userid).toBe('number');
      expect(typeof inv.serviceid).toBe('string');
    }
    for (const inv of stored) {
      expect(list.find((i) => i.invioce_id === inv.invid)).toEqual({
        id: inv.id,
        invioce_id: inv.invid,
        created_at: formatDate(inv.createdAt, ZONE),
        currency: inv.currency,
        amount: formatAmount(inv.amountCents),
        packageid: inv.packageid,
        packagename: inv.packagename,
        // The list prints discount and userid as numbers; invoice/view prints them as strings.
        discount: inv.discountCents / 100,
        status: inv.status,
        userid: inv.userid,
        email: sim.demo.email,
        quantity: inv.quantity,
        billing: inv.billing,
        serviceid: inv.serviceid === null ? '' : String(inv.serviceid),
        paid_date: inv.paidAt === null ? '' : formatDate(inv.paidAt, ZONE),
      });
    }
  });

  it('invoice/view prints discount and userid as strings and an empty paid_date while pending', async () => {
    const pending = state().invoices.find((i) => i.status === 'Pending');
    if (!pending) throw new Error('the demo seed has no pending invoice');
    const inv = field<Body>(await api.user('invoice/view', { invid: pending.invid }), 'invoice');
    expect(inv).toMatchObject({
      invioce_id: pending.invid,
      status: 'Pending',
      discount: formatAmount(pending.discountCents),
      userid: String(pending.userid),
      serviceid: String(pending.serviceid),
      paid_date: '',
      amount: formatAmount(pending.amountCents),
    });
    expect(inv.discount).toMatch(AMOUNT);
    expect(await api.user('invoice/view', { invid: 'NOPE' })).toMatchObject({ code: 208 });
  });

  it('invoice/pay: payment data, fees, currency and a 5 minute expiry', async () => {
    const pending = state().invoices.find((i) => i.status === 'Pending');
    const gateway = (kind: SimGateway['payKind']) => state().gateways.find((g) => g.payKind === kind);
    const wechat = gateway('wxp');
    const checkout = gateway('checkout');
    if (!pending || !wechat || !checkout)
      throw new Error('the demo seed lacks a pending invoice or a gateway');
    // The gateway's fees on the invoice amount (percent rounded to the cent, then the fixed part),
    // converted at the gateway's rate.
    const total = (g: DeepReadonly<SimGateway>) =>
      Math.round(
        (pending.amountCents + Math.round((pending.amountCents * g.feePercent) / 100) + g.feeFixedCents) *
          g.rate,
      );

    const wx = await api.user('invoice/pay', { invid: pending.invid, gatewayid: wechat.id });
    expect(Object.keys(wx)).toEqual([
      'status',
      'code',
      'id',
      'orderid',
      'created',
      'amount',
      'total',
      'gateway',
      'data',
      'qrcode',
      'expire',
    ]);
    expect(wx).toMatchObject({
      amount: formatMoney(total(wechat), wechat.currencySymbol),
      total: formatAmount(total(wechat)),
      gateway: wechat.gateway,
      qrcode: '',
    });
    expect(wx.created).toBe(NOW / 1000);
    expect(wx.expire).toBe(NOW / 1000 + 300);
    expect(wx.data).toMatch(/^wxp:\/\//);

    const usdt = await api.user('invoice/pay', { invid: pending.invid, gatewayid: checkout.id });
    expect(usdt).toMatchObject({
      amount: formatMoney(total(checkout), checkout.currencySymbol),
      total: formatAmount(total(checkout)),
      gateway: checkout.gateway,
    });
    expect(usdt.data).toMatch(/^https:\/\//);
  });
});

describe('sizes', () => {
  it('prints sizes PHP-style from state (1024-based, up to 2 decimals)', async () => {
    const cases: [number, string][] = [
      [0, '0 B'],
      [512, '512 B'],
      [1536, '1.5 KB'],
      [Math.round(1.234 * GB), '1.23 GB'],
      [150 * GB, '150 GB'],
      [2 * 1024 * GB, '2 TB'],
    ];
    for (const [bytes, text] of cases) {
      sim.admin.setUsage(9, { usedBytes: bytes });
      const s = field<Body>(await api.user('account/info', { serviceid: 9 }), 'data', 'services', 0);
      expect(s.used_traffic).toBe(text);
    }
  });
});

describe('routing', () => {
  it('answers unknown API paths with 404 and non-POST methods with 405', async () => {
    expect((await api.raw('no/such/endpoint')).status).toBe(404);
    const get = await fetch(`${sim.url}/api/client/packages`, {
      headers: { authorization: `Bearer ${api.token}` },
    });
    expect(get.status).toBe(405);
    expect((await fetch(`${sim.url}/elsewhere`)).status).toBe(404);
  });
});
