// The tray icon and its menu, drawn from the core's TrayState: the icon is the gauge of the most
// urgent plan (monitor/gauge.ts, pure RGBA) turned into a multi-resolution nativeImage; the menu is
// always set, because on Linux (StatusNotifierItem) a tray without a menu does nothing on click.
import { Menu, Tray, nativeImage, type MenuItemConstructorOptions, type NativeImage } from 'electron';
import type { CoreActions } from '../core';
import type { TrayState } from '../platform';
import { drawGauge, toBGRA } from '../monitor/gauge';
import { trayLabels } from '../monitor/summary';
import { runTrayAction, trayMenu, type TrayMenuEntry } from '../monitor/tray-menu';
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

/** Electron reads "&" as a mnemonic marker on Windows and Linux: a profile named "A&B" keeps its "&". */
const literal = (label: string) => label.replaceAll('&', '&&');

/**
 * The menu model (monitor/tray-menu.ts) as Electron's template, entry for entry: label, enabled,
 * submenu, and a click that hands the entry's action to runTrayAction. Nothing is added or dropped.
 */
export function toMenuTemplate(
  entries: readonly TrayMenuEntry[],
  deps: TrayMenuDeps,
): MenuItemConstructorOptions[] {
  const handlers = { ...deps.actions, openWindow: deps.openWindow, quit: deps.quit };
  const map = (list: readonly TrayMenuEntry[]): MenuItemConstructorOptions[] =>
    list.map((entry) => {
      if (entry.type === 'separator') return { type: 'separator' };
      const { action, submenu } = entry;
      return {
        label: literal(entry.label),
        enabled: entry.enabled,
        ...(submenu ? { submenu: map(submenu) } : {}),
        ...(action ? { click: () => runTrayAction(action, handlers) } : {}),
      };
    });
  return map(entries);
}

/** The context menu for a state: the model's, mapped. */
export function trayMenuTemplate(state: TrayState, deps: TrayMenuDeps): MenuItemConstructorOptions[] {
  return toMenuTemplate(trayMenu(state), deps);
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
  // The model is the menu: redraw exactly when it changes (a native rebuild closes an open menu).
  const menuKey = (s: TrayState) => JSON.stringify(trayMenu(s));

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
