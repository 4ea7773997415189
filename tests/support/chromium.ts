// Debian's chromium as the tests start it: where it is (CHROMIUM_PATH overrides, as on Ubuntu CI,
// which has no chromium deb), and the switches that keep a test run quiet and offline. The renderer
// end-to-end suite adds --headless; the desktop-window test shows a real window.
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_QUIET_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
