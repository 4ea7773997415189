// The renderer's request hooks in a real browser: useLoad drops an answer that arrives after its
// inputs changed and keeps the last value through a failed reload; useAction ignores a second start
// while one runs. The fixture page answers by hand, so the
// order of answers is the test's to choose.
import { test, expect, type Page } from '@playwright/test';
import { buildSync } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
let bundle: string | null = null;
function fixtureBundle(): string {
  bundle ??= buildSync({
    entryPoints: [join(here, 'fixture.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    define: { 'process.env.NODE_ENV': '"development"' },
    logLevel: 'silent',
  }).outputFiles[0]!.text;
  return bundle;
}

type Hooks = { asked(): string[]; answer(key: string, value: string, failed?: boolean): void };
const asked = (page: Page) => page.evaluate(() => (globalThis as unknown as { hooks: Hooks }).hooks.asked());
const answer = (page: Page, key: string, value: string, failed = false) =>
  page.evaluate(([k, v, f]) => (globalThis as unknown as { hooks: Hooks }).hooks.answer(k, v, f), [
    key,
    value,
    failed,
  ] as const);

let errors: string[] = [];
test.beforeEach(async ({ page }) => {
  errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.setContent('<div id="root"></div>');
  await page.addScriptTag({ content: fixtureBundle() });
  await expect.poll(() => asked(page)).toEqual(['load:a']);
});
test.afterEach(() => {
  // React reports state set after unmount and other misuse as console errors.
  expect(errors).toEqual([]);
});

test('useLoad keeps the newer answer when an older one arrives after it', async ({ page }) => {
  await page.getByRole('button', { name: 'Ask for b' }).click();
  await expect.poll(() => asked(page)).toEqual(['load:a', 'load:b']);
  await answer(page, 'load:b', 'B');
  await expect(page.getByTestId('load-data')).toHaveText('B');
  await expect(page.getByTestId('load-loading')).toHaveText('false');
  await answer(page, 'load:a', 'A (stale)');
  // Let React apply anything the stale answer could set before reading again.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(null))));
  await expect(page.getByTestId('load-data')).toHaveText('B');
});

test('useLoad keeps the last value through a failed retry, and a later success clears the error', async ({
  page,
}) => {
  await answer(page, 'load:a', 'A1');
  await expect(page.getByTestId('load-data')).toHaveText('A1');
  await page.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByTestId('load-loading')).toHaveText('true');
  await expect(page.getByTestId('load-data')).toHaveText('A1');
  await answer(page, 'load:a', 'the panel cannot be reached', true);
  await expect(page.getByTestId('load-error')).toHaveText('the panel cannot be reached');
  await expect(page.getByTestId('load-data')).toHaveText('A1');
  await page.getByRole('button', { name: 'Retry' }).click();
  await answer(page, 'load:a', 'A2');
  await expect(page.getByTestId('load-data')).toHaveText('A2');
  await expect(page.getByTestId('load-error')).toHaveText('');
});

test('useAction ignores a second start while the first runs, then shows its result', async ({ page }) => {
  const run = page.getByRole('button', { name: 'Run' });
  await run.click();
  await run.click();
  await expect(page.getByTestId('run-busy')).toHaveText('true');
  await expect(page.getByTestId('run-pending')).toHaveText('1');
  expect((await asked(page)).filter((key) => key.startsWith('run:'))).toEqual(['run:1']);
  await answer(page, 'run:1', 'done');
  await expect(page.getByTestId('run-result')).toHaveText('done');
  await expect(page.getByTestId('run-busy')).toHaveText('false');
  await run.click();
  await expect(page.getByTestId('run-result')).toHaveText('');
  await answer(page, 'run:1', 'refused', true);
  await expect(page.getByTestId('run-error')).toHaveText('refused');
});
