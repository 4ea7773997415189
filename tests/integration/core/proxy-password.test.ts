// A profile's proxy password lives in the keychain beside the panel password: the settings file, the
// profiles event and `profiles --json` show the address without it, while every request still
// authenticates to a SOCKS5 proxy that asks for it (RFC 1929, a real proxy on loopback).
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startPanelSim, type PanelSim } from '../../../tools/panel-sim/index';
import { main } from '../../../src/main/cli';
import {
  keychainService,
  keytarBackend,
  memoryBackend,
  proxyPasswordAccount,
  type SecretBackend,
} from '../../../src/main/secrets';
import type { DataState, ProfilesState } from '../../../src/shared/contract';
import { makeCoreRig, type CoreRig } from '../../support/core-rig';
import { startSocks5Server, type Socks5Server } from '../../support/socks5-server';
import { testIo } from '../../support/cli-io';
import { expectOk } from '../../support/expect';

const API_KEY = 'proxy-password-test-key';
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function setup(secrets: SecretBackend = memoryBackend(), dir?: string) {
  const panel: PanelSim = await startPanelSim({ apiKey: API_KEY });
  closers.push(() => panel.close());
  const password = `proxy-pw-${randomBytes(6).toString('hex')}`;
  const proxy: Socks5Server = await startSocks5Server({ auth: { username: 'alice', password } });
  closers.push(() => proxy.close());
  const rig: CoreRig = await makeCoreRig({ secrets, ...(dir ? { dir } : {}) });
  closers.push(() => rig.dispose());
  // localhost, not 127.0.0.1: a name the client hands to the proxy rather than a loopback it bypasses.
  const panelUrl = panel.url.replace('127.0.0.1', 'localhost');
  const withPassword = proxy.url.replace('socks5://', `socks5://alice:${password}@`);
  const withoutPassword = proxy.url.replace('socks5://', 'socks5://alice@');
  return { panel, proxy, rig, panelUrl, password, withPassword, withoutPassword, secrets };
}

const accepted = (proxy: Socks5Server) =>
  proxy.logins.filter((l) => l.username === 'alice' && l.accepted).length;

/** Signs a panel's demo account in, through `proxyUrl` when one is given. */
async function signIn(rig: CoreRig, panelUrl: string, panel: PanelSim, proxyUrl?: string) {
  const signed = await rig.call<ProfilesState>('auth.signIn', {
    panelUrl,
    apiKey: API_KEY,
    ...(proxyUrl !== undefined ? { proxyUrl } : {}),
    email: panel.demo.email,
    password: panel.demo.password,
    remember: true,
  });
  return expectOk(signed);
}

describe('proxy passwords', () => {
  it('signs in through a proxy that needs a password, keeping the password out of the file and the events', async () => {
    const s = await setup();
    const profile = (await signIn(s.rig, s.panelUrl, s.panel, s.withPassword)).profiles[0]!;
    expect(profile.options.proxyUrl).toBe(s.withoutPassword);
    expect(readFileSync(join(s.rig.dir, 'config.json'), 'utf8')).not.toContain(s.password);
    expect(JSON.stringify(s.rig.events)).not.toContain(s.password);

    // Requests after sign-in go through the proxy and still authenticate.
    const before = accepted(s.proxy);
    const refreshed = await s.rig.call<DataState>('data.refresh');
    expect(expectOk(refreshed).snapshot?.services).toHaveLength(3);
    expect(accepted(s.proxy)).toBeGreaterThan(before);
    expect(s.proxy.logins.every((l) => l.accepted)).toBe(true);
    expect(
      await s.secrets.get(keychainService(new URL(s.panelUrl).origin), proxyPasswordAccount(profile.id)),
    ).toBe(s.password);
  });

  it('keeps the password when the form saves the address it showed, drops it for another address', async () => {
    const s = await setup();
    const signed = await signIn(s.rig, s.panelUrl, s.panel);
    const id = signed.profiles[0]!.id;
    const set = await s.rig.call<ProfilesState>('profiles.update', {
      id,
      options: { proxyUrl: s.withPassword, timeZone: '' },
    });
    expect(expectOk(set).profiles[0]?.options.proxyUrl).toBe(s.withoutPassword);
    expect(readFileSync(join(s.rig.dir, 'config.json'), 'utf8')).not.toContain(s.password);

    // Settings saved again as shown (the address without the password): still authenticates.
    expectOk(
      await s.rig.call('profiles.update', { id, options: { proxyUrl: s.withoutPassword, timeZone: 'UTC' } }),
    );
    const before = accepted(s.proxy);
    expect(expectOk(await s.rig.call<DataState>('data.refresh')).stale).toBe(false);
    expect(accepted(s.proxy)).toBeGreaterThan(before);

    // Another address, or none: the stored password goes.
    expectOk(await s.rig.call('profiles.update', { id, options: { proxyUrl: '', timeZone: '' } }));
    const service = keychainService(new URL(s.panelUrl).origin);
    expect(await s.secrets.get(service, proxyPasswordAccount(id))).toBeNull();
  });

  it('moves a password an older version left in the settings file into the keychain at start', async () => {
    const s = await setup();
    const signed = await signIn(s.rig, s.panelUrl, s.panel);
    await s.rig.dispose();
    // The file as an older version wrote it: the proxy address whole.
    const file = join(s.rig.dir, 'config.json');
    const settings = JSON.parse(readFileSync(file, 'utf8')) as { profiles: { options: object }[] };
    settings.profiles[0]!.options = { proxyUrl: s.withPassword, timeZone: '' };
    writeFileSync(file, JSON.stringify(settings));

    const again = await makeCoreRig({ secrets: s.secrets, dir: s.rig.dir });
    closers.push(() => again.dispose());
    expect(readFileSync(file, 'utf8')).not.toContain(s.password);
    const profiles = expectOk(await again.call<ProfilesState>('profiles.list'));
    expect(profiles.profiles[0]?.options.proxyUrl).toBe(s.withoutPassword);
    const before = accepted(s.proxy);
    const refreshed = await again.call<DataState>('data.refresh');
    expect(expectOk(refreshed).snapshot?.services).toHaveLength(3);
    expect(accepted(s.proxy)).toBeGreaterThan(before);
    expect(signed.profiles[0]?.id).toBe(profiles.profiles[0]?.id);
  });
});

const keychain = await keytarBackend();

/** After the test, takes out of the real keychain what a sign-in put there (and a proxy password). */
function forgetAtEnd(panelUrl: string, panel: PanelSim, proxiedProfileId?: string) {
  closers.push(async () => {
    const service = keychainService(new URL(panelUrl).origin);
    if (proxiedProfileId !== undefined)
      await keychain!.delete(service, proxyPasswordAccount(proxiedProfileId));
    await keychain!.delete(service, panel.demo.email.toLowerCase());
    await keychain!.delete(service, 'client-api-key');
  });
}
describe.skipIf(!keychain)('proxy passwords and the CLI (skipped where no Secret Service answers)', () => {
  it('profiles --json shows no proxy password; status still authenticates to the proxy', async () => {
    const s = await setup(keychain!);
    const signed = await signIn(s.rig, s.panelUrl, s.panel, s.withPassword);
    forgetAtEnd(s.panelUrl, s.panel, signed.profiles[0]!.id);
    // The app quits first, so the CLI cannot reuse a tunnel the app's session kept alive.
    await s.rig.dispose();
    const env = { XMPLUS_CONFIG_DIR: s.rig.dir };
    const profiles = testIo({ env });
    expect(await main(['profiles', '--json'], profiles.io)).toBe(0);
    expect(profiles.out()).toContain(s.withoutPassword);
    expect(profiles.out() + profiles.err()).not.toContain(s.password);

    const before = accepted(s.proxy);
    const status = testIo({ env });
    expect(await main(['status', '--json'], status.io)).toBe(0);
    expect(accepted(s.proxy)).toBeGreaterThan(before);
    expect(status.out() + status.err()).not.toContain(s.password);
  });

  it('status for every profile reaches one that is not active through its proxy, with the password', async () => {
    const s = await setup(keychain!);
    const proxied = (await signIn(s.rig, s.panelUrl, s.panel, s.withPassword)).profiles[0]!.id;
    forgetAtEnd(s.panelUrl, s.panel, proxied);
    // A second panel, without a proxy, signed in last: the proxied profile is no longer the active one.
    const other = await startPanelSim({ apiKey: API_KEY });
    closers.push(() => other.close());
    const second = await signIn(s.rig, other.url, other);
    forgetAtEnd(other.url, other);
    expect(second.activeId).not.toBe(proxied);
    await s.rig.dispose();

    const before = accepted(s.proxy);
    const status = testIo({ env: { XMPLUS_CONFIG_DIR: s.rig.dir } });
    expect(await main(['status', '--json'], status.io)).toBe(0);
    const printed = JSON.parse(status.out()) as { profiles: unknown[] };
    expect(printed.profiles).toHaveLength(2);
    expect(accepted(s.proxy)).toBeGreaterThan(before);
    expect(s.proxy.logins.every((l) => l.accepted)).toBe(true);
    expect(status.out() + status.err()).not.toContain(s.password);
  });
});
