// Each simulator fault gives the error kind the app needs to react correctly (or, for data-shape
// drift, the same normalized data as a well-behaved panel).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FaultKind } from '../../../tools/panel-sim/index';
import type { ErrorKind } from '../../../src/shared/errors';
import type { Rig } from './helpers';
import { startRig } from './helpers';
import { expectErr, expectOk } from '../../support/expect';

let rig: Rig;
beforeAll(async () => {
  // Short timeouts so the 'hang' fault resolves quickly.
  rig = await startRig({}, { timeouts: { connectMs: 2_000, headersMs: 800, bodyMs: 800 } });
  // Warm the token so faults on '*' hit the data endpoints, not the token.
  expectOk(await rig.session.verifyKey());
});
afterEach(() => rig.sim.admin.clearFaults());
afterAll(() => rig.close());

const errorKinds: [FaultKind, ErrorKind][] = [
  ['http500', 'http'],
  ['http502', 'http'],
  ['malformedJson', 'schema'],
  ['empty200', 'schema'],
  ['reset', 'network'],
  ['hang', 'timeout'],
];

describe('simulator faults', () => {
  it.each(errorKinds)('%s on account/info -> %s', async (kind, expected) => {
    rig.sim.admin.setFault('/api/client/account/info', { kind });
    const r = await rig.session.accountInfo();
    const error = expectErr(r, expected);
    expect(error.message).toContain('127.0.0.1');
    // A fault on every endpoint fails the snapshot with the same kind.
    rig.sim.admin.setFault('*', { kind });
    const snap = await rig.session.snapshot('p');
    expectErr(snap, expected);
  });

  it('http500 and http502 carry the status and the page title', async () => {
    rig.sim.admin.setFault('/api/client/packages', { kind: 'http502' });
    const r = await rig.session.packages();
    expect(expectErr(r)).toMatchObject({ kind: 'http', status: 502, detail: '502 Bad Gateway' });
  });

  it('empty200 on invoice/pay says the panel returned no payment data', async () => {
    const created = await rig.session.serviceRenew(4);
    if (!created.ok) throw new Error(created.error.message);
    rig.sim.admin.setFault('/api/client/invoice/pay', { kind: 'empty200' });
    const r = await rig.session.invoicePay(created.value.invoiceId, 1);
    expect(expectErr(r, 'schema').message).toMatch(/no payment data .* Try paying again/);
  });

  it('a fault on the token endpoint is reported, not retried forever', async () => {
    rig.sim.admin.expireTokens();
    rig.sim.admin.setFault('/api/client/token', { kind: 'http500' });
    rig.sim.admin.resetStats();
    const r = await rig.session.packages();
    expectErr(r, 'http');
    expect(rig.sim.admin.stats().tokenRequests).toBe(1);
    rig.sim.admin.clearFaults();
    expectOk(await rig.session.packages());
  });

  it('phpWarning, numericStrings, gateways shapes and localized statuses give the normal data', async () => {
    const baseline = await rig.session.snapshot('p');
    const baseGateways = await rig.session.gateways();
    if (!baseline.ok || !baseGateways.ok) throw new Error('baseline failed');
    const strip = (s: typeof baseline.value) => ({ ...s, fetchedAt: 0 });

    for (const kind of ['phpWarning', 'numericStrings'] as const) {
      rig.sim.admin.setFault('*', { kind });
      const snap = await rig.session.snapshot('p');
      expect(snap.ok, kind).toBe(true);
      if (snap.ok) expect(strip(snap.value), kind).toEqual(strip(baseline.value));
      const gw = await rig.session.gateways();
      expect(expectOk(gw), kind).toEqual(baseGateways.value);
      const pk = await rig.session.packages();
      expect(pk.ok, kind).toBe(true);
      rig.sim.admin.clearFaults();
    }

    for (const kind of ['gatewaysObject', 'gatewaysArray'] as const) {
      rig.sim.admin.setFault('/api/client/gateways', { kind });
      const gw = await rig.session.gateways();
      expect(gw.ok, kind).toBe(true);
      if (gw.ok) expect(gw.value[0], kind).toEqual(baseGateways.value[0]);
    }

    rig.sim.admin.setFault('*', { kind: 'localizedStatus' });
    const localized = await rig.session.snapshot('p');
    expectOk(localized);
    if (!localized.ok) return;
    expect(localized.value.services[0]).toMatchObject({ status: 'active', statusLabel: 'فعال' });
    const detail = await rig.session.serviceInfo(localized.value.services[0]?.id ?? 4);
    expect(expectOk(detail).service).toMatchObject({ status: 'active', statusLabel: 'فعال' });
  });

  it('a latency fault slows one endpoint without failing it', async () => {
    rig.sim.admin.setFault('/api/client/gateways', { latencyMs: 300 });
    const started = performance.now();
    const r = await rig.session.gateways();
    expectOk(r);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });
});
