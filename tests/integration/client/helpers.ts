// Shared setup of the client integration tests: a panel simulator and a panel session on it, with
// one clock both of them read so tests can move time.
import { startPanelSim } from '../../../tools/panel-sim/index';
import type { PanelSim, PanelSimOptions } from '../../../tools/panel-sim/index';
import type { PanelSession, PanelSessionOptions } from '../../../src/main/sources/xmplus/panel-session';
import { createPanelSession } from '../../../src/main/sources/xmplus/panel-session';
import { ok } from '../../../src/shared/errors';
import { expectOk } from '../../support/expect';

export interface Rig {
  sim: PanelSim;
  session: PanelSession;
  clock: { now: number };
  close(): Promise<void>;
}

export async function startRig(
  simOptions: PanelSimOptions = {},
  sessionOptions: Partial<PanelSessionOptions> = {},
): Promise<Rig> {
  const clock = { now: Date.now() };
  const sim = await startPanelSim({ now: () => clock.now, ...simOptions });
  const session = expectOk(
    createPanelSession({
      panelUrl: sim.url,
      timeZone: 'UTC',
      getApiKey: async () => ok(sim.apiKey),
      getCredentials: async () => ok({ ...sim.demo }),
      now: () => clock.now,
      ...sessionOptions,
    }),
  );
  return {
    sim,
    session,
    clock,
    close: async () => {
      await session.close();
      await sim.close();
    },
  };
}
