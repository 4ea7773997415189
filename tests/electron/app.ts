// What the `_electron` specs share: where the Electron binary and the build are (and why a spec
// skips without them, or fails where CI requires them), launching the built app in a development run
// with its own profile folders, signing in through the app's own bridge, and the panel simulator's
// admin endpoints.
import { _electron as electron, expect, type ElectronApplication, type Page } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PanelSim } from '../../tools/panel-sim/index';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const GB = 1024 ** 3;
export const DAY_MS = 86_400_000;

/**
 * Finds the Electron binary the way the electron package records it (path.txt + dist/), without
 * requiring 'electron': in Electron 45 that require tries to download a missing binary.
 */
function electronBinary(): { path: string | null; reason: string } {
  if (process.env.ELECTRON_EXEC_PATH && existsSync(process.env.ELECTRON_EXEC_PATH)) {
    return { path: process.env.ELECTRON_EXEC_PATH, reason: '' };
  }
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) {
    return {
      path: null,
      reason: 'the Electron binary is not installed (npm ci ran with ELECTRON_SKIP_BINARY_DOWNLOAD=1)',
    };
  }
  const binaryPath = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binaryPath)
    ? { path: binaryPath, reason: '' }
    : { path: null, reason: `the Electron binary is missing at ${binaryPath}` };
}

const binary = electronBinary();
export const electronPath = binary.path;

/**
 * XMPLUS_REQUIRE_ELECTRON=1 (set by CI where the binary is downloaded): a spec that would skip for
 * want of the binary, the build or the packed app fails instead, so a broken download or a missing
 * build step cannot turn the desktop proof into a row of skips.
 */
export const electronRequired = process.env.XMPLUS_REQUIRE_ELECTRON === '1';

/** `reason` as a skip reason, or, where CI requires Electron, as the error that fails the suite. */
export function unlessRequired(reason: string | null): string | null {
  if (reason !== null && electronRequired) {
    throw new Error(
      `XMPLUS_REQUIRE_ELECTRON=1, but the Electron suite cannot run: ${reason.replace(/^Skipped: /, '')}`,
    );
  }
  return reason;
}
/** The folder electron-builder's `electronDist` takes: the unpacked Electron of node_modules. */
export const electronDist = join(root, 'node_modules', 'electron', 'dist');
const built = existsSync(join(root, 'out', 'main', 'index.js'));

/** Why a development-run spec cannot run here, or null. */
export const devRunSkip: string | null = unlessRequired(
  !binary.path
    ? `Skipped: ${binary.reason}.`
    : !built
      ? 'Skipped: the app is not built; run `npm run build` first.'
      : null,
);

/** A fresh, empty profile folder. */
export const freshProfile = () => mkdtempSync(join(tmpdir(), 'xmplus-electron-'));

/** Electron's sandbox needs a setuid helper or user namespaces, neither of which CI runners grant. */
export const sandboxArgs = process.platform === 'linux' ? ['--no-sandbox'] : [];

export interface DevRunOptions {
  /** Added to the environment (DBUS_SESSION_BUS_ADDRESS, XMPLUS_CONFIG_DIR, ...). */
  env?: Record<string, string>;
  /** The app's own arguments, after its path. */
  args?: string[];
  /** Modules the main process loads before the app (Electron's default app takes `-r <module>`). */
  preload?: string[];
}

/**
 * Starts the built app as `electron [-r module] <checkout> --user-data-dir=<fresh folder> ...`, as
 * `npm run dev` does: Electron's default app then reads package.json (productName, desktopName,
 * main), so the app is named as when installed. The user-data folder is Chromium's and the
 * single-instance lock's (Electron's PreSandboxStartup makes --user-data-dir the DIR_USER_DATA that
 * app.getPath('userData') answers), so no test run meets an installed copy; XMPLUS_CONFIG_DIR, the
 * app's own settings folder, defaults to another fresh one. Playwright removes NODE_OPTIONS from the
 * environment it launches with, so modules to preload go on the command line, before the app's
 * path, where the default app looks for them.
 */
export function launchDevRun({
  env = {},
  args = [],
  preload = [],
}: DevRunOptions = {}): Promise<ElectronApplication> {
  return electron.launch({
    executablePath: binary.path!,
    args: [
      ...preload.flatMap((module) => ['-r', module]),
      root,
      `--user-data-dir=${freshProfile()}`,
      ...sandboxArgs,
      ...args,
    ],
    env: { ...process.env, XMPLUS_CONFIG_DIR: freshProfile(), ...env } as Record<string, string>,
  });
}

/**
 * Signs in to the simulator's demo account through the window's own bridge (window.xmplus, the
 * preload over IPC to the core), naming the profile `displayName`.
 */
export async function signIn(page: Page, sim: PanelSim, displayName: string): Promise<void> {
  // The preload's bridge is there once the app's page has loaded.
  await page.waitForFunction(
    () => typeof (globalThis as unknown as { xmplus?: unknown }).xmplus === 'object',
  );
  const input = {
    panelUrl: sim.url,
    apiKey: sim.apiKey,
    email: sim.demo.email,
    password: sim.demo.password,
    remember: false,
    displayName,
  };
  const result = await page.evaluate(
    (i) =>
      (
        globalThis as unknown as {
          xmplus: { authSignIn(input: unknown): Promise<{ ok: boolean; error?: { message: string } }> };
        }
      ).xmplus.authSignIn(i),
    input,
  );
  expect(result.ok, result.error?.message).toBe(true);
}

/** One operation of the simulator's admin API over HTTP (POST /__sim/<operation>). */
export async function simAdmin(
  sim: PanelSim,
  operation: string,
  args: Record<string, unknown> = {},
): Promise<unknown> {
  const response = await fetch(`${sim.url}/__sim/${operation}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(args),
  });
  const answer = (await response.json()) as { ok: boolean; result?: unknown; error?: string };
  if (!answer.ok) throw new Error(`/__sim/${operation}: ${answer.error}`);
  return answer.result;
}

/**
 * The demo seed has a plan at 90% and one expiring in 2 days: move both well clear of every
 * threshold, so the app starts with nothing to warn about and a crossing is the test's own doing.
 */
export async function calmDemo(sim: PanelSim): Promise<void> {
  await simAdmin(sim, 'setUsage', { sid: 4, usedBytes: 10 * GB });
  await simAdmin(sim, 'setExpiry', { sid: 7, epochMs: Date.now() + 200 * DAY_MS });
}
