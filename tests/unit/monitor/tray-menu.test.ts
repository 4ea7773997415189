// The tray menu's model: what the native menu shows (electron/tray.ts maps it entry for entry).
// Grouping by profile, order, each service's own commands for any profile, and its words.
import { describe, expect, it } from 'vitest';
import { trayMenu, runTrayAction, type TrayMenuEntry } from '../../../src/main/monitor/tray-menu';
import { trayLabels } from '../../../src/main/monitor/summary';
import { ENGLISH, mainText } from '../../../src/main/i18n';
import type { TrayState } from '../../../src/main/platform';

const state = (patch: Partial<TrayState> = {}): TrayState => ({
  signedIn: true,
  refreshing: false,
  level: 'ok',
  fraction: 0.5,
  tooltip: '',
  profiles: [{ id: 'p1', name: 'Home', signedIn: true, hasData: true, note: null }],
  services: [
    { profileId: 'p1', id: 4, label: 'Starter #4 — 50 GB of 100 GB used · 12 days left', hasSublink: true },
    { profileId: 'p1', id: 7, label: 'Family #7 — 1 GB of 1 TB used · 40 days left', hasSublink: false },
  ],
  labels: trayLabels(ENGLISH, 'XMPlus Tray'),
  ...patch,
});

/** The tree as indented text lines: "-" a separator, "(x)" disabled, "> " an action. */
function outline(entries: readonly TrayMenuEntry[], depth = 0): string[] {
  return entries.flatMap((e) => {
    const pad = '  '.repeat(depth);
    if (e.type === 'separator') return [`${pad}-`];
    const action = e.action ? ` > ${Object.values(e.action).join(' ')}` : '';
    const line = `${pad}${e.enabled ? '' : '(x) '}${e.label}${action}`;
    return [line, ...(e.submenu ? outline(e.submenu, depth + 1) : [])];
  });
}

const several = state({
  profiles: [
    { id: 'w', name: 'Work', signedIn: true, hasData: true, note: null },
    {
      id: 'h',
      name: 'Home',
      signedIn: true,
      hasData: true,
      note: 'Last refresh failed: The panel did not answer.',
    },
    { id: 'o', name: 'Old', signedIn: false, hasData: false, note: 'Signed out' },
  ],
  services: [
    { profileId: 'w', id: 1, label: 'Pro #1', hasSublink: true },
    // The same service id on another panel is another service.
    { profileId: 'h', id: 1, label: 'Lite #1', hasSublink: true },
    { profileId: 'h', id: 2, label: 'Extra #2', hasSublink: false },
  ],
  imports: [
    { profileId: 'h', serviceId: 1, label: 'Import into Clash Verge Rev' },
    { profileId: 'w', serviceId: 1, label: 'Import into sing-box' },
  ],
});

describe('trayMenu', () => {
  it('one profile: its services at the top, each opening copy / export, then refresh, open, quit', () => {
    expect(outline(trayMenu(state()))).toEqual([
      'Starter #4 — 50 GB of 100 GB used · 12 days left',
      '  Copy subscription link > copy-sublink p1 4',
      '  Export… > export p1 4',
      'Family #7 — 1 GB of 1 TB used · 40 days left',
      '  (x) Copy subscription link > copy-sublink p1 7',
      '  Export… > export p1 7',
      '-',
      'Refresh now > refresh',
      '-',
      'Open XMPlus Tray > open',
      'Quit > quit',
    ]);
  });

  it('several profiles: a submenu per profile in their order, headed by its name and why it is old', () => {
    expect(outline(trayMenu(several))).toEqual([
      'Work',
      '  Pro #1',
      '    Copy subscription link > copy-sublink w 1',
      '    Export… > export w 1',
      '    Import into sing-box > import w 1',
      'Home — Last refresh failed: The panel did not answer.',
      '  (x) Last refresh failed: The panel did not answer.',
      '  Lite #1',
      '    Copy subscription link > copy-sublink h 1',
      '    Export… > export h 1',
      '    Import into Clash Verge Rev > import h 1',
      '  Extra #2',
      '    (x) Copy subscription link > copy-sublink h 2',
      '    Export… > export h 2',
      'Old — Signed out',
      '  (x) Signed out',
      '-',
      'Refresh now > refresh',
      '-',
      'Open XMPlus Tray > open',
      'Quit > quit',
    ]);
  });

  it('many profiles and plans: the top level stays one line per profile plus the commands', () => {
    const profiles = Array.from({ length: 8 }, (_, i) => ({
      id: `p${i}`,
      name: `Account ${i}`,
      signedIn: true,
      hasData: true,
      note: null,
    }));
    const services = profiles.flatMap((p) =>
      [1, 2, 3, 4, 5].map((id) => ({ profileId: p.id, id, label: `Plan #${id}`, hasSublink: true })),
    );
    const menu = trayMenu(state({ profiles, services }));
    expect(menu).toHaveLength(8 + 5);
    const third = menu[2]!;
    expect(third).toMatchObject({ type: 'item', role: 'profile', label: 'Account 2' });
    if (third.type !== 'item') throw new Error('not an item');
    expect(third.submenu).toHaveLength(5);
  });

  it('no profile: "Not signed in", refresh disabled; a signed-in profile without plans: "No services"', () => {
    const out = trayMenu(state({ signedIn: false, profiles: [], services: [] }));
    expect(outline(out).slice(0, 3)).toEqual(['(x) Not signed in', '-', '(x) Refresh now > refresh']);
    expect(outline(trayMenu(state({ services: [] })))[0]).toBe('(x) No services');
  });

  it('no data yet, not updated, and no services are three different lines', () => {
    const profiles: TrayState['profiles'] = [
      { id: 'n', name: 'New', signedIn: true, hasData: false, note: null },
      {
        id: 'f',
        name: 'Failing',
        signedIn: true,
        hasData: false,
        note: 'Not updated: The panel did not answer.',
      },
      { id: 'e', name: 'Empty', signedIn: true, hasData: true, note: null },
      { id: 's', name: 'Stale', signedIn: true, hasData: true, note: 'Last refresh failed: Timed out.' },
      { id: 'o', name: 'Old', signedIn: false, hasData: false, note: 'Signed out' },
    ];
    expect(outline(trayMenu(state({ profiles, services: [] }))).slice(0, 12)).toEqual([
      'New — No data yet',
      '  (x) No data yet',
      'Failing — Not updated: The panel did not answer.',
      '  (x) Not updated: The panel did not answer.',
      'Empty',
      '  (x) No services',
      'Stale — Last refresh failed: Timed out.',
      '  (x) Last refresh failed: Timed out.',
      '  (x) No services',
      'Old — Signed out',
      '  (x) Signed out',
      '-',
    ]);
    // One profile: the same lines at the top level.
    const one = (profile: TrayState['profiles'][number]) =>
      outline(trayMenu(state({ profiles: [profile], services: [] }))).slice(0, 2);
    expect(one(profiles[0]!)).toEqual(['(x) No data yet', '-']);
    expect(one(profiles[1]!)).toEqual(['(x) Not updated: The panel did not answer.', '-']);
    expect(one(profiles[2]!)).toEqual(['(x) No services', '-']);
  });

  it('"No data yet" and "No services" in every language', () => {
    const words = ['en', 'zh-CN', 'fa', 'ru'].map((language) => {
      const labels = trayLabels(mainText(language, 'en-US'), 'XMPlus Tray');
      const first = (hasData: boolean) =>
        outline(
          trayMenu(
            state({
              labels,
              profiles: [{ id: 'p1', name: 'Home', signedIn: true, hasData, note: null }],
              services: [],
            }),
          ),
        )[0];
      return [first(false), first(true)];
    });
    expect(words).toEqual([
      ['(x) No data yet', '(x) No services'],
      ['(x) 暂无数据', '(x) 没有服务'],
      ['(x) هنوز داده‌ای نیست', '(x) سرویسی ندارید'],
      ['(x) Данных пока нет', '(x) Нет услуг'],
    ]);
  });

  it('while refreshing, the refresh entry says so and is disabled', () => {
    expect(outline(trayMenu(state({ refreshing: true })))).toContain('(x) Refreshing… > refresh');
  });

  it("in the user's language (Persian)", () => {
    const fa = mainText('fa', 'en-US');
    const menu = outline(trayMenu(state({ labels: trayLabels(fa, 'XMPlus Tray') })));
    expect(menu).toContain('  کپی پیوند اشتراک > copy-sublink p1 4');
    expect(menu).toContain('  خروجی… > export p1 4');
    expect(menu.slice(-4)).toEqual([
      'به‌روزرسانی اکنون > refresh',
      '-',
      'باز کردن XMPlus Tray > open',
      'خروج > quit',
    ]);
  });
});

describe('runTrayAction', () => {
  it('hands each action, with its profile and service, to the core', async () => {
    const calls: unknown[][] = [];
    const handlers = {
      refresh: async () => void calls.push(['refresh']),
      copySublink: async (...args: unknown[]) => (calls.push(['copy', ...args]), true),
      exportAll: async (...args: unknown[]) => void calls.push(['export', ...args]),
      importInto: async (...args: unknown[]) => (calls.push(['import', ...args]), true),
      openWindow: () => void calls.push(['open']),
      quit: () => void calls.push(['quit']),
    };
    runTrayAction({ kind: 'refresh' }, handlers);
    runTrayAction({ kind: 'copy-sublink', profileId: 'h', serviceId: 1 }, handlers);
    runTrayAction({ kind: 'export', profileId: 'w', serviceId: 3 }, handlers);
    runTrayAction({ kind: 'import', profileId: 'h', serviceId: 2 }, handlers);
    runTrayAction({ kind: 'open' }, handlers);
    runTrayAction({ kind: 'quit' }, handlers);
    await Promise.resolve();
    expect(calls).toEqual([
      ['refresh'],
      ['copy', 1, 'h'],
      ['export', 3, 'w'],
      ['import', 2, null, 'h'],
      ['open'],
      ['quit'],
    ]);
  });
});
