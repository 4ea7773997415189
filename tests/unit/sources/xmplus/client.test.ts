// Every endpoint of the client against a small fixture server that answers with the API document's
// examples: the exact request each sends (path, headers, body) and the domain value it returns,
// plus the error paths that need a misbehaving server and the rule that no secret reaches a message.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PanelClient } from '../../../../src/main/sources/xmplus/client';
import { createPanelClient, md5Hex, readTokenTimes } from '../../../../src/main/sources/xmplus/client';
import * as seed from './fixtures';
import { expectErr, expectOk } from '../../../support/expect';

interface Seen {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

let server: Server;
let base = '';
let seen: Seen[] = [];
/** path -> [status, body text] overriding the documented answer. */
let overrides: Record<string, [number, string]> = {};

const answers: Record<string, unknown> = {
  '/panel/api/client/token': seed.tokenAnswer,
  '/panel/api/client/account/info': seed.accountInfo,
  '/panel/api/client/account/password/reset': seed.passwordReset,
  '/panel/api/client/register/sendcode': seed.registerSendCode,
  '/panel/api/client/register': seed.register,
  '/panel/api/client/packages': seed.packages,
  '/panel/api/client/packages/traffic': seed.trafficPackages,
  '/panel/api/client/package/info': seed.packageInfo,
  '/panel/api/client/invoice/create': seed.invoiceCreated,
  '/panel/api/client/service/info': seed.serviceInfo,
  '/panel/api/client/service/renew': seed.invoiceCreated,
  '/panel/api/client/service/addtraffic': seed.invoiceCreated,
  '/panel/api/client/gateways': seed.gateways,
  '/panel/api/client/invoices': seed.invoices,
  '/panel/api/client/invoice/view': seed.invoiceView,
  '/panel/api/client/invoice/pay': seed.invoicePay,
};

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const path = req.url ?? '';
      seen.push({ path, headers: req.headers, body });
      const override = overrides[path] ?? overrides['*'];
      if (override) {
        res.writeHead(override[0], { 'content-type': 'application/json' });
        res.end(override[1]);
        return;
      }
      const answer = answers[path];
      res.writeHead(answer ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer ?? { status: 'error', code: 404, message: 'Not Found' }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/panel/`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

let client: PanelClient;
beforeEach(() => {
  seen = [];
  overrides = {};
  client = expectOk(createPanelClient({ panelUrl: base, timeZone: 'UTC' }));
  return () => client.close();
});

const creds = { email: 'admin@xzy.com', password: 'Qct8FMvn23' };
const TOKEN = seed.token;

function last(): { path: string; body: unknown; auth: unknown } {
  const s = seen.at(-1);
  if (!s) throw new Error('no request');
  return {
    path: s.path,
    body: s.body ? (JSON.parse(s.body) as unknown) : undefined,
    auth: s.headers.authorization,
  };
}

describe('createPanelClient', () => {
  it('refuses bad panel URLs and unknown time zones', () => {
    expectErr(createPanelClient({ panelUrl: 'http://panel.example.com' }));
    const zone = createPanelClient({ panelUrl: base, timeZone: 'Mars/Olympus' });
    expectErr(zone, 'validation');
  });
});

describe('endpoints send the documented bodies and return domain values', () => {
  it('token: md5 of the key in xmplus-authorization, exp/iat from the JWT before "#"', async () => {
    const r = await client.fetchToken('my-client-api-key');
    const s = seen.at(-1);
    expect(s?.path).toBe('/panel/api/client/token');
    expect(s?.headers['xmplus-authorization']).toBe(md5Hex('my-client-api-key'));
    expect(s?.headers['xmplus-authorization']).toMatch(/^[0-9a-f]{32}$/);
    expect(s?.headers['user-agent']).toMatch(/^xmplus-tray\/\d+\.\d+\.\d+ \(\w+\)$/);
    expect(r).toEqual({
      ok: true,
      value: { token: TOKEN, expiresAt: 1691689444000, issuedAt: 1691604844000 },
    });
    expect(readTokenTimes('garbage')).toEqual({ expiresAt: null, issuedAt: null });
  });

  it('account/info with and without serviceid', async () => {
    const r = await client.accountInfo(TOKEN, creds);
    expect(last()).toEqual({
      path: '/panel/api/client/account/info',
      body: { email: 'admin@xzy.com', passwd: 'Qct8FMvn23' },
      auth: `Bearer ${TOKEN}`,
    });
    expect(expectOk(r).account.balance.amount).toBe(49);
    expect(expectOk(r).services.map((s) => s.id)).toEqual([4]);
    await client.accountInfo(TOKEN, creds, 4);
    expect(last().body).toEqual({ email: 'admin@xzy.com', passwd: 'Qct8FMvn23', serviceid: 4 });
  });

  it('password reset, registration code, registration', async () => {
    expect(await client.passwordReset(TOKEN, 'admin@xzy.com')).toEqual({
      ok: true,
      value: { message: seed.passwordReset.message },
    });
    expect(last()).toMatchObject({
      path: '/panel/api/client/account/password/reset',
      body: { email: 'admin@xzy.com' },
    });
    const code = await client.registerSendCode(TOKEN, { name: 'admin', email: 'admin@xzy.com' });
    expect(expectOk(code).message).toBe('Verfication code was sent to admin@xzy.com');
    expect(last()).toMatchObject({
      path: '/panel/api/client/register/sendcode',
      body: { name: 'admin', email: 'admin@xzy.com' },
    });
    const reg = await client.register(TOKEN, {
      name: 'admin',
      email: 'admin@xzy.com',
      passwd: 'password',
      aff: 'Jk45ei',
      code: '123456',
    });
    expect(expectOk(reg).message).toBe('Account successfully created.');
    expect(last()).toMatchObject({
      path: '/panel/api/client/register',
      body: { name: 'admin', email: 'admin@xzy.com', passwd: 'password', aff: 'Jk45ei', code: '123456' },
    });
  });

  it('packages, traffic packages, package info', async () => {
    const full = await client.packages(TOKEN);
    expect(last()).toEqual({ path: '/panel/api/client/packages', body: undefined, auth: `Bearer ${TOKEN}` });
    expect(expectOk(full).map((p) => [p.id, p.kind])).toEqual([
      [1, 'full'],
      [3, 'full'],
    ]);
    const traffic = await client.trafficPackages(TOKEN);
    expect(last().path).toBe('/panel/api/client/packages/traffic');
    expect(expectOk(traffic)[0]?.kind).toBe('traffic');
    const info = await client.packageInfo(TOKEN, 1);
    expect(last()).toMatchObject({ path: '/panel/api/client/package/info', body: { pid: 1 } });
    expect(expectOk(info).prices.length).toBe(4);
  });

  it('invoice/create with the quater key, numbers as numbers', async () => {
    const r = await client.invoiceCreate(TOKEN, creds, { pid: 1, billing: 'quater', coupon: '', qty: 1 });
    expect(last()).toMatchObject({
      path: '/panel/api/client/invoice/create',
      body: { email: 'admin@xzy.com', passwd: 'Qct8FMvn23', pid: 1, billing: 'quater', coupon: '', qty: 1 },
    });
    expect(r).toEqual({ ok: true, value: { invoiceId: '5EGFZSVJA1JMA1S6NE0T', message: 'Invoice Created' } });
    // "quarter" is what people type; panels answer it with HTTP 500, so it is sent as "quater".
    await client.invoiceCreate(TOKEN, creds, { pid: 1, billing: 'quarter' as 'quater' });
    expect(last().body).toMatchObject({ billing: 'quater', coupon: '', qty: 1 });
    const bad = await client.invoiceCreate(TOKEN, creds, { pid: 1, billing: 'weekly' as 'month' });
    expectErr(bad, 'validation');
    const badPid = await client.invoiceCreate(TOKEN, creds, { pid: 0, billing: 'month' });
    expectErr(badPid, 'validation');
  });

  it('service info, renew, add traffic', async () => {
    const info = await client.serviceInfo(TOKEN, creds, 4);
    expect(last()).toMatchObject({
      path: '/panel/api/client/service/info',
      body: { email: 'admin@xzy.com', passwd: 'Qct8FMvn23', serviceid: 4 },
    });
    expect(expectOk(info).servers[0]?.type).toBe('vless');
    expect(expectOk(info).service.status).toBe('active');
    const renew = await client.serviceRenew(TOKEN, creds, 4);
    expect(last()).toMatchObject({
      path: '/panel/api/client/service/renew',
      body: { email: 'admin@xzy.com', passwd: 'Qct8FMvn23', sid: 4 },
    });
    expect(expectOk(renew).invoiceId).toBe('5EGFZSVJA1JMA1S6NE0T');
    await client.serviceAddTraffic(TOKEN, creds, 4, 2);
    expect(last()).toMatchObject({ path: '/panel/api/client/service/addtraffic', body: { sid: 4, pid: 2 } });
  });

  it('gateways, invoices, invoice view, invoice pay (invid a string, gatewayid a number)', async () => {
    const gw = await client.gateways(TOKEN);
    expect(expectOk(gw).map((g) => g.id)).toEqual([2]);
    const list = await client.invoices(TOKEN, creds);
    expect(last()).toMatchObject({
      path: '/panel/api/client/invoices',
      body: { email: 'admin@xzy.com', passwd: 'Qct8FMvn23' },
    });
    expect(expectOk(list).length).toBe(2);
    const view = await client.invoiceView(TOKEN, creds, '5EGFZSVJA1JMA1S6NE0T');
    expect(last().body).toEqual({
      email: 'admin@xzy.com',
      passwd: 'Qct8FMvn23',
      invid: '5EGFZSVJA1JMA1S6NE0T',
    });
    expect(expectOk(view).status).toBe('pending');
    const pay = await client.invoicePay(TOKEN, creds, '5EGFZSVJA1JMA1S6NE0T', 1);
    expect(last().body).toEqual({
      email: 'admin@xzy.com',
      passwd: 'Qct8FMvn23',
      invid: '5EGFZSVJA1JMA1S6NE0T',
      gatewayid: 1,
    });
    expect(expectOk(pay).dataKind).toBe('uri');
  });
});

describe('errors', () => {
  it('an empty invoice/pay answer, or empty data, is a clear schema error', async () => {
    overrides['/panel/api/client/invoice/pay'] = [200, ''];
    const empty = await client.invoicePay(TOKEN, creds, 'INV1', 1);
    expect(expectErr(empty, 'schema').message).toBe(
      'The panel returned no payment data for invoice INV1. Try paying again in a moment, or choose another payment method.',
    );
    overrides['/panel/api/client/invoice/pay'] = [200, JSON.stringify({ ...seed.invoicePay, data: '' })];
    const noData = await client.invoicePay(TOKEN, creds, 'INV1', 1);
    expect(expectErr(noData).message).toMatch(/no payment data/);
  });

  it("a bad API key is auth; a wrong password (208) is the panel's message", async () => {
    overrides['/panel/api/client/token'] = [
      401,
      '{"status":"error","code":401,"message":"Invalid client API key."}',
    ];
    const key = await client.fetchToken('wrong-key-123');
    expectErr(key, 'auth');
    overrides['/panel/api/client/account/info'] = [
      200,
      '{"status":"error","code":208,"message":"Invalid email or password"}',
    ];
    const pw = await client.accountInfo(TOKEN, creds);
    expect(expectErr(pw)).toEqual({
      kind: 'panel',
      code: 208,
      message: 'Invalid email or password',
    });
  });

  it('never puts the password, API key or token in an error', async () => {
    const secrets = ['Qct8FMvn23', 'my-secret-api-key', TOKEN, md5Hex('my-secret-api-key')];
    const echo = (text: string) => JSON.stringify({ status: 'error', code: 208, message: text });
    overrides['/panel/api/client/account/info'] = [200, echo(`Wrong password Qct8FMvn23 for token ${TOKEN}`)];
    overrides['/panel/api/client/token'] = [
      200,
      echo(`bad key my-secret-api-key (${md5Hex('my-secret-api-key')})`),
    ];
    overrides['/panel/api/client/invoices'] = [500, `<html><title>Error Qct8FMvn23</title></html>`];
    overrides['/panel/api/client/service/info'] = [200, JSON.stringify({ code: 100, sid: `Qct8FMvn23` })];
    const results = [
      await client.accountInfo(TOKEN, creds),
      await client.fetchToken('my-secret-api-key'),
      await client.invoices(TOKEN, creds),
      await client.serviceInfo(TOKEN, creds, 4),
    ];
    const errors = results.map((r) => expectErr(r));
    for (const error of errors) {
      const text = JSON.stringify(error);
      for (const secret of secrets) expect(text).not.toContain(secret);
    }
    expect(errors[0]?.message).toBe('Wrong password ••• for token •••');
  });

  it('schema errors name the field, not the value', async () => {
    overrides['/panel/api/client/packages'] = [200, '{"code":100,"packages":[{"name":"no id"}]}'];
    const r = await client.packages(TOKEN);
    expect(expectErr(r, 'schema').issues?.map((i) => i.path)).toContain('packages.0.id');
  });

  it('JSON behind a PHP warning still works', async () => {
    overrides['/panel/api/client/gateways'] = [
      200,
      `<br />\n<b>Warning</b>:  Undefined variable $x in <b>/var/www/a.php</b> on line <b>3</b><br />\n${JSON.stringify(seed.gateways)}`,
    ];
    const r = await client.gateways(TOKEN);
    expect(expectOk(r)[0]?.name).toBe('USDT TRC20');
  });
});
