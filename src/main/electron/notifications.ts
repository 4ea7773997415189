// Native notifications for the core's alerts. A click opens the window on the service; Renew and
// Top up buttons open billing where the platform shows notification buttons. Live notifications
// are held here: a Notification that only a closure refers to can be collected before its click.
import { app, Notification, type NotificationConstructorOptions } from 'electron';
import type { NavigateTarget } from '../../shared/contract';
import type { NativeNotification } from '../platform';
import { APP_ID } from './app-id';

export interface NotifierDeps {
  platform: NodeJS.Platform;
  navigate(target: NavigateTarget): void;
  showWindow(): void;
  /**
   * Where the first failure is written. macOS shows notifications only for a signed app and Windows
   * only with a shortcut carrying the app id: a silent 'failed' is otherwise the only trace.
   */
  logFailure?(message: string): void;
}

export interface Notifier {
  /**
   * Shows `n`; a click opens `target` (default: the service page of n.serviceId, or the dashboard,
   * of n.profileId's profile).
   */
  notify(n: NativeNotification, target?: NavigateTarget): void;
  /** How many notifications are held for their click. */
  live(): number;
  dispose(): void;
}

/** Enough for a burst of alerts; past it the oldest is dropped (Linux rarely reports 'close'). */
const MAX_LIVE = 16;

/** Windows attributes toasts to the Start-menu shortcut with this id; without it they may not show. */
export function setNotificationIdentity(platform: NodeJS.Platform): void {
  if (platform === 'win32') app.setAppUserModelId(APP_ID);
}

/** Buttons exist on macOS (actions) and on Windows (toast buttons); Linux daemons vary, so none. */
export function supportsActions(platform: NodeJS.Platform): boolean {
  return platform === 'darwin' || platform === 'win32';
}

export function createNotifier(deps: NotifierDeps): Notifier {
  const live: Notification[] = [];
  let failureLogged = false;

  const release = (native: Notification) => {
    const index = live.indexOf(native);
    if (index >= 0) live.splice(index, 1);
  };

  const open = (target: NavigateTarget) => {
    deps.navigate(target);
    deps.showWindow();
  };

  return {
    notify(n, target) {
      if (!Notification.isSupported()) return;
      const actions = supportsActions(deps.platform) ? n.actions : [];
      const options: NotificationConstructorOptions = { title: n.title, body: n.body };
      if (actions.length > 0) options.actions = actions.map((a) => ({ type: 'button', text: a.label }));
      const native = new Notification(options);
      // A profile's notification opens that profile (the core switches to it when it is not active).
      const whose = n.profileId ? { profileId: n.profileId } : {};
      const onClick: NavigateTarget =
        target ??
        (n.serviceId === null
          ? { page: 'dashboard', ...whose }
          : { page: 'services', serviceId: n.serviceId, ...whose });

      native.on('click', () => {
        release(native);
        open(onClick);
      });
      native.on('action', (details, legacyIndex) => {
        // Electron 45 passes the index in the event details; older builds passed it as an argument.
        const index = typeof details?.actionIndex === 'number' ? details.actionIndex : legacyIndex;
        const action = actions[index];
        release(native);
        if (!action) return open(onClick);
        const billing: NavigateTarget = { page: 'billing', action: action.id, ...whose };
        if (n.serviceId !== null) billing.serviceId = n.serviceId;
        open(billing);
      });
      native.on('close', () => release(native));
      native.on('failed', (_event, error) => {
        release(native);
        // Once: an unsigned build fails every notification the same way.
        if (failureLogged) return;
        failureLogged = true;
        deps.logFailure?.(
          `notification failed (later failures are not logged): ${String(error).slice(0, 300)}`,
        );
      });

      live.push(native);
      while (live.length > MAX_LIVE) live.shift();
      native.show();
    },
    live: () => live.length,
    dispose() {
      live.length = 0;
    },
  };
}
