// A keychain that refuses: every SecretBackend call throws (with the secret in its own message, as a
// careless native module might). Sign-in, start-up, refresh and sign-out answer with typed
// 'keychain' / 'auth' errors a person can act on; nothing throws; no secret in any error.
// A keychain that hangs: the core does not time keychain calls out (an unlock prompt may legitimately
// wait for the user), so sign-in waits for it; the test pins down that the wait is contained:
// every other channel keeps answering, and sign-in completes once the keychain answers.
// At start-up the wait is bounded: after a while the profile counts as signed out, and the app goes on.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startPanelSim, type PanelSim } from '../../tools/panel-sim/index';
import { memoryBackend, type SecretBackend } from '../../src/main/secrets';
import type { DataState, ProfilesState } from '../../src/shared/contract';
import { KEYCHAIN_START_TIMEOUT_MS } from '../../src/main/accounts';
import {
  demoSignIn,
  makeCoreRig,
  manualClock,
  recordUnhandled,
  virtualTimers,
  type CoreRig,
} from '../support/core-rig';

let sim: PanelSim;
const rigs: CoreRig[] = [];
let unhandled: ReturnType<typeof recordUnhandled>;

beforeAll(async () => {
  sim = await startPanelSim();
  unhandled = recordUnhandled();
});
afterEach(async () => {
  for (const rig of rigs.splice(0)) await rig.dispose();
  expect(unhandled.reasons).toEqual([]);
});
afterAll(async () => {
  unhandled.stop();
  await sim.close();
});

/** Throws on every call, naming the value it was given (the worst a native module could do). */
function refusingBackend(calls: string[]): SecretBackend {
  const refuse = (op: string, detail: string) => {
    calls.push(op);
    const error = new Error(`org.freedesktop.Secret.Error.IsLocked: cannot ${op} ${detail}`);
    error.name = 'KeychainLockedError';
    throw error;
  };
  return {
    kind: 'keychain',
    get: async (service, account) => refuse('get', `${service}/${account}`),
    set: async (service, account, value) => refuse('set', `${service}/${account}=${value}`),
    delete: async (service, account) => refuse('delete', `${service}/${account}`),
  };
}

const secrets = () => [sim.demo.password, sim.apiKey];
const signIn = (rig: CoreRig) => rig.call<ProfilesState>('auth.signIn', demoSignIn(sim));

function expectNoSecret(value: unknown) {
  const text = JSON.stringify(value);
  for (const secret of secrets()) expect(text).not.toContain(secret);
}

describe('a keychain that refuses', () => {
  it('sign-in answers with a keychain error that says what to do, and leaks nothing', async () => {
    const calls: string[] = [];
    const rig = await makeCoreRig({ secrets: refusingBackend(calls) });
    rigs.push(rig);
    const result = await signIn(rig);
    expect(calls).toContain('set');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('keychain');
    expect(result.error.message).toMatch(/keychain/i);
    expect(result.error.message).toMatch(/Unlock your keychain|sign in again/);
    expectNoSecret(result);
    expectNoSecret(rig.events);
    expect(rig.internalErrors).toEqual([]);
    // Not signed in: polling does not start on a half-saved sign-in.
    const data = await rig.call<DataState>('data.refresh');
    expect(data.ok).toBe(false);
  });

  it('with remember off, a keychain that cannot delete an older remembered copy is reported, not ignored', async () => {
    const calls: string[] = [];
    const rig = await makeCoreRig({ secrets: refusingBackend(calls) });
    rigs.push(rig);
    const result = await rig.call<ProfilesState>('auth.signIn', {
      panelUrl: sim.url,
      apiKey: sim.apiKey,
      email: sim.demo.email,
      password: sim.demo.password,
      remember: false,
    });
    // The user asked for no copy on disk; one may be left from before, so failing to delete it is
    // an error to show, not something to pass over.
    expect(calls).toContain('delete');
    expect(calls).not.toContain('set');
    expect(result.ok ? null : result.error.kind).toBe('keychain');
    expectNoSecret(result);
  });

  it('start-up, refresh and sign-out with a keychain that stopped answering: typed errors only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xmplus-keychain-'));
    const good = memoryBackend();
    const first = await makeCoreRig({ dir, secrets: good });
    expect((await signIn(first)).ok).toBe(true);
    await first.dispose();

    // The same profile, but now the keychain is locked for good.
    const calls: string[] = [];
    const rig = await makeCoreRig({ dir, secrets: refusingBackend(calls) });
    rigs.push(rig);
    expect(calls).toContain('get');
    const profiles = await rig.call<ProfilesState>('profiles.list');
    expect(profiles.ok && profiles.value.profiles[0]?.signedIn).toBe(false);
    const refreshed = await rig.call('data.refresh');
    expect(refreshed.ok ? null : refreshed.error.kind).toBe('auth');
    const store = await rig.call('billing.store');
    expect(store.ok ? null : store.error.kind).toMatch(/^(auth|keychain)$/);
    const out = await rig.call('auth.signOut');
    expect(out.ok).toBe(false);
    if (!out.ok) {
      expect(out.error.kind).toBe('keychain');
      expect(out.error.message).toMatch(/Could not delete from the system keychain/);
    }
    for (const result of [profiles, refreshed, store, out]) expectNoSecret(result);
    expect(rig.internalErrors).toEqual([]);
  });
});

describe('a keychain that hangs', () => {
  it('sign-in waits for it, every other channel keeps answering, and it completes when the keychain does', async () => {
    const inner = memoryBackend();
    const parked: (() => void)[] = [];
    let released = false;
    let firstParked: () => void = () => undefined;
    const parking = new Promise<void>((resolve) => (firstParked = resolve));
    const hanging: SecretBackend = {
      kind: 'keychain',
      get: (s, a) => inner.get(s, a),
      // Parks every write until released; after that (the password, then the API key) each goes through.
      set: (s, a, v) => {
        if (released) return inner.set(s, a, v);
        return new Promise<void>((resolve) => {
          parked.push(() => void inner.set(s, a, v).then(resolve));
          firstParked();
        });
      },
      delete: (s, a) => inner.delete(s, a),
    };
    const rig = await makeCoreRig({ secrets: hanging });
    rigs.push(rig);
    let settled = false;
    const pending = signIn(rig).finally(() => {
      settled = true;
    });
    await parking;
    for (const channel of ['data.get', 'settings.get', 'profiles.list', 'app.notices', 'billing.watches']) {
      expect((await rig.call(channel)).ok, channel).toBe(true);
    }
    expect(settled).toBe(false);
    released = true;
    while (parked.length > 0) parked.shift()!();
    const result = await pending;
    expect(result.ok).toBe(true);
    expectNoSecret(result);
  });
});

describe('a keychain that hangs at start-up', () => {
  it("start-up goes on once its wait runs out (on the core's timers): the profile counts as signed out", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xmplus-keychain-'));
    const inner = memoryBackend();
    const first = await makeCoreRig({ dir, secrets: inner });
    expect((await signIn(first)).ok).toBe(true);
    await first.dispose();

    const clock = manualClock();
    const virtual = virtualTimers(clock);
    const hanging: SecretBackend = {
      kind: 'keychain',
      get: () => new Promise<string | null>(() => undefined),
      set: (s, a, v) => inner.set(s, a, v),
      delete: (s, a) => inner.delete(s, a),
    };
    const rig = await makeCoreRig({
      dir,
      secrets: hanging,
      now: clock.now,
      timers: virtual.timers,
      start: false,
    });
    rigs.push(rig);
    let started = false;
    const starting = rig.core.start().then(() => {
      started = true;
    });
    // One wait per saved profile, due after the start-up timeout; nothing settles before it fires.
    const wait = virtual.next();
    expect(virtual.size).toBe(1);
    expect(wait?.at).toBe(clock.now() + KEYCHAIN_START_TIMEOUT_MS);
    await Promise.resolve();
    expect(started).toBe(false);
    virtual.fire(wait!);
    await starting;
    const profiles = await rig.call<ProfilesState>('profiles.list');
    expect(profiles.ok && profiles.value.profiles.map((p) => p.signedIn)).toEqual([false]);
  });
});
