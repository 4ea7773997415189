// The fake tray host (tests/support/dbus/tray.ts) against a StatusNotifierItem served the way
// Electron's Linux tray serves one (tests/support/dbus/sample-item.ts), on a private dbus-daemon:
// the registration, the item's properties and its dbusmenu are read back, and a new icon, a new
// menu and a relabelled entry are seen through their signals.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  call,
  privateBusUnavailable,
  startPrivateBus,
  type MessageBus,
  type PrivateBus,
} from '../../support/dbus/bus';
import { solidPixmap, startSampleItem, type SampleItem } from '../../support/dbus/sample-item';
import {
  MENU_INTERFACE,
  WATCHER,
  dominantColour,
  findMenuNode,
  iconFingerprint,
  iconImage,
  menuLabels,
  nextSignal,
  readItemProperties,
  startStatusNotifierWatcher,
  type StatusNotifierWatcherFake,
  type TrayItem,
} from '../../support/dbus/tray';

const skipReason = privateBusUnavailable();
const GREEN = [46, 174, 82] as const;
const AMBER = [240, 165, 0] as const;

const MENU = [
  { label: 'Work', enabled: false },
  { label: 'Pro plan: 3 GB of 15 GB', enabled: false },
  { separator: true },
  { label: 'Copy subscription link', children: [{ label: 'Pro plan' }, { label: 'Lite plan' }] },
  { label: 'Quit' },
];

describe.skipIf(skipReason !== null)(`fake tray host${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let bus: PrivateBus;
  let host: MessageBus;
  let watcher: StatusNotifierWatcherFake;
  let sample: SampleItem;
  let item: TrayItem;

  beforeEach(async () => {
    bus = await startPrivateBus();
    host = await bus.connect();
    watcher = await startStatusNotifierWatcher(host);
    sample = await startSampleItem(await bus.connect(), {
      id: 'chrome_status_icon_1',
      title: 'XMPlus Tray',
      toolTip: 'Pro plan: 80% left',
      pixmap: solidPixmap(22, GREEN),
      menu: MENU,
    });
    item = await watcher.waitForItem();
  });
  afterEach(async () => {
    await item.signals.stop();
    await sample.stop();
    await watcher.stop();
    await bus.stop();
  });

  it('answers what Electron asks before it registers: a host is there', async () => {
    const target = {
      destination: WATCHER.name,
      path: WATCHER.path,
      interface: 'org.freedesktop.DBus.Properties',
    };
    expect(
      await call(host, {
        ...target,
        member: 'Get',
        signature: 'ss',
        body: [WATCHER.interface, 'IsStatusNotifierHostRegistered'],
      }),
    ).toBe(true);
    expect(
      await call(host, {
        ...target,
        member: 'Get',
        signature: 'ss',
        body: [WATCHER.interface, 'RegisteredStatusNotifierItems'],
      }),
    ).toEqual([sample.service]);
  });

  it('records the registration by bus name, at /StatusNotifierItem, owned by the registering connection', () => {
    expect(item.registration.argument).toMatch(/^org\.freedesktop\.StatusNotifierItem-\d+-1$/);
    expect(item.registration.service).toBe(sample.service);
    expect(item.registration.path).toBe('/StatusNotifierItem');
    expect(item.registration.owner).toMatch(/^:\d+\.\d+$/);
  });

  it("reads the item's properties: id, title, status, icon pixels, tooltip, menu path", async () => {
    const props = await item.properties();
    expect(props).toMatchObject({
      id: 'chrome_status_icon_1',
      title: 'XMPlus Tray',
      status: 'Active',
      category: 'ApplicationStatus',
      menu: sample.menuPath,
      itemIsMenu: false,
      toolTip: { title: 'Pro plan: 80% left', description: '' },
    });
    expect(props.iconPixmaps).toHaveLength(1);
    expect(props.iconPixmaps[0]).toMatchObject({ width: 22, height: 22 });
    expect(dominantColour(props.iconPixmaps[0]!)).toEqual([...GREEN]);
  });

  it('reads the whole menu: labels, enabled, separators, submenus', async () => {
    const { revision, root } = await item.menu();
    expect(revision).toBe(1);
    expect(menuLabels(root)).toEqual([
      'Work',
      'Pro plan: 3 GB of 15 GB',
      '---',
      'Copy subscription link',
      'Quit',
    ]);
    expect(root.children.map((c) => c.enabled)).toEqual([false, false, true, true, true]);
    const copy = root.children[3]!;
    expect(copy.childrenDisplay).toBe('submenu');
    expect(menuLabels(copy)).toEqual(['Pro plan', 'Lite plan']);
  });

  it('sees a new icon through NewIcon, and reads the new pixels', async () => {
    const before = iconFingerprint(await item.properties());
    const from = item.signals.seen.length;
    sample.setIcon(solidPixmap(22, AMBER));
    await nextSignal(item, 'NewIcon', from);
    const after = await item.properties();
    expect(iconFingerprint(after)).not.toBe(before);
    expect(dominantColour(iconImage(after)!)).toEqual([...AMBER]);
  });

  it('sees a new menu through LayoutUpdated, and a relabelled entry through ItemsPropertiesUpdated', async () => {
    let from = item.signals.seen.length;
    sample.setMenu([
      { label: 'Home', enabled: false },
      { label: 'Lite plan: expired', enabled: false },
      { label: 'Quit' },
    ]);
    const layout = await nextSignal(item, 'LayoutUpdated', from);
    expect(layout.body).toEqual([2, 0]);
    const { revision, root } = await item.menu();
    expect(revision).toBe(2);
    expect(menuLabels(root)).toEqual(['Home', 'Lite plan: expired', 'Quit']);

    from = item.signals.seen.length;
    sample.relabel(1, 'Home (signed out)');
    const updated = await nextSignal(item, 'ItemsPropertiesUpdated', from);
    expect(updated.body[0]).toEqual([[1, { label: 'Home (signed out)' }]]);
    expect(menuLabels((await item.menu()).root)[0]).toBe('Home (signed out)');
  });

  it('calls the menu at the registered name, as Chromium requires; the unique name is refused', async () => {
    const { menu } = await item.properties();
    const layout = (destination: string) =>
      call(host, {
        destination,
        path: menu,
        interface: MENU_INTERFACE,
        member: 'GetLayout',
        signature: 'iias',
        body: [0, -1, []],
      });
    await expect(layout(item.registration.service)).resolves.toBeDefined();
    await expect(layout(item.registration.owner)).rejects.toThrow(
      /call org\.freedesktop\.StatusNotifierItem-/,
    );
  });

  it('clicks an entry the way a panel does: a dbusmenu Event reaches the item', async () => {
    const { root } = await item.menu();
    const quit = findMenuNode(root, (label) => label === 'Quit');
    expect(quit).not.toBeNull();
    await item.click(quit!.id);
    expect(sample.events).toEqual([{ id: quit!.id, eventId: 'clicked' }]);
  });

  it('a second host on the same bus is refused: the name has one owner', async () => {
    await expect(startStatusNotifierWatcher(await bus.connect())).rejects.toThrow(/owned by another process/);
  });
});

describe('icon pixels from a file (Chromium on GNOME and Pantheon sends IconName + IconThemePath)', () => {
  it('reads the PNG the item names, in the same ARGB order as a pixmap', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xmplus-icon-'));
    const png = new PNG({ width: 4, height: 4 });
    for (let i = 0; i < png.data.length; i += 4) png.data.set([...AMBER, 255], i);
    writeFileSync(join(dir, 'status_icon_3.png'), PNG.sync.write(png));
    const props = { ...readItemProperties({}), iconName: 'status_icon_3', iconThemePath: dir };
    const image = iconImage(props);
    expect(image).toMatchObject({ width: 4, height: 4 });
    expect(dominantColour(image!)).toEqual([...AMBER]);
    expect(iconImage({ ...props, iconName: 'missing' })).toBeNull();
  });
});
