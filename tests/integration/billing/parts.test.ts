// Billing's parts load on their own, through the router against the simulator: full and traffic
// packages apart (traffic answering HTTP 500 with an HTML page leaves the plans), a failing gateway
// list never stops an invoice from being created and kept, and invoices never need the store.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startPanelSim, type PanelSim } from '../../../tools/panel-sim/index';
import type { BillingStore, InvoiceCreated } from '../../../src/shared/contract';
import type { Gateway, Invoice } from '../../../src/shared/domain';
import { makeCoreRig, signInDemo, type CoreRig } from '../../support/core-rig';
import { expectErr, expectOk } from '../../support/expect';

let sim: PanelSim;
let rig: CoreRig;

beforeAll(async () => {
  sim = await startPanelSim();
  rig = await makeCoreRig({ memory: true });
  await signInDemo(rig, sim);
});

afterEach(() => {
  sim.admin.clearFaults();
  expect(rig.internalErrors).toEqual([]);
});

afterAll(async () => {
  await rig.dispose();
  await sim.close();
});

describe('billing parts', () => {
  it('traffic packages failing with an HTML 500 leave the full packages, with the failure said', async () => {
    sim.admin.setFault('/api/client/packages/traffic', { kind: 'http500' });
    const store = expectOk(await rig.call<BillingStore>('billing.store'));
    expect(store.packages.map((p) => p.name)).toEqual(['StarterPack', 'Pro 200', 'Family 500']);
    expect(store.packagesError).toBeNull();
    expect(store.traffic).toEqual([]);
    expect(store.trafficError).toMatchObject({ kind: 'http', status: 500 });
    expect(store.trafficError?.message).not.toMatch(/<html|<\/h1>/i);
  });

  it("full packages refused by the panel leave the traffic packages, with the panel's words", async () => {
    sim.admin.setFault('/api/client/packages', { kind: 'http502' });
    const store = expectOk(await rig.call<BillingStore>('billing.store'));
    expect(store.packagesError).toMatchObject({ kind: 'http', status: 502 });
    expect(store.traffic.map((p) => p.name)).toEqual(['TOP50', 'TOP200']);
  });

  it('a failing gateway list: the invoice is still created, kept, and listed; gateways recover', async () => {
    sim.admin.setFault('/api/client/gateways', { kind: 'http500' });
    const gateways = await rig.call<Gateway[]>('billing.gateways');
    expect(expectErr(gateways)).toMatchObject({ kind: 'http', status: 500 });
    const created = expectOk(
      await rig.call<InvoiceCreated>('billing.buy', {
        packageId: 1,
        cycle: 'month',
        coupon: '',
        qty: 1,
      }),
    );
    const invoices = expectOk(await rig.call<Invoice[]>('invoices.list'));
    expect(invoices.find((i) => i.invoiceId === created.invoiceId)?.status).toBe('pending');
    sim.admin.clearFaults();
    const again = await rig.call<Gateway[]>('billing.gateways');
    expect(expectOk(again).length).toBe(2);
  });

  it('invoices load while both store lists fail, and the store while invoices fail', async () => {
    sim.admin.setFault('/api/client/packages', { kind: 'http500' });
    sim.admin.setFault('/api/client/packages/traffic', { kind: 'http500' });
    const invoices = await rig.call<Invoice[]>('invoices.list');
    expect(expectOk(invoices).length).toBeGreaterThan(0);
    sim.admin.clearFaults();
    sim.admin.setFault('/api/client/invoices', { kind: 'http500' });
    const store = await rig.call<BillingStore>('billing.store');
    expect(expectOk(store).packages.length).toBe(3);
  });
});
