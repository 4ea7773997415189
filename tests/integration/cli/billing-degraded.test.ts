// buy, renew and top-up against the simulator when the list with the price fails (an HTML 500 from
// packages/traffic, packages, package/info or account/info): the user named what to buy, so with
// --yes the invoice is created (it shows the amount; creating it spends nothing), and on a terminal
// the question comes first, saying that the price could not be shown. A refusal in the panel's own
// words (an unknown package) still stops before anything is created.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { PanelSim } from '../../../tools/panel-sim/index';
import { main } from '../../../src/main/cli';
import { sharedPanelSim } from '../../support/panel-sim-hooks';
import { testIo, type TestIoOptions } from '../../support/cli-io';

let sim: PanelSim;
sharedPanelSim((started) => (sim = started));

async function cli(argv: string[], options: TestIoOptions = {}) {
  const t = testIo({
    env: {
      XMPLUS_PANEL_URL: sim.url,
      XMPLUS_API_KEY: sim.apiKey,
      XMPLUS_EMAIL: sim.demo.email,
      XMPLUS_PASSWORD: sim.demo.password,
      XMPLUS_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'xmplus-cli-degraded-')),
    },
    ...options,
  });
  const code = await main(argv, t.io);
  return { code, out: t.out(), err: t.err(), questions: t.questions };
}

const invoices = () => sim.admin.state().invoices;
const NOT_SHOWN =
  /Price: {2}could not be shown \(.* did not load: .*500.*\); the invoice will show the amount/;

describe('topup when packages/traffic fails', () => {
  beforeEach(() => sim.admin.setFault('/api/client/packages/traffic', { kind: 'http500' }));

  it('with --yes takes the package and price from package/info and creates the invoice', async () => {
    const before = invoices().length;
    const topped = await cli(['topup', '--service', '4', '--package', '5', '--yes']);
    expect(topped.code).toBe(0);
    // package/info prints the amount without its currency.
    expect(topped.err).toMatch(
      /^Top up: StarterPack \(service 4\) with TOP200 \(package 5, 200 GB\)\nCycle: {2}once\nPrice: {2}\S* ?15\.00\n/,
    );
    expect(invoices()).toHaveLength(before + 1);
    expect(invoices().at(-1)).toMatchObject({ serviceid: 4, packageid: 5, billing: 'topup_traffic' });
  });

  it('with package/info failing too, says the price could not be shown and still creates it', async () => {
    sim.admin.setFault('/api/client/package/info', { kind: 'http500' });
    const topped = await cli(['topup', '--service', '4', '--package', '5', '--yes']);
    expect(topped.code).toBe(0);
    expect(topped.err).toContain('Top up: StarterPack (service 4) with package 5\nCycle:  once\n');
    expect(topped.err).toMatch(NOT_SHOWN);
    const created = invoices().at(-1)!;
    expect(created).toMatchObject({
      serviceid: 4,
      packageid: 5,
      billing: 'topup_traffic',
      amountCents: 1500,
    });
    expect(topped.out).toContain(`Invoice ${created.invid} created.`);
  });

  it('on a terminal asks first, after saying the price could not be shown; "no" creates nothing', async () => {
    sim.admin.setFault('/api/client/package/info', { kind: 'http500' });
    const before = invoices().length;
    const declined = await cli(['topup', '--service', '4', '--package', '5'], {
      interactive: true,
      answers: ['n'],
    });
    expect(declined.code).toBe(2);
    expect(declined.questions).toEqual(['Create this invoice? [y/N] ']);
    expect(declined.err).toMatch(NOT_SHOWN);
    expect(declined.err).toContain('Nothing was created.');
    expect(invoices()).toHaveLength(before);

    const accepted = await cli(['topup', '--service', '4', '--package', '5'], {
      interactive: true,
      answers: ['y'],
    });
    expect(accepted.code).toBe(0);
    expect(invoices()).toHaveLength(before + 1);
  });

  it("a plan named as a top-up, or the panel's refusal, still stops with nothing created", async () => {
    const before = invoices().length;
    const plan = await cli(['topup', '--service', '4', '--package', '4', '--yes']);
    expect(plan.code).toBe(1);
    expect(plan.err).toContain('Package 4 (Family 500) is a plan, not a traffic package.');
    const unknown = await cli(['topup', '--service', '4', '--package', '99', '--yes']);
    expect(unknown).toMatchObject({ code: 1, err: 'xmplus-tray: Package not found.\n' });
    expect(invoices()).toHaveLength(before);
  });
});

describe('buy when the plans do not load', () => {
  it('with packages and package/info failing, --yes creates the invoice for the named plan', async () => {
    sim.admin.setFault('/api/client/packages', { kind: 'http500' });
    sim.admin.setFault('/api/client/package/info', { kind: 'http500' });
    const bought = await cli(['buy', '--package', '4', '--cycle', 'annual', '--yes']);
    expect(bought.code).toBe(0);
    expect(bought.err).toContain('Buy:    package 4\nCycle:  annual\n');
    expect(bought.err).toMatch(NOT_SHOWN);
    expect(invoices().at(-1)).toMatchObject({ packageid: 4, billing: 'annual', amountCents: 25000 });
  });

  it('with only the list failing, shows the price from package/info', async () => {
    sim.admin.setFault('/api/client/packages', { kind: 'http500' });
    const bought = await cli(['buy', '--package', '4', '--cycle', 'annual', '--yes']);
    expect(bought.code).toBe(0);
    expect(bought.err).toMatch(
      /Buy: {4}Family 500 \(package 4\)\nCycle: {2}annual\nPrice: {2}\S* ?250\.00\n/,
    );
  });
});

describe('renew when account/info does not load', () => {
  it('--yes creates the renewal invoice; the summary says the price could not be shown', async () => {
    sim.admin.setFault('/api/client/account/info', { kind: 'http500' });
    const renewed = await cli(['renew', '--service', '9', '--yes']);
    expect(renewed.code).toBe(0);
    expect(renewed.err).toContain('Renew:  service 9\n');
    expect(renewed.err).toMatch(NOT_SHOWN);
    expect(invoices().at(-1)).toMatchObject({ serviceid: 9, billing: 'annual', status: 'Pending' });
  });
});
