// profiles.addSubscription through the composed core and its router, against the subscription
// simulator: the link is fetched once and the profile stored (link in the secret backend, never in
// the settings file), made active and watched only when the link answers; a refusal comes back with
// its HTTP status and the panel's words and stores nothing; input that is not an http(s) link never
// reaches the handler. Also the app link's way in: received, confirmed, revealed, added.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DataState, LinkOffer, ProfilesState } from '../../../src/shared/contract';
import { UNBRANDED } from '../../../src/main/provider';
import { memoryBackend, type SecretBackend } from '../../../src/main/secrets';
import { makeCoreRig, type CoreRig } from '../../support/core-rig';
import { expectErr, expectOk } from '../../support/expect';
import {
  DEMO_SUB_TOKEN,
  startSubscriptionSim,
  type SubscriptionSim,
} from '../../../tools/panel-sim/subscription';

const GB = 1024 ** 3;
let sim: SubscriptionSim;
let rig: CoreRig;
let secrets: SecretBackend;

beforeAll(async () => {
  sim = await startSubscriptionSim();
});
afterAll(async () => {
  await sim.close();
});
beforeEach(async () => {
  sim.clearFaults();
  sim.resetRequests();
  sim.patchUser(DEMO_SUB_TOKEN, { status: 'active' });
  secrets = memoryBackend();
  rig = await makeCoreRig({ secrets });
});
afterEach(async () => {
  await rig.dispose();
});

/** Every file the app wrote in its folder, as text. */
const folderText = () =>
  readdirSync(rig.dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => readFileSync(join(rig.dir, f), 'utf8'))
    .join('\n');

describe('profiles.addSubscription', () => {
  it('a Marzban link that answers: one GET, stored, active, signed in; the link only in the secret backend', async () => {
    const link = sim.link('marzban');
    const state = expectOk(
      await rig.call<ProfilesState>('profiles.addSubscription', { url: link, name: 'Home' }),
    );
    expect(sim.requests().length).toBeGreaterThanOrEqual(1);
    expect(sim.requests()[0]!.deviceHeaders).toEqual([]);
    const profile = state.profiles.find((p) => p.id === state.activeId);
    expect(profile).toMatchObject({ kind: 'subscription', displayName: 'Home', signedIn: true });
    expect(profile?.capabilities).toMatchObject({ billing: false, servers: true });
    // Nowhere in the settings or cache files, nor in what the window received.
    expect(folderText()).not.toContain(DEMO_SUB_TOKEN);
    expect(JSON.stringify(state)).not.toContain(DEMO_SUB_TOKEN);
    expect(await secrets.get('xmplus-tray:subscription-link', profile!.id)).toBe(link);
    // The overview has its usage at once (the first answer is cached).
    const data = expectOk(await rig.call<DataState>('data.get'));
    const overview = data.profiles.find((p) => p.id === profile!.id);
    expect(overview?.snapshot?.services[0]).toMatchObject({ usedBytes: 40 * GB, totalBytes: 100 * GB });
    expect(rig.internalErrors).toEqual([]);
  });

  it('without a name, the provider’s title names it', async () => {
    const state = expectOk(
      await rig.call<ProfilesState>('profiles.addSubscription', { url: sim.link('marzneshin') }),
    );
    expect(state.profiles.find((p) => p.id === state.activeId)?.displayName).toBe('Sim Provider · Pro');
  });

  it('Xboard refusing (403 Account unavailable): the status and the panel’s words, nothing stored', async () => {
    sim.patchUser(DEMO_SUB_TOKEN, { status: 'limited' });
    const error = expectErr(await rig.call('profiles.addSubscription', { url: sim.link('xboard') }), 'http');
    expect(error).toMatchObject({ status: 403, detail: 'Account unavailable' });
    expect(error.message).not.toContain(DEMO_SUB_TOKEN);
    const state = expectOk(await rig.call<ProfilesState>('profiles.list'));
    expect(state.profiles).toEqual([]);
    expect(state.activeId).toBeNull();
  });

  it('a revoked link (404) is refused with its status, nothing stored', async () => {
    const error = expectErr(
      await rig.call('profiles.addSubscription', { url: sim.link('marzban', 'revoked-token-123') }),
      'http',
    );
    expect(error.status).toBe(404);
    expect(expectOk(await rig.call<ProfilesState>('profiles.list')).profiles).toEqual([]);
  });

  it.each([
    ['ftp://sub.example.com/x'],
    ['javascript:alert(1)'],
    ['sub.example.com/link/abc'],
    [''],
    [`https://sub.example.com/${'a'.repeat(5000)}`],
  ])('%j never reaches the handler: a validation error', async (url) => {
    expectErr(await rig.call('profiles.addSubscription', { url }), 'validation');
    expect(rig.handlerRuns.get('profiles.addSubscription') ?? 0).toBe(0);
    expect(sim.requests()).toEqual([]);
  });

  it('a name longer than 80 characters or an extra field is refused', async () => {
    const url = sim.link('marzban');
    expectErr(await rig.call('profiles.addSubscription', { url, name: 'n'.repeat(81) }), 'validation');
    expectErr(await rig.call('profiles.addSubscription', { url, apiKey: 'x' }), 'validation');
    expect(sim.requests()).toEqual([]);
  });

  it('a build with subscription links off refuses without asking the link', async () => {
    await rig.dispose();
    rig = await makeCoreRig({
      memory: true,
      provider: { ...UNBRANDED, info: { ...UNBRANDED.info, subscriptionLinks: false } },
    });
    expectErr(await rig.call('profiles.addSubscription', { url: sim.link('marzban') }), 'state');
    expect(sim.requests()).toEqual([]);
  });

  it('removing the profile deletes its link from the secret backend', async () => {
    const state = expectOk(
      await rig.call<ProfilesState>('profiles.addSubscription', { url: sim.link('marzban') }),
    );
    const id = state.activeId!;
    expectOk(await rig.call('profiles.remove', { id }));
    expect(await secrets.get('xmplus-tray:subscription-link', id)).toBeNull();
  });

  it('after a restart the profile is still signed in (its link is read back from the backend)', async () => {
    const state = expectOk(
      await rig.call<ProfilesState>('profiles.addSubscription', { url: sim.link('marzban') }),
    );
    await rig.dispose();
    rig = await makeCoreRig({ secrets, dir: rig.dir });
    const again = expectOk(await rig.call<ProfilesState>('profiles.list'));
    expect(again.profiles.find((p) => p.id === state.activeId)?.signedIn).toBe(true);
  });
});

describe('an app link, confirmed in the window', () => {
  it('received, offered shortened, revealed on acceptance and added', async () => {
    const link = sim.link('pasarguard');
    const received = rig.core.actions.receiveAppLink(
      `xmplus-tray://add?url=${encodeURIComponent(link)}&name=${encodeURIComponent('From a link')}`,
    );
    expect(received.accepted).toBe(true);
    expect(sim.requests()).toEqual([]); // nothing is fetched before the user accepts
    const offer = expectOk(await rig.call<LinkOffer | null>('app.takeAddRequest'))!;
    expect(offer.shortLink).not.toContain(DEMO_SUB_TOKEN);
    const { url, name } = expectOk(
      await rig.call<{ url: string; name: string }>('app.revealLink', { id: offer.id }),
    );
    const state = expectOk(await rig.call<ProfilesState>('profiles.addSubscription', { url, name }));
    expect(state.profiles.find((p) => p.id === state.activeId)?.displayName).toBe('From a link');
  });
});
