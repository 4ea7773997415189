// One simulator for a whole test file, reset to its seed before each test: the set-up the CLI
// integration tests share.
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startPanelSim, type PanelSim } from '../../tools/panel-sim/index';

/** Starts the file's simulator before its tests and hands it to `take`; closes it after them. */
export function sharedPanelSim(take: (sim: PanelSim) => void): void {
  let sim: PanelSim | null = null;
  beforeAll(async () => {
    sim = await startPanelSim();
    take(sim);
  });
  afterAll(async () => {
    await sim?.close();
  });
  beforeEach(() => {
    sim?.admin.reset();
  });
}

/** The simulator's demo account as the CLI's XMPLUS_* variables. */
export function demoCredentials(sim: PanelSim) {
  return {
    XMPLUS_PANEL_URL: sim.url,
    XMPLUS_API_KEY: sim.apiKey,
    XMPLUS_EMAIL: sim.demo.email,
    XMPLUS_PASSWORD: sim.demo.password,
  };
}
