import { describe, expect, it, vi } from 'vitest';
import { createRouter } from '../../../src/main/router';
import { ok } from '../../../src/shared/errors';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings';
import { expectErr } from '../../support/expect';

describe('router', () => {
  const setHandler = vi.fn((patch: object) => ok({ ...DEFAULT_SETTINGS, ...patch }));
  const router = createRouter({
    'settings.set': setHandler,
    'app.info': () => {
      throw new Error('boom');
    },
  });

  it('passes valid input to the handler and returns its result', async () => {
    const result = await router.dispatch('settings.set', { theme: 'dark' });
    expect(result).toEqual({ ok: true, value: { ...DEFAULT_SETTINGS, theme: 'dark' } });
    expect(setHandler).toHaveBeenCalledWith({ theme: 'dark' });
  });

  it.each([
    [{ theme: 'purple' }, 'theme'],
    [{ refreshMinutes: 1 }, 'refreshMinutes'],
    [{ unknownKey: true }, '(input)'],
    ['not an object', '(input)'],
  ])('turns invalid input %j into a validation error naming %s', async (input, path) => {
    setHandler.mockClear();
    const result = await router.dispatch('settings.set', input);
    const error = expectErr(result, 'validation');
    expect(error.issues?.[0]?.path).toBe(path);
    expect(setHandler).not.toHaveBeenCalled();
  });

  it('refuses unknown channels and missing handlers with typed errors', async () => {
    const unknown = await router.dispatch('fs.readFile', {});
    expectErr(unknown, 'validation');
    const missing = await router.dispatch('data.get', {});
    expectErr(missing, 'state');
  });

  it('never throws: a crashing handler becomes an internal error', async () => {
    const result = await router.dispatch('app.info', {});
    expectErr(result, 'internal');
  });
});
