// The composed core answers every channel of the contract: `Handlers` is complete at compile time,
// and this checks the object the shell hands to the router at run time, so a spread that drops a
// provider's handlers fails here rather than as "not available" in the window.
import { afterEach, describe, expect, it } from 'vitest';
import { channels } from '../../../src/shared/contract';
import { makeCoreRig, type CoreRig } from '../../support/core-rig';

let rig: CoreRig | null = null;
afterEach(async () => {
  await rig?.dispose();
  rig = null;
});

describe('createCore handlers', () => {
  it('has a function for every contract channel and nothing beside them', async () => {
    rig = await makeCoreRig({ memory: true, start: false });
    const handled = Object.keys(rig.core.handlers).sort();
    expect(handled).toEqual(Object.keys(channels).sort());
    for (const name of handled) {
      expect(typeof (rig.core.handlers as Record<string, unknown>)[name], name).toBe('function');
    }
  });
});
