// One-click import through the composed core against the simulator's sublink: the probe of each
// client's flagged link (real HTTP through the panel transport), its cache, a format the panel does
// not serve, a sublink that fails, subscription-userinfo against account/info, opening in the
// client the OS names, the app's own export where the import is not served, and the tray item.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startPanelSim, type PanelSim } from '../../../tools/panel-sim/index';
import { createCore, type Core } from '../../../src/main/core';
import { createRouter, type Router } from '../../../src/main/router';
import { makePlatform, type TestDesktop } from '../../support/platform';
import { signInDemo } from '../../support/core-rig';
import type { ImportOptions } from '../../../src/shared/contract';
import type { Result } from '../../../src/shared/errors';
import { parse as parseYaml } from 'yaml';
import { expectErr, expectOk } from '../../support/expect';

let sim: PanelSim;
let rig: TestDesktop;
let core: Core;
let router: Router;
let clock = Date.now();

const call = <T>(channel: string, input: unknown = {}) =>
  router.dispatch(channel, input) as Promise<Result<T>>;

beforeEach(async () => {
  sim = await startPanelSim();
  clock = Date.now();
  rig = makePlatform({ memory: true, now: () => clock });
  core = createCore(rig.platform);
  await core.start();
  router = createRouter(core.handlers);
  const { snapshot } = await signInDemo({ call }, sim, { remember: false, refresh: true });
  expect(snapshot.services).toHaveLength(3);
});

afterEach(async () => {
  await core.dispose();
  await sim.close();
});

const options = async (serviceId = 4, refresh = false) => {
  return expectOk(await call<ImportOptions>('import.options', { serviceId, refresh }));
};

describe('import against the simulator', () => {
  it('probes each flag once, finds every format served, and offers the installed client first', async () => {
    rig.protocolHandlers.set('clash', 'Clash Verge');
    sim.sublinks.resetRequests();
    const result = await options();
    // One request per distinct flag (meta, singbox, latest, shadowrocket), not one per client.
    expect(sim.sublinks.requests()).toEqual({ meta: 1, singbox: 1, latest: 1, shadowrocket: 1 });
    expect(result.clients.every((c) => c.status === 'served')).toBe(true);
    expect(result.clients[0]).toMatchObject({
      client: 'clash-verge',
      installed: true,
      appName: 'Clash Verge',
    });
    expect(result.defaultClient).toBe('clash-verge');
    // Clash Party and FlClash share clash:// but the OS named Clash Verge for it: not installed.
    expect(result.clients.find((c) => c.client === 'clash-party')?.installed).toBe(false);
    const verge = result.clients[0]!;
    expect(verge.link).toMatch(/^clash:\/\/install-config\?name=.+&url=http%3A%2F%2F127\.0\.0\.1/);
    expect(verge.qrSvg).toBeNull();
    // Phones: the others carry a QR code of their import link.
    const phone = result.clients.find((c) => c.client === 'v2rayng')!;
    expect(phone.installed).toBe(false);
    expect(phone.qrSvg).toContain('<svg');
    expect(phone.servers).toBe(12);
  });

  it('keeps the probe: a second look asks nothing, refresh asks again, and it expires after 30 minutes', async () => {
    await options();
    sim.sublinks.resetRequests();
    await options();
    expect(sim.sublinks.requests()).toEqual({});
    await options(4, true);
    expect(sim.sublinks.requests()).toEqual({ meta: 1, singbox: 1, latest: 1, shadowrocket: 1 });
    sim.sublinks.resetRequests();
    clock += 31 * 60_000;
    await options();
    expect(sim.sublinks.requests()).toEqual({ meta: 1, singbox: 1, latest: 1, shadowrocket: 1 });
  });

  it('a panel that serves only base64 answers share links to meta and singbox: not offered, with the reason', async () => {
    sim.sublinks.setFormats(['base64']);
    rig.protocolHandlers.set('clash', 'Clash Verge Rev');
    rig.protocolHandlers.set('sing-box', 'SFM');
    const result = await options();
    const byId = Object.fromEntries(result.clients.map((c) => [c.client, c]));
    expect(byId['clash-verge']).toMatchObject({ status: 'not-served', link: null, installed: true });
    expect(byId['clash-verge']!.reason).toMatch(/not a Clash profile|not YAML|no proxies/);
    expect(byId['sing-box']).toMatchObject({ status: 'not-served', link: null });
    expect(byId.v2rayng).toMatchObject({ status: 'served' });
    expect(result.defaultClient).toBeNull();
    const refused = await call('import.open', { serviceId: 4, client: 'clash-verge' });
    expect(expectErr(refused).message).toMatch(/does not serve a subscription Clash Verge Rev can read/);
    expect(rig.opened).toEqual([]);
  });

  it('a panel that serves no format at all (404): not served either', async () => {
    sim.sublinks.setFormats([]);
    const result = await options();
    expect(result.clients.every((c) => c.status === 'not-served')).toBe(true);
    expect(result.clients[0]!.reason).toMatch(/HTTP 404/);
  });

  it('a sublink that fails (HTTP 500, or the connection cut) offers nothing and says why; it is retried after a minute', async () => {
    sim.sublinks.setFault('http500');
    const failed = await options();
    expect(failed.clients.every((c) => c.status === 'failed' && c.link === null)).toBe(true);
    expect(failed.clients[0]!.error?.message).toMatch(/HTTP 500/);
    sim.sublinks.setFault('reset');
    await options(7);
    const cut = await options(7);
    expect(cut.clients[0]!.error?.kind).toBe('network');
    sim.sublinks.setFault(null);
    expect((await options()).clients[0]!.status).toBe('failed');
    clock += 61_000;
    expect((await options()).clients[0]!.status).toBe('served');
  });

  it('opens the import link in the OS, remembers the client, and refuses a client that is not installed', async () => {
    rig.protocolHandlers.set('sing-box', 'SFM');
    rig.protocolHandlers.set('hiddify', 'Hiddify');
    const notInstalled = await call('import.open', { serviceId: 4, client: 'karing' });
    expect(expectErr(notInstalled).message).toMatch(/Karing is not installed/);
    const first = await options();
    expect(first.defaultClient).toBe('sing-box');
    const open = await call<{ link: string }>('import.open', { serviceId: 4, client: 'hiddify' });
    expectOk(open);
    expect(rig.opened).toHaveLength(1);
    expect(rig.opened[0]).toMatch(
      /^hiddify:\/\/import\/http:\/\/127\.0\.0\.1:\d+\/link\/[^?]+\?client=singbox#/,
    );
    expect((await options()).defaultClient).toBe('hiddify');
    // The default client (null): the last one used.
    await call('import.open', { serviceId: 9, client: null });
    expect(rig.opened[1]).toMatch(/^hiddify:\/\//);
  });

  it('shows subscription-userinfo when it disagrees with account/info', async () => {
    expect((await options()).mismatch).toEqual([]);
    // The sublink counts 40 GiB more than account/info reported at the last refresh.
    const state = sim.admin.state();
    const service = state.services.find((s) => s.sid === 4)!;
    sim.admin.setUsage(4, { usedBytes: service.usedBytes - 40 * 1024 ** 3 });
    const result = await options(4, true);
    expect(result.userinfo?.download).toBe(service.usedBytes - 40 * 1024 ** 3);
    expect(result.mismatch).toEqual([
      { field: 'used', panel: service.usedBytes, subscription: service.usedBytes - 40 * 1024 ** 3 },
    ]);
  });

  it('where the import is not served, saves the app’s own export for the client and opens it, or copies it', async () => {
    sim.sublinks.setFormats(['base64']);
    const saved = expectOk(
      await call<{ file: string }>('import.fallback', {
        serviceId: 4,
        client: 'clash-verge',
        action: 'save',
      }),
    );
    expect(saved.file).toMatch(/StarterPack-4-clash\.yaml$/);
    expect(rig.openedFiles).toEqual([saved.file]);
    const yaml = parseYaml(readFileSync(saved.file, 'utf8')) as { proxies: unknown[] };
    expect(yaml.proxies.length).toBeGreaterThan(5);
    const copied = await call('import.fallback', { serviceId: 4, client: 'sing-box', action: 'copy' });
    expectOk(copied);
    const config = JSON.parse(rig.clipboard.at(-1)!) as { outbounds: unknown[] };
    expect(config.outbounds.length).toBeGreaterThan(5);
  });

  it('the tray gains "Import … into <client>" once the probe for an installed client is in', async () => {
    rig.protocolHandlers.set('flclash', 'FlClash');
    await core.actions.refresh();
    // The probes started by the tray state finish; the tray is drawn again with its import items.
    await options();
    await core.actions.refresh();
    const tray = rig.trays.at(-1)!;
    // Each sits in its service's own submenu, so it names the client only.
    expect(tray.imports?.map((i) => [i.serviceId, i.label])).toEqual([
      [4, 'Import into FlClash'],
      [7, 'Import into FlClash'],
      [9, 'Import into FlClash'],
    ]);
    expect(await core.actions.importInto(7)).toBe(true);
    expect(rig.opened.at(-1)).toMatch(/^flclash:\/\/install-config\?url=.*client%3Dmeta$/);
  });

  it('unknown clients and services are refused with a reason', async () => {
    const unknown = await call('import.open', { serviceId: 4, client: 'clashx' });
    expectErr(unknown, 'validation');
    const noService = await call('import.options', { serviceId: 99 });
    expect(expectErr(noService).message).toMatch(/no service #99/);
  });
});
