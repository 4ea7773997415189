// Normalizers: sizes, money, IP limits, dates in the panel's zone, reset days, statuses, and the
// client API document's example answers (plus the drift real panels show, docs/architecture.md) into domain types.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  accountInfoSchema,
  gatewaysSchema,
  invoicesSchema,
  invoiceViewSchema,
  packageInfoSchema,
  packagesSchema,
  paymentSchema,
  serviceInfoSchema,
} from '../../../../src/main/sources/xmplus/schemas';
import {
  gatewayList,
  isPseudoServer,
  listOf,
  normalizeAccount,
  normalizeGateway,
  normalizeInvoice,
  normalizeInvoiceStatus,
  normalizePackage,
  normalizePayment,
  normalizeServer,
  normalizeService,
  normalizeServiceStatus,
  parseBytes,
  parseIpLimit,
  parseMoney,
  parsePanelDate,
  parseResetDays,
  paymentData,
  zonedTimeToEpoch,
} from '../../../../src/main/sources/xmplus/normalize';
import * as seed from './fixtures';

const GB = 1024 ** 3;
const utc = { timeZone: 'UTC' };

describe('parseBytes', () => {
  it.each([
    ['150 GB', 150 * GB],
    ['0 B', 0],
    ['512 KB', 512 * 1024],
    ['1.5 TB', 1.5 * 1024 ** 4],
    ['2 PB', 2 * 1024 ** 5],
    ['300 MB', 300 * 1024 ** 2],
    ['10 GiB', 10 * GB],
    ['10G', 10 * GB],
    ['1,5 GB', 1.5 * GB],
    [' 7 gb ', 7 * GB],
    [1234, 1234],
  ])('%s', (input, bytes) => expect(parseBytes(input)).toBe(bytes));

  it('returns null for text that is not a size', () => {
    expect(parseBytes('Unlimited')).toBeNull();
    expect(parseBytes('')).toBeNull();
    expect(parseBytes(null)).toBeNull();
  });
});

describe('parseMoney', () => {
  it('reads symbols, codes and bare amounts', () => {
    expect(parseMoney('$ 49.00 ')).toEqual({ amount: 49, currency: '$', text: '$ 49.00' });
    expect(parseMoney('¥ 509.07 ')).toEqual({ amount: 509.07, currency: '¥', text: '¥ 509.07' });
    expect(parseMoney('49.00', 'USD')).toEqual({ amount: 49, currency: 'USD', text: '49.00 USD' });
    expect(parseMoney('49.00')).toEqual({ amount: 49, currency: '', text: '49.00' });
    expect(parseMoney('USD 1,234.50')).toEqual({ amount: 1234.5, currency: 'USD', text: 'USD 1,234.50' });
    expect(parseMoney('49,90 €')).toEqual({ amount: 49.9, currency: '€', text: '49,90 €' });
    expect(parseMoney('-$ 5.00')).toEqual({ amount: -5, currency: '$', text: '-$ 5.00' });
    expect(parseMoney('')).toBeNull();
    expect(parseMoney('free')).toBeNull();
  });
});

describe('parseIpLimit', () => {
  it('reads "online/limit" and bare numbers', () => {
    expect(parseIpLimit('0/2')).toEqual({ online: 0, limit: 2 });
    expect(parseIpLimit('3 / 5')).toEqual({ online: 3, limit: 5 });
    expect(parseIpLimit(2)).toEqual({ online: 0, limit: 2 });
    expect(parseIpLimit('4')).toEqual({ online: 0, limit: 4 });
    expect(parseIpLimit('')).toBeNull();
    expect(parseIpLimit(null)).toBeNull();
  });
});

describe('parsePanelDate', () => {
  it('reads the panel zone, not the machine zone', () => {
    expect(parsePanelDate('2023-08-03 00:47', 'UTC')).toBe(Date.UTC(2023, 7, 3, 0, 47));
    expect(parsePanelDate('2023-08-03 00:47', 'Asia/Shanghai')).toBe(Date.UTC(2023, 7, 2, 16, 47));
    expect(parsePanelDate('2023-08-03 00:47:30', 'Asia/Tehran')).toBe(Date.UTC(2023, 7, 2, 21, 17, 30));
    expect(parsePanelDate('2023-01-15 12:00', 'America/New_York')).toBe(Date.UTC(2023, 0, 15, 17, 0));
    expect(parsePanelDate('2023-07-15 12:00', 'America/New_York')).toBe(Date.UTC(2023, 6, 15, 16, 0));
    expect(parsePanelDate('2023-08-03', 'UTC')).toBe(Date.UTC(2023, 7, 3));
  });

  it('handles DST gaps and overlaps deterministically', () => {
    // 02:30 does not exist on 2023-03-12 in New York: read as 03:30 EDT.
    expect(parsePanelDate('2023-03-12 02:30', 'America/New_York')).toBe(Date.UTC(2023, 2, 12, 7, 30));
    // 01:30 happens twice on 2023-11-05: the earlier (EDT) instant.
    expect(parsePanelDate('2023-11-05 01:30', 'America/New_York')).toBe(Date.UTC(2023, 10, 5, 5, 30));
  });

  it('reads unix times and gives null for empty and zero dates', () => {
    expect(parsePanelDate(1691865574, 'Asia/Shanghai')).toBe(1691865574000);
    expect(parsePanelDate('1691865574', 'UTC')).toBe(1691865574000);
    expect(parsePanelDate('', 'UTC')).toBeNull();
    expect(parsePanelDate('0000-00-00 00:00', 'UTC')).toBeNull();
    expect(parsePanelDate('0000-00-00', 'UTC')).toBeNull();
    expect(parsePanelDate(null, 'UTC')).toBeNull();
    expect(parsePanelDate('soon', 'UTC')).toBeNull();
  });

  it('round-trips wall time through Intl in many zones', () => {
    const zones = [
      'UTC',
      'Asia/Shanghai',
      'Asia/Tehran',
      'Europe/Moscow',
      'America/New_York',
      'Australia/Lord_Howe',
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }),
        fc.constantFrom(...zones),
        (instant, zone) => {
          const t = Math.floor(instant / 60_000) * 60_000;
          const parts = Object.fromEntries(
            new Intl.DateTimeFormat('en-US', {
              timeZone: zone,
              hourCycle: 'h23',
              year: 'numeric',
              month: '2-digit',
              day: '2-digit',
              hour: '2-digit',
              minute: '2-digit',
            })
              .formatToParts(t)
              .map((p) => [p.type, Number(p.value)]),
          ) as Record<string, number>;
          const back = zonedTimeToEpoch(
            parts.year!,
            parts.month!,
            parts.day!,
            parts.hour!,
            parts.minute!,
            0,
            zone,
          );
          // Equal, or the other instant of an overlap (never further than the DST shift).
          expect(Math.abs(back - t)).toBeLessThanOrEqual(back === t ? 0 : 3_600_000);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('parseResetDays', () => {
  it.each([
    ['Traffic will reset to 100 GB after 23 day(s)', 23],
    ['Traffic resets in 5 days', 5],
    ['流量将在23天后重置', 23],
    ['ترافیک پس از ۲۳ روز ریست می‌شود', 23],
    ['Трафик обнулится через 7 дней', 7],
    ['Traffic will reset to 100 GB after 1 day', 1],
  ])('%s', (text, days) => expect(parseResetDays(text)).toBe(days));

  it('is null when the text names no day count', () => {
    expect(parseResetDays('Traffic reset is not enabled')).toBeNull();
    expect(parseResetDays('')).toBeNull();
    expect(parseResetDays(null)).toBeNull();
  });
});

describe('statuses', () => {
  it.each([
    ['Active', 'active'],
    ['正常', 'active'],
    ['有效', 'active'],
    ['فعال', 'active'],
    ['Активен', 'active'],
    ['Expired', 'expired'],
    ['已过期', 'expired'],
    ['منقضی شده', 'expired'],
    ['Истек', 'expired'],
    ['Истёк', 'expired'],
    ['Suspended', 'suspended'],
    ['暂停', 'suspended'],
    ['غیرفعال', 'suspended'],
    ['غیر فعال', 'suspended'],
    ['معلق', 'suspended'],
    ['Приостановлен', 'suspended'],
    ['Mystery', 'unknown'],
    ['', 'unknown'],
  ])('service %s -> %s', (label, status) =>
    expect(normalizeServiceStatus(label)).toEqual({ status, statusLabel: label }),
  );

  it.each([
    ['Paid', 'paid'],
    ['Pending', 'pending'],
    ['Unpaid', 'pending'],
    ['Expired', 'expired'],
    ['Cancelled', 'cancelled'],
    ['Canceled', 'cancelled'],
    ['已支付', 'paid'],
    ['待支付', 'pending'],
    ['پرداخت شده', 'paid'],
    ['در انتظار پرداخت', 'pending'],
    ['Оплачен', 'paid'],
    ['Отменен', 'cancelled'],
    ['???', 'unknown'],
  ])('invoice %s -> %s', (label, status) =>
    expect(normalizeInvoiceStatus(label)).toEqual({ status, statusLabel: label }),
  );
});

describe('seed answers into domain types', () => {
  it('account/info', () => {
    const parsed = accountInfoSchema.parse(seed.accountInfo);
    expect(normalizeAccount(parsed.data)).toEqual({
      id: 1,
      username: 'Admin',
      email: 'admin@xyz.com',
      balance: { amount: 49, currency: '$', text: '$ 49.00' },
    });
    const [service] = listOf(parsed.data.services).map((s) =>
      normalizeService(s, { timeZone: 'Asia/Shanghai' }),
    );
    expect(service).toEqual({
      id: 4,
      packageId: 1,
      packageName: 'StarterPack',
      billing: 'Quaterly',
      amount: { amount: 30, currency: '$', text: '$ 30.00' },
      paidAt: Date.UTC(2023, 7, 2, 16, 47),
      expiresAt: Date.UTC(2023, 9, 31, 16, 47),
      totalBytes: 150 * GB,
      usedBytes: 0,
      todayBytes: 0,
      ipLimit: { online: 0, limit: 2 },
      speedLimit: '100 Mb/s',
      serverGroup: 'VIP',
      recentOnline: null,
      status: 'active',
      statusLabel: 'Active',
      resetText: 'Traffic will reset to 100 GB after 23 day(s)',
      resetInDays: 23,
      sublink: 'https://xyz.com/link/LpYnkaUyEsshJTyYMaOA2b8ll5DYag1U',
    });
  });

  it('service/info with servers, and the drifted variant (strings, localized status, recent_online)', () => {
    const parsed = serviceInfoSchema.parse(seed.serviceInfo);
    const service = normalizeService(parsed, utc);
    expect(service).toMatchObject({ id: 4, status: 'active', billing: 'quater', totalBytes: 150 * GB });
    const servers = listOf(parsed.servers).map(normalizeServer);
    expect(servers).toHaveLength(1);
    expect(servers[0]).toMatchObject({
      type: 'vless',
      address: 'google.com',
      port: 443,
      security: 'reality',
    });
    expect(servers[0]?.fields).toMatchObject({
      publickey: '7xhH4b_VkliBxGulljcyPOH-bYUA2dl-XAdZAsfhk04',
      allowinsecure: false,
    });
    expect(servers[0]?.uri.startsWith('vless://')).toBe(true);

    const drifted = serviceInfoSchema.parse({
      ...seed.serviceInfo,
      code: '100',
      sid: '4',
      userid: '1',
      status: 'فعال',
      recent_online: '1.2.3.4',
      servers: { 0: { ...seed.serviceInfo.servers[0], port: '443' } },
    });
    expect(normalizeService(drifted, utc)).toMatchObject({
      id: 4,
      status: 'active',
      statusLabel: 'فعال',
      recentOnline: '1.2.3.4',
    });
    expect(listOf(drifted.servers).map(normalizeServer)[0]?.port).toBe(443);
  });

  it('pseudo-servers from sublinks are recognised', () => {
    expect(isPseudoServer({ remark: 'Total: 150G Used: 3G', address: '127.0.0.1', port: 1 })).toBe(true);
    expect(isPseudoServer({ remark: 'Expire: 2026-01-01', address: '127.0.0.1', port: 1 })).toBe(true);
    expect(isPseudoServer({ remark: '🇺🇸 Test', address: 'google.com', port: 443 })).toBe(false);
  });

  it('packages, traffic packages and package/info', () => {
    const full = listOf(packagesSchema.parse(seed.packages).packages).map((p) => normalizePackage(p, 'full'));
    expect(full[0]).toEqual({
      id: 1,
      name: 'StarterPack',
      kind: 'full',
      trafficBytes: 100 * GB,
      description: '',
      ipLimit: 2,
      speedLimit: '100 Mb/s',
      serverGroup: 'VIP',
      trafficReset: true,
      stock: 79,
      prices: [
        { cycle: 'month', price: { amount: 10, currency: '$', text: '$ 10.00' } },
        { cycle: 'quater', price: { amount: 30, currency: '$', text: '$ 30.00' } },
        { cycle: 'semiannual', price: { amount: 6, currency: '$', text: '$ 6.00' } },
        { cycle: 'annual', price: { amount: 120, currency: '$', text: '$ 120.00' } },
      ],
      sort: 0,
    });
    const traffic = listOf(packagesSchema.parse(seed.trafficPackages).packages).map((p) =>
      normalizePackage(p, 'traffic'),
    );
    expect(traffic[0]).toMatchObject({
      id: 2,
      kind: 'traffic',
      trafficBytes: 50 * GB,
      ipLimit: null,
      stock: 104,
    });
    expect(traffic[0]?.prices).toEqual([
      { cycle: 'topup_traffic', price: { amount: 5, currency: '$', text: '$ 5.00' } },
    ]);

    const info = packageInfoSchema.parse({
      ...seed.packageInfo,
      package: {
        ...seed.packageInfo.package,
        enable_stock: '0',
        billing: { ...seed.packageInfo.package.billing, semiannual: { status: 'off', price: '6.00' } },
      },
    });
    const pkg = normalizePackage(info.package, 'full');
    expect(pkg).toMatchObject({
      id: 1,
      kind: 'full',
      speedLimit: '100 Mb/s',
      serverGroup: '1',
      trafficReset: true,
      stock: null,
    });
    expect(pkg.prices.map((p) => p.cycle)).toEqual(['month', 'quater', 'annual']);
    expect(pkg.prices[0]?.price).toEqual({ amount: 10, currency: '', text: '10.00' });
  });

  it('gateways as one object, as an array and keyed by id', () => {
    const one = gatewayList(gatewaysSchema.parse(seed.gateways).gateways).map(normalizeGateway);
    expect(one).toEqual([
      { id: 2, gateway: 'USDTTRC20', name: 'USDT TRC20', currency: 'USD', feePercent: 0, feeFixed: 0 },
    ]);
    const array = gatewayList(
      gatewaysSchema.parse({
        gateways: [seed.gateways.gateways, { ...seed.gateways.gateways, id: '3', fee_percent: 1.5 }],
      }).gateways,
    );
    expect(array.map(normalizeGateway).map((g) => [g.id, g.feePercent])).toEqual([
      [2, 0],
      [3, 1.5],
    ]);
    const keyed = gatewayList(
      gatewaysSchema.parse({
        gateways: { 2: seed.gateways.gateways, 5: { ...seed.gateways.gateways, id: 5 } },
      }).gateways,
    );
    expect(keyed.map((g) => normalizeGateway(g).id)).toEqual([2, 5]);
    expect(gatewayList(gatewaysSchema.parse({ gateways: [] }).gateways)).toEqual([]);
  });

  it('invoices and invoice/view with drifting types', () => {
    const list = listOf(invoicesSchema.parse(seed.invoices).invoices).map((i) => normalizeInvoice(i, utc));
    expect(list[0]).toEqual({
      id: 1,
      invoiceId: '5EGFZSVJA1JMA1S6NE0T',
      createdAt: Date.UTC(2023, 7, 3, 0, 46),
      currency: 'USD',
      amount: 30,
      packageId: 1,
      packageName: 'StarterPack',
      discount: 0,
      status: 'paid',
      statusLabel: 'Paid',
      quantity: 1,
      billing: 'quater',
      serviceId: null,
      paidAt: Date.UTC(2023, 7, 3, 0, 47),
    });
    expect(list[1]?.serviceId).toBe(4);
    const view = normalizeInvoice(invoiceViewSchema.parse(seed.invoiceView).invoice, utc);
    expect(view).toMatchObject({ status: 'pending', discount: 0, paidAt: null, amount: 15, serviceId: null });
  });

  it('payment data of every kind', () => {
    const pay = normalizePayment(paymentSchema.parse(seed.invoicePay), 'X', { timeZone: 'Asia/Shanghai' });
    expect(pay).toEqual({
      id: 1,
      invoiceId: '5EGFZSVJA1JMA1S6NE0T',
      createdAt: 1691865274000,
      amount: { amount: 509.07, currency: '¥', text: '¥ 509.07' },
      total: '509.07',
      gateway: 'VWechatPay',
      data: 'wxp://vvvvjj5u5iiieettyhhhghjjkkkkjkklklk',
      dataKind: 'uri',
      qrcode: '',
      expiresAt: 1691865574000,
      invoiceUrl: '',
    });
    expect(paymentData('https://pay.example/checkout/1')).toEqual({
      data: 'https://pay.example/checkout/1',
      dataKind: 'https',
    });
    expect(paymentData('TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE')).toEqual({
      data: 'TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE',
      dataKind: 'text',
    });
    expect(paymentData({ address: 'TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE', amount: '5.00' })).toEqual({
      data: 'TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE',
      dataKind: 'text',
    });
    expect(paymentData({ object: 'payment_intent', client_secret: 'pi_1_secret_2' })).toEqual({
      data: '',
      dataKind: 'object',
    });
    expect(paymentData('')).toEqual({ data: '', dataKind: 'empty' });
    expect(paymentData({})).toEqual({ data: '', dataKind: 'empty' });
    expect(paymentData(null)).toEqual({ data: '', dataKind: 'empty' });
  });
});
