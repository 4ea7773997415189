// Every one of the 16 endpoints through a panel session against the stateful simulator, in the
// flows the app runs: sign-up, password reset, buying, renewing, topping up and paying.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Rig } from './helpers';
import { startRig } from './helpers';
import { expectErr, expectOk } from '../../support/expect';

let rig: Rig;
beforeAll(async () => {
  rig = await startRig();
});
afterAll(() => rig.close());

describe('all endpoints against the simulator', () => {
  it('token (verifyKey) and account/info', async () => {
    const verified = expectOk(await rig.session.verifyKey());
    expect(verified.expiresAt).toBeGreaterThan(rig.clock.now + 23 * 3_600_000);
    const info = expectOk(await rig.session.accountInfo());
    expect(info.account.email).toBe(rig.sim.demo.email);
    expect(info.services.length).toBeGreaterThan(0);
    const first = info.services[0];
    expect(first?.status).toBe('active');
    expect(first?.totalBytes).toBeGreaterThan(0);
    const one = expectOk(await rig.session.accountInfo(first?.id));
    expect(one.account.email).toBe(rig.sim.demo.email);
    expect(rig.session.tokenRequests).toBe(1);
  });

  it('service/info for each service, with servers', async () => {
    const { services } = expectOk(await rig.session.accountInfo());
    for (const service of services) {
      const detail = expectOk(await rig.session.serviceInfo(service.id));
      expect(detail.service.id).toBe(service.id);
      expect(detail.service.usedBytes).toBe(service.usedBytes);
      expect(detail.servers.length).toBeGreaterThan(0);
      for (const server of detail.servers) expect(server.uri).toMatch(/^[a-z0-9]+:\/\//);
    }
    const missing = await rig.session.serviceInfo(99_999);
    expect(expectErr(missing)).toMatchObject({
      kind: 'panel',
      code: 208,
      message: 'Service not found.',
    });
  });

  it('packages, traffic packages, package/info, gateways', async () => {
    const full = expectOk(await rig.session.packages());
    expect(full.length).toBeGreaterThan(0);
    expect(full.every((p) => p.kind === 'full' && p.prices.length > 0)).toBe(true);
    const traffic = expectOk(await rig.session.trafficPackages());
    expect(
      traffic.every((p) => p.kind === 'traffic' && p.prices.every((x) => x.cycle === 'topup_traffic')),
    ).toBe(true);
    const info = expectOk(await rig.session.packageInfo(full[0]?.id ?? 1));
    expect(info.name).toBe(full[0]?.name);
    expect(info.prices.map((p) => p.price.amount)).toEqual(full[0]?.prices.map((p) => p.price.amount));
    const gateways = expectOk(await rig.session.gateways());
    expect(gateways.length).toBeGreaterThan(0);
    expect(gateways.every((g) => g.id > 0 && g.name)).toBe(true);
  });

  it('invoice/create -> invoices -> invoice/view -> invoice/pay -> paid', async () => {
    const pkg = expectOk(await rig.session.packages())[0];
    const cycle = pkg?.prices[0]?.cycle ?? 'month';
    const created = expectOk(await rig.session.invoiceCreate({ pid: pkg?.id ?? 1, billing: cycle, qty: 1 }));
    expect(created.invoiceId).toMatch(/^[A-Z0-9]{20}$/);
    const list = expectOk(await rig.session.invoices());
    expect(list.some((i) => i.invoiceId === created.invoiceId && i.status === 'pending')).toBe(true);
    const view = expectOk(await rig.session.invoiceView(created.invoiceId));
    expect(view).toMatchObject({ invoiceId: created.invoiceId, status: 'pending', statusLabel: 'Pending' });
    const gateway = expectOk(await rig.session.gateways())[0];
    const payment = expectOk(await rig.session.invoicePay(created.invoiceId, gateway?.id ?? 1));
    expect(payment.invoiceId).toBe(created.invoiceId);
    expect(['uri', 'https']).toContain(payment.dataKind);
    expect(payment.data.length).toBeGreaterThan(0);
    expect(payment.expiresAt).toBeGreaterThan(payment.createdAt ?? 0);
    rig.sim.admin.markPaid(created.invoiceId);
    expect(expectOk(await rig.session.invoiceView(created.invoiceId)).status).toBe('paid');
  });

  it('service/renew and service/addtraffic create invoices', async () => {
    const { services } = expectOk(await rig.session.accountInfo());
    const sid = services[0]?.id ?? 0;
    const renew = expectOk(await rig.session.serviceRenew(sid));
    expect(expectOk(await rig.session.invoiceView(renew.invoiceId)).status).toBe('pending');
    const top = expectOk(await rig.session.trafficPackages())[0];
    const added = expectOk(await rig.session.serviceAddTraffic(sid, top?.id ?? 2));
    const inv = expectOk(await rig.session.invoiceView(added.invoiceId));
    expect(inv).toMatchObject({ billing: 'topup_traffic', serviceId: sid });
  });

  it('register/sendcode -> register, and account/password/reset', async () => {
    const email = `new-${Date.now()}@example.com`;
    expectOk(await rig.session.registerSendCode({ name: 'newbie', email }));
    const code = rig.sim.admin.emailCodes(email).at(-1) ?? '';
    expect(code).toMatch(/^\d+$/);
    const wrong = await rig.session.register({ name: 'newbie', email, passwd: 'pw-123456', code: '000000x' });
    expectErr(wrong, 'panel');
    const done = expectOk(await rig.session.register({ name: 'newbie', email, passwd: 'pw-123456', code }));
    expect(done.message.length).toBeGreaterThan(0);
    const again = await rig.session.register({ name: 'newbie', email, passwd: 'pw-123456', code });
    expectErr(again, 'panel');

    expectOk(await rig.session.passwordReset(email));
    expect(rig.sim.admin.resetEmails(email)).toBe(1);
  });

  it("a wrong password is the panel's 208 message, with no secret in it", async () => {
    const { startRig: start } = await import('./helpers');
    const bad = await start(
      {},
      {
        getCredentials: async () => ({
          ok: true,
          value: { email: 'demo@example.com', password: 'Wrong-Pass-777' },
        }),
      },
    );
    try {
      const r = await bad.session.accountInfo();
      expect(expectErr(r)).toMatchObject({ kind: 'panel', code: 208 });
      expect(JSON.stringify(r)).not.toContain('Wrong-Pass-777');
      expect(JSON.stringify(r)).not.toContain(bad.sim.apiKey);
    } finally {
      await bad.close();
    }
  });
});
