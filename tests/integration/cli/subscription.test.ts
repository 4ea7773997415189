// `xmplus-tray profiles add URL` / `--url-stdin` against the subscription simulator, with a real
// keychain (tools/with-keyring.ts): the link is fetched once; only when it answers is the profile
// stored and made active, its link in the keychain and nowhere in the settings folder. Otherwise
// the command exits 1 with the provider's words or the HTTP status, and stores nothing.

import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../../src/main/cli';
import { keytarBackend, type SecretBackend } from '../../../src/main/secrets';
import { LINK_SERVICE } from '../../../src/main/sources/subscription/link-store';
import { readActiveProfileId, readProfiles } from '../../../src/main/settings/settings';
import { openFileStore, SETTINGS_FILE } from '../../../src/main/settings/store';
import {
  DEMO_SUB_TOKEN,
  startSubscriptionSim,
  type SubscriptionSim,
} from '../../../tools/panel-sim/subscription';
import { testIo } from '../../support/cli-io';

let sim: SubscriptionSim;
let keychain: SecretBackend | null = null;
const added: string[] = [];

beforeAll(async () => {
  sim = await startSubscriptionSim();
  keychain = await keytarBackend();
});
afterAll(async () => {
  await sim.close();
  for (const id of added) await keychain?.delete(LINK_SERVICE, id).catch(() => false);
});
beforeEach(() => {
  sim.clearFaults();
  sim.resetRequests();
  sim.patchUser(DEMO_SUB_TOKEN, { status: 'active' });
});

async function run(args: string[], stdin?: string) {
  const dir = mkdtempSync(join(tmpdir(), 'xmplus-cli-sub-'));
  const t = testIo({ env: { XMPLUS_CONFIG_DIR: dir }, ...(stdin === undefined ? {} : { stdin }) });
  const code = await main(args, t.io);
  const settings = openFileStore(join(dir, SETTINGS_FILE)).store;
  const files = readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8'));
  return {
    code,
    out: t.out(),
    err: t.err(),
    profiles: readProfiles(settings),
    active: readActiveProfileId(settings),
    files,
  };
}

describe('profiles add', () => {
  it('--url-stdin: fetched once, stored, made active; the link in the keychain only', async (ctx) => {
    if (!keychain) return ctx.skip('no Secret Service answered on the session bus');
    const link = sim.link('xmplus');
    const r = await run(['profiles', 'add', '--url-stdin', '--name', 'My VPN'], `${link}\n`);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /^Added "My VPN" \(http:\/\/127\.0\.0\.1:\d+\/…9c1e\) and made it the active profile: 40 GB used of 100 GB, 10 servers\.\n$/,
    );
    expect(r.profiles).toHaveLength(1);
    const [profile] = r.profiles;
    added.push(profile!.id);
    expect(profile).toMatchObject({
      kind: 'subscription',
      displayName: 'My VPN',
      panelUrl: new URL(link).origin,
      refreshMinutes: 30,
      watch: true,
    });
    expect(r.active).toBe(profile!.id);
    expect(await keychain.get(LINK_SERVICE, profile!.id)).toBe(link);
    for (const text of r.files) expect(text).not.toContain(DEMO_SUB_TOKEN);
    expect(sim.requests()).toHaveLength(1);
  });

  it('as an argument, named by the provider when no --name is given', async (ctx) => {
    if (!keychain) return ctx.skip('no Secret Service answered on the session bus');
    const r = await run(['profiles', 'add', sim.link('marzban'), '--json']);
    expect(r.code).toBe(0);
    const printed = JSON.parse(r.out) as {
      profile: { id: string; displayName: string; capabilities: { billing: boolean } };
    };
    added.push(printed.profile.id);
    expect(printed.profile).toMatchObject({
      displayName: 'Sim Provider · Pro',
      capabilities: { billing: false },
    });
    expect(r.out).not.toContain(DEMO_SUB_TOKEN);
  });

  it('a refused link: exit 1, the provider’s words and the status on stderr, nothing stored', async () => {
    sim.patchUser(DEMO_SUB_TOKEN, { status: 'disabled' });
    const r = await run(['profiles', 'add', '--url-stdin'], sim.link('xboard'));
    expect(r.code).toBe(1);
    expect(r.err).toContain('HTTP 403');
    expect(r.err).toContain('Account unavailable');
    expect(r.err).not.toContain(DEMO_SUB_TOKEN);
    expect(r.out).toBe('');
    expect(r.profiles).toEqual([]);
    expect(r.active).toBeNull();
  });

  it('a link that does not exist: exit 1 with the HTTP status', async () => {
    const r = await run(['profiles', 'add', sim.link('marzban', 'no-such-token')]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('HTTP 404');
    expect(r.profiles).toEqual([]);
  });

  it('PasarGuard 406: answered as the client picked with --client', async (ctx) => {
    if (!keychain) return ctx.skip('no Secret Service answered on the session bus');
    const r = await run(['profiles', 'add', sim.link('pasarguard'), '--client', 'hiddify']);
    expect(r.code).toBe(0);
    added.push(r.profiles[0]!.id);
    expect(sim.requests().map((q) => q.userAgent)[1]).toMatch(/^HiddifyNext\//);
    const none = await run(['profiles', 'add', sim.link('pasarguard'), '--client', 'none']);
    expect(none.code).toBe(1);
    expect(none.err).toContain('Client not supported');
  });

  it('usage errors: no link, both forms, an unknown client, not a link', async () => {
    expect((await run(['profiles', 'add'])).code).toBe(2);
    expect(
      (await run(['profiles', 'add', 'https://a.example/x', '--url-stdin'], 'https://b.example/y')).code,
    ).toBe(2);
    expect((await run(['profiles', 'add', 'https://a.example/x', '--client', 'netscape'])).code).toBe(2);
    const notLink = await run(['profiles', 'add', 'vless://abc@host:443']);
    expect(notLink.code).toBe(2);
    expect(notLink.err).toMatch(/subscription link starts with https/);
  });
});
