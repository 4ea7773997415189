// A picture of the tray for the README: the gauge icons drawn by the shell's pure drawer at each
// level, the tray's tooltip, and the tray menu model (monitor/summary.ts) grouped by profile, after
// real refreshes of three profiles on three simulators: each profile's services under its name, the
// copy and export entries naming their profile. (A native tray menu cannot be captured headless;
// this renders the model's items as a desktop menu would list them.)
import { PNG } from 'pngjs';
import { test, expect } from '@playwright/test';
import { startPanelSim, type PanelSim } from '../../../tools/panel-sim/index';
import { demoSignIn, makeCoreRig } from '../../support/core-rig';
import { drawGauge, trayMenuModel, type Level, type TrayMenuItem } from '../../../src/main/monitor';
import { readSettings } from '../../../src/main/settings/settings';
import { ENGLISH } from '../../../src/main/i18n';
import type { DataState, ProfilesState } from '../../../src/shared/contract';
import { SCREENSHOT_DIR } from '../harness';
import { GB } from '../steps';
import { join } from 'node:path';

const pngDataUrl = (fraction: number, level: Level, size: number) => {
  const image = drawGauge({ fraction, level, size });
  const png = new PNG({ width: image.width, height: image.height });
  png.data = Buffer.from(image.rgba);
  return `data:image/png;base64,${PNG.sync.write(png).toString('base64')}`;
};

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

const NAMES = ['Home', 'Work', 'Travel'];

/** The menu as HTML: disabled lines grey, profile headings bold. */
function menuHtml(items: TrayMenuItem[]): string {
  return items
    .map((item) => {
      if (item.type === 'separator') return '<hr>';
      const cls = ['item', item.enabled ? '' : 'disabled', item.type === 'profile' ? 'heading' : '']
        .filter(Boolean)
        .join(' ');
      return `<div class="${cls}">${escape(item.label)}</div>`;
    })
    .join('');
}

test('tray icon and menu grouped by profile, from the tray menu model', async ({ page }) => {
  const sims: PanelSim[] = [await startPanelSim(), await startPanelSim(), await startPanelSim()];
  const rig = await makeCoreRig();
  try {
    // Work has nearly used up its StarterPack: the gauge shows it, whichever profile is current.
    sims[1]!.admin.setUsage(4, { usedBytes: 147 * GB });
    sims[2]!.admin.setUsage(4, { usedBytes: 20 * GB });
    let home = '';
    for (const [i, sim] of sims.entries()) {
      const signed = await rig.call<ProfilesState>(
        'auth.signIn',
        demoSignIn(sim, { displayName: NAMES[i]! }),
      );
      if (!signed.ok) throw new Error(`sign-in failed: ${signed.error.message}`);
      if (i === 0) home = signed.value.activeId!;
    }
    expect((await rig.call('profiles.switch', { id: home })).ok).toBe(true);

    // Every profile refreshes on its own schedule, a few seconds apart: wait for all three.
    const complete = (data: DataState) =>
      data.profiles.length === 3 &&
      data.profiles.every((p) => p.snapshot?.services.length === 3 && !p.refreshing && !p.stale);
    let data: DataState | null = null;
    await expect
      .poll(
        async () => {
          const got = await rig.call<DataState>('data.get');
          data = got.ok && complete(got.value) ? got.value : null;
          return data !== null;
        },
        { timeout: 30_000 },
      )
      .toBe(true);
    const profiles = data!.profiles.map((p) => ({ ...p, forecasts: {} }));
    const settings = readSettings(rig.platform.settingsStore);
    const thresholds = { trafficPercent: settings.trafficThresholds, daysLeft: settings.expiryThresholds };
    const items = trayMenuModel(ENGLISH, profiles, thresholds, Date.now());
    const tray = rig.trays.at(-1)!;

    // A heading per profile, each followed by its three services.
    const labels = items.map((item) => (item.type === 'separator' ? '' : item.label));
    for (const name of NAMES) {
      const at = labels.indexOf(name);
      expect(at, `heading for ${name}`).toBeGreaterThanOrEqual(0);
      expect(items.slice(at + 1, at + 4).every((item) => item.type === 'service')).toBe(true);
    }
    expect(items.filter((i) => i.type === 'service')).toHaveLength(9);
    // Copy and Export name the profile.
    expect(labels.filter((l) => l.includes('Work — StarterPack'))).toHaveLength(1);
    expect(labels.filter((l) => l.startsWith('Export') && NAMES.some((n) => l.endsWith(n)))).toHaveLength(3);
    // The gauge is the most urgent service of any profile: Work's (3 GB of 150 GB left).
    expect(tray.level).toBe('critical');
    // The tooltip (clipped to what tray hosts show) starts with the first profile's lines.
    expect(tray.tooltip).toContain('Home:');

    const icons = (['ok', 'warning', 'critical', 'expired'] as Level[])
      .map(
        (level, i) =>
          `<figure><img src="${pngDataUrl([0.8, 0.35, 0.1, 0][i]!, level, 32)}" width="32" height="32"><figcaption>${level}</figcaption></figure>`,
      )
      .join('');
    await page.setContent(`<!doctype html><html><head><style>
      body { font: 14px system-ui, 'Noto Sans', sans-serif; margin: 0; background: #2b2f36; color: #eee; width: 760px; }
      .bar { display: flex; justify-content: flex-end; gap: 10px; align-items: center; padding: 6px 12px; background: #16181c; }
      .bar img { width: 22px; height: 22px; }
      .menu { margin: 4px 12px 16px 12px; width: 470px; background: #fff; color: #1c1e21; border-radius: 8px; padding: 6px 0; box-shadow: 0 8px 24px #0008; }
      .item { padding: 5px 16px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; position: relative; }
      .item.disabled { color: #6b7280; }
      .item.heading { color: #1c1e21; font-weight: 600; }
      hr { border: 0; border-top: 1px solid #e5e7eb; margin: 6px 0; }
      .tip { margin: 0 12px 8px 12px; width: 720px; white-space: pre-line; font-size: 12px; color: #cbd5e1; }
      .icons { display: flex; gap: 18px; padding: 10px 16px; }
      figure { margin: 0; text-align: center; font-size: 11px; color: #cbd5e1; }
    </style></head><body>
      <div class="bar"><span>tray</span><img src="${pngDataUrl(tray.fraction ?? 1, tray.level, 44)}" alt=""></div>
      <div class="menu">${menuHtml(items)}</div>
      <div class="tip">Tooltip: ${escape(tray.tooltip)}</div>
      <div class="icons">${icons}</div>
    </body></html>`);
    await page.setViewportSize({ width: 760, height: 700 });
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'tray-menu.png'), fullPage: true });
  } finally {
    await rig.dispose();
    await Promise.all(sims.map((sim) => sim.close()));
  }
});
