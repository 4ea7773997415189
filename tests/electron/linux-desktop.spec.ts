// The Linux desktop proven over D-Bus: the built app runs under the real Electron binary on a private
// session bus where the test harness (tests/support/dbus) is the tray host and the notification
// daemon. What Electron sends there is what a panel and a daemon would get: the StatusNotifierItem,
// its dbusmenu, the icon's pixels, each Notify. The simulator is the panel, driven through its admin
// endpoints. Skipped, with the reason, off Linux, without dbus-daemon or without the Electron binary.
import { test, expect, type ElectronApplication, type Page } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startPanelSim, type PanelSim } from '../../tools/panel-sim/index';
import { LEVEL_COLOURS } from '../../src/main/monitor/gauge';
import { HIDDEN_ARG } from '../../src/main/xdg-autostart';
import { privateBusUnavailable, startPrivateBus, type PrivateBus } from '../support/dbus/bus';
import {
  startNotificationDaemon,
  type NotificationDaemon,
  type RecordedNotification,
} from '../support/dbus/notifications';
import {
  dominantColour,
  findMenuNode,
  iconImage,
  menuLabels,
  startStatusNotifierWatcher,
  type MenuNode,
  type StatusNotifierWatcherFake,
  type TrayItem,
} from '../support/dbus/tray';
import {
  GB,
  calmDemo,
  devRunSkip,
  freshProfile,
  launchDevRun,
  root,
  signIn,
  simAdmin,
  unlessRequired,
} from './app';

// Off Linux this spec has nothing to prove; on Linux, where CI requires the suite, a missing
// dbus-daemon fails it like a missing binary.
const skip =
  process.platform === 'linux'
    ? (unlessRequired(privateBusUnavailable()) ?? devRunSkip)
    : privateBusUnavailable();

/** Chromium sends the icon as pixels except on GNOME and Pantheon (a PNG file): keep it to pixels. */
const DESKTOP_ENV = { XDG_CURRENT_DESKTOP: 'XFCE', DESKTOP_SESSION: 'xfce' };
const REFRESH = 'Refresh now';
/** Plan 9 as the menu lists it, and the package name its alerts carry (plan 7 is a Pro 200 too, far from any threshold). */
const SERVICE_9 = 'Pro 200 #9';
const PACKAGE_9 = 'Pro 200';
/** A plan's own line in the menu, "StarterPack #4 — 10 GB of 150 GB · …" (not "Import … #4 into …"). */
const PLAN_LINE = / #(4|7|9) — /;

interface Desktop {
  bus: PrivateBus;
  daemon: NotificationDaemon;
  watcher: StatusNotifierWatcherFake | null;
}

async function startDesktop({ tray }: { tray: boolean }): Promise<Desktop> {
  const bus = await startPrivateBus();
  const host = await bus.connect();
  const daemon = await startNotificationDaemon(host);
  const watcher = tray ? await startStatusNotifierWatcher(host) : null;
  return { bus, daemon, watcher };
}

async function stopDesktop(desktop: Desktop | undefined): Promise<void> {
  if (!desktop) return;
  await desktop.watcher?.stop();
  await desktop.daemon.stop();
  await desktop.bus.stop();
}

async function menuRoot(item: TrayItem): Promise<MenuNode> {
  return (await item.menu()).root;
}

/** The level colour of the tray icon now. */
async function iconColour(item: TrayItem): Promise<readonly number[] | null> {
  const image = iconImage(await item.properties());
  return image ? dominantColour(image) : null;
}

/** Clicks "Refresh now" in the tray's own menu and waits until the panel was asked again. */
async function refreshFromTray(item: TrayItem, sim: PanelSim): Promise<void> {
  const before = await accountInfoRequests(sim);
  const entry = findMenuNode(await menuRoot(item), (label) => label === REFRESH);
  expect(entry, 'the tray menu has "Refresh now"').not.toBeNull();
  await item.click(entry!.id);
  await expect.poll(() => accountInfoRequests(sim)).toBeGreaterThan(before);
  // Done when the entry reads "Refresh now" again and can be clicked.
  await expect
    .poll(async () => findMenuNode(await menuRoot(item), (label) => label === REFRESH)?.enabled ?? false)
    .toBe(true);
}

async function accountInfoRequests(sim: PanelSim): Promise<number> {
  const stats = (await simAdmin(sim, 'stats')) as { requests: Record<string, number> };
  return stats.requests['/api/client/account/info'] ?? 0;
}

/** "Pro 200: 80% of traffic used" (alert.traffic.title); not the forecast's "traffic may run out early". */
const isTrafficAlert = (n: RecordedNotification) =>
  n.summary.includes(PACKAGE_9) && /of traffic used/.test(n.summary);

test.describe('Linux desktop over D-Bus', () => {
  test.skip(skip !== null, skip ?? '');

  let desktop: Desktop | undefined;
  let app: ElectronApplication | undefined;
  const sims: PanelSim[] = [];

  test.afterEach(async () => {
    await app?.close().catch(() => undefined);
    app = undefined;
    await stopDesktop(desktop);
    desktop = undefined;
    for (const sim of sims.splice(0)) await sim.close();
  });

  async function start(tray = true): Promise<{ page: Page; sim: PanelSim }> {
    const sim = await startPanelSim();
    sims.push(sim);
    await calmDemo(sim);
    desktop = await startDesktop({ tray });
    app = await launchDevRun({ env: { DBUS_SESSION_BUS_ADDRESS: desktop.bus.address, ...DESKTOP_ENV } });
    return { page: await app.firstWindow(), sim };
  }

  test('the real tray item appears: registered by bus name, Active, with an icon, a tooltip and a menu', async () => {
    await start();
    const item = await desktop!.watcher!.waitForItem();
    expect(item.registration.argument).toMatch(/^org\.freedesktop\.StatusNotifierItem-\d+-\d+$/);
    expect(item.registration.path).toBe('/StatusNotifierItem');
    const props = await item.properties();
    expect(props.status).toBe('Active');
    expect(props.menu).toMatch(/^\//);
    // "Not signed in" before the core's first state, then the provider's name and "No data yet".
    expect(props.toolTip.title).toMatch(/Not signed in|No data yet/);
    expect(iconImage(props), 'the icon has pixels').not.toBeNull();
    const labels = menuLabels(await menuRoot(item));
    expect(labels).toContain('Not signed in');
    expect(labels).toContain('Quit');
  });

  test("its menu holds the services grouped by profile, under each profile's name", async () => {
    const { page, sim } = await start();
    const second = await startPanelSim();
    sims.push(second);
    await calmDemo(second);
    await signIn(page, sim, 'Work');
    await signIn(page, second, 'Home');
    const item = await desktop!.watcher!.waitForItem();

    // Each profile is a submenu at the top, headed by its name, holding its three plans.
    const group = (root: MenuNode, name: string) =>
      root.children.find((c) => c.visible && (c.label === name || c.label.startsWith(`${name} `))) ?? null;
    const plansIn = (node: MenuNode | null) =>
      (node?.children ?? []).filter((c) => c.visible && PLAN_LINE.test(c.label));
    await expect
      .poll(async () => {
        const root = await menuRoot(item);
        return [plansIn(group(root, 'Work')).length, plansIn(group(root, 'Home')).length];
      })
      .toEqual([3, 3]);
    const root = await menuRoot(item);
    expect(
      menuLabels(root).filter((l) => PLAN_LINE.test(l)),
      'no plan line at the top',
    ).toEqual([]);
    for (const name of ['Work', 'Home']) {
      const heading = group(root, name)!;
      expect(heading.childrenDisplay, `${name} opens a submenu`).toBe('submenu');
      // A plan line opens its own commands: copy its link, export it.
      for (const plan of plansIn(heading)) {
        expect(plan.childrenDisplay, plan.label).toBe('submenu');
        expect(menuLabels(plan)).toEqual(expect.arrayContaining(['Copy subscription link', 'Export…']));
      }
    }
  });

  test('its icon changes when usage crosses a threshold: green, then amber, seen through NewIcon', async () => {
    const { page, sim } = await start();
    await signIn(page, sim, 'Work');
    const item = await desktop!.watcher!.waitForItem();
    await expect.poll(() => iconColour(item)).toEqual([...LEVEL_COLOURS.ok]);

    const from = item.signals.seen.length;
    // 170 GB of 200 GB: 85%, past the 80% threshold.
    await simAdmin(sim, 'setUsage', { sid: 9, usedBytes: 170 * GB });
    await refreshFromTray(item, sim);
    await item.signals.waitFor((s) => s.member === 'NewIcon', { from });
    await expect.poll(() => iconColour(item)).toEqual([...LEVEL_COLOURS.warning]);
  });

  test('a real notification arrives once per crossing, naming the profile', async () => {
    const { page, sim } = await start();
    await signIn(page, sim, 'Work');
    const item = await desktop!.watcher!.waitForItem();
    const daemon = desktop!.daemon;
    await expect
      .poll(async () => menuLabels(await menuRoot(item)).some((l) => l.includes(SERVICE_9)))
      .toBe(true);
    expect(daemon.received.filter(isTrafficAlert)).toEqual([]);

    // Past 80%: one notification.
    await simAdmin(sim, 'setUsage', { sid: 9, usedBytes: 170 * GB });
    await refreshFromTray(item, sim);
    const first = await daemon.waitFor(isTrafficAlert);
    expect(first.appName).toBe('XMPlus Tray');
    expect(`${first.summary}\n${first.body}`).toContain('Work');

    // The same usage again: nothing new. Then past 90%: one more. Notifications travel in order on
    // one connection, so a repeat of the first would have arrived before the second.
    await refreshFromTray(item, sim);
    await simAdmin(sim, 'setUsage', { sid: 9, usedBytes: 184 * GB });
    await refreshFromTray(item, sim);
    const second = await daemon.waitFor(isTrafficAlert, {
      from: daemon.received.indexOf(first) + 1,
    });
    expect(second.summary).not.toBe(first.summary);
    expect(daemon.received.filter(isTrafficAlert)).toEqual([first, second]);
  });

  test('with no tray host on the bus, the app keeps its window, even started hidden, and explains once', async () => {
    const sim = await startPanelSim();
    sims.push(sim);
    desktop = await startDesktop({ tray: false });
    const profile = freshProfile();
    const dialogs = join(profile, 'dialogs.jsonl');
    const env = {
      DBUS_SESSION_BUS_ADDRESS: desktop.bus.address,
      ...DESKTOP_ENV,
      XMPLUS_CONFIG_DIR: profile,
      XMPLUS_TEST_DIALOG_LOG: dialogs,
    };
    const preload = [join(root, 'tests', 'electron', 'hooks', 'record-dialogs.cjs')];
    const shown = () =>
      existsSync(dialogs)
        ? readFileSync(dialogs, 'utf8')
            .trim()
            .split('\n')
            .map((line) => JSON.parse(line) as { title: string; detail: string })
        : [];

    app = await launchDevRun({ env, args: [HIDDEN_ARG], preload });
    const window = await app.firstWindow();
    await expect.poll(() => window.url()).toMatch(/^app:\/\/renderer\//);
    await expect.poll(() => shown().length).toBe(1);
    expect(shown()[0]!.title).toBe('No tray icons on this desktop');
    expect(shown()[0]!.detail).toMatch(/AppIndicator/);
    expect(desktop.daemon.received).toEqual([]);

    // Closing the window is the way out where there is no tray.
    // Closed from the main process, as the window's close button does; the app may be gone before
    // the evaluation answers.
    const closed = new Promise((resolve) => app!.once('close', () => resolve(undefined)));
    await app
      .evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().forEach((w) => w.close()))
      .catch(() => undefined);
    await closed;
    app = undefined;

    // The next start keeps the window and says nothing more.
    app = await launchDevRun({ env, args: [HIDDEN_ARG], preload });
    const again = await app.firstWindow();
    await expect.poll(() => again.url()).toMatch(/^app:\/\/renderer\//);
    expect(shown()).toHaveLength(1);
  });
});
