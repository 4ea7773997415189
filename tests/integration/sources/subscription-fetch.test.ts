// One fetch of a subscription link through the app's HTTP transport against the subscription
// simulator: the app's own User-Agent, the 406 retry as a mainstream client, redirects (counted,
// bounded, a permanent move noted), Retry-After, and never a device id.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTransport } from '../../../src/main/net/transport';
import { fetchSubscription, type FetchOptions } from '../../../src/main/sources/subscription/fetch';
import { CLIENT_AGENTS } from '../../../src/main/sources/subscription/policy';
import { readSubscription } from '../../../src/main/sources/subscription';
import {
  DEMO_SUB_TOKEN,
  startSubscriptionSim,
  type SubscriptionSim,
} from '../../../tools/panel-sim/subscription';

const APP_UA = 'xmplus-tray/0.1.0 (linux)';
let sim: SubscriptionSim;

const options = (fallbackAgent: string | null = CLIENT_AGENTS.v2rayn): FetchOptions => ({
  open: (origin, userAgent) => createTransport({ panelUrl: origin, userAgent }),
  userAgent: APP_UA,
  fallbackAgent,
  now: Date.now,
});

beforeAll(async () => {
  sim = await startSubscriptionSim();
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  sim.clearFaults();
  sim.resetRequests();
  sim.patchUser(DEMO_SUB_TOKEN, { status: 'active', hwidLimit: true });
});

describe('fetchSubscription', () => {
  it('one GET with the app’s own User-Agent and no device id', async () => {
    const got = await fetchSubscription(new URL(sim.link('marzban')), options());
    expect(got.ok && got.value).toMatchObject({ status: 200, agent: 'app', requests: 1, movedTo: null });
    const [request] = sim.requests();
    expect(request).toMatchObject({ method: 'GET', userAgent: APP_UA, deviceHeaders: [] });
    // Nothing but the GET: no cookie, no authorization, no body.
    expect(Object.keys(request!.headers).sort()).toEqual(['accept', 'connection', 'host', 'user-agent']);
  });

  it('PasarGuard 406: one retry as the mainstream client the user picked, then the servers', async () => {
    const got = await fetchSubscription(new URL(sim.link('pasarguard')), options(CLIENT_AGENTS.hiddify));
    if (!got.ok) throw new Error(got.error.message);
    expect(got.value).toMatchObject({ status: 200, agent: 'fallback', requests: 2 });
    expect(sim.requests().map((r) => r.userAgent)).toEqual([APP_UA, CLIENT_AGENTS.hiddify]);
    const reading = readSubscription({
      headers: got.value.headers,
      body: got.value.body,
      url: got.value.finalUrl,
    });
    expect(reading.format).toBe('singbox');
    expect(reading.servers).toHaveLength(10);
  });

  it('406 without a fallback: the refusal comes back as it is', async () => {
    const got = await fetchSubscription(new URL(sim.link('pasarguard')), options(null));
    expect(got.ok && got.value).toMatchObject({ status: 406, agent: 'app', requests: 1 });
  });

  it('Remnawave with a device limit: never sends x-hwid, so the body is empty but the usage came', async () => {
    const got = await fetchSubscription(new URL(sim.link('remnawave')), options());
    if (!got.ok) throw new Error(got.error.message);
    const reading = readSubscription({
      headers: got.value.headers,
      body: got.value.body,
      url: got.value.finalUrl,
    });
    expect(reading.usage.kind).toBe('reading');
    expect(reading.serversHidden).not.toBeNull();
    expect(sim.requests().every((r) => r.deviceHeaders.length === 0)).toBe(true);
  });

  it('follows up to 5 redirects and notes a permanent move', async () => {
    sim.setFaults({ redirects: { count: 5, status: 308 } });
    const got = await fetchSubscription(new URL(sim.link('marzban')), options());
    if (!got.ok) throw new Error(got.error.message);
    expect(got.value.status).toBe(200);
    expect(got.value.requests).toBe(6);
    expect(got.value.movedTo).toMatch(/\/__hop\/0\/marzban\/sub\//);
  });

  it('a temporary redirect on the way: no permanent move', async () => {
    sim.setFaults({ redirects: { count: 2, status: 302 } });
    const got = await fetchSubscription(new URL(sim.link('marzban')), options());
    expect(got.ok && got.value.movedTo).toBeNull();
  });

  it('a sixth redirect is not followed', async () => {
    sim.setFaults({ redirects: { count: 6 } });
    const got = await fetchSubscription(new URL(sim.link('marzban')), options());
    expect(got.ok).toBe(false);
    if (!got.ok) expect(got.error.message).toMatch(/more than 5 times/);
    expect(sim.requests()).toHaveLength(6);
  });

  it('Retry-After is read', async () => {
    sim.setFaults({ retryAfter: { status: 429, seconds: 90, times: 1 } });
    const got = await fetchSubscription(new URL(sim.link('marzban')), options());
    expect(got.ok && got.value).toMatchObject({ status: 429, retryAfterMs: 90_000, requests: 1 });
  });

  it('a redirect to another origin opens a transport there and sends only the GET', async () => {
    const other = await startSubscriptionSim();
    try {
      sim.setFaults({ redirects: { count: 1, finalLocation: other.link('xmplus') } });
      const got = await fetchSubscription(new URL(sim.link('marzban')), options());
      if (!got.ok) throw new Error(got.error.message);
      expect(got.value.finalUrl).toBe(other.link('xmplus'));
      expect(other.requests()).toHaveLength(1);
      expect(other.requests()[0]).toMatchObject({ userAgent: APP_UA, deviceHeaders: [] });
    } finally {
      await other.close();
    }
  });
});
