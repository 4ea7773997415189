// Tray-host detection against the real session bus the unit suite runs under (dbus-run-session via
// tools/with-keyring.ts): the bus itself always owns org.freedesktop.DBus, and nothing in that
// throwaway session registers a StatusNotifierWatcher, as on vanilla GNOME.
import { describe, expect, it } from 'vitest';
import { sessionBusHasName, STATUS_NOTIFIER_WATCHER, trayHostAvailable } from '../../../src/main/tray-host';

const bus = process.env.DBUS_SESSION_BUS_ADDRESS;

describe.skipIf(!bus)('on a real session bus (skipped without DBUS_SESSION_BUS_ADDRESS)', () => {
  it('sees the name the bus owns', async () => {
    expect(await sessionBusHasName('org.freedesktop.DBus')).toBe('yes');
  });

  it('finds no StatusNotifierWatcher in a bare session, so Linux has no tray host there', async () => {
    expect(await sessionBusHasName(STATUS_NOTIFIER_WATCHER)).toBe('no');
    expect(await trayHostAvailable('linux')).toBe(false);
  });
});

describe('answers from the tools', () => {
  it('reads gdbus when dbus-send is missing', async () => {
    const runner = async (command: string) => (command === 'gdbus' ? '(true,)\n' : null);
    expect(await sessionBusHasName(STATUS_NOTIFIER_WATCHER, runner)).toBe('yes');
  });

  it('is unknown when neither tool answers, and unknown keeps the tray', async () => {
    expect(await sessionBusHasName(STATUS_NOTIFIER_WATCHER, async () => null)).toBe('unknown');
    expect(await trayHostAvailable('linux', async () => 'unknown')).toBe(true);
  });

  it('never asks outside Linux', async () => {
    const asked: string[] = [];
    const hasName = async (name: string) => {
      asked.push(name);
      return 'no' as const;
    };
    expect(await trayHostAvailable('darwin', hasName)).toBe(true);
    expect(await trayHostAvailable('win32', hasName)).toBe(true);
    expect(asked).toEqual([]);
  });
});
