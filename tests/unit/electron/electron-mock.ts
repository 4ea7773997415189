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
  session = {
    setPermissionRequestHandler: (handler: FakeWebContents['permissionHandler']) => {
      this.permissionHandler = handler;
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
}

export class FakeBrowserWindow extends EventEmitter {
  static created: FakeBrowserWindow[] = [];
  webContents = new FakeWebContents();
  loaded: string | null = null;
  constructor(public options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.created.push(this);
  }
  loadURL(url: string) {
    this.loaded = url;
    return Promise.resolve();
  }
  show() {}
}

const openExternal: Mock<(url: string) => Promise<undefined>> = vi.fn(async (_url: string) => undefined);
const mockFn = (): Mock<(...args: unknown[]) => unknown> => vi.fn();

export const electronMock = {
  shell: { openExternal },
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
  net: { fetch: mockFn() },
};
