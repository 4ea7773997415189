#!/usr/bin/env node
// Prints `XMPLUS_PACKAGED_APP=<path>` for the app electron-builder unpacked in a folder (dist/ by
// default), so CI can hand it to the Electron smoke tests (tests/electron/packaged.spec.ts): the
// Linux executable, the Windows .exe, or the executable inside the macOS .app. Exits 1, saying
// where it looked, when there is none.
//   node tools/packaged-app.mjs [dist-folder] >> "$GITHUB_ENV"
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const dist = resolve(process.argv[2] ?? 'dist');
const product = 'XMPlus Tray';
const candidates = [
  join(dist, 'linux-unpacked', 'xmplus-tray'),
  join(dist, 'win-unpacked', `${product}.exe`),
  // mac, mac-arm64, mac-universal: whichever architecture was packed; a universal build's per-arch
  // halves (mac-universal-x64-temp, ...) are not the app.
  ...(existsSync(dist) ? readdirSync(dist) : [])
    .filter((name) => name.startsWith('mac') && !name.endsWith('-temp'))
    .map((name) => join(dist, name, `${product}.app`, 'Contents', 'MacOS', product)),
];
const found = candidates.find((path) => existsSync(path));
if (!found) {
  console.error(`no packed app in ${dist}; looked for:\n  ${candidates.join('\n  ')}`);
  process.exit(1);
}
console.log(`XMPLUS_PACKAGED_APP=${found}`);
