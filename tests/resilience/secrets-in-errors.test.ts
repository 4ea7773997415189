// Unit-level secrets audit over the core: drive every failure path of the resilience suite (each
// simulator fault on the refresh and billing readers, wrong password, wrong key, refused and
// throwing keychain, validation errors, unreachable panel) and collect every AppError and every
// event the core emitted. None may contain the password or the API key in any common encoding.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPanelSim, type FaultKind, type PanelSim } from '../../tools/panel-sim/index';
import type { SecretBackend } from '../../src/main/secrets';
import type { Result } from '../../src/shared/errors';
import { demoSignIn, makeCoreRig, type CoreRig, type SignInInput } from '../support/core-rig';

let sim: PanelSim;
const rigs: CoreRig[] = [];
const results: Result<unknown>[] = [];

beforeAll(async () => {
  sim = await startPanelSim();
});
afterAll(async () => {
  for (const rig of rigs) await rig.dispose();
  await sim.close();
});

function needles(): string[] {
  return [sim.demo.password, sim.apiKey]
    .flatMap((secret) => {
      const bytes = Buffer.from(secret, 'utf8');
      return [secret, bytes.toString('base64'), bytes.toString('hex'), encodeURIComponent(secret)];
    })
    .concat(createHash('md5').update(sim.apiKey).digest('hex'));
}

async function record(rig: CoreRig, channel: string, input: unknown = {}) {
  const result = await rig.call(channel, input);
  results.push(result);
  return result;
}

const signInInput = (overrides: Partial<SignInInput> = {}) => demoSignIn(sim, overrides);

describe('no secret in any error the core produces', () => {
  it('drives the failure paths', async () => {
    const rig = await makeCoreRig();
    rigs.push(rig);
    // Wrong password, wrong key, a password that is not valid input, an unreachable panel.
    await record(rig, 'auth.signIn', signInInput({ password: `${sim.demo.password}x` }));
    await record(rig, 'auth.signIn', signInInput({ apiKey: `${sim.apiKey}x` }));
    await record(rig, 'auth.signIn', signInInput({ email: sim.demo.password }));
    await record(rig, 'auth.signIn', signInInput({ panelUrl: 'http://127.0.0.1:1' }));
    await record(rig, 'provider.check', { panelUrl: sim.url, apiKey: `${sim.apiKey}-wrong` });
    await record(rig, 'auth.register', { ...signInInput(), name: 'x', code: 'nope', aff: '' });

    expect((await record(rig, 'auth.signIn', signInInput())).ok).toBe(true);
    await record(rig, 'data.refresh');
    const readers: [string, unknown][] = [
      ['data.refresh', {}],
      ['billing.store', {}],
      ['billing.package', { id: 1 }],
      ['billing.gateways', {}],
      ['invoices.list', {}],
      ['invoices.view', { invoiceId: 'R8D4TZ1LQ6MXC9PBN2YE' }],
      ['billing.renew', { serviceId: 4 }],
      ['billing.pay', { invoiceId: 'R8D4TZ1LQ6MXC9PBN2YE', gatewayId: 1 }],
    ];
    const faults: FaultKind[] = ['http500', 'http502', 'phpWarning', 'malformedJson', 'empty200', 'reset'];
    for (const kind of faults) {
      sim.admin.setFault('*', { kind });
      for (const [channel, input] of readers) await record(rig, channel, input);
      sim.admin.expireTokens();
      await record(rig, 'data.refresh');
      sim.admin.clearFaults();
    }
    // Billing refusals with panel messages (208).
    await record(rig, 'billing.buy', { packageId: 999, cycle: 'month', coupon: 'NOPE', qty: 1 });
    await record(rig, 'invoices.view', { invoiceId: 'does-not-exist' });

    // Keychains that throw with the secret in their own message.
    const throwing: SecretBackend = {
      kind: 'keychain',
      get: async (s, a) => {
        throw new Error(`locked ${s} ${a}`);
      },
      set: async (_s, _a, value) => {
        throw new Error(`cannot store ${value}`);
      },
      delete: async (s, a) => {
        throw new Error(`cannot delete ${s} ${a}`);
      },
    };
    const locked = await makeCoreRig({ secrets: throwing });
    rigs.push(locked);
    await record(locked, 'auth.signIn', signInInput());
    await record(locked, 'auth.signIn', signInInput({ remember: false }));
    await record(locked, 'auth.signOut');
    await record(locked, 'data.refresh');

    const failures = results.filter((r) => !r.ok);
    expect(failures.length).toBeGreaterThan(40);
    const kinds = new Set(failures.map((r) => (r.ok ? '' : r.error.kind)));
    for (const kind of ['auth', 'panel', 'http', 'schema', 'network', 'validation', 'keychain']) {
      expect(kinds, kind).toContain(kind);
    }
    const everything = JSON.stringify([results, rig.events, locked.events, rig.notifications, rig.trays]);
    for (const needle of needles()) expect(everything.includes(needle), `${needle.slice(0, 3)}…`).toBe(false);
    expect(rig.internalErrors).toEqual([]);
    expect(locked.internalErrors).toEqual([]);
  }, 60_000);
});
