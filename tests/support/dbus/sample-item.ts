// A small StatusNotifierItem with a dbusmenu, registered the way Electron's Linux tray does it
// (see tray.ts): a well-known name "org.freedesktop.StatusNotifierItem-<pid>-<n>", the item at
// /StatusNotifierItem, the menu at /org/chromium/DbusMenu/<n>, the icon as IconPixmap + NewIcon,
// menu changes as LayoutUpdated and ItemsPropertiesUpdated. It proves the fake tray host reads what
// such an item serves, where no Electron binary can run.
import { Variant, defineInterface, type HandlerContext } from 'dbus-native';
import { call, type MessageBus } from './bus';
import { ITEM_INTERFACE, ITEM_PATH, MENU_INTERFACE, WATCHER, type Pixmap } from './tray';

export interface SampleMenuEntry {
  label?: string;
  enabled?: boolean;
  separator?: boolean;
  children?: SampleMenuEntry[];
}

export interface SampleItemOptions {
  /** The n in the name and menu path (Electron counts its tray icons from 1). */
  serial?: number;
  id: string;
  title: string;
  toolTip: string;
  pixmap: Pixmap;
  menu: SampleMenuEntry[];
}

export interface SampleItem {
  /** The bus name it owns and registered with. */
  service: string;
  menuPath: string;
  /** dbusmenu Event calls received, in order: the node id and the event ("clicked", "hovered"). */
  events: { id: number; eventId: string }[];
  /** A new icon, announced with NewIcon. */
  setIcon(pixmap: Pixmap): void;
  /** A new menu tree, announced with LayoutUpdated (the revision goes up). */
  setMenu(menu: SampleMenuEntry[]): void;
  /** One node's label, announced with ItemsPropertiesUpdated (no new layout). */
  relabel(id: number, label: string): void;
  stop(): Promise<void>;
}

interface Node {
  id: number;
  props: Record<string, string | boolean>;
  children: Node[];
}

/** Numbers the tree depth-first from 1 (0 is the root), as dbusmenu servers do. */
function buildTree(entries: SampleMenuEntry[]): Node {
  let next = 1;
  const build = (entry: SampleMenuEntry): Node => {
    const props: Record<string, string | boolean> = {};
    if (entry.separator) props.type = 'separator';
    if (entry.label !== undefined) props.label = entry.label;
    if (entry.enabled === false) props.enabled = false;
    if (entry.children?.length) props['children-display'] = 'submenu';
    const node: Node = { id: next++, props, children: [] };
    node.children = (entry.children ?? []).map(build);
    return node;
  };
  return { id: 0, props: { 'children-display': 'submenu' }, children: entries.map(build) };
}

const find = (node: Node, id: number): Node | null =>
  node.id === id ? node : node.children.reduce<Node | null>((hit, child) => hit ?? find(child, id), null);

const toWire = (node: Node): [number, Record<string, string | boolean>, Variant[]] => [
  node.id,
  node.props,
  node.children.map((child) => new Variant('(ia{sv}av)', toWire(child))),
];

/** Serves the item and its menu on `bus`, owns its name and registers with the watcher. */
export async function startSampleItem(bus: MessageBus, options: SampleItemOptions): Promise<SampleItem> {
  const serial = options.serial ?? 1;
  const service = `org.freedesktop.StatusNotifierItem-${process.pid}-${serial}`;
  const menuPath = `/org/chromium/DbusMenu/${serial}`;
  let pixmap = options.pixmap;
  let tree = buildTree(options.menu);
  let revision = 1;
  const events: { id: number; eventId: string }[] = [];
  // Chromium's item answers by the destination a call names (one connection can serve several
  // icons), so a reader that calls the unique name instead gets nothing from Electron: refuse it too.
  const addressedToUs = (context: HandlerContext) => {
    if (context.message?.destination !== service) {
      throw Object.assign(new Error(`call ${service}, not ${context.message?.destination}`), {
        dbusName: 'org.freedesktop.DBus.Error.UnknownObject',
      });
    }
  };

  const item = defineInterface({
    name: ITEM_INTERFACE,
    properties: {
      Category: { type: 's', access: 'read', value: 'ApplicationStatus' },
      Id: { type: 's', access: 'read', value: options.id },
      Title: { type: 's', access: 'read', value: options.title },
      Status: { type: 's', access: 'read', value: 'Active' },
      IconName: { type: 's', access: 'read', value: '' },
      IconPixmap: {
        type: 'a(iiay)',
        access: 'read',
        get: () => [[pixmap.width, pixmap.height, pixmap.argb]],
      },
      ToolTip: { type: '(sa(iiay)ss)', access: 'read', value: ['', [], options.toolTip, ''] },
      ItemIsMenu: { type: 'b', access: 'read', value: false },
      Menu: { type: 'o', access: 'read', value: menuPath },
    },
    methods: {
      Activate: { in: { x: 'i', y: 'i' }, handler: () => null },
      ContextMenu: { in: { x: 'i', y: 'i' }, handler: () => null },
      SecondaryActivate: { in: { x: 'i', y: 'i' }, handler: () => null },
      Scroll: { in: { delta: 'i', orientation: 's' }, handler: () => null },
    },
    signals: { NewIcon: {}, NewToolTip: {}, NewStatus: { args: { status: 's' } } },
  });

  const menu = defineInterface({
    name: MENU_INTERFACE,
    properties: {
      Version: { type: 'u', access: 'read', value: 3 },
      TextDirection: { type: 's', access: 'read', value: 'ltr' },
      Status: { type: 's', access: 'read', value: 'normal' },
    },
    methods: {
      GetLayout: {
        in: { parentId: 'i', recursionDepth: 'i', propertyNames: 'as' },
        out: { revision: 'u', layout: '(ia{sv}av)' },
        handler: ({ parentId }: { parentId: number }, context) => {
          addressedToUs(context);
          return { revision, layout: toWire(find(tree, parentId) ?? tree) };
        },
      },
      Event: {
        in: { id: 'i', eventId: 's', data: 'v', timestamp: 'u' },
        handler: ({ id, eventId }: { id: number; eventId: string }, context) => {
          addressedToUs(context);
          events.push({ id, eventId });
          return null;
        },
      },
      AboutToShow: { in: { id: 'i' }, out: { needUpdate: 'b' }, handler: () => false },
    },
    signals: {
      ItemsPropertiesUpdated: { args: { updatedProps: 'a(ia{sv})', removedProps: 'a(ias)' } },
      LayoutUpdated: { args: { revision: 'u', parent: 'i' } },
    },
  });

  const exported = [await bus.export(ITEM_PATH, item), await bus.export(menuPath, menu)];
  const name = await bus.ownName(service);
  await call(bus, {
    destination: WATCHER.name,
    path: WATCHER.path,
    interface: WATCHER.interface,
    member: 'RegisterStatusNotifierItem',
    signature: 's',
    body: [service],
  });

  return {
    service,
    menuPath,
    events,
    setIcon(next) {
      pixmap = next;
      item.emit.NewIcon?.();
    },
    setMenu(entries) {
      tree = buildTree(entries);
      revision += 1;
      menu.emit.LayoutUpdated?.(revision, 0);
    },
    relabel(id, label) {
      const node = find(tree, id);
      if (!node) throw new Error(`no menu node ${id}`);
      node.props.label = label;
      menu.emit.ItemsPropertiesUpdated?.([[id, { label }]], []);
    },
    async stop() {
      await name.release();
      for (const registration of exported) await registration.remove();
    },
  };
}

/** A square pixmap of one opaque colour (ARGB32, network byte order). */
export function solidPixmap(size: number, [r, g, b]: readonly [number, number, number]): Pixmap {
  const argb = Buffer.alloc(size * size * 4);
  for (let i = 0; i < argb.length; i += 4) argb.set([255, r, g, b], i);
  return { width: size, height: size, argb };
}
