// The admin surface: in-process SimAdmin and the same operations over HTTP under /__sim/,
// answered for loopback clients only.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isLoopbackAddress, startPanelSim } from '../../../tools/panel-sim';
import type { PanelSim } from '../../../tools/panel-sim';
import { formatSize } from '../../../tools/panel-sim/format';
import { clientFor, field } from './helpers';
import type { Body } from './helpers';

let sim: PanelSim;
let api: Awaited<ReturnType<typeof clientFor>>;

beforeAll(async () => {
  sim = await startPanelSim();
  api = await clientFor(sim);
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.admin.reset();
  sim.admin.resetStats();
});

async function admin(op: string, args?: Body, method = 'POST'): Promise<{ status: number; json: Body }> {
  const res = await fetch(`${sim.url}/__sim/${op}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: method === 'GET' ? undefined : JSON.stringify(args ?? {}),
  });
  return { status: res.status, json: (await res.json()) as Body };
}

describe('admin over HTTP', () => {
  it('lists its operations', async () => {
    const res = await fetch(`${sim.url}/__sim/`);
    const ops = ((await res.json()) as { result: string[] }).result;
    expect(ops).toEqual(
      expect.arrayContaining(['markPaid', 'setUsage', 'setFault', 'state', 'emailCodes', 'reset']),
    );
  });

  it('reads email codes and reset emails', async () => {
    await api.call('register/sendcode', { name: 'x', email: 'x@example.org' });
    const codes = await admin('emailCodes?email=x%40example.org', undefined, 'GET');
    expect(codes.status).toBe(200);
    expect(field<string[]>(codes.json, 'result')).toEqual(sim.admin.emailCodes('x@example.org'));
    await api.call('account/password/reset', { email: sim.demo.email });
    expect((await admin('resetEmails', { email: sim.demo.email })).json).toEqual({ ok: true, result: 1 });
  });

  it('marks paid, sets usage and expiry, and the API reflects it', async () => {
    const before = sim.admin.state();
    const topup = before.packages.find((p) => p.id === 2);
    const service = before.services.find((s) => s.sid === 7);
    const { invid } = await api.user('service/addtraffic', { sid: 7, pid: 2 });
    expect((await admin('markPaid', { invid })).json).toEqual({ ok: true, result: null });
    // Paid: the top-up's traffic is added to the service's.
    expect(field(await api.user('service/info', { serviceid: 7 }), 'traffic')).toBe(
      formatSize((service?.trafficBytes ?? NaN) + (topup?.trafficBytes ?? NaN)),
    );

    await admin('setUsage', { sid: 7, usedBytes: 1024 ** 3, todayBytes: 1024 });
    await admin('addUsage', { sid: 7, bytes: 1024 ** 3 });
    expect(await api.user('service/info', { serviceid: 7 })).toMatchObject({
      used_traffic: '2 GB',
      today: '1 GB',
    });

    await admin('setExpiry', { sid: 7, epochMs: Date.UTC(2030, 0, 2, 3, 4) });
    expect(await api.user('service/info', { serviceid: 7 })).toMatchObject({
      expire_date: '2030-01-02 03:04',
    });
  });

  it('sets and clears faults', async () => {
    expect(
      (await admin('setFault', { endpoint: '/api/client/packages', fault: { kind: 'http502' } })).status,
    ).toBe(200);
    expect((await api.raw('packages')).status).toBe(502);
    await admin('setFault', { endpoint: '/api/client/packages', fault: null });
    expect((await api.raw('packages')).status).toBe(200);
    expect((await admin('setFault', { endpoint: '*', fault: { kind: 'nope' } })).status).toBe(400);
  });

  it('patches hostile strings into packages, services, users and messages', async () => {
    await admin('patchPackage', { id: 1, patch: { name: '<img src=x onerror=alert(1)>' } });
    expect(field(await api.call('packages'), 'packages', 0, 'name')).toBe('<img src=x onerror=alert(1)>');
    await admin('patchService', { sid: 4, patch: { recentOnline: '<script>x</script>' } });
    await admin('patchUser', { email: sim.demo.email, patch: { username: '"><b>bold' } });
    const data = field<Body>(await api.user('account/info', { serviceid: 4 }), 'data');
    expect(data.username).toBe('"><b>bold');
    expect(field(data, 'services', 0, 'recent_omline')).toBe('<script>x</script>');
    await admin('patchMessages', { patch: { invoiceCreated: '<svg onload=alert(1)>' } });
    expect((await api.user('service/renew', { sid: 4 })).message).toBe('<svg onload=alert(1)>');
  });

  it('reports errors as JSON with a status', async () => {
    expect(await admin('markPaid', { invid: 'NOPE' })).toMatchObject({ status: 404, json: { ok: false } });
    expect(await admin('markPaid', { invid: '5EGFZSVJA1JMA1S6NE0T' })).toMatchObject({ status: 409 });
    expect(await admin('setUsage', { usedBytes: 1 })).toMatchObject({ status: 400 });
    expect(await admin('noSuchOp')).toMatchObject({ status: 404 });
  });

  it('counts requests per endpoint and token requests', async () => {
    await api.call('packages');
    await api.call('packages');
    await api.user('invoices');
    const { json } = await admin('stats', undefined, 'GET');
    expect(field(json, 'result')).toEqual({
      requests: { '/api/client/packages': 2, '/api/client/invoices': 1 },
      tokenRequests: 0,
      serviceInfo: {},
    });
    await api.user('service/info', { serviceid: 7 });
    expect(sim.admin.stats().serviceInfo).toEqual({ '7': 1 });
    await admin('resetStats');
    expect(sim.admin.stats()).toEqual({ requests: {}, tokenRequests: 0, serviceInfo: {} });
  });

  it('state is a read-only snapshot; reset restores the seed', async () => {
    await admin('addCoupon', { code: 'HALF', percent: 50 });
    const state = sim.admin.state();
    expect(state.coupons.map((c) => c.code)).toContain('HALF');
    expect(() => {
      (state.users as unknown as unknown[]).push({});
    }).toThrow(TypeError);
    await admin('reset');
    expect(sim.admin.state().coupons.map((c) => c.code)).toEqual(['SAVE10']);
    const viaHttp = await admin('state', undefined, 'GET');
    expect(field<Body[]>(viaHttp.json, 'result', 'services').map((s) => s.sid)).toEqual([4, 7, 9]);
  });

  it('invoice() returns the stored invoice', async () => {
    const { invid } = await api.user('invoice/create', { pid: 1, billing: 'month', coupon: 'SAVE10' });
    expect(sim.admin.invoice(String(invid))).toMatchObject({
      purpose: 'new',
      amountCents: 900,
      discountCents: 100,
      status: 'Pending',
    });
    expect(sim.admin.invoice('NOPE')).toBeUndefined();
  });
});

describe('loopback guard', () => {
  it('accepts loopback addresses only', () => {
    for (const a of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1'])
      expect(isLoopbackAddress(a)).toBe(true);
    for (const a of ['10.0.0.1', '192.168.1.5', '::ffff:10.0.0.1', 'fe80::1', '', undefined, '128.0.0.1']) {
      expect(isLoopbackAddress(a)).toBe(false);
    }
  });
});
