// status, services and export against the simulator with credentials from the environment (no
// keychain, no settings folder): the documented JSON shapes, the Waybar line, exports to stdout and
// files, and errors on stderr without a secret.
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startPanelSim, type PanelSim } from '../../../tools/panel-sim/index';
import { main } from '../../../src/main/cli';
import { testIo } from '../../support/cli-io';

let sim: PanelSim;
beforeAll(async () => {
  sim = await startPanelSim();
});
afterAll(async () => {
  await sim.close();
});

function io(env: NodeJS.ProcessEnv, stdin = '') {
  return testIo({ env, stdin });
}

const envMode = () => ({
  XMPLUS_PANEL_URL: sim.url,
  XMPLUS_API_KEY: sim.apiKey,
  XMPLUS_EMAIL: sim.demo.email,
  XMPLUS_PASSWORD: sim.demo.password,
  XMPLUS_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'xmplus-cli-')),
});

describe('CLI with credentials from the environment', () => {
  it('prints status --json in the documented shape', async () => {
    const t = io(envMode());
    expect(await main(['status', '--json'], t.io)).toBe(0);
    const all = JSON.parse(t.out()) as {
      profiles: (Record<string, unknown> & { services: Record<string, unknown>[] })[];
    };
    expect(Object.keys(all)).toEqual(['profiles']);
    // With the four variables set, the list holds that one profile.
    expect(all.profiles).toHaveLength(1);
    const parsed = all.profiles[0]!;
    expect(Object.keys(parsed).sort()).toEqual([
      'account',
      'error',
      'fetchedAt',
      'id',
      'kind',
      'name',
      'services',
    ]);
    expect(parsed).toMatchObject({
      kind: 'xmplus',
      error: null,
      id: expect.any(String),
      name: expect.any(String),
    });
    expect(Date.parse(parsed.fetchedAt as string)).toBeGreaterThan(0);
    expect(parsed.account).toMatchObject({
      email: sim.demo.email,
      balance: { amount: expect.any(Number), currency: expect.any(String) },
    });
    expect(Object.keys(parsed.services[0]!).sort()).toEqual(
      [
        'id',
        'package',
        'status',
        'statusLabel',
        'usedBytes',
        'totalBytes',
        'todayBytes',
        'usedPercent',
        'expiresAt',
        'daysLeft',
        'resetInDays',
        'ipLimit',
        'speedLimit',
        'sublink',
        'serversError',
      ].sort(),
    );
    // Each service as the simulator holds it: the panel prints expiry to the minute, and the
    // percentage keeps two decimals.
    const state = sim.admin.state();
    const user = state.users.find((u) => u.email === sim.demo.email);
    const held = state.services.filter((s) => s.userid === user?.uid);
    expect(held.length).toBeGreaterThan(0);
    expect(parsed.services.map((s) => s.id)).toEqual(held.map((s) => s.sid));
    held.forEach((s, index) => {
      const pkg = state.packages.find((p) => p.id === s.packageid);
      expect(parsed.services[index]).toMatchObject({
        package: pkg?.name,
        usedBytes: s.usedBytes,
        totalBytes: s.trafficBytes,
        todayBytes: s.todayBytes,
        usedPercent: Math.round((s.usedBytes / s.trafficBytes) * 10_000) / 100,
        expiresAt: new Date(Math.floor(s.expiresAt / 60_000) * 60_000).toISOString(),
        ipLimit: { online: s.onlineIps, limit: s.iplimit },
        speedLimit: `${s.speedlimitMbps} Mb/s`,
        sublink: `${sim.url}/link/${s.sublinkToken}`,
        serversError: null,
      });
    });
  });

  it('prints one Waybar line with a class from the alert level', async () => {
    const t = io(envMode());
    expect(await main(['status', '--waybar'], t.io)).toBe(0);
    const lines = t.out().trim().split('\n');
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(Object.keys(line).sort()).toEqual(['class', 'percentage', 'text', 'tooltip']);
    expect(['ok', 'warning', 'critical', 'expired']).toContain(line.class);
    expect(line.class).not.toBe('ok'); // the demo account has a plan at 90 % and one ending in 2 days
  });

  it('fails with a non-zero exit and the panel message on stderr, never the password', async () => {
    const env = { ...envMode(), XMPLUS_PASSWORD: 'wrong-secret-pw' };
    const t = io(env);
    expect(await main(['status'], t.io)).toBe(1);
    // The panel's own words (its code 208 covers many refusals, so no guess is added).
    expect(t.err()).toBe('xmplus-tray: Invalid email or password.\n');
    expect(t.out() + t.err()).not.toContain('wrong-secret-pw');
    expect(t.out() + t.err()).not.toContain(sim.apiKey);
  });

  it('a refused API key is an auth error that points to the variables', async () => {
    const t = io({ ...envMode(), XMPLUS_API_KEY: 'not-the-key' });
    expect(await main(['status'], t.io)).toBe(1);
    const lines = t.err().trimEnd().split('\n');
    expect(lines[0]).toMatch(/^xmplus-tray: /);
    expect(lines).toContain('  The panel refused the client API key.');
    expect(lines.at(-1)).toBe('Check XMPLUS_PANEL_URL, XMPLUS_API_KEY, XMPLUS_EMAIL, XMPLUS_PASSWORD.');
    expect(t.err()).not.toContain('not-the-key');
  });

  it('exports links to stdout and QR PNGs to a folder', async () => {
    const env = envMode();
    const t = io(env);
    expect(await main(['export', '--format', 'links', '--service', '4'], t.io)).toBe(0);
    // Service 4 carries the seed's ten servers: one share link each.
    expect(t.out().trim().split('\n')).toHaveLength(10);
    const folder = join(env.XMPLUS_CONFIG_DIR, 'qr');
    const q = io(env);
    expect(await main(['export', '--format', 'qr', '--out', folder], q.io)).toBe(0);
    // Every service's servers: three services of ten.
    expect(readdirSync(folder).filter((f) => f.endsWith('.png'))).toHaveLength(30);
    const bad = io(env);
    expect(await main(['export', '--format', 'pdf'], bad.io)).toBe(2);
    expect(bad.err()).toContain(
      '--format must be one of links, base64, clash, singbox, xray, qr, not "pdf".',
    );
    const unknown = io(env);
    expect(await main(['export', '--format', 'links', '--service', '5'], unknown.io)).toBe(1);
    expect(unknown.err()).toBe(
      'xmplus-tray: There is no service 5 in this account (services: 4, 7, 9). See `xmplus-tray services`.\n',
    );
  });

  it('does not touch the keychain or the settings folder in environment mode', async () => {
    const env = envMode();
    expect(await main(['login'], io(env).io)).toBe(0);
    expect(readdirSync(env.XMPLUS_CONFIG_DIR)).toEqual([]);
  });

  it('prints the status table and the service ids', async () => {
    const env = envMode();
    const status = io(env);
    expect(await main(['status'], status.io)).toBe(0);
    const lines = status.out().split('\n');
    // A heading per profile: its name and when its data was fetched.
    expect(lines[0]).toMatch(
      new RegExp(
        `^== ${sim.demo.email} · 127\\.0\\.0\\.1:\\d+ · updated \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC ==$`,
      ),
    );
    expect(lines[1]).toBe(`Demo <${sim.demo.email}> · balance $ 49.00`);
    expect(lines[2]).toMatch(/^ID\s+PACKAGE\s+STATUS\s+USED\s+TOTAL\s+USED %\s+DAYS LEFT\s+EXPIRES$/);
    expect(lines[3]).toMatch(/^4\s+StarterPack\s+Active\s+135 GB\s+150 GB\s+90\.0%/);
    expect(lines[4]).toMatch(
      /^7\s+Pro 200\s+Active\s+20 GB\s+200 GB\s+10\.0%\s+1\s+\d{4}-\d\d-\d\d \d\d:\d\d UTC$/,
    );
    const services = io(env);
    expect(await main(['services'], services.io)).toBe(0);
    expect(services.out()).toMatch(/^4\s+StarterPack\s+Active\s+10\s+http:\/\/127\.0\.0\.1:\d+\/link\/\S+$/m);
    const json = io(env);
    expect(await main(['services', '--json'], json.io)).toBe(0);
    expect((JSON.parse(json.out()) as { id: number }[]).map((s) => s.id)).toEqual([4, 7, 9]);
  });

  it('refuses --json with --waybar, and half of the environment variables, with exit 2', async () => {
    const both = io(envMode());
    expect(await main(['status', '--json', '--waybar'], both.io)).toBe(2);
    const half = io({ XMPLUS_PANEL_URL: sim.url, XMPLUS_EMAIL: sim.demo.email });
    expect(await main(['status'], half.io)).toBe(2);
    expect(half.err()).toBe('xmplus-tray: Set XMPLUS_API_KEY, XMPLUS_PASSWORD too, or none of them.\n');
  });
});

describe('one service whose details (service/info) the panel refuses', () => {
  const REFUSAL = 'Your service has expired, please renew it first.';
  beforeEach(() => {
    sim.admin.patchService(7, { detailsRefusal: REFUSAL });
  });
  afterEach(() => {
    sim.admin.patchService(7, { detailsRefusal: null });
  });
  const line = `xmplus-tray: service 7 (Pro 200): Servers unavailable: ${REFUSAL}\n`;

  it('status shows every service, exits 0 and names the reason on stderr', async () => {
    const t = io(envMode());
    expect(await main(['status'], t.io)).toBe(0);
    expect(
      t
        .out()
        .split('\n')
        .filter((l) => /^\d+\s/.test(l))
        .map((l) => l.split(/\s+/)[0]),
    ).toEqual(['4', '7', '9']);
    expect(t.err()).toBe(line);
  });

  it('status --json carries the reason on that service only', async () => {
    const t = io(envMode());
    expect(await main(['status', '--json'], t.io)).toBe(0);
    const parsed = (
      JSON.parse(t.out()) as {
        profiles: { services: { id: number; usedPercent: number; serversError: unknown }[] }[];
      }
    ).profiles[0]!;
    expect(parsed.services.map((s) => [s.id, s.serversError])).toEqual([
      [4, null],
      [
        7,
        { kind: 'panel', message: REFUSAL, code: 208, failedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) },
      ],
      [9, null],
    ]);
    // What account/info said about it is all there.
    expect(parsed.services[1]!.usedPercent).toBe(10);
    expect(t.err()).toBe(line);
  });

  it('status --waybar exits 0 with the class of the data there is, and names the service in the tooltip', async () => {
    const healthy = io(envMode());
    sim.admin.patchService(7, { detailsRefusal: null });
    expect(await main(['status', '--waybar'], healthy.io)).toBe(0);
    sim.admin.patchService(7, { detailsRefusal: REFUSAL });
    const t = io(envMode());
    expect(await main(['status', '--waybar'], t.io)).toBe(0);
    const before = JSON.parse(healthy.out()) as Record<string, string>;
    const after = JSON.parse(t.out()) as Record<string, string>;
    expect(after.class).toBe(before.class);
    expect(after.class).toBe('critical');
    expect(after.text).toBe(before.text);
    expect(after.tooltip).toBe(`${before.tooltip}\n${line.replace('xmplus-tray: ', '').trimEnd()}`);
    expect(t.err()).toBe(line);
  });

  it('export of that service says why and exits 1; the others export', async () => {
    const env = envMode();
    const broken = io(env);
    expect(await main(['export', '--format', 'links', '--service', '7'], broken.io)).toBe(1);
    expect(broken.out()).toBe('');
    expect(broken.err()).toBe(line);

    const other = io(env);
    expect(await main(['export', '--format', 'links', '--service', '4'], other.io)).toBe(0);
    expect(other.out().trim().split('\n')).toHaveLength(10);
    expect(other.err()).toBe('');

    const all = io(env);
    expect(await main(['export', '--format', 'links'], all.io)).toBe(0);
    expect(all.out().trim().split('\n')).toHaveLength(20);
    expect(all.err()).toBe(line.replace('\n', ' (left out)\n'));

    const services = io(env);
    expect(await main(['services'], services.io)).toBe(0);
    expect(services.out()).toMatch(/^7\s+Pro 200\s+Active\s+unavailable\s+http/m);
  });
});

describe('a lifetime plan (no expiry, no traffic total)', () => {
  beforeEach(() => {
    sim.admin.setFault('/api/client/account/info', { kind: 'lifetimePlan' });
  });
  afterEach(() => {
    sim.admin.clearFaults();
  });

  it('shows "unlimited" and "no expiry", never thousands of days left', async () => {
    const t = io(envMode());
    expect(await main(['status'], t.io)).toBe(0);
    expect(t.out()).toMatch(/^9\s+Pro 200\s+Active\s+\S+ \S+\s+unlimited\s+—\s+—\s+no expiry$/m);
    const json = io(envMode());
    expect(await main(['status', '--json'], json.io)).toBe(0);
    const lifetime = (
      JSON.parse(json.out()) as { profiles: { services: Record<string, unknown>[] }[] }
    ).profiles[0]!.services.find((s) => s.id === 9);
    // totalBytes null: unlimited.
    expect(lifetime).toMatchObject({ totalBytes: null, usedPercent: null, expiresAt: null, daysLeft: null });
  });
});
