// Renderer end-to-end: Debian's chromium loads the built renderer; the real core answers through
// page.exposeBinding (tests/e2e/harness.ts). Never downloads a browser.
import { defineConfig } from '@playwright/test';
import { CHROMIUM_PATH, CHROMIUM_QUIET_ARGS } from '../support/chromium';

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: '../../test-results/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 1,
  // One retry on CI: a test that passes only on retry is still reported as flaky in the output.
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  use: {
    launchOptions: { executablePath: CHROMIUM_PATH, args: ['--headless', ...CHROMIUM_QUIET_ARGS] },
    viewport: { width: 1100, height: 760 },
    trace: 'off',
  },
});
