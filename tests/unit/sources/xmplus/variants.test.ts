// Field variants of real panels (docs/panel-variants.md), one block per family: each is read into the
// same domain values as the documented shape.
import { describe, expect, it } from 'vitest';
import {
  gatewayList,
  listOf,
  normalizeInvoice,
  normalizePackage,
  normalizePayment,
  normalizeService,
  parseExpiry,
  parseMoney,
  parsePanelDate,
  parseTrafficTotal,
} from '../../../../src/main/sources/xmplus/normalize';
import { parseResponse } from '../../../../src/main/sources/xmplus/parse';
import {
  accountInfoSchema,
  gatewaysSchema,
  invoiceCreatedSchema,
  invoicesSchema,
  invoiceViewSchema,
  packageInfoSchema,
  packagesSchema,
  paymentSchema,
  serviceInfoSchema,
} from '../../../../src/main/sources/xmplus/schemas';
import * as seed from './fixtures';
import { expectErr, expectOk } from '../../../support/expect';

const GB = 1024 ** 3;
const NOW = Date.UTC(2026, 11, 1, 12, 0);
const ctx = { timeZone: 'UTC', now: () => NOW };

describe('unlimited and lifetime plans', () => {
  it('an expiry that never comes is no expiry: words, 32-bit end of time, decades away', () => {
    for (const never of [
      'Never',
      'lifetime',
      '永久',
      'نامحدود',
      'Бессрочно',
      '∞',
      '-1',
      '',
      '0000-00-00 00:00',
    ]) {
      expect(parseExpiry(never, ctx), never).toBeNull();
    }
    expect(parseExpiry('2038-01-19 03:14:07', ctx)).toBeNull();
    expect(parseExpiry(2_147_483_647, ctx)).toBeNull();
    // The older client API's example account expires in 2220 (xcode75/XMPlusDocs usage/api.md).
    expect(parseExpiry('2220-04-15 08:18:51', ctx)).toBeNull();
    expect(parseExpiry('2099-12-31 23:59', ctx)).toBeNull();
    expect(parseExpiry('2035-12-01 12:00', ctx)).toBe(Date.UTC(2035, 11, 1, 12, 0));
    expect(parseExpiry('2027-03-01 00:47', ctx)).toBe(Date.UTC(2027, 2, 1, 0, 47));
  });

  it('a traffic total of zero, missing, negative or "Unlimited" is no total', () => {
    for (const none of [
      '0 B',
      '',
      null,
      undefined,
      'Unlimited',
      '∞',
      '不限',
      'نامحدود',
      'Безлимит',
      -1,
      '-1',
    ]) {
      expect(parseTrafficTotal(none), String(none)).toBe(0);
    }
    expect(parseTrafficTotal('150 GB')).toBe(150 * GB);
  });

  it('account/info of a lifetime plan: no expiry, no total, usage kept', () => {
    const raw = structuredClone(seed.accountInfo);
    const service = raw.data.services[0]!;
    Object.assign(service, { expire_date: '2099-12-31 00:00', traffic: 'Unlimited', used_traffic: '4.5 TB' });
    const parsed = accountInfoSchema.parse(raw);
    const services = parsed.data.services;
    const first = Array.isArray(services) ? services[0] : undefined;
    const normalized = normalizeService(first!, ctx);
    expect(normalized).toMatchObject({
      expiresAt: null,
      totalBytes: 0,
      usedBytes: Math.round(4.5 * 1024 * GB),
    });
  });
});

const answer = (json: unknown, endpoint = 'account/info') =>
  parseResponse({ status: 200, text: JSON.stringify(json), headers: {} } as never, {
    host: 'panel',
    endpoint,
  });

describe('success markers and status words', () => {
  it('code 100 decides, whatever status says ("sucess", a service status)', () => {
    expectOk(answer({ status: 'sucess', code: 100, message: 'ok' }));
    expectOk(answer({ status: 'فعال', code: '100', sid: 4 }, 'service/info'));
    expectErr(answer({ status: 'success', code: 208, message: 'Service not found' }));
  });

  it('without a code: ret 1 (the older client API) or a success word, never a service status', () => {
    expectOk(answer({ ret: 1, status: 'success', data: { token: 't' } }, 'token'));
    expectOk(answer({ status: 'sucess', message: 'Verfication code was sent' }, 'register/sendcode'));
    expectErr(answer({ status: 'Active', sid: 4 }, 'service/info'));
    expectErr(answer({ status: 'success', sid: 4 }, 'service/info'));
    expectErr(answer({ status: 'error', message: 'Wrong password' }));
  });
});

describe('ids as numbers or strings, under alternate names', () => {
  const base = seed.accountInfo.data.services[0]!;
  const { sid: _sid, ...noSid } = base;

  it('the service id: sid, serviceid, service_id or id, number or string', () => {
    for (const variant of [{ sid: '4' }, { serviceid: 4 }, { service_id: '4' }, { id: 4 }]) {
      const raw = accountInfoSchema.parse({
        code: 100,
        data: { ...seed.accountInfo.data, services: [{ ...noSid, ...variant }] },
      });
      expect(
        listOf(raw.data.services).map((s) => normalizeService(s, ctx).id),
        JSON.stringify(variant),
      ).toEqual([4]);
    }
    const info = serviceInfoSchema.parse({ code: 100, data: { ...noSid, service_id: '4', servers: [] } });
    expect(normalizeService(info, ctx).id).toBe(4);
  });

  it('the invoice id: invioce_id, invoice_id, invid, inv_id; its service id: serviceid, service_id, sid', () => {
    const one = seed.invoices.invoices[1]!;
    const { invioce_id: code, serviceid: _s, ...rest } = one;
    for (const [idName, serviceName] of [
      ['invioce_id', 'serviceid'],
      ['invoice_id', 'service_id'],
      ['invid', 'sid'],
      ['inv_id', 'serviceid'],
    ] as const) {
      const raw = invoicesSchema.parse({
        code: 100,
        invoices: [{ ...rest, [idName]: code, [serviceName]: 4 }],
      });
      const invoice = normalizeInvoice(listOf(raw.invoices)[0]!, ctx);
      expect([invoice.invoiceId, invoice.serviceId], idName).toEqual([code, 4]);
    }
  });

  it('invoice/create: invid at the top, under data, or spelled invoice_id', () => {
    for (const variant of [
      { invid: 'AB12' },
      { invoice_id: 'AB12' },
      { data: { invid: 'AB12' } },
      { data: { invoice_id: 'AB12' } },
      { invid: 1234 },
    ]) {
      const parsed = invoiceCreatedSchema.parse({ code: 100, message: 'Invoice Created', ...variant });
      expect(String(parsed.invid), JSON.stringify(variant)).toMatch(/^(AB12|1234)$/);
    }
  });
});

describe('list payloads: under their key, under data, or a single object', () => {
  it('packages', () => {
    const list = seed.packages.packages;
    const names = (json: unknown) => listOf(packagesSchema.parse(json).packages).map((p) => p.name);
    expect(names({ code: 100, packages: list })).toEqual(['StarterPack', '100']);
    expect(names({ code: 100, data: list })).toEqual(['StarterPack', '100']);
    expect(names({ code: 100, data: { packages: list } })).toEqual(['StarterPack', '100']);
    expect(names({ code: 100, packages: list[0] })).toEqual(['StarterPack']);
    expect(names({ code: 100, packages: { 1: list[0], 3: list[1] } })).toEqual(['StarterPack', '100']);
    expect(names({ code: 100, packages: [] })).toEqual([]);
  });

  it('gateways', () => {
    const one = seed.gateways.gateways;
    const ids = (json: unknown) => gatewayList(gatewaysSchema.parse(json).gateways).map((g) => g.id);
    expect(ids({ code: 100, gateways: one })).toEqual([2]);
    expect(ids({ code: 100, gateways: [one, { ...one, id: 3 }] })).toEqual([2, 3]);
    expect(ids({ code: 100, data: [one] })).toEqual([2]);
    expect(ids({ code: 100, data: one })).toEqual([2]);
  });

  it('invoices, and invoice/view under data', () => {
    const list = seed.invoices.invoices;
    const codes = (json: unknown) => listOf(invoicesSchema.parse(json).invoices).map((i) => i.invioce_id);
    expect(codes({ code: 100, data: list })).toEqual(['5EGFZSVJA1JMA1S6NE0T', 'NMTSSHOPFYDBCJT37NM6']);
    expect(codes({ code: 100, invoices: list[0] })).toEqual(['5EGFZSVJA1JMA1S6NE0T']);
    expect(invoiceViewSchema.parse({ code: 100, data: seed.invoiceView.invoice }).invoice.invioce_id).toBe(
      '5EGFZSVJA1JMA1S6NE0T',
    );
  });

  it('package/info under data, service/info under data or service', () => {
    expect(packageInfoSchema.parse({ code: 100, data: seed.packageInfo.package }).package.name).toBe(
      'StarterPack',
    );
    const { code: _c, ...service } = seed.serviceInfo;
    for (const wrapper of ['data', 'service']) {
      const parsed = serviceInfoSchema.parse({ code: 100, [wrapper]: service });
      expect(normalizeService(parsed, ctx).id, wrapper).toBe(4);
    }
  });

  it('servers: a list, an object keyed by index, or one server', () => {
    const server = seed.serviceInfo.servers[0]!;
    const count = (servers: unknown) =>
      listOf(serviceInfoSchema.parse({ ...seed.serviceInfo, servers }).servers).length;
    expect(count([server, server])).toBe(2);
    expect(count({ 0: server, 1: server })).toBe(2);
    expect(count(server)).toBe(1);
  });
});

describe('package billing cells', () => {
  const cycles = (billing: unknown) =>
    normalizePackage(
      listOf(
        packagesSchema.parse({ code: 100, packages: [{ ...seed.packages.packages[0], billing }] }).packages,
      )[0]!,
      'full',
    ).prices.map((p) => [p.cycle, p.price.amount]);

  it('a price string, an object, or that object as JSON text', () => {
    expect(cycles({ month: '$ 10.00 ', quater: '$ 30.00 ' })).toEqual([
      ['month', 10],
      ['quater', 30],
    ]);
    expect(
      cycles({ month: { status: 'on', price: '10.00' }, annual: { status: 1, price: 120, days: 365 } }),
    ).toEqual([
      ['month', 10],
      ['annual', 120],
    ]);
    // V2rayMarket app/Support/XmplusCatalog.php formatBillingValue decodes such cells.
    expect(cycles({ month: '{"status":"on","price":"1500000","days":30}' })).toEqual([['month', 1_500_000]]);
  });

  it('a cycle whose status is off is not offered, in any encoding', () => {
    expect(
      cycles({
        month: { status: 'off', price: '10.00' },
        quater: '{"status":"off","price":"30.00"}',
        semiannual: { status: 0, price: '6.00' },
        annual: { status: 'on', price: '120.00' },
      }),
    ).toEqual([['annual', 120]]);
  });

  it('prices come from the cell, never out of JSON text', () => {
    // Broken JSON or JSON without a price is not a price, though the text holds digits.
    expect(cycles({ month: '{"status":"on","price":', quater: '{"status":"on","days":90}' })).toEqual([]);
    expect(cycles('{"month":{"status":"on","price":"10.00"}}')).toEqual([['month', 10]]);
  });
});

describe('payment data', () => {
  const pay = (fields: Record<string, unknown>) =>
    normalizePayment(paymentSchema.parse({ ...seed.invoicePay, ...fields }), 'INV1', {
      ...ctx,
      panelBase: 'https://panel.example',
    });
  const png =
    'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

  it('a payment URI, an https checkout URL and a wallet address are what the QR code holds', () => {
    expect(pay({}).dataKind).toBe('uri');
    expect(pay({ data: 'https://checkout.example/pay/1' })).toMatchObject({
      dataKind: 'https',
      data: 'https://checkout.example/pay/1',
    });
    expect(pay({ data: 'TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE' })).toMatchObject({ dataKind: 'text' });
  });

  it("a data: image in qrcode is the panel's own QR picture, kept as given", () => {
    expect(pay({ data: '', qrcode: png })).toMatchObject({ dataKind: 'image', data: '', qrcode: png });
    expect(pay({ data: png, qrcode: '' })).toMatchObject({ dataKind: 'image', qrcode: png });
    // Anything else in qrcode (a remote URL, markup) is not shown.
    expect(pay({ qrcode: 'https://tracker.example/q.png' }).qrcode).toBe('');
    expect(pay({ qrcode: 'data:image/svg+xml;base64,PHN2Zz4=' }).qrcode).toBe('');
  });

  it("an object (a card processor's payment intent) is never JSON to scan: the invoice page instead", () => {
    // V2rayMarket app/Support/XmplusGatewayTelegram.php: Stripe answers with a payment_intent object.
    const intent = pay({ data: { object: 'payment_intent', id: 'pi_1', client_secret: 'pi_1_secret_x' } });
    expect(intent).toMatchObject({ dataKind: 'object', data: '' });
    expect(intent.invoiceUrl).toBe('https://panel.example/portal/5EGFZSVJA1JMA1S6NE0T/invoice');
    expect(JSON.stringify(intent)).not.toContain('secret');
    const asText = pay({
      data: JSON.stringify({ object: 'payment_intent', client_secret: 'pi_2_secret_y' }),
    });
    expect(asText).toMatchObject({ dataKind: 'object', data: '' });
    // An object with its own https page is paid there.
    expect(pay({ data: { object: 'checkout.session', url: 'https://checkout.example/c/1' } })).toMatchObject({
      dataKind: 'https',
      data: 'https://checkout.example/c/1',
    });
  });
});

describe('dates, the subscription link, money', () => {
  it('dates with or without seconds, or as ISO text', () => {
    expect(parsePanelDate('2023-11-01 00:47', 'UTC')).toBe(Date.UTC(2023, 10, 1, 0, 47));
    expect(parsePanelDate('2023-11-01 00:47:30', 'UTC')).toBe(Date.UTC(2023, 10, 1, 0, 47, 30));
    expect(parsePanelDate('2023-11-01T00:47:30+00:00', 'Asia/Tehran')).toBe(Date.UTC(2023, 10, 1, 0, 47, 30));
  });

  it('the subscription link under its alternate names', () => {
    const { sublink, ...rest } = seed.accountInfo.data.services[0]!;
    for (const name of ['subscription_url', 'sub_link', 'subscribe_url', 'config_link']) {
      const raw = accountInfoSchema.parse({
        code: 100,
        data: { ...seed.accountInfo.data, services: [{ ...rest, [name]: sublink }] },
      });
      expect(normalizeService(listOf(raw.data.services)[0]!, ctx).sublink, name).toBe(sublink);
    }
  });

  it('money with thousands separators', () => {
    expect(parseMoney('1,500,000 تومان')).toMatchObject({ amount: 1_500_000, currency: 'تومان' });
    expect(parseMoney('۱٬۵۰۰٬۰۰۰ تومان')).toMatchObject({ amount: 1_500_000 });
    expect(parseMoney('1.500.000 IRT')).toMatchObject({ amount: 1_500_000, currency: 'IRT' });
    expect(parseMoney('$ 1,234.50 ')).toMatchObject({ amount: 1234.5, currency: '$' });
    expect(parseMoney('1.234,50 €')).toMatchObject({ amount: 1234.5, currency: '€' });
    expect(parseMoney('1 234,50 ₽')).toMatchObject({ amount: 1234.5, currency: '₽' });
    expect(parseMoney('49,00 €')).toMatchObject({ amount: 49 });
    expect(parseMoney('$ 49.00 ')).toMatchObject({ amount: 49 });
    expect(parseMoney('¥ 509.07 ')).toMatchObject({ amount: 509.07 });
    expect(parseMoney('USD 0.00')).toMatchObject({ amount: 0, currency: 'USD' });
  });
});
