// The tray's context menu as plain data, the one source of truth for what the native menu shows:
// src/main/electron/tray.ts maps it item for item onto Electron's menu, and the README's picture
// (tests/e2e/docs/tray-menu.spec.ts) draws it. A click is an action value, run by runTrayAction
// against the core's actions, so the shell holds no menu logic of its own.
import type { TrayService, TrayState } from '../platform';

/** What a menu item does when chosen; each per-service action names the profile it belongs to. */
export type TrayAction =
  | { kind: 'refresh' }
  | { kind: 'copy-sublink'; profileId: string; serviceId: number }
  | { kind: 'export'; profileId: string; serviceId: number }
  | { kind: 'import'; profileId: string; serviceId: number }
  | { kind: 'open' }
  | { kind: 'quit' };

/**
 * One menu entry. `role` says what it is for (the picture styles by it; Electron ignores it):
 * a profile's group, a service's line, a status line (why data is missing or old), or a command.
 */
export type TrayMenuEntry =
  | { type: 'separator' }
  | {
      type: 'item';
      role: 'profile' | 'service' | 'status' | 'command';
      label: string;
      enabled: boolean;
      action?: TrayAction;
      submenu?: TrayMenuEntry[];
    };

const status = (label: string): TrayMenuEntry => ({ type: 'item', role: 'status', label, enabled: false });

/** A service's line, opening its own commands: copy its link, export it, import it into its client. */
function serviceEntry(state: TrayState, service: TrayService): TrayMenuEntry {
  const { labels } = state;
  const ids = { profileId: service.profileId, serviceId: service.id };
  const submenu: TrayMenuEntry[] = [
    {
      type: 'item',
      role: 'command',
      label: labels.copySublink,
      enabled: service.hasSublink,
      action: { kind: 'copy-sublink', ...ids },
    },
    {
      type: 'item',
      role: 'command',
      label: labels.export,
      enabled: true,
      action: { kind: 'export', ...ids },
    },
  ];
  const imports = (state.imports ?? []).filter(
    (i) => i.profileId === service.profileId && i.serviceId === service.id,
  );
  for (const entry of imports) {
    submenu.push({
      type: 'item',
      role: 'command',
      label: entry.label,
      enabled: true,
      action: { kind: 'import', ...ids },
    });
  }
  return { type: 'item', role: 'service', label: service.label, enabled: true, submenu };
}

type TrayProfile = TrayState['profiles'][number];

/**
 * Why a profile's lines are old or missing: its note (signed out, the last refresh failed, not
 * updated), or "No data yet" for a signed-in profile not fetched yet; null when they are current.
 */
function profileStatus(state: TrayState, profile: TrayProfile): string | null {
  if (profile.note) return profile.note;
  return profile.signedIn && !profile.hasData ? state.labels.noData : null;
}

/**
 * A profile's lines: why they are old or missing (if they are), then its services, or "No services"
 * when its account was read and has none (never for a profile with no data yet).
 */
function profileLines(state: TrayState, profile: TrayProfile): TrayMenuEntry[] {
  const services = state.services.filter((s) => s.profileId === profile.id);
  const lines: TrayMenuEntry[] = [];
  const why = profileStatus(state, profile);
  if (why) lines.push(status(why));
  for (const service of services) lines.push(serviceEntry(state, service));
  if (services.length === 0 && profile.hasData) lines.push(status(state.labels.noServices));
  return lines;
}

/**
 * The tray menu for a state. One profile: its services at the top level. Several: one submenu per
 * profile, headed by its name, so the top level stays a few lines however many plans there are.
 * Then Refresh, Open, Quit. A service line opens its own Copy / Export / Import entries.
 */
export function trayMenu(state: TrayState): TrayMenuEntry[] {
  const { labels } = state;
  const items: TrayMenuEntry[] = [];
  if (state.profiles.length === 0) {
    items.push(status(labels.notSignedIn));
  } else if (state.profiles.length === 1) {
    items.push(...profileLines(state, state.profiles[0]!));
  } else {
    for (const profile of state.profiles) {
      const submenu = profileLines(state, profile);
      const why = profileStatus(state, profile);
      items.push({
        type: 'item',
        role: 'profile',
        // A screen reader hears the heading alone; it says at once why its data is old or missing.
        label: why ? `${profile.name} — ${why}` : profile.name,
        enabled: true,
        submenu,
      });
    }
  }
  items.push({ type: 'separator' });
  items.push({
    type: 'item',
    role: 'command',
    label: state.refreshing ? labels.refreshing : labels.refresh,
    enabled: state.signedIn && !state.refreshing,
    action: { kind: 'refresh' },
  });
  items.push({ type: 'separator' });
  items.push({ type: 'item', role: 'command', label: labels.open, enabled: true, action: { kind: 'open' } });
  items.push({ type: 'item', role: 'command', label: labels.quit, enabled: true, action: { kind: 'quit' } });
  return items;
}

/** What the tray's actions reach: the core's actions and the shell's window and quit. */
export interface TrayActionHandlers {
  refresh(): Promise<void>;
  copySublink(serviceId: number | null, profileId?: string): Promise<boolean>;
  exportAll(serviceId: number | null, profileId?: string): Promise<void>;
  importInto(serviceId: number, client?: null, profileId?: string): Promise<boolean>;
  openWindow(): void;
  quit(): void;
}

/** Runs a menu action. Failures are the core's to report (it notifies); a click never throws. */
export function runTrayAction(action: TrayAction, handlers: TrayActionHandlers): void {
  switch (action.kind) {
    case 'refresh':
      void handlers.refresh();
      return;
    case 'copy-sublink':
      void handlers.copySublink(action.serviceId, action.profileId);
      return;
    case 'export':
      void handlers.exportAll(action.serviceId, action.profileId);
      return;
    case 'import':
      void handlers.importInto(action.serviceId, null, action.profileId);
      return;
    case 'open':
      handlers.openWindow();
      return;
    case 'quit':
      handlers.quit();
      return;
  }
}
