// status over several profiles, against three simulators and the real keyring: a heading per
// watched profile, `--json` as {"profiles":[…]}, `--profile ID` for one, `--waybar` with the most
// urgent service across them all and every profile named in its tooltip, one panel down without
// hiding the others, and `services --profile` acting on the profile it names.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPanelSim, type PanelSim } from '../../../tools/panel-sim/index';
import { main } from '../../../src/main/cli';
import { keytarBackend } from '../../../src/main/secrets';
import type { ProfilesState } from '../../../src/shared/contract';
import { testIo, type TestIoOptions } from '../../support/cli-io';

const GB = 1024 ** 3;
const NAMES = ['Work', 'Home', 'Spare'];
let sims: PanelSim[];
let dir: string;
let ids: string[];

async function cli(argv: string[], options: TestIoOptions = {}) {
  const t = testIo({ env: { XMPLUS_CONFIG_DIR: dir }, ...options });
  const code = await main(argv, t.io);
  return { code, out: t.out(), err: t.err() };
}

interface StatusJson {
  profiles: {
    id: string;
    name: string;
    kind: string;
    fetchedAt: string | null;
    account: { email: string } | null;
    services: { id: number; usedBytes: number; totalBytes: number | null; expiresAt: string | null }[];
    error: { kind: string; message: string } | null;
  }[];
}

const keychain = await keytarBackend();
describe.skipIf(!keychain)('status over several profiles (skipped where no Secret Service answers)', () => {
  beforeAll(async () => {
    sims = await Promise.all(NAMES.map(() => startPanelSim()));
    dir = mkdtempSync(join(tmpdir(), 'xmplus-cli-profiles-'));
    for (const [index, sim] of sims.entries()) {
      const login = await cli(
        [
          'login',
          '--panel',
          sim.url,
          '--email',
          sim.demo.email,
          '--api-key',
          sim.apiKey,
          '--name',
          NAMES[index]!,
          '--password-stdin',
        ],
        { stdin: `${sim.demo.password}\n` },
      );
      expect(login.err).toBe('');
      expect(login.code).toBe(0);
    }
    const listed = await cli(['profiles', '--json']);
    ids = (JSON.parse(listed.out) as ProfilesState).profiles.map((p) => p.id);
    expect(ids).toHaveLength(3);
  });

  afterAll(async () => {
    // Their passwords and keys leave the keychain with them.
    for (const id of ids ?? []) await cli(['profiles', 'remove', id]);
    await Promise.all(sims.map((s) => s.close()));
  });

  it('status lists every watched profile under its own heading', async () => {
    const status = await cli(['status']);
    expect(status.err).toBe('');
    expect(status.code).toBe(0);
    const headings = status.out.split('\n').filter((l) => l.startsWith('== '));
    expect(headings.map((h) => h.split(' · ')[0])).toEqual(NAMES.map((n) => `== ${n}`));
    // Each heading is followed by its account and its services.
    expect(status.out.match(/^4\s+StarterPack\s+Active/gm)).toHaveLength(3);
  });

  it('status --json prints {"profiles":[…]} with each profile\'s data; --profile keeps one', async () => {
    const all = await cli(['status', '--json']);
    expect(all.code).toBe(0);
    const parsed = JSON.parse(all.out) as StatusJson;
    expect(parsed.profiles.map((p) => [p.id, p.name, p.kind, p.error])).toEqual(
      ids.map((id, i) => [id, NAMES[i], 'xmplus', null]),
    );
    for (const profile of parsed.profiles) {
      expect(profile.account?.email).toBe(sims[0]!.demo.email);
      expect(profile.services.map((s) => s.id)).toEqual([4, 7, 9]);
      expect(Date.parse(profile.fetchedAt!)).toBeGreaterThan(0);
    }
    const one = await cli(['status', '--json', '--profile', ids[1]!]);
    expect((JSON.parse(one.out) as StatusJson).profiles.map((p) => p.name)).toEqual(['Home']);
    const none = await cli(['status', '--profile', 'no-such-profile']);
    expect(none.code).toBe(2);
    expect(none.err).toContain('no-such-profile');
  });

  it('status --waybar shows the most urgent service across profiles and names every profile', async () => {
    // Home's plan 4 is used up: 100 % beats the others' 90 %.
    sims[1]!.admin.setUsage(4, { usedBytes: 150 * GB });
    try {
      const bar = await cli(['status', '--waybar']);
      expect(bar.code).toBe(0);
      const line = JSON.parse(bar.out) as {
        text: string;
        class: string;
        percentage: number;
        tooltip: string;
      };
      expect(line.percentage).toBe(100);
      expect(line.text.startsWith('100%')).toBe(true);
      expect(line.class).toBe('critical');
      for (const name of NAMES) expect(line.tooltip).toContain(`${name}:`);
    } finally {
      sims[1]!.admin.setUsage(4, { usedBytes: 135 * GB });
    }
  });

  it('one panel down: its profile says why, the others are shown, exit 0', async () => {
    sims[2]!.admin.setFault('/api/client/account/info', { kind: 'http500' });
    try {
      const status = await cli(['status', '--json']);
      expect(status.code).toBe(0);
      const parsed = JSON.parse(status.out) as StatusJson;
      const down = parsed.profiles.find((p) => p.name === 'Spare')!;
      expect(down.error?.kind).toBe('http');
      expect(parsed.profiles.filter((p) => p.error === null).map((p) => p.name)).toEqual(['Work', 'Home']);
      expect(status.err).toMatch(/^xmplus-tray: Spare: /m);
    } finally {
      sims[2]!.admin.clearFaults();
    }
  });

  it('services acts on the active profile, --profile on another', async () => {
    const before = sims.map((s) => s.admin.stats().requests['/api/client/account/info'] ?? 0);
    const picked = await cli(['services', '--json', '--profile', ids[0]!]);
    expect(picked.code).toBe(0);
    const after = sims.map((s) => s.admin.stats().requests['/api/client/account/info'] ?? 0);
    // Only Work's panel was asked.
    expect(after.map((n, i) => n - before[i]!)).toEqual([1, 0, 0]);
  });
});
