// A subscription link whose provider this computer cannot reach by itself, only through a proxy (a
// real HTTP proxy on loopback that resolves the provider's name): adding the profile fetches the
// link the way its refreshes will, through the system proxy the desktop reports, and fails naming
// that proxy when it is down; taking a signed-out profile's link again goes through the profile's
// own proxy with the password the keychain holds. The composed core, the subscription simulator.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { DataState, ProfilesState } from '../../../src/shared/contract';
import {
  keychainService,
  memoryBackend,
  proxyPasswordAccount,
  type SecretBackend,
} from '../../../src/main/secrets';
import { LINK_SERVICE } from '../../../src/main/sources/subscription/link-store';
import { makeCoreRig, type CoreRig } from '../../support/core-rig';
import { startHttpProxy, type HttpProxy } from '../../support/http-proxy';
import { expectErr, expectOk } from '../../support/expect';
import {
  DEMO_SUB_TOKEN,
  startSubscriptionSim,
  type SubscriptionSim,
} from '../../../tools/panel-sim/subscription';

/** The provider's name: no resolver knows it; the proxy maps it to the simulator. */
const BLOCKED_HOST = 'sub.blocked.test';
/** Where a provider moved its links: as unknown, as reachable through the proxy. */
const MOVED_HOST = 'moved.blocked.test';
const GB = 1024 ** 3;

let sim: SubscriptionSim;
let simPort: string;
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  sim = await startSubscriptionSim();
  simPort = new URL(sim.url).port;
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  sim.clearFaults();
  sim.resetRequests();
});
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/** The simulator's link for a family, under the name only the proxy can resolve. */
const blockedLink = (family: Parameters<SubscriptionSim['link']>[0] = 'marzban', host = BLOCKED_HOST) => {
  const url = new URL(sim.link(family));
  url.hostname = host;
  return url.toString();
};

async function proxy(auth?: { username: string; password: string }): Promise<HttpProxy> {
  const started = await startHttpProxy({
    resolve: {
      [`${BLOCKED_HOST}:${simPort}`]: `127.0.0.1:${simPort}`,
      [`${MOVED_HOST}:${simPort}`]: `127.0.0.1:${simPort}`,
    },
    ...(auth ? { auth } : {}),
  });
  closers.push(() => started.close());
  return started;
}

/** A loopback port nothing listens on: a proxy that is not running. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A core whose desktop reports `pac()` as the system proxy (a PAC answer; null: none). */
async function rigWithSystemProxy(
  pac: () => string | null,
  secrets: SecretBackend = memoryBackend(),
): Promise<{ rig: CoreRig; asked: string[] }> {
  const asked: string[] = [];
  const rig = await makeCoreRig({
    secrets,
    resolveProxy: async (url) => {
      asked.push(url);
      return pac();
    },
  });
  closers.push(() => rig.dispose());
  return { rig, asked };
}

describe('adding a subscription profile behind a proxy', () => {
  it('the first fetch goes through the system proxy, as the refreshes after it do', async () => {
    const http = await proxy();
    const { rig, asked } = await rigWithSystemProxy(() => `PROXY 127.0.0.1:${http.port}; DIRECT`);
    const link = blockedLink();

    const state = expectOk(await rig.call<ProfilesState>('profiles.addSubscription', { url: link }));
    // The desktop is asked for the provider's address, never the link with its token.
    expect(asked[0]).toBe(`http://${BLOCKED_HOST}:${simPort}/`);
    expect(asked.join(' ')).not.toContain(DEMO_SUB_TOKEN);
    expect(http.requests[0]).toEqual({ method: 'GET', target: `${BLOCKED_HOST}:${simPort}` });
    const fetched = sim.requests().length;
    expect(fetched).toBeGreaterThanOrEqual(1);
    const profile = state.profiles.find((p) => p.id === state.activeId);
    expect(profile).toMatchObject({ kind: 'subscription', signedIn: true });

    // A refresh takes the same way.
    await rig.idle();
    const before = http.requests.length;
    const refreshed = expectOk(await rig.call<DataState>('data.refresh'));
    expect(refreshed.profiles.find((p) => p.id === profile!.id)?.snapshot?.services[0]).toMatchObject({
      totalBytes: 100 * GB,
    });
    expect(http.requests.length).toBeGreaterThan(before);
    expect(http.requests.every((r) => r.target === `${BLOCKED_HOST}:${simPort}`)).toBe(true);
    expect(rig.internalErrors).toEqual([]);
  });

  it('with the system proxy down, the add fails naming that proxy and stores nothing', async () => {
    const port = await closedPort();
    const { rig } = await rigWithSystemProxy(() => `PROXY 127.0.0.1:${port}`);

    const error = expectErr(await rig.call('profiles.addSubscription', { url: blockedLink() }), 'network');
    expect(error.message).toMatch(
      new RegExp(`^The system proxy http://127\\.0\\.0\\.1:${port} refused the connection\\. `),
    );
    expect(error.message).not.toContain(DEMO_SUB_TOKEN);
    expect(sim.requests()).toEqual([]);
    const listed = expectOk(await rig.call<ProfilesState>('profiles.list'));
    expect(listed.profiles).toEqual([]);
    expect(listed.activeId).toBeNull();
  });
});

describe('taking a signed-out profile’s link again behind a proxy', () => {
  it('goes through the system proxy', async () => {
    const http = await proxy();
    const { rig } = await rigWithSystemProxy(() => `PROXY 127.0.0.1:${http.port}`);
    const link = blockedLink('remnawave');
    const id = expectOk(await rig.call<ProfilesState>('profiles.addSubscription', { url: link })).activeId!;
    await rig.idle();
    expectOk(await rig.call('auth.signOut'));
    await rig.idle();

    const before = http.requests.length;
    const relinked = expectOk(await rig.call<ProfilesState>('profiles.relink', { id, url: link }));
    expect(relinked.profiles.find((p) => p.id === id)?.signedIn).toBe(true);
    expect(http.requests.length).toBeGreaterThan(before);
    expect(await rig.platform.secrets.get(LINK_SERVICE, id)).toBe(link);
  });

  it('goes through the profile’s proxy with the password from the keychain', async () => {
    const open = await proxy();
    const guarded = await proxy({ username: 'alice', password: 'p@ss-word' });
    let pac: string | null = `PROXY 127.0.0.1:${open.port}`;
    const { rig } = await rigWithSystemProxy(() => pac);
    const link = blockedLink('pasarguard');
    const id = expectOk(await rig.call<ProfilesState>('profiles.addSubscription', { url: link })).activeId!;
    await rig.idle();

    // The system proxy is gone; the profile now has its own, which asks for a password.
    pac = null;
    const withPassword = guarded.url.replace('http://', 'http://alice:p%40ss-word@');
    const updated = expectOk(
      await rig.call<ProfilesState>('profiles.update', {
        id,
        options: { proxyUrl: withPassword, timeZone: '' },
      }),
    );
    expect(updated.profiles[0]!.options.proxyUrl).toBe(guarded.url.replace('http://', 'http://alice@'));
    expectOk(await rig.call('auth.signOut'));
    expect(await rig.platform.secrets.get(LINK_SERVICE, id)).toBeNull();
    await rig.idle();

    const before = guarded.requests.length;
    const relinked = expectOk(await rig.call<ProfilesState>('profiles.relink', { id, url: link }));
    expect(relinked.profiles.find((p) => p.id === id)?.signedIn).toBe(true);
    expect(guarded.requests.length).toBeGreaterThan(before);
    expect(guarded.logins.length).toBeGreaterThan(0);
    expect(guarded.logins.every((l) => l.username === 'alice' && l.accepted)).toBe(true);
    expect(await rig.platform.secrets.get(LINK_SERVICE, id)).toBe(link);
  });

  it('a link on another host takes the proxy password along: the keychain files it under the new address', async () => {
    const open = await proxy();
    const guarded = await proxy({ username: 'alice', password: 'p@ss-word' });
    let pac: string | null = `PROXY 127.0.0.1:${open.port}`;
    // A keychain that keeps what it is given past this run (the memory one is for one session only).
    const { rig } = await rigWithSystemProxy(() => pac, { ...memoryBackend(), kind: 'keychain' });
    const id = expectOk(
      await rig.call<ProfilesState>('profiles.addSubscription', { url: blockedLink('pasarguard') }),
    ).activeId!;
    await rig.idle();
    pac = null;
    const withPassword = guarded.url.replace('http://', 'http://alice:p%40ss-word@');
    expectOk(await rig.call('profiles.update', { id, options: { proxyUrl: withPassword, timeZone: '' } }));
    const account = proxyPasswordAccount(id);
    const before = keychainService(`http://${BLOCKED_HOST}:${simPort}`);
    const after = keychainService(`http://${MOVED_HOST}:${simPort}`);
    const kept = await rig.platform.secrets.get(before, account);
    expect(kept).toMatch(/^p(@|%40)ss-word$/);

    expectOk(await rig.call('profiles.relink', { id, url: blockedLink('pasarguard', MOVED_HOST) }));
    expect(guarded.logins.every((l) => l.accepted)).toBe(true);
    expect(await rig.platform.secrets.get(after, account)).toBe(kept);
    expect(await rig.platform.secrets.get(before, account)).toBeNull();
  });
});
