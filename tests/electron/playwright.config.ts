// The Playwright `_electron` suite: launches the BUILT app with a real Electron binary. Where the
// binary is absent (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1) every test reports itself
// skipped with the reason.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: '../../test-results/electron',
  timeout: 60_000,
  // What the specs wait for (a tray menu after two sign-ins, a notification after a refresh) crosses
  // processes and the bus: give a wait room before it counts as a failure.
  expect: { timeout: 20_000 },
  workers: 1,
  reporter: [['list']],
});
