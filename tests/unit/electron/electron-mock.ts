// The one mock of the `electron` module (the boundary that cannot run here). Each fake records what
// the code under test did so that tests assert behaviour, not calls for their own sake.
import { EventEmitter } from 'node:events';
import { vi, type Mock } from 'vitest';

export class FakeWebContents extends EventEmitter {
  static nextId = 1;
  id = FakeWebContents.nextId++;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  sent: { channel: string; payload: unknown }[] = [];
  permissionHandler: ((c: unknown, p: string, cb: (granted: boolean) => void) => void) | null = null;
  permissionCheckHandler: ((c: unknown, p: string, origin: string, details: unknown) => boolean) | null =
    null;
  devicePermissionHandler: ((details: unknown) => boolean) | null = null;
  session = {
    setPermissionRequestHandler: (handler: FakeWebContents['permissionHandler']) => {
      this.permissionHandler = handler;
    },
    setPermissionCheckHandler: (handler: FakeWebContents['permissionCheckHandler']) => {
      this.permissionCheckHandler = handler;
    },
    setDevicePermissionHandler: (handler: FakeWebContents['devicePermissionHandler']) => {
      this.devicePermissionHandler = handler;
    },
  };
  setWindowOpenHandler(handler: FakeWebContents['windowOpenHandler']) {
    this.windowOpenHandler = handler;
  }
  send(channel: string, payload: unknown) {
    this.sent.push({ channel, payload });
  }
  isDestroyed() {
    return false;
  }
  /** The page the window last loaded. */
  url = '';
  getURL() {
    return this.url;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static created: FakeBrowserWindow[] = [];
  webContents = new FakeWebContents();
  loaded: string | null = null;
  constructor(public options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.created.push(this);
  }
  visible = false;
  loadURL(url: string) {
    this.loaded = url;
    this.webContents.url = url;
    return Promise.resolve();
  }
  show() {
    this.visible = true;
  }
}

const openExternal: Mock<(url: string) => Promise<undefined>> = vi.fn(async (_url: string) => undefined);
const mockFn = (): Mock<(...args: unknown[]) => unknown> => vi.fn();

/** One bitmap representation of a FakeNativeImage, as the code handed it over. */
export interface FakeRepresentation {
  scaleFactor: number;
  width: number;
  height: number;
  buffer: Buffer;
}

export class FakeNativeImage {
  representations: FakeRepresentation[] = [];
  template = false;
  addRepresentation(options: { scaleFactor?: number; width?: number; height?: number; buffer?: Buffer }) {
    if (!options.buffer || !options.width || !options.height)
      throw new Error('raw bitmap needs buffer, width, height');
    if (options.buffer.length !== options.width * options.height * 4) throw new Error('bitmap size mismatch');
    this.representations.push({
      scaleFactor: options.scaleFactor ?? 1,
      width: options.width,
      height: options.height,
      buffer: options.buffer,
    });
  }
  setTemplateImage(value: boolean) {
    this.template = value;
  }
  isTemplateImage() {
    return this.template;
  }
  getScaleFactors() {
    return this.representations.map((r) => r.scaleFactor);
  }
}

export const nativeImage = {
  createFromBitmap: vi.fn(
    (buffer: Buffer, options: { width: number; height: number; scaleFactor?: number }) => {
      if (!Buffer.isBuffer(buffer)) throw new TypeError('createFromBitmap takes a Buffer');
      const image = new FakeNativeImage();
      image.addRepresentation({ ...options, buffer });
      return image;
    },
  ),
  createEmpty: vi.fn(() => new FakeNativeImage()),
};

/** A menu item template as the code built it; `click` is what the test calls to "click" it. */
export interface FakeMenuItem {
  label?: string;
  type?: string;
  enabled?: boolean;
  click?: () => void;
  submenu?: FakeMenuItem[];
}

export class FakeMenu {
  constructor(public items: FakeMenuItem[]) {}
  static buildFromTemplate = vi.fn((template: FakeMenuItem[]) => new FakeMenu(template));
  static setApplicationMenu = mockFn();
}

export class FakeTray extends EventEmitter {
  static created: FakeTray[] = [];
  image: FakeNativeImage;
  imageSets = 0;
  tooltip: string | null = null;
  menu: FakeMenu | null = null;
  menuSets = 0;
  destroyed = false;
  constructor(image: FakeNativeImage) {
    super();
    this.image = image;
    FakeTray.created.push(this);
  }
  setImage(image: FakeNativeImage) {
    this.image = image;
    this.imageSets += 1;
  }
  setToolTip(text: string) {
    this.tooltip = text;
  }
  setContextMenu(menu: FakeMenu | null) {
    this.menu = menu;
    this.menuSets += 1;
  }
  destroy() {
    this.destroyed = true;
  }
  isDestroyed() {
    return this.destroyed;
  }
}

export class FakeNotification extends EventEmitter {
  static created: FakeNotification[] = [];
  static isSupported = vi.fn(() => true);
  shown = false;
  constructor(public options: Record<string, unknown>) {
    super();
    FakeNotification.created.push(this);
  }
  show() {
    this.shown = true;
  }
  close() {
    this.emit('close', {});
  }
}

class FakeApp extends EventEmitter {
  name = 'XMPlus Tray';
  isPackaged = false;
  loginItems: { openAtLogin: boolean; wasOpenedAtLogin: boolean } = {
    openAtLogin: false,
    wasOpenedAtLogin: false,
  };
  setAppUserModelId: Mock<(id: string) => void> = vi.fn();
  setLoginItemSettings = vi.fn((settings: { openAtLogin?: boolean }) => {
    this.loginItems.openAtLogin = Boolean(settings.openAtLogin);
  });
  getLoginItemSettings = vi.fn(() => ({ ...this.loginItems }));
  getName = vi.fn(() => this.name);
  getVersion = vi.fn(() => '0.1.0');
  quit: Mock<() => void> = vi.fn();
  exit: Mock<(code?: number) => void> = vi.fn();
  getLocale = vi.fn(() => 'en-US');
  /** Before `ready` the one language source; a test sets the OS's list with mockReturnValue. */
  getPreferredSystemLanguages: Mock<() => string[]> = vi.fn(() => ['en-US']);
  focus: Mock<(options?: { steal: boolean }) => void> = vi.fn();
  /** scheme ("clash") -> the application name the fake OS has registered for it. */
  protocolHandlers = new Map<string, string>();
  /** What setAsDefaultProtocolClient registered: scheme -> [path, args] (undefined for the defaults). */
  defaultProtocolClients = new Map<string, { path: string | undefined; args: string[] | undefined }>();
  setAsDefaultProtocolClient = vi.fn((scheme: string, path?: string, args?: string[]): boolean => {
    this.defaultProtocolClients.set(scheme, { path, args });
    return true;
  });
  getApplicationNameForProtocol = vi.fn(
    (url: string): string => this.protocolHandlers.get(url.replace(/:.*$/, '')) ?? '',
  );
}

export const app = new FakeApp();
export const powerMonitor = new EventEmitter();
/** Electron's ClipboardItem: the MIME types and payloads one write carries. */
export class FakeClipboardItem {
  readonly types: string[];
  constructor(public readonly items: Record<string, string | Blob>) {
    this.types = Object.keys(items);
  }
}

/**
 * The system clipboard as one entry of MIME type -> payload, like Electron 44+'s promise API.
 * A write replaces the whole entry; another application's copy is `board.set({...})`.
 */
export class FakeClipboard {
  entry: Record<string, string | Blob> = {};
  clears = 0;
  write = vi.fn(async (items: FakeClipboardItem[]) => {
    this.entry = Object.assign({}, ...items.map((item) => item.items)) as Record<string, string | Blob>;
  });
  writeText = vi.fn(async (text: string) => {
    this.entry = { 'text/plain': text };
  });
  readText = vi.fn(async (): Promise<string> => {
    const text = this.entry['text/plain'];
    return typeof text === 'string' ? text : text ? await text.text() : '';
  });
  clear = vi.fn(() => {
    this.entry = {};
    this.clears += 1;
  });
  /** What another application copying would do. */
  set(entry: Record<string, string | Blob>) {
    this.entry = entry;
  }
  reset() {
    this.entry = {};
    this.clears = 0;
    for (const fn of [this.write, this.writeText, this.readText, this.clear]) fn.mockClear();
  }
}
export const clipboard = new FakeClipboard();
export const dialog = {
  showOpenDialog: vi.fn(async () => ({ canceled: true, filePaths: [] as string[] })),
  showErrorBox: vi.fn((_title: string, _content: string) => undefined),
};
/** shell.openPath answers '' on success or an error message. */
const openPath: Mock<(path: string) => Promise<string>> = vi.fn(async (_path: string) => '');

/** The app's default session: resolveProxy answers what a test sets (Chromium's PAC format). */
export const session = {
  defaultSession: {
    resolveProxy: vi.fn(async (_url: string): Promise<string> => 'DIRECT'),
  },
};

export const electronMock = {
  shell: { openExternal, openPath },
  ipcMain: {
    handlers: new Map<string, (event: unknown, input: unknown) => unknown>(),
    handle(channel: string, handler: (event: unknown, input: unknown) => unknown) {
      this.handlers.set(channel, handler);
    },
    removeHandler(channel: string) {
      this.handlers.delete(channel);
    },
  },
  BrowserWindow: FakeBrowserWindow,
  protocol: { registerSchemesAsPrivileged: mockFn(), handle: mockFn() },
  net: { fetch: mockFn(), isOnline: vi.fn(() => true) },
  nativeImage,
  Menu: FakeMenu,
  Tray: FakeTray,
  Notification: FakeNotification,
  app,
  powerMonitor,
  clipboard,
  ClipboardItem: FakeClipboardItem,
  dialog,
  session,
};
