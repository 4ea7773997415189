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
    const created = expectOk(await rig.session.serviceRenew(4));
    rig.sim.admin.setFault('/api/client/invoice/pay', { kind: 'empty200' });
    const r = await rig.session.invoicePay(created.invoiceId, 1);
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
    const baseline = expectOk(await rig.session.snapshot('p'));
    const baseGateways = expectOk(await rig.session.gateways());
    const basePackages = expectOk(await rig.session.packages());
    const strip = (s: typeof baseline) => ({ ...s, fetchedAt: 0 });

    for (const kind of ['phpWarning', 'numericStrings'] as const) {
      rig.sim.admin.setFault('*', { kind });
      expect(strip(expectOk(await rig.session.snapshot('p'))), kind).toEqual(strip(baseline));
      expect(expectOk(await rig.session.gateways()), kind).toEqual(baseGateways);
      expect(expectOk(await rig.session.packages()), kind).toEqual(basePackages);
      rig.sim.admin.clearFaults();
    }

    for (const kind of ['gatewaysObject', 'gatewaysArray'] as const) {
      rig.sim.admin.setFault('/api/client/gateways', { kind });
      expect(expectOk(await rig.session.gateways())[0], kind).toEqual(baseGateways[0]);
    }

    rig.sim.admin.setFault('*', { kind: 'localizedStatus' });
    const localized = expectOk(await rig.session.snapshot('p'));
    expect(localized.services[0]).toMatchObject({ status: 'active', statusLabel: 'فعال' });
    const detail = await rig.session.serviceInfo(localized.services[0]?.id ?? 4);
    expect(expectOk(detail).service).toMatchObject({ status: 'active', statusLabel: 'فعال' });
  });

  it('a slow endpoint (within the timeouts) answers as it does without the delay', async () => {
    const prompt = expectOk(await rig.session.gateways());
    // The simulator's latency is real time here: the session's own timeouts must let it through.
    rig.sim.admin.setFault('/api/client/gateways', { latencyMs: 300 });
    expect(expectOk(await rig.session.gateways())).toEqual(prompt);
  });
});
