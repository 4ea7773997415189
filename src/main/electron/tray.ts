// The tray icon and its menu, drawn from the core's TrayState: the icon is the gauge of the most
// urgent plan (monitor/gauge.ts, pure RGBA) turned into a multi-resolution nativeImage; the menu is
// always set, because on Linux (StatusNotifierItem) a tray without a menu does nothing on click.
import { Menu, Tray, nativeImage, type MenuItemConstructorOptions, type NativeImage } from 'electron';
import type { CoreActions } from '../core';
import type { TrayState } from '../platform';
import { drawGauge, toBGRA } from '../monitor/gauge';
import { trayLabels } from '../monitor/summary';
import type { MainText } from '../i18n';

/** The pixel size at 1x per platform: macOS menu bar and Windows notification area use 16 px,
 * GNOME/KDE status icons 22 px. Each image also carries a 2x representation for HiDPI. */
export function traySizes(platform: NodeJS.Platform): { size: number; scaleFactor: number }[] {
  const base = platform === 'linux' ? 22 : 16;
  return [
    { size: base, scaleFactor: 1 },
    { size: base * 2, scaleFactor: 2 },
  ];
}

/** Arc steps: 64 per turn is finer than a 32 px ring can show, and keeps rebuilds rare. */
const FRACTION_STEPS = 64;

const quantize = (fraction: number | null): number =>
  fraction === null || !Number.isFinite(fraction)
    ? 0
    : Math.round(Math.min(1, Math.max(0, fraction)) * FRACTION_STEPS) / FRACTION_STEPS;

/** The gauge as a nativeImage: straight RGBA from the drawer, BGRA premultiplied for Electron. */
export function trayImage(
  state: Pick<TrayState, 'level' | 'fraction'>,
  platform: NodeJS.Platform,
): NativeImage {
  // macOS draws menu bar icons as templates (black + alpha, tinted by the system for light and
  // dark bars); the level then shows only as the arc length, the tooltip and the menu say the rest.
  const template = platform === 'darwin';
  const fraction = quantize(state.fraction);
  let image: NativeImage | null = null;
  for (const { size, scaleFactor } of traySizes(platform)) {
    const gauge = drawGauge({ fraction, level: state.level, size, template });
    const bgra = toBGRA(gauge.rgba);
    const buffer = Buffer.from(bgra.buffer, bgra.byteOffset, bgra.byteLength);
    const dims = { width: gauge.width, height: gauge.height, scaleFactor };
    if (image === null) image = nativeImage.createFromBitmap(buffer, dims);
    else image.addRepresentation({ ...dims, buffer });
  }
  if (image === null) throw new Error('no tray sizes');
  if (template) image.setTemplateImage(true);
  return image;
}

export interface TrayMenuDeps {
  actions: Pick<CoreActions, 'refresh' | 'copySublink' | 'exportAll' | 'importInto'>;
  openWindow(): void;
  quit(): void;
}

/**
 * The context menu for a state. Service lines are disabled labels: information, not commands. With
 * several profiles, each profile's lines sit under its name (and why they are old, when they are).
 * The words come with the state (state.labels), already in the user's language.
 */
export function trayMenuTemplate(state: TrayState, deps: TrayMenuDeps): MenuItemConstructorOptions[] {
  const { actions } = deps;
  const { labels } = state;
  const several = state.profiles.length > 1;
  const nameOf = (profileId: string) => state.profiles.find((p) => p.id === profileId)?.name ?? '';
  const items: MenuItemConstructorOptions[] = [];
  if (!state.signedIn) items.push({ label: labels.notSignedIn, enabled: false });
  else if (state.services.length === 0) items.push({ label: labels.noServices, enabled: false });
  for (const profile of state.profiles) {
    const lines = state.services.filter((s) => s.profileId === profile.id);
    if (several) {
      const heading = profile.note ? `${profile.name} — ${profile.note}` : profile.name;
      items.push({ label: heading, enabled: false });
    }
    for (const service of lines) items.push({ label: service.label, enabled: false });
  }
  items.push({ type: 'separator' });

  items.push({
    label: state.refreshing ? labels.refreshing : labels.refresh,
    enabled: state.signedIn && !state.refreshing,
    click: () => void actions.refresh(),
  });

  const linked = state.services.filter((s) => s.hasSublink);
  const lineOf = (s: TrayState['services'][number]) =>
    several ? `${nameOf(s.profileId)} — ${s.label}` : s.label;
  if (linked.length > 1) {
    items.push({
      label: labels.copySublink,
      submenu: linked.map((s) => ({
        label: lineOf(s),
        click: () => void actions.copySublink(s.id, s.profileId),
      })),
    });
  } else {
    const only = linked[0];
    items.push({
      label: labels.copySublink,
      enabled: only !== undefined,
      click: () => void actions.copySublink(only ? only.id : null, only?.profileId),
    });
  }
  for (const entry of state.imports ?? []) {
    items.push({
      label: entry.label,
      click: () => void actions.importInto(entry.serviceId, null, entry.profileId),
    });
  }
  const exportable = state.profiles.filter((p) => state.services.some((s) => s.profileId === p.id));
  if (exportable.length > 1) {
    items.push({
      label: labels.export,
      submenu: exportable.map((p) => ({ label: p.name, click: () => void actions.exportAll(null, p.id) })),
    });
  } else {
    const only = exportable[0];
    items.push({
      label: labels.export,
      enabled: state.signedIn && only !== undefined,
      click: () => void actions.exportAll(null, only?.id),
    });
  }
  items.push({ type: 'separator' });
  items.push({ label: labels.open, click: deps.openWindow });
  items.push({ label: labels.quit, click: deps.quit });
  return items;
}

export interface TrayController {
  update(state: TrayState): void;
  destroy(): void;
}

export interface TrayDeps extends TrayMenuDeps {
  platform: NodeJS.Platform;
  initial: TrayState;
}

/** What the tray shows before the core's first state. */
export function signedOutTray(text: MainText, appName: string): TrayState {
  return {
    signedIn: false,
    refreshing: false,
    level: 'ok',
    fraction: null,
    tooltip: text.t('tray.notSignedIn'),
    profiles: [],
    services: [],
    labels: trayLabels(text, appName),
  };
}

/** Creates the tray now and redraws only what changed on each update (icon, tooltip, menu). */
export function createTray(deps: TrayDeps): TrayController {
  const imageKey = (s: TrayState) => `${s.level}:${quantize(s.fraction)}`;
  const menuKey = (s: TrayState) =>
    JSON.stringify([s.signedIn, s.refreshing, s.profiles, s.services, s.labels, s.imports ?? []]);

  let current = deps.initial;
  const tray = new Tray(trayImage(current, deps.platform));
  tray.setToolTip(current.tooltip);
  tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(current, deps)));

  // macOS opens the menu on click by itself; Windows and Linux expect a click to open the window.
  if (deps.platform !== 'darwin') {
    tray.on('click', () => deps.openWindow());
    tray.on('double-click', () => deps.openWindow());
  }

  return {
    update(next) {
      if (tray.isDestroyed()) return;
      if (imageKey(next) !== imageKey(current)) tray.setImage(trayImage(next, deps.platform));
      if (next.tooltip !== current.tooltip) tray.setToolTip(next.tooltip);
      if (menuKey(next) !== menuKey(current)) {
        tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(next, deps)));
      }
      current = next;
    },
    destroy() {
      if (!tray.isDestroyed()) tray.destroy();
    },
  };
}
