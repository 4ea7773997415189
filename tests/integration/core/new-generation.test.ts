// Setup against a panel of the 2026 generation (the simulator's generation 'new'): the provider check,
// sign-in and registration say which panel it is and that its generation is not supported yet,
// never a bare HTTP 404 or a schema error; the classic panel is unaffected by the probe.
import { afterEach, describe, expect, it } from 'vitest';
import { startPanelSim, type PanelSim } from '../../../tools/panel-sim/index';
import { memoryBackend } from '../../../src/main/secrets';
import { demoSignIn, makeCoreRig, type CoreRig } from '../../support/core-rig';
import { expectErr, expectOk } from '../../support/expect';

let sims: PanelSim[] = [];
let rigs: CoreRig[] = [];
afterEach(async () => {
  for (const rig of rigs) await rig.dispose();
  for (const sim of sims) await sim.close();
  sims = [];
  rigs = [];
});

async function setup(options: Parameters<typeof startPanelSim>[0]) {
  const sim = await startPanelSim(options);
  sims.push(sim);
  const rig = await makeCoreRig({ memory: true, secrets: memoryBackend() });
  rigs.push(rig);
  return { sim, rig };
}

describe('a new-generation panel at setup', () => {
  it('names the panel and says its generation is not supported yet, at every step of setup', async () => {
    const { sim, rig } = await setup({ generation: 'new', appName: 'Aurora VPN' });
    const checked = await rig.call('provider.check', { panelUrl: sim.url, apiKey: 'any-key' });
    const error = expectErr(checked);
    expect(error).toMatchObject({ reason: 'newPanelGeneration', detail: 'Aurora VPN' });
    expect(error.message).toContain('"Aurora VPN"');
    expect(error.message).toMatch(/new XMPlus generation/);
    expect(error.message).toMatch(/provider/);
    expect(error.message).not.toMatch(/HTTP 404|shape the app does not understand/);

    const signedIn = await rig.call('auth.signIn', {
      panelUrl: sim.url,
      apiKey: 'any-key',
      email: sim.demo.email,
      password: sim.demo.password,
      remember: false,
    });
    expect(expectErr(signedIn).reason).toBe('newPanelGeneration');
    const code = await rig.call('auth.sendCode', {
      panelUrl: sim.url,
      apiKey: 'k',
      name: 'a',
      email: 'a@b.cd',
    });
    expect(expectErr(code).reason).toBe('newPanelGeneration');
  });

  it('on a classic panel a wrong key or a wrong path stays that error, with no generation claim', async () => {
    const classic = await setup({});
    const bad = await classic.rig.call('provider.check', { panelUrl: classic.sim.url, apiKey: 'wrong' });
    expect(expectErr(bad, 'auth').reason).toBe('apiKeyRefused');
    const wrongPath = await classic.rig.call('provider.check', {
      panelUrl: `${classic.sim.url}/nope`,
      apiKey: classic.sim.apiKey,
    });
    expectErr(wrongPath);
    expect(expectErr(wrongPath).reason).not.toBe('newPanelGeneration');
    expect(
      (await classic.rig.call('provider.check', { panelUrl: classic.sim.url, apiKey: classic.sim.apiKey }))
        .ok,
    ).toBe(true);
  });
});

describe('the generation probe outside set-up', () => {
  it("a saved profile's failing token call is not followed by /api/config; set-up's is, once", async () => {
    const { sim, rig } = await setup({});
    expectOk(await rig.call('auth.signIn', demoSignIn(sim)));
    await rig.idle();
    // The panel refuses the profile's token, and then fails to give a new one (an HTML 500).
    sim.admin.expireTokens();
    sim.admin.setFault('/api/client/token', { kind: 'http500' });
    sim.admin.resetStats();
    for (let i = 0; i < 3; i++) await rig.call('data.refresh');
    const steady = sim.admin.stats().requests;
    expect(steady['/api/client/token']).toBeGreaterThanOrEqual(3);
    expect(steady['/api/config'] ?? 0).toBe(0);

    sim.admin.resetStats();
    expectErr(await rig.call('provider.check', { panelUrl: sim.url, apiKey: sim.apiKey }));
    expect(sim.admin.stats().requests['/api/config']).toBe(1);
  });
});
