// --json times against the simulator: every command prints them as ISO 8601 UTC strings (what the
// README and `help status` say), never as epoch milliseconds, and the same instant in every command.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPanelSim, type PanelSim } from '../../../tools/panel-sim/index';
import { main } from '../../../src/main/cli';
import { json } from '../../../src/main/cli/format';
import { testIo } from '../../support/cli-io';

let sim: PanelSim;
beforeAll(async () => {
  sim = await startPanelSim();
});
afterAll(async () => {
  await sim.close();
});

async function cli(argv: string[]) {
  const t = testIo({
    env: {
      XMPLUS_PANEL_URL: sim.url,
      XMPLUS_API_KEY: sim.apiKey,
      XMPLUS_EMAIL: sim.demo.email,
      XMPLUS_PASSWORD: sim.demo.password,
      XMPLUS_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'xmplus-cli-times-')),
    },
  });
  const code = await main(argv, t.io);
  return { code, out: t.out() };
}

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe('--json times', () => {
  it('status and services print the same expiry, as an ISO string', async () => {
    const { profiles } = JSON.parse((await cli(['status', '--json'])).out) as {
      profiles: { fetchedAt: unknown; services: { id: number; expiresAt: unknown }[] }[];
    };
    const status = profiles[0]!;
    const services = JSON.parse((await cli(['services', '--json'])).out) as {
      id: number;
      expiresAt: unknown;
    }[];
    expect(status.fetchedAt).toMatch(ISO);
    const held = sim.admin.state().services.find((s) => s.sid === services[0]!.id)!;
    expect(services[0]!.expiresAt).toBe(new Date(Math.floor(held.expiresAt / 60_000) * 60_000).toISOString());
    expect(services.map((s) => [s.id, s.expiresAt])).toEqual(status.services.map((s) => [s.id, s.expiresAt]));
  });

  it('invoices print createdAt as an ISO string', async () => {
    const list = JSON.parse((await cli(['invoices', '--json'])).out) as { createdAt: unknown }[];
    expect(list.length).toBeGreaterThan(0);
    for (const invoice of list) expect(invoice.createdAt).toMatch(ISO);
  });

  it('help status says the format', async () => {
    const t = testIo();
    expect(await main(['help', 'status'], t.io)).toBe(0);
    expect(t.out()).toContain('times (fetchedAt, expiresAt, failedAt) as ISO 8601 strings in UTC');
  });
});

describe('json()', () => {
  it('turns the time fields into ISO strings and leaves every other number alone', () => {
    const at = Date.UTC(2026, 11, 3, 14, 0);
    expect(
      JSON.parse(
        json({
          createdAt: at,
          paidAt: null,
          change: { expiresBefore: at, expiresAfter: at + 86_400_000, totalBytesAfter: at },
          usedBytes: at,
          nested: [{ fetchedAt: at, id: 7 }],
          already: { expiresAt: '2026-12-03T14:00:00.000Z' },
        }),
      ),
    ).toEqual({
      createdAt: '2026-12-03T14:00:00.000Z',
      paidAt: null,
      change: {
        expiresBefore: '2026-12-03T14:00:00.000Z',
        expiresAfter: '2026-12-04T14:00:00.000Z',
        totalBytesAfter: at,
      },
      usedBytes: at,
      nested: [{ fetchedAt: '2026-12-03T14:00:00.000Z', id: 7 }],
      already: { expiresAt: '2026-12-03T14:00:00.000Z' },
    });
  });
});
