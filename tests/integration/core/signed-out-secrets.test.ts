// A profile without its password keeps only its usage figures: signing out, or a start without a
// stored password ("Remember me" off), drops every subscription link and server from the snapshot,
// in memory and in the cache file, so that nothing (copy, export, data.get, the status socket) can
// hand them out afterwards. The usage, days left and alerts stay.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startPanelSim, type PanelSim } from '../../../tools/panel-sim/index';
import type { DataState } from '../../../src/shared/contract';
import type { Snapshot } from '../../../src/shared/domain';
import { memoryBackend, type SecretBackend } from '../../../src/main/secrets';
import { makeCoreRig, signInDemo, type CoreRig } from '../../support/core-rig';
import { expectErr, expectOk } from '../../support/expect';

let sim: PanelSim;
let dir: string;
let secrets: SecretBackend;
const rigs: CoreRig[] = [];

beforeEach(async () => {
  sim = await startPanelSim();
  dir = mkdtempSync(join(tmpdir(), 'xmplus-signed-out-'));
  secrets = memoryBackend();
});

afterEach(async () => {
  for (const rig of rigs.splice(0)) {
    await rig.dispose();
    expect(rig.internalErrors).toEqual([]);
  }
  await sim.close();
});

async function rig() {
  const made = await makeCoreRig({ dir, secrets });
  rigs.push(made);
  return made;
}

const cacheText = () => readFileSync(join(dir, 'cache.json'), 'utf8');
/** What a snapshot must not hold any more: its links and its servers' share links. */
function credentialsOf(snapshot: Snapshot): string[] {
  return [
    ...snapshot.services.map((s) => s.sublink).filter(Boolean),
    ...Object.values(snapshot.servers).flatMap((list) => list.map((server) => server.uri)),
  ];
}
const usage = (snapshot: Snapshot | null | undefined) =>
  snapshot?.services.map((s) => [s.id, s.usedBytes, s.totalBytes, s.expiresAt]);

async function signedInWithServers(core: CoreRig, remember: boolean) {
  const { snapshot } = await signInDemo(core, sim, { remember, refresh: true });
  const secretsHeld = credentialsOf(snapshot);
  // The sign-in refresh fetched every list: there is something to lose.
  expect(secretsHeld.length).toBeGreaterThan(3);
  for (const secret of secretsHeld) expect(cacheText()).toContain(JSON.stringify(secret).slice(1, -1));
  return { snapshot, secretsHeld };
}

describe('signed out, a profile keeps only its usage figures', () => {
  it('sign-out drops every link and server from memory, the cache and the status socket', async () => {
    const core = await rig();
    const { snapshot, secretsHeld } = await signedInWithServers(core, true);
    expectOk(await core.call('auth.signOut'));
    const data = expectOk(await core.call<DataState>('data.get'));
    expect(data.snapshot).not.toBeNull();
    expect(credentialsOf(data.snapshot!)).toEqual([]);
    expect(usage(data.snapshot)).toEqual(usage(snapshot));
    expect(data.profiles[0]?.error?.reason).toBe('signedOut');
    const cache = cacheText();
    for (const secret of secretsHeld) expect(cache).not.toContain(JSON.stringify(secret).slice(1, -1));
    expectErr(await core.call('service.copySublink', { serviceId: 4 }));
    expect(core.clipboard).toEqual([]);
    const shown = core.core.statusProfiles();
    expect(shown.flatMap((p) => (p.snapshot ? credentialsOf(p.snapshot) : []))).toEqual([]);
    expect(core.trays.at(-1)!.services.some((s) => s.hasSublink)).toBe(false);
  });

  it('a start without a stored password ("Remember me" off) drops them from the cache', async () => {
    const first = await rig();
    const { snapshot, secretsHeld } = await signedInWithServers(first, false);
    await first.dispose();
    // The next run has no password for the profile: its cached data keeps the usage only.
    const second = await rig();
    const data = expectOk(await second.call<DataState>('data.get'));
    expect(data.profiles[0]?.signedIn).toBe(false);
    expect(usage(data.profiles[0]?.snapshot)).toEqual(usage(snapshot));
    expect(credentialsOf(data.profiles[0]!.snapshot!)).toEqual([]);
    const cache = cacheText();
    for (const secret of secretsHeld) expect(cache).not.toContain(JSON.stringify(secret).slice(1, -1));
  });
});
