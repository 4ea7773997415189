// No command prints a secret: every command of the table, run with credentials from the
// environment (and again with a wrong password), is checked for the password, the API key and
// anything shaped like the panel's token, on stdout and stderr.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPanelSim, type PanelSim } from '../../../tools/panel-sim/index';
import { COMMANDS, main } from '../../../src/main/cli';
import { testIo } from '../../support/cli-io';

const API_KEY = 'sentinel-api-key-7c1d9e';
let sim: PanelSim;
beforeAll(async () => {
  sim = await startPanelSim({ apiKey: API_KEY });
});
afterAll(async () => {
  await sim.close();
});

/** One run of every command, the ones that change things with --yes. */
const RUNS: string[][] = [
  ['login'],
  ['logout'],
  ['profiles'],
  ['register', '--name', 'x', '--email', 'x@example.com'],
  ['reset-password', '--email', 'demo@example.com'],
  ['status'],
  ['status', '--json'],
  ['status', '--waybar'],
  ['services', '--json'],
  ['export', '--format', 'clash', '--service', '4'],
  ['import', '--client', 'clash-verge', '--service', '4', '--print'],
  ['packages', '--json'],
  ['package', '1', '--json'],
  ['buy', '--package', '1', '--cycle', 'month', '--yes', '--json'],
  ['renew', '--service', '7', '--yes'],
  ['topup', '--service', '4', '--package', '2', '--yes'],
  ['gateways'],
  ['pay', 'R8D4TZ1LQ6MXC9PBN2YE', '--gateway', '2', '--json'],
  ['invoices', '--json'],
  ['invoice', 'R8D4TZ1LQ6MXC9PBN2YE', '--json'],
  ['help'],
  ['completion', 'bash'],
];

describe('secrets in CLI output', () => {
  it('covers every command of the table', () => {
    expect(new Set(RUNS.map((r) => r[0]))).toEqual(new Set(COMMANDS.map((c) => c.name)));
  });

  for (const which of ['right', 'wrong'] as const) {
    it(`never prints the password, the API key or a token (${which} password)`, async () => {
      const password = which === 'right' ? sim.demo.password : 'sentinel-wrong-password';
      const env = {
        XMPLUS_PANEL_URL: sim.url,
        XMPLUS_API_KEY: API_KEY,
        XMPLUS_EMAIL: sim.demo.email,
        XMPLUS_PASSWORD: password,
        XMPLUS_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'xmplus-cli-secrets-')),
      };
      let printed = '';
      for (const argv of RUNS) {
        const t = testIo({ env });
        await main(argv, t.io);
        printed += t.out() + t.err();
      }
      expect(printed.length).toBeGreaterThan(1000);
      expect(printed).not.toContain(password);
      expect(printed).not.toContain(API_KEY);
      // The panel's token: an HS512 JWT (base64url of '{"alg"...'), with a '#' suffix.
      expect(printed).not.toMatch(/eyJ[\w-]{10,}\.[\w-]{10,}/);
    });
  }
});
