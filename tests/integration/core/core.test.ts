// The composed core (router + accounts + data + export) against the real simulator, with the
// desktop Platform recorded: sign-in, refresh, cache, profiles, export and settings.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startPanelSim, type PanelSim } from '../../../tools/panel-sim/index';
import { MESSAGES } from '../../../tools/panel-sim/panel';
import { memoryBackend, type SecretBackend } from '../../../src/main/secrets';
import type { DataState, ProfilesState } from '../../../src/shared/contract';
import { demoSignIn, makeCoreRig, type CoreRig } from '../../support/core-rig';
import { expectErr, expectOk } from '../../support/expect';

type Harness = CoreRig;

let sim: PanelSim;
let secrets: SecretBackend;
let harnesses: Harness[] = [];

/** The shared recording rig, on `dir` (a restart) or a new folder, with this test's keychain. */
async function makeHarness(dir?: string): Promise<Harness> {
  const h = await makeCoreRig({ ...(dir ? { dir } : {}), secrets });
  harnesses.push(h);
  return h;
}

beforeEach(async () => {
  sim = await startPanelSim();
  secrets = memoryBackend();
  harnesses = [];
});

afterEach(async () => {
  for (const h of harnesses) await h.dispose();
  await sim.close();
});

const signIn = (h: Harness, password = sim.demo.password, remember = true) =>
  h.call<ProfilesState>('auth.signIn', demoSignIn(sim, { password, remember }));

describe('core against the simulator', () => {
  it('checks the provider key by fetching a token, and refuses a wrong key', async () => {
    const h = await makeHarness();
    expectOk(await h.call('provider.check', { panelUrl: sim.url, apiKey: sim.apiKey }));
    const bad = await h.call('provider.check', { panelUrl: sim.url, apiKey: 'wrong-key' });
    expectErr(bad, 'auth');
    const insecure = await h.call('provider.check', { panelUrl: 'http://panel.example.com', apiKey: 'k' });
    expectErr(insecure, 'validation');
  });

  it('signs in, refreshes, caches, and shows cached data marked stale after a restart', async () => {
    const h = await makeHarness();
    const wrong = await signIn(h, 'not-the-password');
    expect(expectErr(wrong, 'panel').message).toBe(MESSAGES.badLogin);
    expect(JSON.stringify(wrong)).not.toContain('not-the-password');

    const signed = expectOk(await signIn(h));
    expect(signed.profiles).toHaveLength(1);
    expect(signed.profiles[0]).toMatchObject({ email: sim.demo.email, signedIn: true });

    const refreshed = expectOk(await h.call<DataState>('data.refresh'));
    expect(refreshed.snapshot?.services).toHaveLength(3);
    expect(refreshed.stale).toBe(false);
    expect(h.trays.at(-1)?.services).toHaveLength(3);
    // The demo seed has a plan at 90 % and one expiring in 2 days: alerts fire once.
    expect(h.notifications.length).toBeGreaterThan(0);
    const fired = h.notifications.length;
    await h.call('data.refresh');
    expect(h.notifications.length).toBe(fired);

    // Restart on the same folder and keychain: cached data at once, stale until refreshed; no repeat alerts.
    await h.dispose();
    const again = await makeHarness(h.dir);
    const cached = await again.call<DataState>('data.get');
    expect(expectOk(cached).snapshot?.services.length).toBe(3);
    expect(expectOk(cached).stale).toBe(true);
    await again.call('data.refresh');
    expect(again.notifications).toHaveLength(0);
  });

  it('keeps the last good data and reports the error when the panel fails', async () => {
    const h = await makeHarness();
    await signIn(h);
    await h.call('data.refresh');
    sim.admin.setFault('*', { kind: 'http502' });
    const failed = expectOk(await h.call<DataState>('data.refresh'));
    expect(failed.stale).toBe(true);
    expect(failed.snapshot?.services).toHaveLength(3);
    expect(failed.monitor.lastError?.kind).toBe('http');
  });

  it('exports, copies the subscription link, and writes a folder', async () => {
    const h = await makeHarness();
    await signIn(h);
    const data = await h.call<DataState>('data.refresh');
    const service = expectOk(data).snapshot?.services[0];
    expect(service).toBeDefined();
    const preview = await h.call<{ text: string; count: number }>('export.preview', {
      serviceId: null,
      format: 'links',
    });
    expect(expectOk(preview).count).toBeGreaterThan(3);
    expectOk(await h.call('export.copy', { serviceId: service!.id, format: 'sublink' }));
    expect(h.clipboard.at(-1)).toBe(service!.sublink);
    const saved = await h.call<{ saved: boolean; folder: string; files: string[] }>('export.save', {
      serviceId: null,
      formats: ['clash', 'singbox'],
    });
    expect(expectOk(saved).saved).toBe(true);
    // A folder of its own inside the chosen one, named for the profile, the selection and the time.
    expect(readdirSync(join(h.dir, 'exports'))).toEqual([basename(expectOk(saved).folder)]);
    expect(basename(expectOk(saved).folder)).toMatch(/all-services \d{4}-\d\d-\d\d \d\d-\d\d-\d\d$/);
    const files = readdirSync(expectOk(saved).folder);
    expect(files.some((f) => f.endsWith('.yaml'))).toBe(true);
    expect(files.some((f) => f.endsWith('.json'))).toBe(true);
    expect(files.some((f) => f.endsWith('.tmp'))).toBe(false);
  });

  it("export never touches the user's files: servers named IMG_0001 and subscription-link", async () => {
    const h = await makeHarness();
    await signIn(h);
    sim.admin.patchServer(4, 0, { remark: 'IMG_0001' });
    sim.admin.patchServer(4, 1, { remark: 'subscription-link' });
    const chosen = join(h.dir, 'exports');
    mkdirSync(chosen, { recursive: true });
    // What the user keeps in the folder they pick: a photo and a file named like the export's own.
    writeFileSync(join(chosen, 'IMG_0001.png'), 'holiday photo');
    writeFileSync(join(chosen, 'subscription-link.txt'), 'my notes');
    expectOk(await h.call<DataState>('data.refresh'));

    const saved = expectOk(
      await h.call<{ saved: true; folder: string; files: string[] }>('export.save', {
        serviceId: 4,
        formats: ['qr', 'links'],
      }),
    );
    expect(readFileSync(join(chosen, 'IMG_0001.png'), 'utf8')).toBe('holiday photo');
    expect(readFileSync(join(chosen, 'subscription-link.txt'), 'utf8')).toBe('my notes');
    expect(readdirSync(chosen).sort()).toEqual(
      ['IMG_0001.png', basename(saved.folder), 'subscription-link.txt'].sort(),
    );
    // Inside the export's folder: the server's QR code beside the link's, one suffixed, none lost.
    const inside = readdirSync(saved.folder);
    expect(inside).toEqual(
      expect.arrayContaining([
        'IMG_0001.png',
        'subscription-link.png',
        'subscription-link (2).png',
        'subscription-link.txt',
      ]),
    );
    expect(readFileSync(join(saved.folder, 'subscription-link.txt'), 'utf8').trim()).toMatch(/^http/);
    expect(saved.files.sort()).toEqual(inside.sort());

    // A second export a moment later gets a folder of its own, too.
    const again = expectOk(
      await h.call<{ saved: true; folder: string }>('export.save', { serviceId: 4, formats: ['links'] }),
    );
    expect(again.folder).not.toBe(saved.folder);
    expect(readdirSync(saved.folder).sort()).toEqual(inside.sort());
  });

  it('adds, switches and removes profiles; removing deletes the secrets and sign-out forgets the password', async () => {
    const h = await makeHarness();
    await signIn(h);
    await sim.admin.state(); // the sim is shared; register a second account through the API
    const sent = await h.call('auth.sendCode', {
      panelUrl: sim.url,
      apiKey: sim.apiKey,
      name: 'second',
      email: 'second@example.com',
    });
    expectOk(sent);
    const code = sim.admin.emailCodes('second@example.com').at(-1)!;
    const registered = expectOk(
      await h.call<ProfilesState>('auth.register', {
        panelUrl: sim.url,
        apiKey: sim.apiKey,
        name: 'second',
        email: 'second@example.com',
        password: 'second-password-1',
        code,
        aff: '',
        remember: true,
      }),
    );
    expect(registered.profiles).toHaveLength(2);
    const [first, second] = registered.profiles;
    expect(registered.activeId).toBe(second!.id);
    const switched = await h.call<ProfilesState>('profiles.switch', { id: first!.id });
    expect(expectOk(switched).activeId).toBe(first!.id);

    const origin = new URL(sim.url).origin;
    expect(await secrets.get(`xmplus-tray:${origin}`, 'second@example.com')).toBe('second-password-1');
    const removed = await h.call<ProfilesState>('profiles.remove', { id: second!.id });
    expect(expectOk(removed).profiles).toHaveLength(1);
    expect(await secrets.get(`xmplus-tray:${origin}`, 'second@example.com')).toBeNull();

    const out = await h.call<ProfilesState>('auth.signOut');
    expect(expectOk(out).profiles[0]?.signedIn).toBe(false);
    expect(await secrets.get(`xmplus-tray:${origin}`, sim.demo.email)).toBeNull();
    const refused = await h.call('data.refresh');
    expectErr(refused, 'auth');
    const settingsText = readFileSync(join(h.dir, 'config.json'), 'utf8');
    expect(settingsText).not.toContain(sim.demo.password);
    expect(settingsText).not.toContain(sim.apiKey);
  });

  it('"Remember me" off keeps the password in memory only', async () => {
    const h = await makeHarness();
    await signIn(h, sim.demo.password, false);
    const origin = new URL(sim.url).origin;
    expect(await secrets.get(`xmplus-tray:${origin}`, sim.demo.email)).toBeNull();
    expectOk(await h.call<DataState>('data.refresh'));
  });

  it('resets a password with the panel message', async () => {
    const h = await makeHarness();
    const reset = await h.call<{ message: string }>('auth.resetPassword', {
      panelUrl: sim.url,
      apiKey: sim.apiKey,
      email: sim.demo.email,
    });
    expect(expectOk(reset).message).toBe(sim.admin.state().messages.resetSent);
    expect(sim.admin.resetEmails(sim.demo.email)).toBe(1);
  });
});

describe('switching accounts', () => {
  it('loads the other account at once, without a manual refresh', async () => {
    const h = await makeHarness();
    await signIn(h);
    await h.call('data.refresh');
    await h.call('auth.sendCode', {
      panelUrl: sim.url,
      apiKey: sim.apiKey,
      name: 'other',
      email: 'other@example.com',
    });
    const code = sim.admin.emailCodes('other@example.com').at(-1)!;
    const registered = await h.call<ProfilesState>('auth.register', {
      panelUrl: sim.url,
      apiKey: sim.apiKey,
      name: 'other',
      email: 'other@example.com',
      password: 'other-password-1',
      code,
      aff: '',
      remember: true,
    });
    expectOk(registered);
    // The new account has no services: its snapshot arrives by itself and is not called expired.
    await expect
      .poll(async () => {
        const data = await h.call<DataState>('data.get');
        return data.ok ? data.value.snapshot?.account?.email : null;
      })
      .toBe('other@example.com');
    const data = await h.call<DataState>('data.get');
    expect(expectOk(data).level).toBe('ok');
    const first = expectOk(registered).profiles.find((p) => p.email === sim.demo.email);
    await h.call('profiles.switch', { id: first!.id });
    await expect
      .poll(async () => {
        const d = await h.call<DataState>('data.get');
        return d.ok ? d.value.snapshot?.account?.email : null;
      })
      .toBe(sim.demo.email);
  });
});
