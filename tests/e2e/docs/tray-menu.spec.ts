// A picture of the tray for the README: the gauge icons drawn by the shell's pure drawer at each
// level, and the context menu built from the same menu model the Electron shell turns into a
// native menu, after a real refresh against the simulator. (A native tray menu cannot be captured
// headless; this renders the identical items as a desktop menu would list them.)
import { PNG } from 'pngjs';
import { test, expect } from '@playwright/test';
import { startPanelSim } from '../../../tools/panel-sim/index';
import { makeCoreRig } from '../../support/core-rig';
import { drawGauge, trayMenuModel, type Level } from '../../../src/main/monitor';
import { readSettings } from '../../../src/main/settings/settings';
import { ENGLISH } from '../../../src/main/i18n';
import type { DataState } from '../../../src/shared/contract';
import { SCREENSHOT_DIR } from '../harness';
import { join } from 'node:path';

const pngDataUrl = (fraction: number, level: Level, size: number) => {
  const image = drawGauge({ fraction, level, size });
  const png = new PNG({ width: image.width, height: image.height });
  png.data = Buffer.from(image.rgba);
  return `data:image/png;base64,${PNG.sync.write(png).toString('base64')}`;
};

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

test('tray icon and menu, from the shell menu model, with two profiles', async ({ page }) => {
  // Two accounts on two panels, as a customer with a second provider has them.
  const sims = [await startPanelSim(), await startPanelSim()];
  const rig = await makeCoreRig();
  try {
    for (const [index, panel] of sims.entries()) {
      const signed = await rig.call('auth.signIn', {
        panelUrl: panel.url,
        apiKey: panel.apiKey,
        email: panel.demo.email,
        password: panel.demo.password,
        remember: false,
        displayName: ['Work', 'Home'][index],
      });
      expect(signed.ok).toBe(true);
      await rig.idle();
    }
    // Home's healthy plan is nearly used up: the gauge shows it, whichever profile is open.
    sims[1]!.admin.setUsage(9, { usedBytes: 190 * 1024 ** 3 });
    const data = await rig.call<DataState>('data.refresh');
    // The picture needs a snapshot: without one the test fails rather than passing with no picture.
    if (!data.ok) throw new Error(`refresh failed: ${data.error.message}`);
    expect(data.value.snapshot, 'a refresh against the simulator gives a snapshot').not.toBeNull();
    if (!data.value.snapshot) return;
    const settings = readSettings(rig.platform.settingsStore);
    const thresholds = { trafficPercent: settings.trafficThresholds, daysLeft: settings.expiryThresholds };
    const profiles = data.value.profiles.map((p) => ({ ...p, forecasts: {} }));
    const items = trayMenuModel(ENGLISH, profiles, thresholds, Date.now());
    const tray = rig.trays.at(-1)!;
    expect(items.filter((i) => i.type === 'profile').map((i) => i.label)).toEqual(['Work', 'Home']);
    expect(items.filter((i) => i.type === 'service')).toHaveLength(6);

    const menu = items
      .map((item) => {
        if (item.type === 'separator') return '<hr>';
        const cls = item.type === 'profile' ? 'item heading' : item.enabled ? 'item' : 'item disabled';
        return `<div class="${cls}">${escape(item.label)}</div>`;
      })
      .join('');
    const icons = (['ok', 'warning', 'critical', 'expired'] as Level[])
      .map(
        (level, i) =>
          `<figure><img src="${pngDataUrl([0.8, 0.35, 0.1, 0][i]!, level, 32)}" width="32" height="32"><figcaption>${level}</figcaption></figure>`,
      )
      .join('');
    await page.setContent(`<!doctype html><html><head><style>
      body { font: 14px system-ui, 'Noto Sans', sans-serif; margin: 0; background: #2b2f36; color: #eee; width: 560px; }
      .bar { display: flex; justify-content: flex-end; gap: 10px; align-items: center; padding: 6px 12px; background: #16181c; }
      .bar img { width: 22px; height: 22px; }
      .menu { margin: 4px 12px 16px auto; width: 440px; background: #fff; color: #1c1e21; border-radius: 8px; padding: 6px 0; box-shadow: 0 8px 24px #0008; }
      .item { padding: 6px 16px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
      .item.disabled { color: #6b7280; }
      .item.heading { color: #1c1e21; font-weight: 600; }
      hr { border: 0; border-top: 1px solid #e5e7eb; margin: 6px 0; }
      .tip { margin: 0 12px 8px auto; width: 440px; white-space: pre-line; font-size: 12px; color: #cbd5e1; }
      .icons { display: flex; gap: 18px; padding: 10px 16px; }
      figure { margin: 0; text-align: center; font-size: 11px; color: #cbd5e1; }
    </style></head><body>
      <div class="bar"><span>tray</span><img src="${pngDataUrl(tray.fraction ?? 1, tray.level, 44)}" alt=""></div>
      <div class="menu">${menu}</div>
      <div class="tip">Tooltip: ${escape(tray.tooltip)}</div>
      <div class="icons">${icons}</div>
    </body></html>`);
    await page.setViewportSize({ width: 560, height: 600 });
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'tray-menu.png'), fullPage: true });
  } finally {
    await rig.dispose();
    await Promise.all(sims.map((s) => s.close()));
  }
});
