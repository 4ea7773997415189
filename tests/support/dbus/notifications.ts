// A fake notification daemon: owns org.freedesktop.Notifications on a (private) bus and records each
// Notify call as the Desktop Notifications Specification 1.2 defines it (app name, replaces id, icon,
// summary, body, actions, hints, timeout), answering with fresh ids the way a real daemon does.
// libnotify (notify-send, Electron's Linux notifications) asks GetServerInformation and
// GetCapabilities first, so both answer.
import { defineInterface } from 'dbus-native';
import { DO_NOT_QUEUE, waitUntil, type MessageBus } from './bus';

export const NOTIFICATIONS = {
  name: 'org.freedesktop.Notifications',
  path: '/org/freedesktop/Notifications',
  interface: 'org.freedesktop.Notifications',
} as const;

/** One Notify call as it arrived. */
export interface RecordedNotification {
  /** The id the daemon answered with. */
  id: number;
  appName: string;
  replacesId: number;
  appIcon: string;
  summary: string;
  body: string;
  /** Flat pairs as sent: [key, label, key, label, ...]. */
  actions: string[];
  /** Hints in plain values: urgency (0 low, 1 normal, 2 critical), desktop-entry, image-data, ... */
  hints: Record<string, unknown>;
  expireTimeout: number;
  /** The caller's unique bus name. */
  sender: string;
}

export interface NotificationDaemon {
  readonly received: readonly RecordedNotification[];
  /** Ids closed through CloseNotification. */
  readonly closed: readonly number[];
  /** The first notification (from index `from`) that passes `test`; fails after `timeoutMs`. */
  waitFor(
    test: (n: RecordedNotification) => boolean,
    options?: { from?: number; timeoutMs?: number },
  ): Promise<RecordedNotification>;
  /** Releases the name and stops answering. */
  stop(): Promise<void>;
}

/** The capabilities a plain desktop daemon advertises: body text, buttons, icons, kept in a list. */
export const CAPABILITIES = ['actions', 'body', 'icon-static', 'persistence'];

/** Owns the name on `bus` and serves the interface; fails when the name is owned already. */
export async function startNotificationDaemon(bus: MessageBus): Promise<NotificationDaemon> {
  const received: RecordedNotification[] = [];
  const closed: number[] = [];
  const waiters = new Set<() => void>();
  let nextId = 1;

  const iface = defineInterface({
    name: NOTIFICATIONS.interface,
    methods: {
      Notify: {
        in: {
          app_name: 's',
          replaces_id: 'u',
          app_icon: 's',
          summary: 's',
          body: 's',
          actions: 'as',
          hints: 'a{sv}',
          expire_timeout: 'i',
        },
        out: { id: 'u' },
        handler: (args: NotifyArgs, context) => {
          // A replacement keeps its id (spec: "replaces_id"); anything else gets a new one.
          const id = args.replaces_id > 0 ? args.replaces_id : nextId++;
          received.push({
            id,
            appName: args.app_name,
            replacesId: args.replaces_id,
            appIcon: args.app_icon,
            summary: args.summary,
            body: args.body,
            actions: args.actions,
            hints: args.hints ?? {},
            expireTimeout: args.expire_timeout,
            sender: context.sender ?? '',
          });
          for (const wake of waiters) wake();
          return id;
        },
      },
      GetCapabilities: { out: { capabilities: 'as' }, handler: () => CAPABILITIES },
      GetServerInformation: {
        out: { name: 's', vendor: 's', version: 's', spec_version: 's' },
        handler: () => ({
          name: 'xmplus-test-daemon',
          vendor: 'xmplus-tray tests',
          version: '1',
          spec_version: '1.2',
        }),
      },
      CloseNotification: {
        in: { id: 'u' },
        handler: ({ id }: { id: number }) => {
          closed.push(id);
          // Reason 3: closed by a call to CloseNotification.
          iface.emit.NotificationClosed?.(id, 3);
          return null;
        },
      },
    },
    signals: {
      NotificationClosed: { args: { id: 'u', reason: 'u' } },
      ActionInvoked: { args: { id: 'u', action_key: 's' } },
    },
  });

  const registration = await bus.export(NOTIFICATIONS.path, iface);
  const name = await bus.ownName(NOTIFICATIONS.name, DO_NOT_QUEUE);
  if (!name.isPrimaryOwner) {
    await registration.remove();
    throw new Error(`${NOTIFICATIONS.name} is owned by another process on this bus`);
  }

  return {
    received,
    closed,
    waitFor(test, { from = 0, timeoutMs = 15_000 } = {}) {
      return waitUntil(
        () => received.slice(from).find(test) ?? null,
        waiters,
        timeoutMs,
        () => `no matching notification; received: ${JSON.stringify(received.map((n) => n.summary))}`,
      );
    },
    async stop() {
      await name.release();
      await registration.remove();
    },
  };
}

interface NotifyArgs {
  app_name: string;
  replaces_id: number;
  app_icon: string;
  summary: string;
  body: string;
  actions: string[];
  hints: Record<string, unknown> | undefined;
  expire_timeout: number;
}
