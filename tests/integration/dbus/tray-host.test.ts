// The app's tray-host check (src/main/tray-host.ts, through dbus-send or gdbus) against the fake
// tray host on a private bus: it sees the watcher while the harness owns its name, and not after the
// harness lets it go, which is when the app keeps its window and explains how to get a tray.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sessionBusHasName, STATUS_NOTIFIER_WATCHER, trayHostAvailable } from '../../../src/main/tray-host';
import { privateBusUnavailable, startPrivateBus, type PrivateBus } from '../../support/dbus/bus';
import { startStatusNotifierWatcher } from '../../support/dbus/tray';

const skipReason = privateBusUnavailable();

describe.skipIf(skipReason !== null)(
  `tray-host check on a private bus${skipReason ? ` (skipped: ${skipReason})` : ''}`,
  () => {
    let bus: PrivateBus;
    const outer = process.env.DBUS_SESSION_BUS_ADDRESS;

    beforeEach(async () => {
      bus = await startPrivateBus();
      // The check asks "the session bus" of its environment: make that the private one.
      process.env.DBUS_SESSION_BUS_ADDRESS = bus.address;
    });
    afterEach(async () => {
      if (outer === undefined) delete process.env.DBUS_SESSION_BUS_ADDRESS;
      else process.env.DBUS_SESSION_BUS_ADDRESS = outer;
      await bus.stop();
    });

    it('finds the tray host while the harness owns org.kde.StatusNotifierWatcher, and not after', async () => {
      expect(await trayHostAvailable('linux')).toBe(false);
      const watcher = await startStatusNotifierWatcher(await bus.connect());
      expect(await sessionBusHasName(STATUS_NOTIFIER_WATCHER)).toBe('yes');
      expect(await trayHostAvailable('linux')).toBe(true);
      await watcher.stop();
      expect(await sessionBusHasName(STATUS_NOTIFIER_WATCHER)).toBe('no');
      expect(await trayHostAvailable('linux')).toBe(false);
    });
  },
);
