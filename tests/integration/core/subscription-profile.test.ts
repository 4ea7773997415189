// A subscription-link profile through the composed core on virtual time, against the subscription
// simulator: stored by an earlier run, it is signed in at start while its link is in the keychain,
// shows its cached data at once, refreshes with one GET per interval, and signing it out or removing
// it forgets the link.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DataState, ImportOptions, ProfilesState } from '../../../src/shared/contract';
import { createCredentialStore, memoryBackend, type SecretBackend } from '../../../src/main/secrets';
import { SUBSCRIPTION_BODY_LIMIT } from '../../../src/main/net/transport';
import { LINK_SERVICE } from '../../../src/main/sources/subscription/link-store';
import { addSubscriptionProfile } from '../../../src/main/subscription-profiles';
import {
  DEMO_SUB_TOKEN,
  startSubscriptionSim,
  type SubscriptionSim,
} from '../../../tools/panel-sim/subscription';
import { createAccounts } from '../../../src/main/accounts';
import { makePlatform } from '../../support/platform';
import { makeCoreRig, manualClock, virtualTimers, type CoreRig } from '../../support/core-rig';
import { expectOk } from '../../support/expect';

const INTERVAL = 30 * 60_000;
/** The simulator is on loopback, which no proxy is asked for. */
const direct = { routeFor: () => ({}) };
const GB = 1024 ** 3;

let clock: ReturnType<typeof manualClock>;
let virtual: ReturnType<typeof virtualTimers>;
let sim: SubscriptionSim;
let secrets: SecretBackend;
let dir: string;
let rigs: CoreRig[];

beforeEach(async () => {
  clock = manualClock();
  virtual = virtualTimers(clock);
  sim = await startSubscriptionSim({ now: clock.now });
  secrets = memoryBackend();
  dir = mkdtempSync(join(tmpdir(), 'xmplus-sub-profile-'));
  rigs = [];
});

afterEach(async () => {
  for (const rig of rigs) {
    await rig.dispose();
    expect(rig.internalErrors).toEqual([]);
  }
  await sim.close();
});

async function rig(): Promise<CoreRig> {
  const made = await makeCoreRig({ dir, secrets, now: clock.now, timers: virtual.timers, random: () => 0.5 });
  rigs.push(made);
  return made;
}

/** Fires every timer due up to `until` in order, waiting for each refresh to land. */
async function runUntil(core: CoreRig, until: number): Promise<void> {
  for (let next = virtual.next(); next && next.at <= until; next = virtual.next()) {
    virtual.fire(next);
    await core.idle();
  }
  clock.set(Math.max(clock.now(), until));
}

/** Adds a profile from one of the simulator's links in the stores of a core that is not running. */
async function addedBefore(family: Parameters<SubscriptionSim['link']>[0] = 'marzban'): Promise<string> {
  const first = await makeCoreRig({ dir, secrets, now: clock.now, timers: virtual.timers, start: false });
  const added = expectOk(await addSubscriptionProfile(first.platform, { url: sim.link(family) }, direct));
  await first.dispose();
  sim.resetRequests();
  return added.profile.id;
}

describe('a subscription profile in the core', () => {
  it('after a restart: signed in from the keychain, cached data at once, one GET per interval', async () => {
    const id = await addedBefore();
    const core = await rig();
    const profiles = expectOk(await core.call<ProfilesState>('profiles.list'));
    expect(profiles.profiles).toEqual([
      expect.objectContaining({ id, kind: 'subscription', signedIn: true, watch: true }),
    ]);
    const cached = expectOk(await core.call<DataState>('data.get'));
    expect(cached.profiles[0]).toMatchObject({ id, watched: true, error: null });
    expect(cached.profiles[0]!.snapshot?.services[0]).toMatchObject({ usedBytes: 40 * GB });

    await core.idle();
    const before = sim.requests().length;
    sim.patchUser(DEMO_SUB_TOKEN, { downloadBytes: 50 * GB });
    await runUntil(core, clock.now() + INTERVAL);
    // The steady refresh of a subscription profile is one GET of its link, never a device id.
    expect(sim.requests().length - before).toBe(1);
    expect(sim.requests().every((r) => r.deviceHeaders.length === 0)).toBe(true);
    const fresh = expectOk(await core.call<DataState>('data.get'));
    expect(fresh.profiles[0]!.snapshot?.services[0]).toMatchObject({ usedBytes: 52 * GB });
    expect(fresh.profiles[0]!.snapshot?.kind).toBe('subscription');
    expect(JSON.stringify(fresh)).not.toContain(DEMO_SUB_TOKEN);
  });

  it('without its link in the keychain it starts signed out, its last data kept', async () => {
    const id = await addedBefore();
    await secrets.delete(LINK_SERVICE, id);
    const core = await rig();
    const profiles = expectOk(await core.call<ProfilesState>('profiles.list'));
    expect(profiles.profiles[0]).toMatchObject({ id, signedIn: false });
    await runUntil(core, clock.now() + INTERVAL);
    expect(sim.requests()).toEqual([]);
    const shown = expectOk(await core.call<DataState>('data.get'));
    expect(shown.profiles[0]!.snapshot?.services[0]).toMatchObject({ usedBytes: 40 * GB });
  });

  it('signing out forgets the link; removing does too', async () => {
    const id = await addedBefore();
    const core = await rig();
    const out = expectOk(await core.call<ProfilesState>('auth.signOut'));
    expect(out.profiles[0]).toMatchObject({ id, signedIn: false });
    expect(await secrets.get(LINK_SERVICE, id)).toBeNull();

    const other = await addedBefore();
    const again = await rig();
    expect(await secrets.get(LINK_SERVICE, other)).not.toBeNull();
    expectOk(await again.call<ProfilesState>('profiles.remove', { id: other }));
    expect(await secrets.get(LINK_SERVICE, other)).toBeNull();
  });

  it('keeps the client it appears as on a 406 when profiles are read and saved', async () => {
    const first = await makeCoreRig({ dir, secrets, now: clock.now, timers: virtual.timers, start: false });
    const added = expectOk(
      await addSubscriptionProfile(
        first.platform,
        { url: sim.link('pasarguard'), clientAgent: 'hiddify' },
        direct,
      ),
    );
    await first.dispose();
    const core = await rig();
    const listed = expectOk(await core.call<ProfilesState>('profiles.list'));
    expect(listed.profiles[0]!.options).toMatchObject({ clientAgent: 'hiddify' });
    const renamed = expectOk(
      await core.call<ProfilesState>('profiles.update', { id: added.profile.id, displayName: 'Renamed' }),
    );
    expect(renamed.profiles[0]!.options).toMatchObject({ clientAgent: 'hiddify' });
    await core.idle();
    sim.resetRequests();
    await runUntil(core, clock.now() + INTERVAL);
    // Refused as the app, then answered as the client the profile names.
    expect(sim.requests().map((r) => r.userAgent)[1]).toMatch(/^HiddifyNext\//);

    const changed = expectOk(
      await core.call<ProfilesState>('profiles.update', {
        id: added.profile.id,
        options: { clientAgent: 'none' },
      }),
    );
    expect(changed.profiles[0]!.options).toMatchObject({ clientAgent: 'none' });
    const wrong = await core.call('profiles.update', {
      id: added.profile.id,
      options: { clientAgent: 'netscape' },
    });
    expect(wrong).toMatchObject({ ok: false, error: { kind: 'validation' } });
  });

  it('one-click import: the link read from the keychain, the window shown it shortened', async () => {
    await addedBefore('xmplus');
    const core = await rig();
    core.desktop.protocolHandlers.set('sing-box', 'sing-box');
    await core.idle();
    sim.resetRequests();
    const options = expectOk(await core.call<ImportOptions>('import.options', { serviceId: 1 }));
    expect(options.defaultClient).toBe('sing-box');
    const singbox = options.clients.find((c) => c.client === 'sing-box')!;
    expect(singbox).toMatchObject({ installed: true, status: 'served', servers: 10 });
    const flagged = sim.link('xmplus').replace('client=latest', 'client=singbox');
    expect(new URL(singbox.link!).searchParams.get('url')).toBe(flagged);
    // The link in the clear is the import link itself; the option's own field is the short form.
    for (const option of options.clients) expect(option.sublink).not.toContain(DEMO_SUB_TOKEN);
    expect(sim.requests().length).toBeGreaterThan(0);

    expectOk(await core.call('import.open', { serviceId: 1, client: 'sing-box' }));
    expect(core.desktop.opened.at(-1)).toBe(singbox.link);
    // Nothing the core keeps or shows outside the import carries the link.
    expect(JSON.stringify(expectOk(await core.call<DataState>('data.get')))).not.toContain(DEMO_SUB_TOKEN);
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      expect(readFileSync(join(dir, file), 'utf8')).not.toContain(DEMO_SUB_TOKEN);
    }
  });

  it('a body above the subscription cap ends as a clear error; the last data is kept', async () => {
    const id = await addedBefore();
    const core = await rig();
    await core.idle();
    sim.setFaults({ hugeBodyBytes: SUBSCRIPTION_BODY_LIMIT + 1_000_000 });
    await core.call('data.refresh');
    await core.idle();
    const shown = expectOk(await core.call<DataState>('data.get')).profiles.find((p) => p.id === id)!;
    expect(shown.error).toMatchObject({ kind: 'http' });
    expect(shown.error?.message).toMatch(/larger than 32 MB/);
    expect(shown.snapshot?.services[0]).toMatchObject({ usedBytes: 40 * GB, totalBytes: 100 * GB });
    expect(shown.snapshot?.servers['1']).toHaveLength(10);
  });

  it('signed out, its link pasted again: checked once, kept for the same profile, watched again', async () => {
    const id = await addedBefore();
    await secrets.delete(LINK_SERVICE, id);
    const core = await rig();
    // A link that does not answer changes nothing.
    const refused = await core.call('profiles.relink', { id, url: sim.link('marzban', 'no-such-token') });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'http', status: 404 } });
    expect(await secrets.get(LINK_SERVICE, id)).toBeNull();
    expect(expectOk(await core.call<ProfilesState>('profiles.list')).profiles[0]!.signedIn).toBe(false);

    sim.resetRequests();
    const again = expectOk(
      await core.call<ProfilesState>('profiles.relink', { id, url: sim.link('marzban') }),
    );
    expect(again.profiles).toEqual([expect.objectContaining({ id, signedIn: true })]);
    expect(await secrets.get(LINK_SERVICE, id)).toBe(sim.link('marzban'));
    expect(JSON.stringify(again)).not.toContain(DEMO_SUB_TOKEN);
    await core.idle();
    const before = sim.requests().length;
    await runUntil(core, clock.now() + INTERVAL);
    expect(sim.requests().length - before).toBe(1);
  });

  it('relink asks nothing for a profile that does not exist', async () => {
    const core = await rig();
    const missing = await core.call('profiles.relink', { id: 'nope', url: sim.link('marzban') });
    expect(missing).toMatchObject({ ok: false, error: { kind: 'validation' } });
    expect(sim.requests()).toEqual([]);
  });

  it('added in the running app: signed in at once, and the data service told to watch it', async () => {
    const desktop = makePlatform({ dir, secrets, now: clock.now });
    let changes = 0;
    const accounts = createAccounts({
      platform: desktop.platform,
      credentials: createCredentialStore(secrets),
      timers: virtual.timers,
      onChanged: () => void changes++,
      onRemoved: () => undefined,
    });
    await accounts.init();
    const before = changes;
    const added = expectOk(await accounts.addSubscription({ url: sim.link('marzban'), name: 'Now' }));
    expect(accounts.isSignedIn(added.profile.id)).toBe(true);
    expect(changes).toBeGreaterThan(before);
    expect(accounts.state()).toMatchObject({ activeId: added.profile.id });
    const source = expectOk(await accounts.sourceFor(added.profile.id));
    expect(expectOk(await source.refresh(added.profile.id)).kind).toBe('subscription');
    await accounts.dispose();
  });
});
