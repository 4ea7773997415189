// A fake tray host: owns org.kde.StatusNotifierWatcher on a (private) bus, accepts
// RegisterStatusNotifierItem, and reads a registered item back the way a panel does: its
// org.kde.StatusNotifierItem properties and its com.canonical.dbusmenu layout, with the item's and
// the menu's signals recorded.
//
// Matched to what Electron's Linux tray sends (Chromium's StatusIconLinuxDbus, status_icon_linux_dbus.cc):
// - before registering it asks NameHasOwner(org.kde.StatusNotifierWatcher), then the watcher's
//   IsStatusNotifierHostRegistered property, and gives up on the tray unless that is true;
// - it owns "org.freedesktop.StatusNotifierItem-<pid>-<n>" and passes that *bus name* to
//   RegisterStatusNotifierItem; the item lives at /StatusNotifierItem;
// - the item answers Properties.Get/GetAll only (no Introspect), and dispatches on the call's
//   destination, so calls go to the registered name rather than the unique one;
// - the menu path is in the item's Menu property (/com/canonical/dbusmenu/<n> in older Chromium,
//   /org/chromium/DbusMenu/<n> in newer), so it is read from there;
// - the icon is IconPixmap (ARGB32, network byte order) and a NewIcon signal, or, on GNOME and
//   Pantheon, a PNG file named by IconName + IconThemePath.
// Other clients pass an object path instead of a name (the sender then owns the item); both are
// accepted, as the KDE watcher does.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Variant, defineInterface } from 'dbus-native';
import { PNG } from 'pngjs';
import {
  DO_NOT_QUEUE,
  PROPERTIES,
  call,
  recordSignals,
  waitUntil,
  type MessageBus,
  type SeenSignal,
  type SignalLog,
} from './bus';

export const WATCHER = {
  name: 'org.kde.StatusNotifierWatcher',
  path: '/StatusNotifierWatcher',
  interface: 'org.kde.StatusNotifierWatcher',
} as const;
export const ITEM_INTERFACE = 'org.kde.StatusNotifierItem';
export const ITEM_PATH = '/StatusNotifierItem';
export const MENU_INTERFACE = 'com.canonical.dbusmenu';

/** A RegisterStatusNotifierItem call: what was passed, and where the item therefore is. */
export interface Registration {
  /** The argument as sent: a bus name, or an object path. */
  argument: string;
  /** The bus name to call the item at. */
  service: string;
  path: string;
  /** The unique name of the connection that registered (the one that sends the item's signals). */
  owner: string;
}

/** One icon image: ARGB32 pixels in network byte order, as the StatusNotifierItem spec sends them. */
export interface Pixmap {
  width: number;
  height: number;
  argb: Buffer;
}

export interface ItemProperties {
  id: string;
  title: string;
  status: string;
  category: string;
  iconName: string;
  iconThemePath: string;
  iconPixmaps: Pixmap[];
  toolTip: { iconName: string; title: string; description: string };
  /** The object path of the item's dbusmenu. */
  menu: string;
  itemIsMenu: boolean;
}

export interface MenuNode {
  id: number;
  /** The label as the menu sends it (mnemonics as `_`). */
  label: string;
  enabled: boolean;
  visible: boolean;
  /** "standard" or "separator". */
  type: string;
  /** "submenu" when the node opens a submenu. */
  childrenDisplay: string;
  children: MenuNode[];
}

export interface TrayItem {
  registration: Registration;
  /** Every signal the item's connection sent since it was found (NewIcon, LayoutUpdated, ...). */
  signals: SignalLog;
  properties(): Promise<ItemProperties>;
  /** The whole menu tree from GetLayout(0, -1, []), with the revision it reported. */
  menu(): Promise<{ revision: number; root: MenuNode }>;
  /** Clicks a menu entry the way a panel does: dbusmenu Event(id, "clicked", 0, timestamp). */
  click(id: number): Promise<void>;
}

export interface StatusNotifierWatcherFake {
  readonly registrations: readonly Registration[];
  /** The item registered at index `from` (the first by default), read over the watcher's own connection. */
  waitForItem(options?: { from?: number; timeoutMs?: number }): Promise<TrayItem>;
  stop(): Promise<void>;
}

/** Owns the watcher's name on `bus` and serves it; fails when the name is owned already. */
export async function startStatusNotifierWatcher(bus: MessageBus): Promise<StatusNotifierWatcherFake> {
  const registrations: Registration[] = [];
  const waiters = new Set<() => void>();

  const iface = defineInterface({
    name: WATCHER.interface,
    methods: {
      RegisterStatusNotifierItem: {
        in: { service: 's' },
        handler: ({ service }: { service: string }, context) => {
          const owner = context.sender ?? '';
          const byPath = service.startsWith('/');
          registrations.push({
            argument: service,
            service: byPath ? owner : service,
            path: byPath ? service : ITEM_PATH,
            owner,
          });
          iface.emit.StatusNotifierItemRegistered?.(service);
          for (const wake of waiters) wake();
          return null;
        },
      },
      RegisterStatusNotifierHost: { in: { service: 's' }, handler: () => null },
    },
    properties: {
      RegisteredStatusNotifierItems: {
        type: 'as',
        access: 'read',
        get: () => registrations.map((r) => r.argument),
      },
      // Electron registers only when a host is said to be there.
      IsStatusNotifierHostRegistered: { type: 'b', access: 'read', get: () => true },
      ProtocolVersion: { type: 'i', access: 'read', get: () => 0 },
    },
    signals: {
      StatusNotifierItemRegistered: { args: { service: 's' } },
      StatusNotifierItemUnregistered: { args: { service: 's' } },
      StatusNotifierHostRegistered: {},
    },
  });

  const registration = await bus.export(WATCHER.path, iface);
  const name = await bus.ownName(WATCHER.name, DO_NOT_QUEUE);
  if (!name.isPrimaryOwner) {
    await registration.remove();
    throw new Error(`${WATCHER.name} is owned by another process on this bus`);
  }

  return {
    registrations,
    async waitForItem({ from = 0, timeoutMs = 20_000 } = {}) {
      const found = await waitUntil(
        () => registrations[from] ?? null,
        waiters,
        timeoutMs,
        () => `no StatusNotifierItem registered (registrations: ${registrations.length})`,
      );
      return openItem(bus, found);
    },
    async stop() {
      await name.release();
      await registration.remove();
    },
  };
}

/** Reads a registered item over `bus`, recording its connection's signals from now on. */
export async function openItem(bus: MessageBus, registration: Registration): Promise<TrayItem> {
  const signals = await recordSignals(bus, registration.owner);
  const properties = async (): Promise<ItemProperties> => {
    const all = await call<Record<string, unknown>>(bus, {
      destination: registration.service,
      path: registration.path,
      interface: PROPERTIES,
      member: 'GetAll',
      signature: 's',
      body: [ITEM_INTERFACE],
    });
    return readItemProperties(all);
  };
  return {
    registration,
    signals,
    properties,
    async menu() {
      const { menu } = await properties();
      const [revision, layout] = await call<[number, unknown]>(bus, {
        destination: registration.service,
        path: menu,
        interface: MENU_INTERFACE,
        member: 'GetLayout',
        signature: 'iias',
        body: [0, -1, []],
      });
      return { revision, root: readMenuNode(layout) };
    },
    async click(id) {
      const { menu } = await properties();
      await call(bus, {
        destination: registration.service,
        path: menu,
        interface: MENU_INTERFACE,
        member: 'Event',
        signature: 'isvu',
        body: [id, 'clicked', new Variant('i', 0), 0],
      });
    },
  };
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

function readPixmaps(value: unknown): Pixmap[] {
  if (!Array.isArray(value)) return [];
  return value.map((entry) => {
    const [width, height, bytes] = entry as [number, number, Buffer | number[]];
    return { width, height, argb: Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes) };
  });
}

/** The item's GetAll answer in named fields; absent properties read as their spec defaults. */
export function readItemProperties(all: Record<string, unknown>): ItemProperties {
  const tip = Array.isArray(all.ToolTip) ? (all.ToolTip as unknown[]) : [];
  return {
    id: text(all.Id),
    title: text(all.Title),
    status: text(all.Status),
    category: text(all.Category),
    iconName: text(all.IconName),
    iconThemePath: text(all.IconThemePath),
    iconPixmaps: readPixmaps(all.IconPixmap),
    toolTip: { iconName: text(tip[0]), title: text(tip[2]), description: text(tip[3]) },
    menu: text(all.Menu),
    itemIsMenu: all.ItemIsMenu === true,
  };
}

/** One (ia{sv}av) layout node, with the dbusmenu defaults for properties a menu leaves out. */
export function readMenuNode(node: unknown): MenuNode {
  const [id, props, children] = node as [number, Record<string, unknown>, unknown[]];
  return {
    id,
    label: text(props.label),
    enabled: props.enabled !== false,
    visible: props.visible !== false,
    type: text(props.type) || 'standard',
    childrenDisplay: text(props['children-display']),
    children: (children ?? []).map(readMenuNode),
  };
}

/** The visible labels of a menu level, a separator as "---", in order. */
export function menuLabels(node: MenuNode): string[] {
  return node.children.filter((c) => c.visible).map((c) => (c.type === 'separator' ? '---' : c.label));
}

/** What tells two icons apart: the icon name, or a digest of the largest pixmap's pixels. */
export function iconFingerprint(props: Pick<ItemProperties, 'iconName' | 'iconPixmaps'>): string {
  const largest = [...props.iconPixmaps].sort((a, b) => b.width * b.height - a.width * a.height)[0];
  if (!largest) return `name:${props.iconName}`;
  const digest = createHash('sha256').update(largest.argb).digest('hex').slice(0, 16);
  return `pixmap:${largest.width}x${largest.height}:${digest}`;
}

/** Depth-first: the first node whose label passes `test`, or null. */
export function findMenuNode(node: MenuNode, test: (label: string) => boolean): MenuNode | null {
  for (const child of node.children) {
    if (child.visible && test(child.label)) return child;
    const inner = findMenuNode(child, test);
    if (inner) return inner;
  }
  return null;
}

/**
 * The icon's pixels, wherever the item put them: the largest IconPixmap, or the PNG file named by
 * IconName in IconThemePath (what Chromium does on GNOME and Pantheon). Null when neither is there.
 */
export function iconImage(props: ItemProperties): Pixmap | null {
  const largest = [...props.iconPixmaps].sort((a, b) => b.width * b.height - a.width * a.height)[0];
  if (largest) return largest;
  const file = join(props.iconThemePath, `${props.iconName}.png`);
  if (!props.iconName || !existsSync(file)) return null;
  const png = PNG.sync.read(readFileSync(file));
  // PNG is RGBA; the spec's pixmaps are ARGB: reorder so one reader serves both.
  const argb = Buffer.alloc(png.data.length);
  for (let i = 0; i < png.data.length; i += 4) {
    argb[i] = png.data[i + 3]!;
    argb[i + 1] = png.data[i]!;
    argb[i + 2] = png.data[i + 1]!;
    argb[i + 3] = png.data[i + 2]!;
  }
  return { width: png.width, height: png.height, argb };
}

/** The most common colour among the opaque pixels of a pixmap, as [r, g, b]; null when none is. */
export function dominantColour(pixmap: Pixmap): [number, number, number] | null {
  const counts = new Map<number, number>();
  for (let i = 0; i + 3 < pixmap.argb.length; i += 4) {
    // Fully opaque only: edges and the faint track blend towards transparent and shift in colour.
    if (pixmap.argb[i]! !== 255) continue;
    const rgb = (pixmap.argb[i + 1]! << 16) | (pixmap.argb[i + 2]! << 8) | pixmap.argb[i + 3]!;
    counts.set(rgb, (counts.get(rgb) ?? 0) + 1);
  }
  let best: number | null = null;
  for (const [rgb, count] of counts) if (best === null || count > counts.get(best)!) best = rgb;
  return best === null ? null : [(best >> 16) & 255, (best >> 8) & 255, best & 255];
}

/** Waits for the next `member` signal from the item after index `from` of its log. */
export function nextSignal(
  item: TrayItem,
  member: string,
  from: number,
  timeoutMs?: number,
): Promise<SeenSignal> {
  return item.signals.waitFor((s) => s.member === member, { from, timeoutMs });
}
