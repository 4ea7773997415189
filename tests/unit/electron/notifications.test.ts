// Native notifications at the mocked Electron boundary: content, click -> window on the service,
// Renew / Top up buttons -> billing (macOS and Windows only), references held until used.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { electronMock, FakeNotification } from './electron-mock';
import type { NativeNotification } from '../../../src/main/platform';

vi.mock('electron', () => electronMock);
const { createNotifier, setNotificationIdentity } = await import('../../../src/main/electron/notifications');
const { APP_ID } = await import('../../../src/main/electron/app-id');

const navigate = vi.fn();
const showWindow = vi.fn();
const alert: NativeNotification = {
  title: 'Starter: 90% used',
  body: '10 GB left, 12 days to renewal',
  serviceId: 4,
  actions: [
    { id: 'renew', label: 'Renew' },
    { id: 'topup', label: 'Top up' },
  ],
};
const last = () => FakeNotification.created.at(-1)!;

beforeEach(() => {
  FakeNotification.created.length = 0;
  vi.clearAllMocks();
  FakeNotification.isSupported.mockReturnValue(true);
});

describe('notifier', () => {
  it('logs the first failed notification once (an unsigned macOS build fails them all) and lets it go', () => {
    const logged: string[] = [];
    const notifier = createNotifier({
      platform: 'darwin',
      navigate,
      showWindow,
      logFailure: (m) => void logged.push(m),
    });
    notifier.notify(alert);
    last().emit('failed', {}, 'Notifications are not allowed for this application');
    notifier.notify(alert);
    last().emit('failed', {}, 'Notifications are not allowed for this application');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain('Notifications are not allowed for this application');
    expect(notifier.live()).toBe(0);
  });

  it('shows the title and body, and a click opens the window on that service', () => {
    const notifier = createNotifier({ platform: 'linux', navigate, showWindow });
    notifier.notify(alert);
    expect(last().shown).toBe(true);
    expect(last().options).toMatchObject({ title: alert.title, body: alert.body });
    expect(navigate).not.toHaveBeenCalled();
    last().emit('click', {});
    expect(navigate).toHaveBeenCalledWith({ page: 'services', serviceId: 4 });
    expect(showWindow).toHaveBeenCalledTimes(1);
    // navigate first, so the window opens on the page rather than flashing the dashboard
    expect(navigate.mock.invocationCallOrder[0]).toBeLessThan(showWindow.mock.invocationCallOrder[0]!);
  });

  it('a notification about no particular service opens the dashboard, or the given target', () => {
    const notifier = createNotifier({ platform: 'linux', navigate, showWindow });
    notifier.notify({ ...alert, serviceId: null, actions: [] });
    last().emit('click', {});
    expect(navigate).toHaveBeenLastCalledWith({ page: 'dashboard' });
    notifier.notify({ ...alert, serviceId: null, actions: [] }, { page: 'settings' });
    last().emit('click', {});
    expect(navigate).toHaveBeenLastCalledWith({ page: 'settings' });
  });

  it.each(['darwin', 'win32'] as const)(
    '%s: Renew and Top up buttons open billing with the action',
    (platform) => {
      const notifier = createNotifier({ platform, navigate, showWindow });
      notifier.notify(alert);
      expect(last().options.actions).toEqual([
        { type: 'button', text: 'Renew' },
        { type: 'button', text: 'Top up' },
      ]);
      last().emit('action', { actionIndex: 1 }, 1);
      expect(navigate).toHaveBeenLastCalledWith({ page: 'billing', serviceId: 4, action: 'topup' });
      notifier.notify(alert);
      last().emit('action', { actionIndex: 0 }, 0);
      expect(navigate).toHaveBeenLastCalledWith({ page: 'billing', serviceId: 4, action: 'renew' });
      expect(showWindow).toHaveBeenCalledTimes(2);
    },
  );

  it('Linux: no buttons', () => {
    createNotifier({ platform: 'linux', navigate, showWindow }).notify(alert);
    expect(last().options.actions).toBeUndefined();
  });

  it('holds each notification until it is clicked, actioned or closed, and bounds the set', () => {
    const notifier = createNotifier({ platform: 'darwin', navigate, showWindow });
    notifier.notify(alert);
    notifier.notify(alert);
    notifier.notify(alert);
    expect(notifier.live()).toBe(3);
    FakeNotification.created[0]!.emit('click', {});
    FakeNotification.created[1]!.close();
    FakeNotification.created[2]!.emit('action', { actionIndex: 0 }, 0);
    expect(notifier.live()).toBe(0);
    for (let i = 0; i < 40; i += 1) notifier.notify(alert);
    expect(notifier.live()).toBe(16);
  });

  it('does nothing where notifications are unsupported', () => {
    FakeNotification.isSupported.mockReturnValue(false);
    const notifier = createNotifier({ platform: 'linux', navigate, showWindow });
    notifier.notify(alert);
    expect(FakeNotification.created).toHaveLength(0);
    expect(notifier.live()).toBe(0);
  });
});

describe('Windows identity', () => {
  it('sets the AppUserModelID on Windows only', () => {
    setNotificationIdentity('linux');
    setNotificationIdentity('darwin');
    expect(electronMock.app.setAppUserModelId).not.toHaveBeenCalled();
    setNotificationIdentity('win32');
    expect(electronMock.app.setAppUserModelId).toHaveBeenCalledWith('dev.xmplus.tray');
    expect(APP_ID).toBe('dev.xmplus.tray');
  });
});
