// status and export next to the app's cache (read, never written): a status right after the app's
// refresh is account/info alone, and a service whose details now fail exports the last known
// servers with their age, as the app does. The cache is sealed under the keychain's key, so the CLI
// reading what the app wrote is the shared scheme at work. Needs the real keyring.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPanelSim, type PanelSim } from '../../../tools/panel-sim/index';
import { main } from '../../../src/main/cli';
import { keytarBackend } from '../../../src/main/secrets';
import { createPanelSession } from '../../../src/main/sources/xmplus/panel-session';
import { readActiveProfileId, writeCachedSnapshot } from '../../../src/main/settings/settings';
import { CACHE_FILE, openFileStore, SETTINGS_FILE } from '../../../src/main/settings/store';
import { openSealedCache } from '../../../src/main/settings/sealed-cache';
import { ok } from '../../../src/shared/errors';
import { testIo } from '../../support/cli-io';
import { expectOk } from '../../support/expect';

let sim: PanelSim;
beforeAll(async () => {
  sim = await startPanelSim();
});
afterAll(async () => {
  await sim.close();
});

const keychain = await keytarBackend();
describe.skipIf(!keychain)("the CLI beside the app's cache (skipped where no Secret Service answers)", () => {
  it('reads the cached server lists: one request for status, the last known servers for export', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xmplus-cli-cache-'));
    const env = { XMPLUS_CONFIG_DIR: dir };
    const login = testIo({ env, stdin: sim.demo.password });
    const args = [
      'login',
      '--panel',
      sim.url,
      '--email',
      sim.demo.email,
      '--api-key',
      sim.apiKey,
      '--password-stdin',
    ];
    expect(await main(args, login.io)).toBe(0);

    // What the app would have cached after its refresh.
    const profileId = readActiveProfileId(openFileStore(join(dir, SETTINGS_FILE)).store)!;
    const session = expectOk(
      createPanelSession({
        panelUrl: sim.url,
        getApiKey: async () => ok(sim.apiKey),
        getCredentials: async () => ok({ email: sim.demo.email, password: sim.demo.password }),
      }),
    );
    const result = await session.snapshot(profileId);
    await session.close();
    const snapshot = expectOk(result);
    // Written the way the app writes it (electron/main.ts opens the cache through openSealedCache).
    const cacheFile = join(dir, CACHE_FILE);
    writeCachedSnapshot((await openSealedCache(cacheFile, keychain!)).store, snapshot);
    const cached = readFileSync(cacheFile, 'utf8');
    const sublink = snapshot.services.find((s) => s.sublink)?.sublink;
    expect(sublink).toBeTruthy();
    expect(cached).not.toContain(sublink);

    sim.admin.resetStats();
    const status = testIo({ env });
    expect(await main(['status', '--json'], status.io)).toBe(0);
    expect(sim.admin.stats().requests['/api/client/service/info'] ?? 0).toBe(0);
    expect(sim.admin.stats().requests['/api/client/account/info']).toBe(1);

    const refusal = 'Service suspended by the administrator.';
    sim.admin.patchService(7, { detailsRefusal: refusal });
    const fetchedAt = snapshot.serverParts?.['7']?.fetchedAt ?? 0;
    // Five minutes on, export asks again; the list it gets is refused, so the cached one is used.
    const later = testIo({ env, now: () => fetchedAt + 6 * 60_000 });
    expect(await main(['export', '--format', 'links', '--service', '7'], later.io)).toBe(0);
    expect(later.out().trim().split('\n')).toHaveLength(10);
    const when = new Date(fetchedAt).toISOString().slice(0, 16).replace('T', ' ');
    expect(later.err()).toBe(
      `xmplus-tray: service 7 (Pro 200): Servers unavailable: ${refusal} (exporting its servers as of ${when} UTC)\n`,
    );
    // The app's cache is the app's: the CLI read it and left it as it was.
    expect(readFileSync(cacheFile, 'utf8')).toBe(cached);
  });
});
