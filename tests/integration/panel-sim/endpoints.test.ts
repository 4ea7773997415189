// Every client API endpoint answers with the API document's fields, spelling and value formats,
// computed from the simulator's state.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPanelSim } from '../../../tools/panel-sim';
import type { PanelSim } from '../../../tools/panel-sim';
import { AMOUNT, DATE, MONEY, SIZE, clientFor, field } from './helpers';
import type { Body } from './helpers';

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const GB = 1024 ** 3;

let sim: PanelSim;
let api: Awaited<ReturnType<typeof clientFor>>;

beforeAll(async () => {
  sim = await startPanelSim({ now: () => NOW, timeZone: 'Asia/Tehran' });
  api = await clientFor(sim);
});
afterAll(() => sim.close());

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
    expect(data.email).toBe(sim.demo.email);
    expect(data.money).toBe('$ 49.00 ');
    const services = field<Body[]>(data, 'services');
    expect(services.map((s) => s.sid)).toEqual([4, 7, 9]);
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
      expect(s.sublink).toMatch(new RegExp(`^${sim.url}/link/`));
    }
  });

  it('prints values from state: 90% used, expiring in 2 days, labels and the time zone', async () => {
    const services = field<Body[]>(await api.user('account/info'), 'data', 'services');
    const [s4, s7] = services;
    expect(s4).toMatchObject({
      traffic: '150 GB',
      used_traffic: '135 GB',
      today: '2.5 GB',
      billing: 'Quaterly',
      amount: '$ 30.00 ',
      iplimit: '1/2',
      recent_omline: '203.0.113.7',
      reset_traffic: 'Traffic will reset to 100 GB after 23 day(s)',
    });
    // Tehran is UTC+03:30: 12:00 UTC two days on prints 15:30.
    expect(s7).toMatchObject({ expire_date: '2026-01-17 15:30', billing: 'Monthly', recent_omline: null });
    expect(services[2]?.used_traffic).toBe('12.34 GB');

    sim.admin.setUsage(9, { usedBytes: 1536 * 1024 ** 2, todayBytes: 0 });
    const again = field<Body[]>(await api.user('account/info'), 'data', 'services');
    expect(again[2]).toMatchObject({ used_traffic: '1.5 GB', today: '0 B' });
    sim.admin.reset();
  });

  it('with serviceid returns only that service; an unknown one is a 208', async () => {
    const one = field<Body[]>(await api.user('account/info', { serviceid: 7 }), 'data', 'services');
    expect(one.map((s) => s.sid)).toEqual([7]);
    const empty = field<Body[]>(await api.user('account/info', { serviceid: '' }), 'data', 'services');
    expect(empty).toHaveLength(3);
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
    const body = new URLSearchParams({ email: sim.demo.email, passwd: sim.demo.password, serviceid: '4' });
    const res = await api.raw('account/info', body.toString());
    expect(res.status).toBe(200);
    expect(field(JSON.parse(res.text), 'data', 'services', 0, 'sid')).toBe(4);
  });
});

describe('service/info', () => {
  it('puts the service status in `status`, spells recent_online and lists servers', async () => {
    const res = await api.user('service/info', { serviceid: 4 });
    expect(Object.keys(res)).toEqual([
      'code',
      'status',
      ...SERVICE_FIELDS,
      'recent_online',
      'reset_traffic',
      'servers',
    ]);
    expect(res).toMatchObject({
      code: 100,
      status: 'Active',
      billing: 'quater',
      recent_online: '203.0.113.7',
    });
    const servers = field<Body[]>(res, 'servers');
    expect(servers.length).toBeGreaterThanOrEqual(9);
    const seedFields = ['type', 'remark', 'address', 'port', 'network', 'password', 'encryption', 'sni'];
    for (const s of servers) {
      for (const key of [...seedFields, 'security', 'allowinsecure', 'header', 'fingerprint', 'flow']) {
        expect(s).toHaveProperty(key);
      }
      for (const key of ['shortid', 'spiderx', 'publickey', 'uri']) expect(s).toHaveProperty(key);
      expect(typeof s.port).toBe('number');
    }
    expect(new Set(servers.map((s) => s.type))).toEqual(
      new Set(['vless', 'vmess', 'trojan', 'shadowsocks', 'hysteria2', 'tuic']),
    );
  });

  it('shows Expired for a service past its expiry', async () => {
    sim.admin.setExpiry(7, NOW - 1000);
    expect(await api.user('service/info', { serviceid: 7 })).toMatchObject({ status: 'Expired' });
    sim.admin.reset();
  });

  it('refuses an unknown or foreign service with 208', async () => {
    expect(await api.user('service/info', { serviceid: 1234 })).toMatchObject({ status: 'error', code: 208 });
  });
});

describe('catalogue', () => {
  it('packages: the documented shape, only enabled cycles, money strings', async () => {
    const res = await api.call('packages');
    const pkgs = field<Body[]>(res, 'packages');
    expect(pkgs.map((p) => p.id)).toEqual([1, 3, 4]);
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
    expect(pkgs[0]).toMatchObject({
      name: 'StarterPack',
      traffic: '100 GB',
      speedlimit: '100 Mb/s',
      server_group: 'VIP',
      billing: { month: '$ 10.00 ', quater: '$ 30.00 ', semiannual: '$ 55.00 ', annual: '$ 100.00 ' },
    });
    // Pro 200's quarterly cycle is off, so it is not offered.
    expect(Object.keys(field<Body>(pkgs[1], 'billing'))).toEqual(['month', 'semiannual', 'annual']);
  });

  it('packages/traffic: topup_traffic billing', async () => {
    const pkgs = field<Body[]>(await api.call('packages/traffic'), 'packages');
    expect(pkgs[0]).toEqual({
      id: 2,
      name: 'TOP50',
      traffic: '50 GB',
      desc: '',
      enable_stock: true,
      stock_count: 104,
      billing: { topup_traffic: '$ 5.00 ' },
      sort: 0,
    });
  });

  it('package/info: numeric drift and on/off cycles', async () => {
    const res = await api.call('package/info', { pid: '3' });
    const pkg = field<Body>(res, 'package');
    expect(pkg).toMatchObject({
      id: 3,
      type: 'Full Package',
      speedlimit: 300,
      server_group: 1,
      traffic_reset: 0,
      enable_stock: 1,
      billing: {
        month: { status: 'on', price: '15.00' },
        quater: { status: 'off', price: '40.00' },
      },
    });
    const traffic = field<Body>(await api.call('package/info', { pid: 2 }), 'package');
    expect(traffic).toMatchObject({ type: 'Traffic Package', billing: { topup_traffic: { status: 'on' } } });
    expect(await api.call('package/info', { pid: 77 })).toMatchObject({ code: 208 });
  });

  it('gateways: an array of the two gateways, fees as strings', async () => {
    const gws = field<Body[]>(await api.call('gateways'), 'gateways');
    expect(gws).toHaveLength(2);
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
    expect(gws[1]).toMatchObject({ gateway: 'USDTTRC20', fee_percent: '1.5', fee_fixed: '0.30' });
  });
});

describe('invoices', () => {
  it('lists invoices with the documented spelling and type drift', async () => {
    const list = field<Body[]>(await api.user('invoices'), 'invoices');
    expect(list.length).toBeGreaterThanOrEqual(5);
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
    expect(list.map((i) => i.status)).toContain('Pending');
    expect(list.find((i) => i.billing === 'topup_traffic')).toMatchObject({
      packagename: 'TOP50',
      serviceid: '4',
    });
  });

  it('invoice/view prints discount and userid as strings and an empty paid_date while pending', async () => {
    const inv = field<Body>(await api.user('invoice/view', { invid: 'R8D4TZ1LQ6MXC9PBN2YE' }), 'invoice');
    expect(inv).toMatchObject({
      invioce_id: 'R8D4TZ1LQ6MXC9PBN2YE',
      status: 'Pending',
      discount: '0.00',
      userid: '1',
      serviceid: '7',
      paid_date: '',
      amount: '15.00',
    });
    expect(await api.user('invoice/view', { invid: 'NOPE' })).toMatchObject({ code: 208 });
  });

  it('invoice/pay: payment data, fees, currency and a 5 minute expiry', async () => {
    const wx = await api.user('invoice/pay', { invid: 'R8D4TZ1LQ6MXC9PBN2YE', gatewayid: 1 });
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
    // $15.00 at 7.1 CNY/USD, no fees.
    expect(wx).toMatchObject({ amount: '¥ 106.50 ', total: '106.50', gateway: 'VWechatPay', qrcode: '' });
    expect(wx.created).toBe(NOW / 1000);
    expect(wx.expire).toBe(NOW / 1000 + 300);
    expect(wx.data).toMatch(/^wxp:\/\//);

    const usdt = await api.user('invoice/pay', { invid: 'R8D4TZ1LQ6MXC9PBN2YE', gatewayid: 2 });
    // $15.00 + 1.5% ($0.23) + $0.30.
    expect(usdt).toMatchObject({ amount: '$ 15.53 ', total: '15.53', gateway: 'USDTTRC20' });
    expect(usdt.data).toMatch(/^https:\/\//);
    sim.admin.reset();
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
    sim.admin.reset();
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
