// `xmplus-tray import` against the simulator with credentials from the environment: --print gives the
// client's link on one line; without it the OS opener gets the link; an unknown client is a usage
// error (2); a format the panel does not serve and a failing sublink exit 1 with the reason.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startPanelSim, type PanelSim } from '../../../tools/panel-sim/index';
import { main } from '../../../src/main/cli';
import { ok } from '../../../src/shared/errors';
import { testIo } from '../../support/cli-io';

let sim: PanelSim;
beforeAll(async () => {
  sim = await startPanelSim();
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  sim.sublinks.setFormats(null);
  sim.sublinks.setFault(null);
});

const env = () => ({
  XMPLUS_PANEL_URL: sim.url,
  XMPLUS_API_KEY: sim.apiKey,
  XMPLUS_EMAIL: sim.demo.email,
  XMPLUS_PASSWORD: sim.demo.password,
  XMPLUS_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'xmplus-cli-')),
});

function run(args: string[]) {
  const opened: string[] = [];
  const t = testIo({ env: env() });
  const io = {
    ...t.io,
    openLink: async (link: string) => {
      opened.push(link);
      return ok({ opened: true as const });
    },
  };
  return { done: main(args, io), out: t.out, err: t.err, opened };
}

const sublinkOf = (sid: number) =>
  `${sim.url}/link/${sim.admin.state().services.find((s) => s.sid === sid)!.sublinkToken}`;

describe('xmplus-tray import', () => {
  it('--print prints the link on one line and exits 0', async () => {
    const r = run(['import', '--client', 'sing-box', '--service', '4', '--print']);
    expect(await r.done).toBe(0);
    const lines = r.out().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe('');
    const url = new URL(lines[0]!);
    expect(url.protocol).toBe('sing-box:');
    expect(url.searchParams.get('url')).toBe(`${sublinkOf(4)}?client=singbox`);
    expect(r.opened).toEqual([]);
  });

  it('without --print the OS opens the link', async () => {
    const r = run(['import', '--client', 'clash-party', '--service', '7']);
    expect(await r.done).toBe(0);
    expect(r.opened).toHaveLength(1);
    expect(new URL(r.opened[0]!).searchParams.get('url')).toBe(`${sublinkOf(7)}?client=meta`);
    expect(r.out()).toBe('');
  });

  it('an unknown client id is a usage error naming the clients', async () => {
    const r = run(['import', '--client', 'clashx', '--service', '4']);
    expect(await r.done).toBe(2);
    expect(r.err()).toMatch(/Unknown client "clashx"\. The clients are: clash-verge, clash-party/);
  });

  it('several services and no --service: a usage error listing them', async () => {
    const r = run(['import', '--client', 'hiddify', '--print']);
    expect(await r.done).toBe(2);
    expect(r.err()).toMatch(/give --service ID, one of 4 \(StarterPack\), 7 \(Pro 200\), 9 \(Pro 200\)/);
  });

  it('a format the panel does not serve exits 1 with the reason, and opens nothing', async () => {
    sim.sublinks.setFormats(['base64']);
    const r = run(['import', '--client', 'clash-verge', '--service', '4']);
    expect(await r.done).toBe(1);
    expect(r.err()).toMatch(/does not serve a subscription Clash Verge Rev can read/);
    expect(r.opened).toEqual([]);
    const v2 = run(['import', '--client', 'v2rayng', '--service', '4', '--print']);
    expect(await v2.done).toBe(0);
    expect(v2.out()).toMatch(/^v2rayng:\/\/install-sub\?url=/);
  });

  it('a sublink that fails exits 1 with the reason', async () => {
    sim.sublinks.setFault('http500');
    const r = run(['import', '--client', 'karing', '--service', '9', '--print']);
    expect(await r.done).toBe(1);
    expect(r.err()).toMatch(/HTTP 500/);
    expect(r.out()).toBe('');
  });

  it('is in help and completion', async () => {
    const help = run(['help', 'import']);
    expect(await help.done).toBe(0);
    expect(help.out()).toMatch(/--client clash-verge\|clash-party\|.*\|shadowrocket/);
    expect(help.out()).toMatch(/--print/);
    const completion = run(['completion', 'bash']);
    expect(await completion.done).toBe(0);
    expect(completion.out()).toContain('import');
    expect(completion.out()).toContain('clash-verge');
  });
});
