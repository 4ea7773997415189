// Loaded into a development run's main process (`electron -r <this file> <app>`) by the no-tray spec: records
// each dialog.showMessageBox call as a JSON line in the file named by XMPLUS_TEST_DIALOG_LOG and
// answers it at once with the first button, as a user pressing OK would. A native GTK message box
// cannot be read by Playwright; this is the Electron boundary, the one place a test may stand in.
/* eslint-disable @typescript-eslint/no-require-imports -- a --require hook is CommonJS */
const { appendFileSync } = require('node:fs');
const { dialog } = require('electron');

const log = process.env.XMPLUS_TEST_DIALOG_LOG;
if (log) {
  dialog.showMessageBox = async (...args) => {
    const options = args.find((arg) => arg && typeof arg === 'object' && 'message' in arg) ?? {};
    const { type, title, message, detail } = options;
    appendFileSync(log, `${JSON.stringify({ type, title, message, detail })}\n`);
    return { response: 0, checkboxChecked: false };
  };
}
