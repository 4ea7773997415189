// A subscription profile refreshed against the simulator: one GET per steady refresh, refusals
// keeping the last known data marked with the panel's words, Retry-After respected, and an answer
// that is not a subscription refused without losing what was known.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTransport } from '../../../src/main/net/transport';
import { createSubscriptionFeed, type SubscriptionFeed } from '../../../src/main/sources/subscription/feed';
import { CLIENT_AGENTS } from '../../../src/main/sources/subscription/policy';
import {
  DEMO_SUB_TOKEN,
  startSubscriptionSim,
  type SubscriptionSim,
} from '../../../tools/panel-sim/subscription';
import { expectErr, expectOk } from '../../support/expect';

const GB = 1024 ** 3;
let sim: SubscriptionSim;
let clock = Date.now();

function feedFor(family: Parameters<SubscriptionSim['link']>[0]): SubscriptionFeed {
  return createSubscriptionFeed({
    link: new URL(sim.link(family)),
    open: (origin, userAgent) => createTransport({ panelUrl: origin, userAgent }),
    userAgent: 'xmplus-tray/0.1.0 (linux)',
    fallbackAgent: CLIENT_AGENTS.v2rayn,
    now: () => clock,
  });
}

beforeAll(async () => {
  sim = await startSubscriptionSim();
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  clock = Date.now();
  sim.clearFaults();
  sim.resetRequests();
  sim.patchUser(DEMO_SUB_TOKEN, { status: 'active', hwidLimit: false });
});

describe('subscription feed', () => {
  it('a steady refresh is one GET', async () => {
    const feed = feedFor('marzban');
    for (let i = 0; i < 3; i++) expectOk(await feed.refresh());
    expect(sim.requests()).toHaveLength(3);
    expect(feed.last()?.service).toMatchObject({
      usedBytes: 40 * GB,
      totalBytes: 100 * GB,
      packageName: 'Sim Provider · Pro',
    });
  });

  it.each([
    ['3x-ui', 400, 'Error!'],
    ['xboard', 403, 'Account unavailable'],
  ] as const)(
    '%s refusal (%i): last known data kept, marked with the panel’s words',
    async (family, status, words) => {
      const feed = feedFor(family);
      const before = expectOk(await feed.refresh());
      sim.patchUser(DEMO_SUB_TOKEN, { status: 'limited' });
      const error = expectErr(await feed.refresh(), 'http');
      expect(error).toMatchObject({ status, detail: words });
      const last = feed.last();
      expect(last?.service).toEqual(before.service); // not taken as "used up"
      expect(last?.details.refusal).toMatchObject({ status, words });
      sim.patchUser(DEMO_SUB_TOKEN, { status: 'active' });
      expectOk(await feed.refresh());
      expect(feed.last()?.details.refusal).toBeNull();
    },
  );

  it('a 404 on the first refresh: an error with the status, no data', async () => {
    const feed = createSubscriptionFeed({
      link: new URL(sim.link('marzban', 'revoked-token')),
      open: (origin, userAgent) => createTransport({ panelUrl: origin, userAgent }),
      userAgent: 'xmplus-tray/0.1.0',
      fallbackAgent: null,
      now: () => clock,
    });
    expect(expectErr(await feed.refresh(), 'http')).toMatchObject({ status: 404, detail: 'Not Found' });
    expect(feed.last()).toBeNull();
  });

  it('Retry-After: no request before the time the provider named', async () => {
    const feed = feedFor('marzban');
    sim.setFaults({ retryAfter: { status: 503, seconds: 600, times: 1 } });
    expectErr(await feed.refresh(), 'http');
    expect(feed.notBefore()).toBe(clock + 600_000);
    clock += 300_000;
    expectErr(await feed.refresh(), 'http');
    expect(sim.requests()).toHaveLength(1);
    clock += 300_001;
    expectOk(await feed.refresh());
    expect(sim.requests()).toHaveLength(2);
  });

  it('an HTML page instead of a subscription: a schema error, the last data kept', async () => {
    const feed = feedFor('marzban');
    expectOk(await feed.refresh());
    sim.setFaults({
      fixed: { status: 200, body: '<html><body>Welcome to nginx</body></html>', type: 'text/html' },
    });
    expectErr(await feed.refresh(), 'schema');
    expect(feed.last()?.service.usedBytes).toBe(40 * GB);
  });

  it('a permanent move is noted, shortened', async () => {
    const feed = feedFor('marzban');
    sim.setFaults({ redirects: { count: 1, status: 301 } });
    const state = expectOk(await feed.refresh());
    expect(state.details.movedTo).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/…/);
    expect(state.details.movedTo).not.toContain(DEMO_SUB_TOKEN);
  });

  it('no error or kept state ever holds the link', async () => {
    const feed = feedFor('xboard');
    expectOk(await feed.refresh());
    const errors = [];
    sim.patchUser(DEMO_SUB_TOKEN, { status: 'disabled' });
    errors.push(expectErr(await feed.refresh()));
    sim.patchUser(DEMO_SUB_TOKEN, { status: 'active' });
    sim.setFaults({ redirects: { count: 6 } });
    errors.push(expectErr(await feed.refresh()));
    sim.setFaults({
      redirects: null,
      fixed: { status: 500, body: `<title>boom ${DEMO_SUB_TOKEN}</title>`, type: 'text/html' },
    });
    errors.push(expectErr(await feed.refresh()));
    sim.setFaults({ fixed: null, retryAfter: { status: 429, seconds: 5, times: 1 } });
    errors.push(expectErr(await feed.refresh()));
    expect(errors).toHaveLength(4);
    for (const error of errors) expect(JSON.stringify(error)).not.toContain(DEMO_SUB_TOKEN.slice(0, 12));
    expect(JSON.stringify(feed.last())).not.toContain(DEMO_SUB_TOKEN);
  });
});
