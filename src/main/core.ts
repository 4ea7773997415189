// The composition root of the main process in plain Node: builds every handler of the contract from
// the core modules and a Platform. The Electron shell, the CLI and the end-to-end harness all use it.
import type { NavigateTarget, Notice } from '../shared/contract';
import { ok } from '../shared/errors';
import type { Handlers } from './router';
import type { Platform } from './platform';
import { readSettings, writeSettings } from './settings/settings';

/** What the tray menu and notifications can ask of the core. */
export interface CoreActions {
  refresh(): Promise<void>;
  /** Copies the subscription link of a service (or the first) to the clipboard. */
  copySublink(serviceId: number | null): Promise<boolean>;
  /** Asks for a folder and writes every export format of a service (or all). */
  exportAll(serviceId: number | null): Promise<void>;
  /** Remembers where the window should open and tells an open window at once. */
  navigate(target: NavigateTarget): void;
}

export interface Core {
  handlers: Partial<Handlers>;
  actions: CoreActions;
  dispose(): Promise<void>;
}

export function createCore(platform: Platform): Core {
  const notices: Notice[] = platform.startupNotices.map((message, index) => ({
    id: `startup-${index}`,
    level: 'warning',
    message,
  }));

  let pendingNavigation: NavigateTarget | null = null;

  const actions: CoreActions = {
    async refresh() {},
    async copySublink() {
      return false;
    },
    async exportAll() {},
    navigate(target) {
      pendingNavigation = target;
      platform.emit('navigate', target);
    },
  };

  const handlers: Partial<Handlers> = {
    'app.takeNavigation': () => {
      const target = pendingNavigation;
      pendingNavigation = null;
      return ok(target);
    },
    'app.info': () => ok({ ...platform.app, provider: platform.provider.info }),
    'app.openExternal': ({ url }) => platform.openExternal(url),
    'app.notices': () => ok(notices),
    'app.dismissNotice': ({ id }) => {
      const index = notices.findIndex((n) => n.id === id);
      if (index >= 0) notices.splice(index, 1);
      return ok(notices);
    },
    'settings.get': () => ok(readSettings(platform.settingsStore)),
    'settings.set': async (patch) => {
      const before = readSettings(platform.settingsStore);
      const next = writeSettings(platform.settingsStore, patch);
      if (next.startAtLogin !== before.startAtLogin) await platform.setStartAtLogin(next.startAtLogin);
      platform.emit('settings', next);
      return ok(next);
    },
  };

  return {
    handlers,
    actions,
    async dispose() {},
  };
}
