// Reaching a blocked panel, through the composed core and the panel simulator: the profile's SOCKS5
// proxy (a real one on loopback), the system proxy the desktop reports, and a branded build's
// mirrors, with one address down, one hung, and the one that answered remembered across restarts.
import { afterEach, describe, expect, it } from 'vitest';
import { startPanelSim, type PanelSim } from '../../../tools/panel-sim/index';
import { createAccounts } from '../../../src/main/accounts';
import { UNBRANDED, type ProviderConfig } from '../../../src/main/provider';
import { createCredentialStore, memoryBackend, type SecretBackend } from '../../../src/main/secrets';
import type { DataState, ProfilesState } from '../../../src/shared/contract';
import { makeCoreRig, type CoreRig } from '../../support/core-rig';
import { makePlatform } from '../../support/platform';
import { startSocks5Server, type Socks5Server } from '../../support/socks5-server';
import { expectErr, expectOk } from '../../support/expect';

const API_KEY = 'mirror-test-key';
const sims: PanelSim[] = [];
const rigs: CoreRig[] = [];
const proxies: Socks5Server[] = [];
const closers: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  for (const rig of rigs.splice(0)) await rig.dispose();
  for (const p of proxies.splice(0)) await p.close();
  for (const sim of sims.splice(0)) await sim.close();
});

async function sim(options: Parameters<typeof startPanelSim>[0] = {}): Promise<PanelSim> {
  const started = await startPanelSim({ apiKey: API_KEY, ...options });
  sims.push(started);
  return started;
}

/** The address of a simulator that has stopped: its port refuses connections. */
async function downAddress(): Promise<string> {
  const gone = await startPanelSim();
  await gone.close();
  return gone.url;
}

async function rig(options: Parameters<typeof makeCoreRig>[0] = {}): Promise<CoreRig> {
  const made = await makeCoreRig(options);
  rigs.push(made);
  return made;
}

function branded(panelUrl: string, mirrors: string[]): ProviderConfig {
  return {
    info: { ...UNBRANDED.info, name: 'Example VPN', panelUrl, hasApiKey: true },
    apiKey: API_KEY,
    mirrors,
  };
}

// A branded build fixes the panel address; the form still sends what it shows.
const signIn = (h: CoreRig, panel: PanelSim) =>
  h.call<ProfilesState>('auth.signIn', {
    panelUrl: 'https://ignored.example.com',
    email: panel.demo.email,
    password: panel.demo.password,
    remember: true,
  });

describe('proxies through the core', () => {
  it('sends every request of a profile through its SOCKS5 proxy once it is set, names for the proxy to resolve', async () => {
    const panel = await sim();
    const proxy = await startSocks5Server();
    proxies.push(proxy);
    const h = await rig();
    const localhost = panel.url.replace('127.0.0.1', 'localhost');
    const signed = expectOk(
      await h.call<ProfilesState>('auth.signIn', {
        panelUrl: localhost,
        apiKey: API_KEY,
        email: panel.demo.email,
        password: panel.demo.password,
        remember: true,
      }),
    );
    const id = signed.profiles[0]?.id ?? '';
    expect(proxy.connects).toEqual([]);

    const refused = await h.call('profiles.update', {
      id,
      options: { proxyUrl: 'socks4://127.0.0.1:1080', timeZone: '' },
    });
    expect(expectErr(refused)).toMatchObject({ kind: 'validation', detail: 'socks4' });

    const updated = await h.call('profiles.update', { id, options: { proxyUrl: proxy.url, timeZone: '' } });
    expectOk(updated);
    const refreshed = await h.call<DataState>('data.refresh');
    expect(expectOk(refreshed).snapshot?.services).toHaveLength(3);
    expect(proxy.connects.length).toBeGreaterThan(0);
    const port = Number(new URL(panel.url).port);
    for (const c of proxy.connects) expect(c).toEqual({ addressType: 'domain', host: 'localhost', port });

    // The proxy goes away: the error says which proxy failed, and the data already shown stays.
    await proxy.close();
    const failed = await h.call<DataState>('data.refresh');
    expect(expectOk(failed).stale).toBe(true);
    expect(expectOk(failed).snapshot?.services).toHaveLength(3);
    // Refused, or cut off where a kept-alive tunnel was in use: either way the proxy is named.
    expect(expectOk(failed).monitor.lastError?.message.toLowerCase()).toContain(
      `this profile's proxy ${proxy.url}`,
    );
  });

  it('signs in through the proxy typed at setup and keeps it on the new profile; refuses one it cannot use', async () => {
    const panel = await sim();
    const proxy = await startSocks5Server();
    proxies.push(proxy);
    const h = await rig();
    const localhost = panel.url.replace('127.0.0.1', 'localhost');
    const bad = await h.call('provider.check', {
      panelUrl: localhost,
      apiKey: API_KEY,
      proxyUrl: '127.0.0.1:7890',
    });
    expect(expectErr(bad)).toMatchObject({ kind: 'validation', detail: 'no-scheme' });
    expect(
      (await h.call('provider.check', { panelUrl: localhost, apiKey: API_KEY, proxyUrl: proxy.url })).ok,
    ).toBe(true);
    const signed = await h.call<ProfilesState>('auth.signIn', {
      panelUrl: localhost,
      apiKey: API_KEY,
      proxyUrl: proxy.url,
      email: panel.demo.email,
      password: panel.demo.password,
      remember: true,
    });
    expect(expectOk(signed).profiles[0]?.options.proxyUrl).toBe(proxy.url);
    const before = proxy.connects.length;
    expect(before).toBeGreaterThan(0);
    const refreshed = await h.call<DataState>('data.refresh');
    expect(expectOk(refreshed).snapshot?.services).toHaveLength(3);
    expect(proxy.connects.length).toBeGreaterThan(before);
  });

  it('asks the desktop for the system proxy of the panel URL and names it in errors', async () => {
    const proxy = await startSocks5Server();
    proxies.push(proxy);
    const asked: string[] = [];
    const h = await rig({
      resolveProxy: async (url) => {
        asked.push(url);
        return `SOCKS 127.0.0.1:1; SOCKS5 127.0.0.1:${proxy.port}; DIRECT`;
      },
    });
    const checked = await h.call('provider.check', { panelUrl: 'https://panel.blocked.test', apiKey: 'k' });
    expect(asked).toEqual(['https://panel.blocked.test/']);
    expect(proxy.connects).toEqual([{ addressType: 'domain', host: 'panel.blocked.test', port: 443 }]);
    expect(expectErr(checked)).toMatchObject({
      kind: 'network',
      message: `The system proxy ${proxy.url} could not reach the panel at panel.blocked.test (host unreachable). The panel may be down, or blocked for the proxy too; try again later or ask your provider.`,
    });
  });
});

describe("a branded build's mirrors through the core", () => {
  it('signs in through the mirror that answers when the main address is down, and starts there after a restart', async () => {
    const main = await sim({ faults: { '*': { kind: 'reset' } } });
    const mirror = await sim();
    const provider = branded(main.url, [await downAddress(), mirror.url]);
    const secrets = memoryBackend();
    const first = await rig({ provider, secrets });
    const signed = await signIn(first, mirror);
    expectOk(signed);
    const refreshed = await first.call<DataState>('data.refresh');
    expect(expectOk(refreshed).snapshot?.services).toHaveLength(3);
    const tried = Object.values(main.admin.stats().requests).reduce((a, b) => a + b, 0);
    expect(tried).toBeGreaterThan(0);
    await first.dispose();

    // Restarted on the same files: the remembered mirror is asked first, the main address not at all.
    const again = await rig({ provider, secrets, dir: first.dir });
    const later = await again.call<DataState>('data.refresh');
    expect(expectOk(later).stale).toBe(false);
    expect(expectOk(later).snapshot?.services).toHaveLength(3);
    expect(Object.values(main.admin.stats().requests).reduce((a, b) => a + b, 0)).toBe(tried);
  });

  it('does not move on when the panel answers with its own error (a wrong password)', async () => {
    const main = await sim();
    const mirror = await sim();
    const h = await rig({ provider: branded(main.url, [mirror.url]) });
    const wrong = await h.call('auth.signIn', {
      panelUrl: main.url,
      email: main.demo.email,
      password: 'not-it',
      remember: true,
    });
    // The panel's own answer (code 208 and its message), shown as it is, from the main address.
    expect(expectErr(wrong).kind).toMatch(/^(auth|panel)$/);
    expect(mirror.admin.stats().requests).toEqual({});
  });

  it('moves on from a hung address and a closed one to the mirror that answers (accounts with short timeouts)', async () => {
    const hung = await sim({ faults: { '*': { kind: 'hang' } } });
    const mirror = await sim();
    const down = await downAddress();
    const { platform } = makePlatform({ memory: true, provider: branded(hung.url, [down, mirror.url]) });
    const secrets: SecretBackend = memoryBackend();
    const accounts = createAccounts({
      platform,
      credentials: createCredentialStore(secrets),
      onChanged: () => undefined,
      onRemoved: () => undefined,
      timeouts: { connectMs: 300, headersMs: 300 },
    });
    closers.push(() => accounts.dispose());
    await accounts.init();
    const signed = expectOk(
      await accounts.handlers['auth.signIn']({
        panelUrl: hung.url,
        email: mirror.demo.email,
        password: mirror.demo.password,
        remember: true,
      }),
    );
    const id = signed.profiles[0]?.id ?? '';
    expect(hung.admin.stats().requests['/api/client/token']).toBe(1);
    // Remembered for the profile, in the cache.
    expect(platform.cacheStore.get('panelAddresses')).toMatchObject({ [`profile:${id}`]: mirror.url });
    const active = expectOk(await accounts.active());
    const snapshot = await active.source.refresh(id);
    expect(expectOk(snapshot).services).toHaveLength(3);
    // The profile's session started at the mirror: the hung address saw nothing more.
    expect(Object.values(hung.admin.stats().requests).reduce((a, b) => a + b, 0)).toBe(1);
  });
});
