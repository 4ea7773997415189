// The subscription Source, opened the way the layers above open any source (openSource), against
// the subscription simulator: its snapshot, its capabilities, one GET per steady refresh, no device
// id, the 406 retry as the client the profile names, and server lists on demand.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openSource, type SourceContext, type SourceProfile } from '../../../src/main/sources';
import { ok } from '../../../src/shared/errors';
import {
  DEMO_SUB_TOKEN,
  startSubscriptionSim,
  type SubscriptionSim,
} from '../../../tools/panel-sim/subscription';
import { expectErr, expectOk } from '../../support/expect';

const GB = 1024 ** 3;
let sim: SubscriptionSim;

function open(
  family: Parameters<SubscriptionSim['link']>[0],
  clientAgent?: string,
  timeouts?: SourceContext['timeouts'],
) {
  const link = sim.link(family);
  const profile: SourceProfile = {
    kind: 'subscription',
    panelUrl: new URL(link).origin,
    options: { proxyUrl: '', timeZone: '', ...(clientAgent ? { clientAgent } : {}) },
  };
  const context: SourceContext = {
    route: {},
    now: Date.now,
    getApiKey: () => Promise.reject(new Error('a subscription source never asks for an API key')),
    getCredentials: () => Promise.reject(new Error('a subscription source never asks for a password')),
    getSubscriptionLink: () => Promise.resolve(ok(link)),
    ...(timeouts ? { timeouts } : {}),
  };
  return expectOk(openSource(profile, context));
}

beforeAll(async () => {
  sim = await startSubscriptionSim();
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  sim.clearFaults();
  sim.resetRequests();
  sim.patchUser(DEMO_SUB_TOKEN, { status: 'active', hwidLimit: false });
});

describe('subscription source', () => {
  it('capabilities: usage, expiry and servers; no account, billing or invoices', () => {
    const source = open('marzban');
    expect(source.kind).toBe('subscription');
    expect(source.capabilities).toMatchObject({
      account: false,
      billing: false,
      invoices: false,
      servers: true,
    });
    expect(source.billing).toBeNull();
  });

  it('a snapshot with one service, its servers and the subscription details', async () => {
    const source = open('pasarguard');
    const snap = expectOk(await source.refresh('p1'));
    expect(snap).toMatchObject({ profileId: 'p1', kind: 'subscription', account: null });
    expect(snap.services).toHaveLength(1);
    expect(snap.services[0]).toMatchObject({
      usedBytes: 40 * GB,
      totalBytes: 100 * GB,
      packageName: 'Sim Provider · Pro',
    });
    expect(snap.servers['1']).toHaveLength(10);
    expect(snap.subscription).toMatchObject({
      supportUrl: 'https://support.sim-provider.example/help',
      announce: 'Scheduled maintenance on Sunday 02:00–03:00 UTC',
      neededClientAgent: true,
      usageSource: 'header',
    });
    expect(JSON.stringify(snap)).not.toContain(DEMO_SUB_TOKEN);
    await source.close();
  });

  it('one GET per steady refresh, never a device id', async () => {
    const source = open('remnawave');
    for (let i = 0; i < 3; i++) expectOk(await source.refresh('p1'));
    const requests = sim.requests();
    expect(requests).toHaveLength(3);
    expect(requests.every((r) => r.deviceHeaders.length === 0)).toBe(true);
  });

  it('the profile picks the client to appear as; "none" never retries', async () => {
    expectOk(await open('pasarguard', 'clash-verge').refresh('p1'));
    expect(sim.requests().map((r) => r.userAgent)[1]).toMatch(/^clash-verge\//);
    sim.resetRequests();
    const refused = expectErr(await open('pasarguard', 'none').refresh('p1'), 'http');
    expect(refused).toMatchObject({ status: 406, detail: 'Client not supported' });
    expect(sim.requests()).toHaveLength(1);
  });

  it('ensureServers asks again only when the list is older than asked', async () => {
    const source = open('xmplus');
    const snap = expectOk(await source.refresh('p1'));
    sim.resetRequests();
    expect(expectOk(await source.ensureServers(snap, null, 60_000))).toEqual({ servers: {}, parts: {} });
    expect(sim.requests()).toHaveLength(0);
    const update = expectOk(await source.ensureServers(snap, null, 0));
    expect(update.servers['1']).toHaveLength(10);
    expect(sim.requests()).toHaveLength(1);
  });

  it('no link at hand: a state error, no request', async () => {
    const profile: SourceProfile = {
      kind: 'subscription',
      panelUrl: sim.url,
      options: { proxyUrl: '', timeZone: '' },
    };
    const opened = openSource(profile, {
      route: {},
      now: Date.now,
      getApiKey: () => Promise.reject(new Error('unused')),
      getCredentials: () => Promise.reject(new Error('unused')),
    });
    expectErr(opened, 'state');
  });

  it('a body that trickles past the body timeout: a timeout error, no half-read data', async () => {
    // undici checks body timeouts on a coarse tick: gaps well past the limit, not just past it.
    sim.setFaults({ trickle: { chunkBytes: 64, intervalMs: 3_000 } });
    const source = open('marzban', undefined, { bodyMs: 1_000 });
    const error = expectErr(await source.refresh('p1'), 'timeout');
    expect(JSON.stringify(error)).not.toContain(DEMO_SUB_TOKEN);
  });

  it('a huge body (about 8 MB of links) is read whole', async () => {
    sim.setFaults({ hugeBodyBytes: 8_000_000 });
    const snap = expectOk(await open('marzban').refresh('p1'));
    expect(snap.servers['1']!.length).toBeGreaterThan(10_000);
  });
});
