// The CLI against the simulator: environment mode (no keychain), login/status/logout through the
// real keychain where a Secret Service runs, the documented JSON shapes, and no secret in any output.
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPanelSim, type PanelSim } from '../../../tools/panel-sim/index';
import { runCli, type CliIo } from '../../../src/main/cli';
import { keytarBackend } from '../../../src/main/session/secrets';

let sim: PanelSim;
beforeAll(async () => {
  sim = await startPanelSim();
});
afterAll(async () => {
  await sim.close();
});

function io(env: NodeJS.ProcessEnv, stdin = '') {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIo = {
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    readStdin: async () => stdin,
    promptSecret: async () => null,
    env,
    now: () => Date.now(),
  };
  return { io: value, out: () => out.join(''), err: () => err.join('') };
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
    expect(await runCli(['status', '--json'], t.io)).toBe(0);
    const parsed = JSON.parse(t.out()) as Record<string, unknown> & { services: Record<string, unknown>[] };
    expect(Object.keys(parsed).sort()).toEqual(['account', 'fetchedAt', 'services']);
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
      ].sort(),
    );
    for (const s of parsed.services) {
      expect(s.usedPercent).toBeGreaterThanOrEqual(0);
      expect(s.usedPercent).toBeLessThanOrEqual(100);
      expect(new Date(s.expiresAt as string).toISOString()).toBe(s.expiresAt);
    }
    const ninety = parsed.services.find((s) => s.usedPercent === 90);
    expect(ninety).toBeDefined();
  });

  it('prints one Waybar line with a class from the alert level', async () => {
    const t = io(envMode());
    expect(await runCli(['status', '--waybar'], t.io)).toBe(0);
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
    expect(await runCli(['status'], t.io)).toBe(1);
    expect(t.err()).toMatch(/xmplus-tray: .+/);
    expect(t.out() + t.err()).not.toContain('wrong-secret-pw');
    expect(t.out() + t.err()).not.toContain(sim.apiKey);
  });

  it('exports links to stdout and QR PNGs to a folder', async () => {
    const env = envMode();
    const t = io(env);
    expect(await runCli(['export', '--format', 'links', '--service', '4'], t.io)).toBe(0);
    expect(t.out().trim().split('\n').length).toBeGreaterThan(3);
    const folder = join(env.XMPLUS_CONFIG_DIR, 'qr');
    const q = io(env);
    expect(await runCli(['export', '--format', 'qr', '--out', folder], q.io)).toBe(0);
    expect(readdirSync(folder).filter((f) => f.endsWith('.png')).length).toBeGreaterThan(3);
    const bad = io(env);
    expect(await runCli(['export', '--format', 'pdf'], bad.io)).toBe(1);
  });

  it('does not touch the keychain or the settings folder in environment mode', async () => {
    const env = envMode();
    expect(await runCli(['login'], io(env).io)).toBe(0);
    expect(readdirSync(env.XMPLUS_CONFIG_DIR)).toEqual([]);
  });
});

const keychain = await keytarBackend();
describe.skipIf(!keychain)(
  'CLI with the OS keychain (skipped where no Secret Service answers; npm run test:unit starts one)',
  () => {
    it('login stores the password in the keychain, status works, logout removes it', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'xmplus-cli-kc-'));
      const env = { XMPLUS_CONFIG_DIR: dir };
      const login = io(env, `${sim.demo.password}\n`);
      const code = await runCli(
        ['login', '--panel', sim.url, '--email', sim.demo.email, '--api-key', sim.apiKey, '--password-stdin'],
        login.io,
      );
      expect(login.err()).toBe('');
      expect(code).toBe(0);
      const service = `xmplus-tray:${new URL(sim.url).origin}`;
      expect(await keychain!.get(service, sim.demo.email)).toBe(sim.demo.password);
      const settings = readFileSync(join(dir, 'config.json'), 'utf8');
      expect(settings).not.toContain(sim.demo.password);
      expect(settings).not.toContain(sim.apiKey);

      const status = io(env);
      expect(await runCli(['status'], status.io)).toBe(0);
      expect(status.out()).toContain('StarterPack');

      expect(await runCli(['logout'], io(env).io)).toBe(0);
      expect(await keychain!.get(service, sim.demo.email)).toBeNull();
      const after = io(env);
      expect(await runCli(['status'], after.io)).toBe(1);
      expect(after.err()).toMatch(/signed out|login/i);
    });
  },
);
