// Build of the three Electron parts. The preload is CommonJS so that it runs in a sandboxed
// renderer; the renderer is split so pages other than the first load on demand.
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { providerCheck } from './build/check-provider.mjs';
import { readUpdateConfig } from './build/update-config.mjs';

/**
 * Development only: the dev server needs an inline preamble (React refresh) and a websocket (reload),
 * which the production CSP forbids. In `electron-vite dev` the meta CSP is relaxed for that; builds
 * keep it strict, and app:// sends the strict policy as a header too.
 */
const devCsp = (): Plugin => ({
  name: 'xmplus-dev-csp',
  apply: 'serve',
  transformIndexHtml: (html) =>
    html
      .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
      .replace("connect-src 'none'", "connect-src 'self' ws: http://localhost:*")
      .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"),
});

export default defineConfig({
  main: {
    // A branded API key without its panel address fails the build (build/check-provider.mjs).
    plugins: [providerCheck(resolve('resources/provider.json'))],
    // The update feed and the key its metadata must be signed with, checked for consistency and
    // compiled into the main bundle (src/main/electron/update-pins.ts); a bad pair fails the build.
    define: { __XMPLUS_UPDATE__: JSON.stringify(readUpdateConfig(resolve('.'))) },
    build: {
      // Dependencies load from node_modules (inside the asar) at run time.
      externalizeDeps: true,
      outDir: 'out/main',
      // cli: the command-line tool, loaded by the app for `xmplus-tray <command>` (no tsx at run time).
      rollupOptions: {
        input: { index: resolve('src/main/electron/main.ts'), cli: resolve('src/main/cli-app.ts') },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload can require only 'electron': bundle everything else into one file.
      externalizeDeps: false,
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    plugins: [react(), devCsp()],
    build: {
      outDir: 'out/renderer',
      // electron-vite leaves minification off; the renderer's first paint depends on its size.
      minify: true,
      rollupOptions: { input: { index: resolve('src/renderer/index.html') } },
    },
  },
});
