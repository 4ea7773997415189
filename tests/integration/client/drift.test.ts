// Every field drift of docs/panel-variants.md as a simulator mode (tools/panel-sim/drift.ts), read
// through the core's panel session: the same account, services, store, invoices and payments as the
// documented shapes give, or, where the drift carries other values, those values read right.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LIFETIME_SERVICE_ID, PANEL_QR_PNG } from '../../../tools/panel-sim/drift';
import type { DriftKind } from '../../../tools/panel-sim/drift';
import type { Gateway, Invoice, Package, Snapshot } from '../../../src/shared/domain';
import type { Rig } from './helpers';
import { startRig } from './helpers';
import { expectOk } from '../../support/expect';

let rig: Rig;
let baseline: {
  snapshot: Snapshot;
  packages: Package[];
  traffic: Package[];
  gateways: Gateway[];
  invoices: Invoice[];
};

const strip = (s: Snapshot) => ({ ...s, fetchedAt: 0 });
async function readAll() {
  return {
    snapshot: expectOk(await rig.session.snapshot('p', { previous: null, servers: 'all' })),
    packages: expectOk(await rig.session.packages()),
    traffic: expectOk(await rig.session.trafficPackages()),
    gateways: expectOk(await rig.session.gateways()),
    invoices: expectOk(await rig.session.invoices()),
  };
}

beforeAll(async () => {
  rig = await startRig();
  baseline = await readAll();
});
afterEach(() => {
  rig.sim.admin.clearFaults();
  // A fresh token and service list each time: drift on '*' reaches the token answer too.
  rig.session.reset();
});
afterAll(() => rig.close());

describe('drift that only changes the shape reads exactly like the documented answers', () => {
  const sameData: DriftKind[] = [
    'noCode',
    'statusMisspelled',
    'altIdNames',
    'listsUnderData',
    'datesWithSeconds',
    'sublinkRenamed',
  ];

  it.each(sameData)('%s on every endpoint', async (kind) => {
    rig.sim.admin.setFault('*', { kind });
    const drifted = await readAll();
    expect(strip(drifted.snapshot)).toEqual(strip(baseline.snapshot));
    expect(drifted.packages).toEqual(baseline.packages);
    expect(drifted.traffic).toEqual(baseline.traffic);
    expect(drifted.gateways).toEqual(baseline.gateways);
    expect(drifted.invoices).toEqual(baseline.invoices);
  });

  it('altIdNames: a new invoice id under data.invoice_id is the id to pay', async () => {
    rig.sim.admin.setFault('*', { kind: 'altIdNames' });
    const created = expectOk(await rig.session.serviceRenew(4));
    expect(created.invoiceId).toMatch(/^[A-Z0-9]{20}$/);
    expect(rig.sim.admin.invoice(created.invoiceId)?.status).toBe('Pending');
    const paid = expectOk(await rig.session.invoicePay(created.invoiceId, 1));
    expect(paid.invoiceId).toBe(created.invoiceId);
  });

  it('singleObjects: a list sent as one object is a list of that one', async () => {
    rig.sim.admin.setFault('*', { kind: 'singleObjects' });
    const drifted = await readAll();
    expect(drifted.packages).toEqual(baseline.packages.slice(0, 1));
    expect(drifted.gateways).toEqual(baseline.gateways.slice(0, 1));
    expect(drifted.invoices).toEqual(baseline.invoices.slice(0, 1));
    for (const [id, servers] of Object.entries(drifted.snapshot.servers)) {
      expect(servers, id).toEqual(baseline.snapshot.servers[id]?.slice(0, 1));
    }
  });
});

describe('drift that carries other values', () => {
  it('billingJsonText: cells decoded, prices as listed, an off cycle not offered', async () => {
    rig.sim.admin.setFault('*', { kind: 'billingJsonText' });
    const packages = expectOk(await rig.session.packages());
    const cycles = (list: Package[]) => list.map((p) => p.prices.map((c) => [c.cycle, c.price.amount]));
    expect(cycles(packages)).toEqual(cycles(baseline.packages));
    expect(packages.flatMap((p) => p.prices).some((c) => c.price.amount === 999)).toBe(false);
    expect(cycles(expectOk(await rig.session.trafficPackages()))).toEqual(cycles(baseline.traffic));
  });

  it('paymentImage: the panel QR picture is the payment', async () => {
    rig.sim.admin.setFault('/api/client/invoice/pay', { kind: 'paymentImage' });
    const created = expectOk(await rig.session.serviceRenew(4));
    const paid = expectOk(await rig.session.invoicePay(created.invoiceId, 1));
    expect(paid).toMatchObject({ dataKind: 'image', data: '', qrcode: PANEL_QR_PNG });
  });

  it('paymentObject: no JSON to scan or show, the invoice page on the panel instead', async () => {
    rig.sim.admin.setFault('/api/client/invoice/pay', { kind: 'paymentObject' });
    const created = expectOk(await rig.session.serviceRenew(4));
    const paid = expectOk(await rig.session.invoicePay(created.invoiceId, 2));
    expect(paid).toMatchObject({ dataKind: 'object', data: '' });
    expect(paid.invoiceUrl).toBe(`${rig.sim.url}/portal/${created.invoiceId}/invoice`);
    expect(JSON.stringify(paid)).not.toContain('secret');
  });

  it('lifetimePlan: no expiry and no traffic total for that plan, the others unchanged', async () => {
    rig.sim.admin.setFault('*', { kind: 'lifetimePlan' });
    const snapshot = expectOk(await rig.session.snapshot('p', { previous: null, servers: 'all' }));
    const lifetime = snapshot.services.find((s) => s.id === LIFETIME_SERVICE_ID);
    const before = baseline.snapshot.services.find((s) => s.id === LIFETIME_SERVICE_ID);
    expect(lifetime).toMatchObject({ expiresAt: null, totalBytes: 0, usedBytes: before?.usedBytes });
    expect(snapshot.services.filter((s) => s.id !== LIFETIME_SERVICE_ID)).toEqual(
      baseline.snapshot.services.filter((s) => s.id !== LIFETIME_SERVICE_ID),
    );
  });

  it('moneyThousands: a Toman balance with thousands separators', async () => {
    rig.sim.admin.setFault('/api/client/account/info', { kind: 'moneyThousands' });
    const snapshot = expectOk(await rig.session.snapshot('p'));
    const dollars = baseline.snapshot.account?.balance.amount ?? Number.NaN;
    expect(snapshot.account?.balance).toMatchObject({ amount: dollars * 10_000, currency: 'تومان' });
  });
});
