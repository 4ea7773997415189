// A picture of the tray for the README: the gauge icons drawn by the shell's pure drawer at each
// level, the tray's tooltip, and the tray menu after real refreshes of three profiles on three
// simulators. The menu is the model the native menu is built from (monitor/tray-menu.ts, mapped 1:1
// by electron/tray.ts) over the core's own last TrayState: a submenu per profile under its name, a
// line per service opening its copy / export entries. (A native tray menu cannot be captured
// headless; this draws the model as a desktop shows it, with one path of submenus open.)
import { PNG } from 'pngjs';
import { test, expect } from '@playwright/test';
import { startPanelSim, type PanelSim } from '../../../tools/panel-sim/index';
import { demoSignIn, makeCoreRig } from '../../support/core-rig';
import {
  WINDOWS_TOOLTIP_MAX,
  drawGauge,
  trayMenu,
  type Level,
  type TrayMenuEntry,
} from '../../../src/main/monitor';
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

/** One menu panel as HTML: disabled lines grey, a submenu with its arrow, the open one highlighted. */
function menuHtml(entries: readonly TrayMenuEntry[], open: number | null): string {
  const rows = entries
    .map((entry, i) => {
      if (entry.type === 'separator') return '<hr>';
      const cls = ['item', entry.enabled ? '' : 'disabled', entry.role, i === open ? 'open' : '']
        .filter(Boolean)
        .join(' ');
      const arrow = entry.submenu ? '<span class="arrow">▸</span>' : '';
      return `<div class="${cls}">${escape(entry.label)}${arrow}</div>`;
    })
    .join('');
  return `<div class="menu">${rows}</div>`;
}

/** The menu with the submenus along `path` (indexes at each level) opened beside it. */
function cascadeHtml(entries: readonly TrayMenuEntry[], path: readonly number[]): string {
  const panels: string[] = [];
  let level: readonly TrayMenuEntry[] = entries;
  for (const index of [...path, null]) {
    panels.push(menuHtml(level, index));
    const next = index === null ? undefined : level[index];
    if (!next || next.type !== 'item' || !next.submenu) break;
    level = next.submenu;
  }
  return `<div class="cascade">${panels.join('')}</div>`;
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
    // The tray's last state is what the shell drew: its menu is the model over it.
    const tray = rig.trays.at(-1)!;
    const items = trayMenu(tray);

    // A submenu per profile under its name, in the profiles' order, each with its three services,
    // and every service's commands acting on that service of that profile.
    const groups = items.flatMap((item) => (item.type === 'item' && item.role === 'profile' ? [item] : []));
    expect(groups.map((g) => g.label)).toEqual(NAMES);
    for (const [i, group] of groups.entries()) {
      const profileId = tray.profiles[i]!.id;
      const services = (group.submenu ?? []).flatMap((e) =>
        e.type === 'item' && e.role === 'service' ? [e] : [],
      );
      expect(services, `services of ${group.label}`).toHaveLength(3);
      for (const service of services) {
        const actions = (service.submenu ?? []).flatMap((e) =>
          e.type === 'item' && e.action ? [e.action] : [],
        );
        expect(actions.map((a) => a.kind)).toEqual(expect.arrayContaining(['copy-sublink', 'export']));
        expect(actions.every((a) => 'profileId' in a && a.profileId === profileId)).toBe(true);
      }
    }
    // The gauge is the most urgent service of any profile: Work's (3 GB of 150 GB left).
    expect(tray.level).toBe('critical');
    // The tooltip names all three profiles within what Windows shows.
    expect(tray.tooltip.length).toBeLessThanOrEqual(WINDOWS_TOOLTIP_MAX);
    for (const name of NAMES) expect(tray.tooltip).toContain(`${name}: `);
    expect(tray.tooltip).toContain('Work: 3 GB left');

    // Work's group and its first service open, as a user pointing at them sees it.
    const work = groups.findIndex((g) => g.label === 'Work');
    const path = [items.indexOf(groups[work]!), 0];

    const icons = (['ok', 'warning', 'critical', 'expired'] as Level[])
      .map(
        (level, i) =>
          `<figure><img src="${pngDataUrl([0.8, 0.35, 0.1, 0][i]!, level, 32)}" width="32" height="32"><figcaption>${level}</figcaption></figure>`,
      )
      .join('');
    await page.setContent(`<!doctype html><html><head><style>
      body { font: 14px system-ui, 'Noto Sans', sans-serif; margin: 0; background: #2b2f36; color: #eee; width: 1180px; }
      .bar { display: flex; justify-content: flex-end; gap: 10px; align-items: center; padding: 6px 12px; background: #16181c; }
      .bar img { width: 22px; height: 22px; }
      .cascade { display: flex; align-items: flex-start; gap: 2px; margin: 4px 12px 16px 12px; }
      .menu { min-width: 200px; max-width: 460px; background: #fff; color: #1c1e21; border-radius: 8px; padding: 6px 0; box-shadow: 0 8px 24px #0008; }
      .arrow { position: absolute; right: 10px; color: #6b7280; }
      .item.open { background: #dbeafe; }
      .item { padding: 5px 28px 5px 16px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; position: relative; }
      .item.disabled { color: #6b7280; }
      .item.profile { font-weight: 600; }
      hr { border: 0; border-top: 1px solid #e5e7eb; margin: 6px 0; }
      .tip { margin: 0 12px 8px 12px; width: 720px; white-space: pre-line; font-size: 12px; color: #cbd5e1; }
      .icons { display: flex; gap: 18px; padding: 10px 16px; }
      figure { margin: 0; text-align: center; font-size: 11px; color: #cbd5e1; }
    </style></head><body>
      <div class="bar"><span>tray</span><img src="${pngDataUrl(tray.fraction ?? 1, tray.level, 44)}" alt=""></div>
      ${cascadeHtml(items, path)}
      <div class="tip">Tooltip: ${escape(tray.tooltip)}</div>
      <div class="icons">${icons}</div>
    </body></html>`);
    await page.setViewportSize({ width: 1180, height: 420 });
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'tray-menu.png'), fullPage: true });
  } finally {
    await rig.dispose();
    await Promise.all(sims.map((sim) => sim.close()));
  }
});
