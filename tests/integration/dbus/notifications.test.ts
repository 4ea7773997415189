// The fake notification daemon (tests/support/dbus) against a real client: notify-send from
// libnotify (Debian libnotify-bin), the same library Electron's Linux notifications go through, on
// a private dbus-daemon. What notify-send was told must arrive as the daemon records it.
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  call,
  privateBusUnavailable,
  startPrivateBus,
  type MessageBus,
  type PrivateBus,
} from '../../support/dbus/bus';
import {
  CAPABILITIES,
  NOTIFICATIONS,
  startNotificationDaemon,
  type NotificationDaemon,
} from '../../support/dbus/notifications';

const run = promisify(execFile);
const busMissing = privateBusUnavailable();
const notifySendMissing =
  spawnSync('sh', ['-c', 'command -v notify-send']).status === 0
    ? null
    : 'notify-send is not installed (Debian package libnotify-bin)';
const skipReason = busMissing ?? notifySendMissing;

describe.skipIf(skipReason !== null)(
  `fake notification daemon${skipReason ? ` (skipped: ${skipReason})` : ''}`,
  () => {
    let bus: PrivateBus;
    let daemon: NotificationDaemon;
    let client: MessageBus;

    beforeEach(async () => {
      bus = await startPrivateBus();
      daemon = await startNotificationDaemon(await bus.connect());
      client = await bus.connect();
    });
    afterEach(async () => {
      await daemon.stop();
      await bus.stop();
    });

    const notifySend = (args: string[]) =>
      run('notify-send', args, { env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: bus.address } });

    it('records what notify-send sends: app name, summary, body, urgency, icon', async () => {
      await notifySend([
        '--app-name=XMPlus Tray',
        '--urgency=critical',
        '--icon=dialog-warning',
        'Traffic 90% used',
        'Work: 13.5 GB of 15 GB',
      ]);
      const seen = await daemon.waitFor((n) => n.summary === 'Traffic 90% used');
      expect(seen).toMatchObject({
        appName: 'XMPlus Tray',
        appIcon: 'dialog-warning',
        summary: 'Traffic 90% used',
        body: 'Work: 13.5 GB of 15 GB',
        replacesId: 0,
      });
      // Urgency travels as a byte hint (spec: 0 low, 1 normal, 2 critical).
      expect(seen.hints.urgency).toBe(2);
      expect(seen.sender).toMatch(/^:\d+\.\d+$/);
    });

    it('answers each notification with its own id, and a replacement keeps the id it replaces', async () => {
      const first = await notifySend(['--print-id', 'one', 'first']);
      const second = await notifySend(['--print-id', 'two', 'second']);
      const [a, b] = [Number(first.stdout.trim()), Number(second.stdout.trim())];
      expect(a).toBeGreaterThan(0);
      expect(b).not.toBe(a);
      await notifySend([`--replace-id=${a}`, 'one again', 'replaced']);
      const replaced = await daemon.waitFor((n) => n.summary === 'one again');
      expect(replaced.id).toBe(a);
      expect(daemon.received.map((n) => n.summary)).toEqual(['one', 'two', 'one again']);
      expect(daemon.received.find((n) => n.summary === 'low')).toBeUndefined();
    });

    it('low urgency is told apart from critical', async () => {
      await notifySend(['--urgency=low', 'low', 'quiet']);
      expect((await daemon.waitFor((n) => n.summary === 'low')).hints.urgency).toBe(0);
    });

    it('answers GetCapabilities, GetServerInformation and CloseNotification over the bus', async () => {
      const target = {
        destination: NOTIFICATIONS.name,
        path: NOTIFICATIONS.path,
        interface: NOTIFICATIONS.interface,
      };
      expect(await call(client, { ...target, member: 'GetCapabilities' })).toEqual(CAPABILITIES);
      const info = await call<string[]>(client, { ...target, member: 'GetServerInformation' });
      expect(info).toHaveLength(4);
      expect(info[3]).toBe('1.2');
      const id = await call<number>(client, {
        ...target,
        member: 'Notify',
        signature: 'susssasa{sv}i',
        body: ['probe', 0, '', 'closing', '', [], {}, -1],
      });
      await call(client, { ...target, member: 'CloseNotification', signature: 'u', body: [id] });
      expect(daemon.closed).toEqual([id]);
    });

    it('a second daemon on the same bus is refused: the name has one owner', async () => {
      await expect(startNotificationDaemon(client)).rejects.toThrow(/owned by another process/);
    });
  },
);
