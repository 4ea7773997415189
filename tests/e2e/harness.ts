// The renderer end-to-end harness: Debian chromium loads the BUILT renderer (out/renderer) from a
// loopback server that sends the app's CSP; window.xmplus is the preload's bridge code, reaching the
// real core (router + handlers) through page.exposeBinding; the core talks to the panel simulator.
// Only the Electron transport and the desktop Platform (clipboard, dialogs, notifications) differ.
import { test as base, expect, type Page } from '@playwright/test';
import { buildSync } from 'esbuild';
import { createServer, type Server } from 'node:http';
import { mkdirSync, mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { startPanelSim, type PanelSim } from '../../tools/panel-sim/index';
import { createCore, type Core } from '../../src/main/core';
import { createRouter } from '../../src/main/router';
import { UNBRANDED, type ProviderConfig } from '../../src/main/provider';
import { CONTENT_SECURITY_POLICY } from '../../src/main/security-policy';
import type { EventName, Events, UpdateState } from '../../src/shared/contract';
import { chooseSecretBackend } from '../../src/main/secrets';
import { makePlatform, type TestDesktop } from '../support/platform';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const rendererDir = join(root, 'out', 'renderer');
export const SCREENSHOT_DIR = join(root, 'test-results', 'screenshots');

let bridgeScript: string | null = null;
function bridgeBundle(): string {
  bridgeScript ??= buildSync({
    entryPoints: [join(root, 'tests', 'e2e', 'bridge-entry.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    write: false,
    target: 'chrome120',
  }).outputFiles[0]!.text;
  return bridgeScript;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** Serves out/renderer like the app:// protocol does: same files, same CSP header. */
async function serveRenderer(): Promise<{ url: string; close(): Promise<void> }> {
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error('out/renderer is missing: run `npx electron-vite build` first (npm run test:e2e does).');
  }
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = normalize(join(rendererDir, path === '/' ? 'index.html' : path));
    if (relative(rendererDir, file).startsWith('..') || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    });
    res.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => {
      // The page may still hold keep-alive connections: close() alone would wait for them.
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface AppFixture {
  page: Page;
  sim: PanelSim;
  core: Core;
  /** The desktop around the window: what it was asked, and what it will answer. */
  desktop: TestDesktop;
  configDir: string;
  /** Every IPC result the renderer received (for the secrets audit). */
  ipcResults: unknown[];
  /** The channel of every IPC call the renderer made, in order (for request counts). */
  ipcCalls: string[];
  open(options?: { locale?: string }): Promise<void>;
  emit<E extends EventName>(event: E, payload: Events[E]): Promise<void>;
  screenshot(name: string): Promise<string>;
  /** Rebuild the core on the same config folder, as an app restart would. */
  restart(): Promise<void>;
}

export interface HarnessOptions {
  provider: ProviderConfig;
  simOptions: Parameters<typeof startPanelSim>[0];
  /** The updater's state the shell reports; null: a build without updates. */
  updateState: UpdateState | null;
}

export const test = base.extend<HarnessOptions & { app: AppFixture }>({
  provider: [UNBRANDED, { option: true }],
  simOptions: [{}, { option: true }],
  updateState: [null, { option: true }],
  app: async ({ page, provider, simOptions, updateState }, use) => {
    const sim = await startPanelSim(simOptions);
    const renderer = await serveRenderer();
    const configDir = mkdtempSync(join(tmpdir(), 'xmplus-e2e-'));
    const ipcResults: unknown[] = [];
    const ipcCalls: string[] = [];
    let pageReady = false;

    const emit = async <E extends EventName>(event: E, payload: Events[E]) => {
      if (!pageReady || page.isClosed()) return;
      ipcResults.push(payload);
      await page
        .evaluate(
          ([name, data]) =>
            (globalThis as unknown as { __xmplusEmit(e: string, p: unknown): void }).__xmplusEmit(name, data),
          [event, payload] as const,
        )
        .catch(() => undefined);
    };

    // The real OS keychain when a Secret Service runs (npm run test:e2e starts one), else memory.
    const secrets = await chooseSecretBackend();
    const desktop = makePlatform({
      dir: configDir,
      provider,
      secrets: secrets.backend,
      secretsNotice: secrets.notice,
      os: process.platform,
      ...(updateState ? { updateState } : {}),
    });
    mkdirSync(desktop.folder!, { recursive: true });
    desktop.onEvent((event, payload) => void emit(event, payload as Events[typeof event]));
    // The first core gets the platform that opened the stores (and saw any damaged file); a restart
    // opens them again.
    let platform = desktop.platform;
    const makeCore = async () => {
      const created = createCore(platform);
      await created.start();
      return created;
    };

    let core = await makeCore();
    let router = createRouter(core.handlers);
    await page.exposeBinding('__xmplusInvoke', async (_source, channel: string, input: unknown) => {
      ipcCalls.push(channel);
      const result = await router.dispatch(channel, input);
      ipcResults.push(result);
      return result;
    });
    await page.addInitScript({ content: bridgeBundle() });

    const fixture: AppFixture = {
      page,
      sim,
      get core() {
        return core;
      },
      desktop,
      configDir,
      ipcResults,
      ipcCalls,
      async open(options = {}) {
        if (options.locale) {
          await page.addInitScript((locale) => {
            Object.defineProperty(navigator, 'language', { get: () => locale });
          }, options.locale);
        }
        await page.goto(`${renderer.url}/index.html`);
        pageReady = true;
      },
      emit,
      async screenshot(name) {
        mkdirSync(SCREENSHOT_DIR, { recursive: true });
        const file = join(SCREENSHOT_DIR, `${name}.png`);
        await page.screenshot({ path: file, fullPage: false });
        return file;
      },
      async restart() {
        await core.dispose();
        platform = desktop.reopen();
        core = await makeCore();
        router = createRouter(core.handlers);
      },
    };

    await use(fixture);

    pageReady = false;
    await core.dispose();
    await renderer.close();
    await sim.close();
    rmSync(configDir, { recursive: true, force: true });
  },
});

export { expect };
