// The tray at the mocked Electron boundary: the icon's bitmaps (sizes, scale factors, BGRA pixels,
// template on macOS), the menu as the model (monitor/tray-menu.ts) mapped entry for entry, clicks
// reaching the core, and redraws only on change.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  electronMock,
  FakeTray,
  type FakeMenu,
  type FakeMenuItem,
  type FakeNativeImage,
} from './electron-mock';
import type { TrayState } from '../../../src/main/platform';
import { LEVEL_COLOURS } from '../../../src/main/monitor/gauge';
import { trayLabels } from '../../../src/main/monitor/summary';
import { trayMenu, type TrayAction, type TrayMenuEntry } from '../../../src/main/monitor/tray-menu';
import { ENGLISH, mainText } from '../../../src/main/i18n';

vi.mock('electron', () => electronMock);
const { createTray, trayImage, signedOutTray } = await import('../../../src/main/electron/tray');
const SIGNED_OUT_TRAY = signedOutTray(ENGLISH, 'XMPlus Tray');

const actions = {
  refresh: vi.fn(async () => undefined),
  copySublink: vi.fn(async (_id: number | null) => true),
  exportAll: vi.fn(async (_id: number | null) => undefined),
  importInto: vi.fn(async (_id: number) => true),
};
const openWindow = vi.fn();
const quit = vi.fn();

const state = (patch: Partial<TrayState> = {}): TrayState => ({
  signedIn: true,
  refreshing: false,
  level: 'warning',
  fraction: 0.5,
  tooltip: 'Starter: 50 GB left',
  profiles: [{ id: 'p1', name: 'Home', signedIn: true, hasData: true, note: null }],
  services: [
    { profileId: 'p1', id: 1, label: 'Starter — 50 GB of 100 GB · 12 days left', hasSublink: true },
    { profileId: 'p1', id: 2, label: 'Family — 900 GB of 1 TB · 40 days left', hasSublink: true },
  ],
  labels: trayLabels(ENGLISH, 'XMPlus Tray'),
  ...patch,
});

const make = (platform: NodeJS.Platform, initial: TrayState = state()) =>
  createTray({ platform, initial, actions, openWindow, quit });

const lastTray = () => FakeTray.created.at(-1)!;
const items = (menu: FakeMenu | null) => menu!.items;
const byLabel = (list: FakeMenuItem[], label: string) => {
  const found = list.find((i) => i.label === label);
  if (!found) throw new Error(`no menu item ${label}: ${list.map((i) => i.label).join(', ')}`);
  return found;
};

/** BGRA pixel at (x, y) of a representation. */
function bgra(image: FakeNativeImage, scale: number, x: number, y: number) {
  const rep = image.representations.find((r) => r.scaleFactor === scale)!;
  const i = (y * rep.width + x) * 4;
  return [...rep.buffer.subarray(i, i + 4)];
}

beforeEach(() => {
  FakeTray.created.length = 0;
  vi.clearAllMocks();
});

describe('tray icon', () => {
  it('Windows: 16 px at 1x and 32 px at 2x, level colour in BGRA, not a template', () => {
    const image = trayImage({ level: 'critical', fraction: 0.5 }, 'win32') as unknown as FakeNativeImage;
    expect(image.representations.map((r) => [r.scaleFactor, r.width, r.height])).toEqual([
      [1, 16, 16],
      [2, 32, 32],
    ]);
    expect(image.template).toBe(false);
    const [r, g, b] = LEVEL_COLOURS.critical;
    // 3 o'clock on the ring of the 32 px image: inside the remaining half, fully opaque.
    expect(bgra(image, 2, 28, 16)).toEqual([b, g, r, 255]);
    // 9 o'clock: the used half is the faint track, premultiplied.
    const track = bgra(image, 2, 4, 16);
    expect(track[3]).toBe(Math.round(0.3 * 255));
    expect(track[2]).toBe(Math.round((r * track[3]!) / 255));
    // centre transparent
    expect(bgra(image, 2, 16, 16)).toEqual([0, 0, 0, 0]);
  });

  it('Linux: 22 px and 44 px', () => {
    const image = trayImage({ level: 'ok', fraction: 1 }, 'linux') as unknown as FakeNativeImage;
    expect(image.representations.map((r) => [r.scaleFactor, r.width])).toEqual([
      [1, 22],
      [2, 44],
    ]);
  });

  it('macOS: a template image, black with alpha only', () => {
    const image = trayImage({ level: 'critical', fraction: 0.5 }, 'darwin') as unknown as FakeNativeImage;
    expect(image.template).toBe(true);
    expect(image.representations.map((r) => r.width)).toEqual([16, 32]);
    for (const rep of image.representations) {
      let opaque = 0;
      for (let i = 0; i < rep.buffer.length; i += 4) {
        expect([rep.buffer[i], rep.buffer[i + 1], rep.buffer[i + 2]]).toEqual([0, 0, 0]);
        if (rep.buffer[i + 3]! > 0) opaque += 1;
      }
      expect(opaque).toBeGreaterThan(rep.width); // something is drawn
    }
  });

  it('an unknown fraction draws the empty ring (track only)', () => {
    const image = trayImage({ level: 'ok', fraction: null }, 'win32') as unknown as FakeNativeImage;
    const rep = image.representations[1]!;
    let maxAlpha = 0;
    for (let i = 3; i < rep.buffer.length; i += 4) maxAlpha = Math.max(maxAlpha, rep.buffer[i]!);
    expect(maxAlpha).toBe(Math.round(0.3 * 255));
  });
});

/** What Electron is given, without the clicks: to compare with the model entry for entry. */
function shape(list: FakeMenuItem[]): unknown[] {
  return list.map((i) =>
    i.type === 'separator'
      ? { type: 'separator' }
      : { label: i.label, enabled: i.enabled, ...(i.submenu ? { submenu: shape(i.submenu) } : {}) },
  );
}

/** The model's entries the same way, with the label as Electron must receive it. */
function modelShape(list: TrayMenuEntry[]): unknown[] {
  return list.map((e) =>
    e.type === 'separator'
      ? { type: 'separator' }
      : {
          label: e.label.replaceAll('&', '&&'),
          enabled: e.enabled,
          ...(e.submenu ? { submenu: modelShape(e.submenu) } : {}),
        },
  );
}

/** Every entry with an action, paired with the native item built for it (same place in the tree). */
function withActions(model: TrayMenuEntry[], native: FakeMenuItem[]): [TrayMenuEntry, FakeMenuItem][] {
  return model.flatMap((entry, i) => {
    if (entry.type === 'separator') return [];
    const item = native[i]!;
    const own: [TrayMenuEntry, FakeMenuItem][] = entry.action ? [[entry, item]] : [];
    return [...own, ...(entry.submenu ? withActions(entry.submenu, item.submenu!) : [])];
  });
}

const twoProfiles = state({
  profiles: [
    { id: 'w', name: 'Work & Co', signedIn: true, hasData: true, note: null },
    { id: 'h', name: 'Home', signedIn: false, hasData: true, note: 'Signed out' },
  ],
  services: [
    { profileId: 'w', id: 1, label: 'Pro #1', hasSublink: true },
    { profileId: 'h', id: 1, label: 'Lite #1', hasSublink: false },
  ],
  imports: [{ profileId: 'h', serviceId: 1, label: 'Import into sing-box' }],
});

describe('tray menu', () => {
  it('is the model, mapped entry for entry: labels, enabled, submenus, separators', () => {
    const states = [
      state(),
      twoProfiles,
      SIGNED_OUT_TRAY,
      state({ refreshing: true, services: [] }),
      state({
        profiles: [{ id: 'p1', name: 'Home', signedIn: true, hasData: false, note: null }],
        services: [],
      }),
    ];
    for (const s of states) {
      make('linux', s);
      expect(shape(items(lastTray().menu))).toEqual(modelShape(trayMenu(s)));
    }
  });

  it('every click reaches the action its entry names, for a service of any profile', () => {
    make('linux', twoProfiles);
    const pairs = withActions(trayMenu(twoProfiles), items(lastTray().menu));
    const expected = (action: TrayAction) => {
      switch (action.kind) {
        case 'refresh':
          return expect(actions.refresh).toHaveBeenCalledTimes(1);
        case 'copy-sublink':
          return expect(actions.copySublink).toHaveBeenCalledWith(action.serviceId, action.profileId);
        case 'export':
          return expect(actions.exportAll).toHaveBeenCalledWith(action.serviceId, action.profileId);
        case 'import':
          return expect(actions.importInto).toHaveBeenCalledWith(action.serviceId, null, action.profileId);
        case 'open':
          return expect(openWindow).toHaveBeenCalledTimes(1);
        case 'quit':
          return expect(quit).toHaveBeenCalledTimes(1);
      }
    };
    const kinds = pairs.map(([entry]) => (entry.type === 'item' ? `${entry.action?.kind}` : ''));
    expect(new Set(kinds)).toEqual(new Set(['refresh', 'copy-sublink', 'export', 'import', 'open', 'quit']));
    for (const [entry, item] of pairs) {
      vi.clearAllMocks();
      if (entry.type !== 'item' || !entry.action) throw new Error('no action');
      item.click!();
      expected(entry.action);
    }
  });

  it("several profiles: a submenu per profile under its name, each service's commands inside", () => {
    make('linux', twoProfiles);
    const list = items(lastTray().menu);
    // "&" would be a mnemonic marker: the name keeps it as a literal "&&".
    expect(list.slice(0, 2).map((i) => i.label)).toEqual(['Work && Co', 'Home — Signed out']);
    const home = list[1]!.submenu!;
    expect(home.map((i) => [i.label, i.enabled])).toEqual([
      ['Signed out', false],
      ['Lite #1', true],
    ]);
    const lite = home[1]!.submenu!;
    expect(lite.map((i) => [i.label, i.enabled])).toEqual([
      ['Copy subscription link', false],
      ['Export…', true],
      ['Import into sing-box', true],
    ]);
    lite[1]!.click!();
    expect(actions.exportAll).toHaveBeenCalledWith(1, 'h');
    const pro = list[0]!.submenu![0]!.submenu!;
    pro[0]!.click!();
    expect(actions.copySublink).toHaveBeenCalledWith(1, 'w');
  });

  it('a profile with no data yet reads apart from one without services, disabled, in its language', () => {
    const profiles: TrayState['profiles'] = [
      { id: 'n', name: 'New', signedIn: true, hasData: false, note: null },
      {
        id: 'f',
        name: 'Failing',
        signedIn: true,
        hasData: false,
        note: 'Not updated: The panel did not answer.',
      },
      { id: 'e', name: 'Empty', signedIn: true, hasData: true, note: null },
    ];
    make('linux', state({ profiles, services: [] }));
    const list = items(lastTray().menu);
    expect(list.slice(0, 3).map((i) => [i.label, i.submenu!.map((s) => [s.label, s.enabled])])).toEqual([
      ['New — No data yet', [['No data yet', false]]],
      [
        'Failing — Not updated: The panel did not answer.',
        [['Not updated: The panel did not answer.', false]],
      ],
      ['Empty', [['No services', false]]],
    ]);
    const ru = trayLabels(mainText('ru', 'en-US'), 'XMPlus Tray');
    make('linux', state({ labels: ru, profiles: [profiles[0]!], services: [] }));
    expect(items(lastTray().menu)[0]).toMatchObject({ label: 'Данных пока нет', enabled: false });
    make('linux', state({ labels: ru, profiles: [profiles[2]!], services: [] }));
    expect(items(lastTray().menu)[0]).toMatchObject({ label: 'Нет услуг', enabled: false });
  });

  it('signed out: says so, refresh is disabled, Open and Quit work', () => {
    make('linux', SIGNED_OUT_TRAY);
    const list = items(lastTray().menu);
    expect(list[0]).toMatchObject({ label: 'Not signed in', enabled: false });
    expect(byLabel(list, 'Refresh now').enabled).toBe(false);
    expect(byLabel(list, 'Open XMPlus Tray').enabled).toBe(true);
    expect(byLabel(list, 'Quit').enabled).toBe(true);
  });

  it('a new import item redraws the menu', () => {
    const controller = make('linux');
    const before = lastTray().menu;
    controller.update(state({ imports: [{ profileId: 'p1', serviceId: 1, label: 'Import into sing-box' }] }));
    expect(lastTray().menu).not.toBe(before);
    const starter = items(lastTray().menu)[0]!.submenu!;
    expect(starter.map((i) => i.label)).toContain('Import into sing-box');
  });
});

describe('tray clicks', () => {
  it('opens the window on click and double-click on Windows and Linux', () => {
    for (const platform of ['win32', 'linux'] as const) {
      openWindow.mockClear();
      make(platform);
      lastTray().emit('click');
      lastTray().emit('double-click');
      expect(openWindow).toHaveBeenCalledTimes(2);
    }
  });

  it('leaves click to the menu on macOS', () => {
    make('darwin');
    lastTray().emit('click');
    expect(openWindow).not.toHaveBeenCalled();
  });
});

describe('tray updates', () => {
  it('redraws only what changed', () => {
    const controller = make('linux');
    const tray = lastTray();
    const menusAtStart = tray.menuSets;

    controller.update(state());
    expect(tray.imageSets).toBe(0);
    expect(tray.menuSets).toBe(menusAtStart);

    controller.update(state({ tooltip: 'new tooltip' }));
    expect(tray.tooltip).toBe('new tooltip');
    expect(tray.imageSets).toBe(0);
    expect(tray.menuSets).toBe(menusAtStart);

    controller.update(state({ tooltip: 'new tooltip', level: 'critical' }));
    expect(tray.imageSets).toBe(1);
    expect(tray.menuSets).toBe(menusAtStart);

    // A change smaller than one arc step draws the same icon: no rebuild.
    controller.update(state({ tooltip: 'new tooltip', level: 'critical', fraction: 0.5001 }));
    expect(tray.imageSets).toBe(1);

    controller.update(
      state({ tooltip: 'new tooltip', level: 'critical', fraction: 0.5001, refreshing: true }),
    );
    expect(tray.menuSets).toBe(menusAtStart + 1);
    expect(tray.imageSets).toBe(1);

    controller.update(
      state({ tooltip: 'new tooltip', level: 'critical', fraction: 0.5001, refreshing: true, services: [] }),
    );
    expect(tray.menuSets).toBe(menusAtStart + 2);
    expect(items(tray.menu)[0]).toMatchObject({ label: 'No services', enabled: false });
  });

  it('a change of language redraws the menu in the new words', () => {
    const controller = make('linux');
    const tray = lastTray();
    const menusAtStart = tray.menuSets;
    const fa = mainText('fa', 'en-US');
    controller.update(state({ labels: trayLabels(fa, 'XMPlus Tray') }));
    expect(tray.menuSets).toBe(menusAtStart + 1);
    const labels = items(tray.menu).flatMap((i) => (i.type === 'separator' ? [] : [i.label]));
    expect(labels.slice(2)).toEqual(['به‌روزرسانی اکنون', 'باز کردن XMPlus Tray', 'خروج']);
    expect(items(tray.menu)[0]!.submenu!.map((i) => i.label)).toEqual(['کپی پیوند اشتراک', 'خروجی…']);
    controller.update(state({ labels: trayLabels(fa, 'XMPlus Tray'), services: [] }));
    expect(items(tray.menu)[0]).toMatchObject({ label: 'سرویسی ندارید', enabled: false });
    make('linux', signedOutTray(mainText('ru', ''), 'XMPlus Tray'));
    expect(lastTray().tooltip).toBe('Вход не выполнен');
    expect(items(lastTray().menu)[0]).toMatchObject({ label: 'Вход не выполнен', enabled: false });
  });

  it('does nothing after destroy', () => {
    const controller = make('linux');
    controller.destroy();
    expect(lastTray().destroyed).toBe(true);
    controller.update(state({ level: 'expired', tooltip: 'x' }));
    expect(lastTray().imageSets).toBe(0);
    expect(lastTray().tooltip).not.toBe('x');
  });
});
