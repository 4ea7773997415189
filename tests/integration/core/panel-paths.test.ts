// Two panels under different paths of one host (a front server routing /a/ and /b/ to two
// simulators, as shared hosting does) keep their own keychain entries: each its API key, and a
// "Remember me" off sign-in of one deletes nothing of the other's. Entries an older version filed
// under the origin alone move to the panel's base once, on the real keychain where one answers.
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { startPanelSim, type PanelSim } from '../../../tools/panel-sim/index';
import {
  API_KEY_ACCOUNT,
  keychainService,
  keytarBackend,
  memoryBackend,
  type SecretBackend,
} from '../../../src/main/secrets';
import { writeProfiles, type ProfileRecord } from '../../../src/main/settings/settings';
import type { DataState, ProfilesState } from '../../../src/shared/contract';
import { makeCoreRig, type CoreRig } from '../../support/core-rig';
import { expectOk } from '../../support/expect';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/** One loopback host serving each simulator under its own path prefix. */
async function frontServer(routes: Record<string, PanelSim>): Promise<string> {
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    const prefix = Object.keys(routes).find((p) => path.startsWith(`${p}/`));
    if (!prefix) {
      res.writeHead(404).end();
      return;
    }
    const target = new URL(routes[prefix]!.url);
    const upstream = request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: path.slice(prefix.length),
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function twoPanels() {
  const keyA = `key-a-${randomBytes(4).toString('hex')}`;
  const keyB = `key-b-${randomBytes(4).toString('hex')}`;
  const simA = await startPanelSim({ apiKey: keyA });
  const simB = await startPanelSim({ apiKey: keyB });
  closers.push(
    () => simA.close(),
    () => simB.close(),
  );
  const host = await frontServer({ '/a': simA, '/b': simB });
  return { simA, simB, keyA, keyB, host, urlA: `${host}/a`, urlB: `${host}/b` };
}

async function rig(secrets: SecretBackend, dir?: string): Promise<CoreRig> {
  const made = await makeCoreRig({ secrets, ...(dir ? { dir } : {}) });
  closers.push(() => made.dispose());
  return made;
}

describe('keychain entries by panel base', () => {
  it('keeps each panel its API key; a Remember-me-off sign-in of one leaves the other signed in', async () => {
    const p = await twoPanels();
    const secrets = memoryBackend();
    const h = await rig(secrets);
    const a = expectOk(
      await h.call<ProfilesState>('auth.signIn', {
        panelUrl: p.urlA,
        apiKey: p.keyA,
        email: p.simA.demo.email,
        password: p.simA.demo.password,
        remember: true,
      }),
    );
    const idA = a.profiles[0]!.id;
    expectOk(
      await h.call<ProfilesState>('auth.signIn', {
        panelUrl: p.urlB,
        apiKey: p.keyB,
        email: p.simB.demo.email,
        password: p.simB.demo.password,
        remember: false,
      }),
    );
    expect(await secrets.get(keychainService(p.urlA), API_KEY_ACCOUNT)).toBe(p.keyA);
    expect(await secrets.get(keychainService(p.urlB), API_KEY_ACCOUNT)).toBeNull();

    // Panel A, after the app restarts: its own key, from the keychain, still opens it.
    await h.dispose();
    const again = await rig(secrets, h.dir);
    expectOk(await again.call('profiles.switch', { id: idA }));
    const state = expectOk(await again.call<DataState>('data.refresh'));
    expect(state.monitor.lastError).toBeNull();
    expect(state.snapshot?.services.length).toBeGreaterThan(0);
  });
});

const keychain = await keytarBackend();
describe.skipIf(!keychain)('moving entries filed by origin (skipped where no Secret Service answers)', () => {
  it('copies the old origin entries to each panel base once, then deletes them', async () => {
    const p = await twoPanels();
    const origin = new URL(p.host).origin;
    const old = keychainService(origin);
    const h0 = await rig(memoryBackend());
    // Profiles as an older version saved them, with their secrets under the origin alone.
    const now = Date.now();
    const profile = (id: string, panelUrl: string, email: string): ProfileRecord => ({
      id,
      kind: 'xmplus',
      watch: true,
      refreshMinutes: null,
      panelUrl,
      email,
      displayName: id,
      options: { proxyUrl: '', timeZone: '' },
      remember: true,
      createdAt: now,
    });
    const idA = `a-${randomBytes(3).toString('hex')}`;
    writeProfiles(h0.platform.settingsStore, [profile(idA, p.urlA, p.simA.demo.email)]);
    h0.platform.settingsStore.set('activeProfileId', idA);
    // An older version's file has no mark that its entries were moved.
    h0.platform.settingsStore.delete('keychainByPanelBase');
    await h0.dispose();
    await keychain!.set(old, p.simA.demo.email.toLowerCase(), p.simA.demo.password);
    await keychain!.set(old, API_KEY_ACCOUNT, p.keyA);
    closers.push(async () => {
      for (const service of [old, keychainService(p.urlA)]) {
        await keychain!.delete(service, p.simA.demo.email.toLowerCase()).catch(() => false);
        await keychain!.delete(service, API_KEY_ACCOUNT).catch(() => false);
      }
    });

    const h = await rig(keychain!, h0.dir);
    expect(expectOk(await h.call<ProfilesState>('profiles.list')).profiles[0]?.signedIn).toBe(true);
    expect(await keychain!.get(keychainService(p.urlA), API_KEY_ACCOUNT)).toBe(p.keyA);
    expect(await keychain!.get(old, API_KEY_ACCOUNT)).toBeNull();
    expect(await keychain!.get(old, p.simA.demo.email.toLowerCase())).toBeNull();
    const state = expectOk(await h.call<DataState>('data.refresh'));
    expect(state.monitor.lastError).toBeNull();
    expect(h.platform.settingsStore.get('keychainByPanelBase')).toBe(true);
  });
});
