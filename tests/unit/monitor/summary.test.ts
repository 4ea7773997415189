// Tooltip, tray menu model and the Waybar status line.
import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS } from '../../../src/main/monitor/alerts';
import {
  WINDOWS_TOOLTIP_MAX,
  profilesTooltipText,
  serviceLine,
  tooltipText,
  trayMenuModel,
  waybarStatus,
  type ProfileSummary,
} from '../../../src/main/monitor/summary';
import type { Snapshot } from '../../../src/shared/domain';
import { appError } from '../../../src/shared/errors';
import { ENGLISH as EN, formatBytes, mainText } from '../../../src/main/i18n';
import { DAY, GB, HOUR, T0, makeService, makeSnapshot } from '../../support/service';

const NOW = T0 + 5 * 60_000;

describe('formatting', () => {
  it('sizes and service lines', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(100 * GB)).toBe('100 GB');
    expect(formatBytes(2 * 1024 * GB)).toBe('2 TB');
    // Rounded before the unit is chosen, as the window does: not "1024 MB".
    expect(formatBytes(1023.96 * 1024 ** 2)).toBe('1 GB');
    const s = makeService({ usedBytes: Math.round(45.2 * GB), expiresAt: NOW + 12.5 * DAY });
    expect(serviceLine(EN, s, NOW)).toBe('StarterPack #4 — 45.2 GB of 100 GB used · 12 days left');
    expect(serviceLine(EN, { ...s, expiresAt: NOW + 31.5 * HOUR }, NOW)).toBe(
      'StarterPack #4 — 45.2 GB of 100 GB used · 31 h left',
    );
    expect(serviceLine(EN, { ...s, expiresAt: NOW - HOUR }, NOW)).toBe(
      'StarterPack #4 — 45.2 GB of 100 GB used · expired',
    );
    expect(serviceLine(EN, { ...s, totalBytes: 0, expiresAt: null }, NOW)).toBe(
      'StarterPack #4 — 45.2 GB used, unlimited · no expiry',
    );
  });
});

describe('tooltipText', () => {
  const snapshot = makeSnapshot([makeService({ usedBytes: 50 * GB, expiresAt: NOW + 3 * DAY })], T0);

  it('lists services, the update time and the last error', () => {
    expect(tooltipText(EN, snapshot, NOW)).toBe(
      'XMPlus\nStarterPack #4 — 50 GB of 100 GB used · 3 days left\nUpdated 5 min ago',
    );
    expect(
      tooltipText(EN, snapshot, NOW, { error: appError('network', 'Could not reach the panel.') }),
    ).toContain('\nLast refresh failed: Could not reach the panel.');
    expect(tooltipText(EN, null, NOW)).toBe('XMPlus\nNo data yet');
  });

  it('fits the Windows limit when asked', () => {
    const many = makeSnapshot(
      [1, 2, 3, 4].map((id) => makeService({ id, packageName: `Plan number ${id}` })),
      T0,
    );
    const text = tooltipText(EN, many, NOW, { maxLength: WINDOWS_TOOLTIP_MAX });
    expect(text.length).toBe(WINDOWS_TOOLTIP_MAX);
    expect(text.endsWith('…')).toBe(true);
  });
});

/** One profile, as the tray sees it. */
const one = (snapshot: Snapshot | null, extra: Partial<ProfileSummary> = {}) => [
  { id: 'p1', name: 'Home', snapshot, error: null, ...extra },
];

describe('trayMenuModel', () => {
  it('one line per service, status, then the actions', () => {
    const a = makeService({ id: 1, packageName: 'A', usedBytes: 90 * GB });
    const b = makeService({ id: 2, packageName: 'B', sublink: '' });
    const items = trayMenuModel(EN, one(makeSnapshot([a, b], T0)), DEFAULT_THRESHOLDS, NOW);
    expect(items.filter((i) => i.type === 'service').map((i) => [i.serviceId, i.level])).toEqual([
      [1, 'warning'],
      [2, 'ok'],
    ]);
    expect(items.filter((i) => i.type === 'action').map((i) => [i.id, i.label, i.enabled])).toEqual([
      ['refresh', 'Refresh now', true],
      ['copy-sublink', 'Copy subscription link', true],
      ['export', 'Export…', true],
      ['open', 'Open', true],
      ['quit', 'Quit', true],
    ]);
    expect(items.some((i) => i.type === 'status' && i.label === 'Updated 5 min ago')).toBe(true);
  });

  it('tells same-named plans apart by id', () => {
    const twins = makeSnapshot(
      [makeService({ id: 7, packageName: 'Pro' }), makeService({ id: 9, packageName: 'Pro' })],
      T0,
    );
    const labels = trayMenuModel(EN, one(twins), DEFAULT_THRESHOLDS, NOW).flatMap((i) =>
      'label' in i ? [i.label] : [],
    );
    expect(new Set(labels.filter((l) => l.startsWith('Pro'))).size).toBe(2);
    expect(labels).toContain('Copy subscription link — Pro #7');
  });

  it('names the plan on each copy item when several have links; disables refresh while refreshing', () => {
    const items = trayMenuModel(
      EN,
      one(
        makeSnapshot(
          [makeService({ id: 1, packageName: 'A' }), makeService({ id: 2, packageName: 'B' })],
          T0,
        ),
      ),
      DEFAULT_THRESHOLDS,
      NOW,
      { refreshing: true },
    );
    const actions = items.flatMap((i) => (i.type === 'action' ? [i] : []));
    expect(actions.find((i) => i.id === 'refresh')).toMatchObject({ label: 'Refreshing…', enabled: false });
    expect(actions.filter((i) => i.id === 'copy-sublink').map((i) => [i.label, i.serviceId])).toEqual([
      ['Copy subscription link — A #1', 1],
      ['Copy subscription link — B #2', 2],
    ]);
  });

  it('signed out: no data, refresh and export disabled, Open and Quit still there', () => {
    const items = trayMenuModel(EN, one(null, { signedIn: false }), DEFAULT_THRESHOLDS, NOW);
    expect(items[0]).toEqual({ type: 'status', profileId: 'p1', label: 'Signed out', enabled: false });
    const enabled = Object.fromEntries(
      items.flatMap((i) => (i.type === 'action' ? [[i.id, i.enabled]] : [])),
    );
    expect(enabled).toEqual({ refresh: false, 'copy-sublink': false, export: false, open: true, quit: true });
  });
});

describe('trayMenuModel over several profiles', () => {
  const work = makeSnapshot([makeService({ id: 1, packageName: 'Pro', usedBytes: 95 * GB })], T0, {
    profileId: 'work',
  });
  const home = makeSnapshot(
    [makeService({ id: 1, packageName: 'Lite' }), makeService({ id: 2, packageName: 'Extra', sublink: '' })],
    T0,
    { profileId: 'home' },
  );
  const profiles = [
    { id: 'work', name: 'Work', snapshot: work, error: null },
    { id: 'home', name: 'Home', snapshot: home, error: appError('network', 'The panel did not answer.') },
    { id: 'old', name: 'Old', snapshot: null, error: null, signedIn: false },
  ];
  const items = trayMenuModel(EN, profiles, DEFAULT_THRESHOLDS, NOW);

  it("groups each profile's services under a heading with its name, in the profiles' order", () => {
    const lines = items.flatMap((i) =>
      i.type === 'profile' ? [`# ${i.label}`] : i.type === 'service' ? [`${i.profileId}/${i.serviceId}`] : [],
    );
    expect(lines).toEqual(['# Work', 'work/1', '# Home', 'home/1', 'home/2', '# Old']);
    // The same service id on two panels stays two lines, each with its own level.
    const levels = items.flatMap((i) => (i.type === 'service' ? [[i.profileId, i.level]] : []));
    expect(levels).toEqual([
      ['work', 'critical'],
      ['home', 'ok'],
      ['home', 'ok'],
    ]);
  });

  it('says under each profile why its data is old, and only there', () => {
    const statuses = items.flatMap((i) => (i.type === 'status' ? [[i.profileId, i.label]] : []));
    expect(statuses).toEqual([
      ['work', 'Updated 5 min ago'],
      ['home', 'Updated 5 min ago'],
      ['home', 'Last refresh failed: The panel did not answer.'],
      ['old', 'Signed out'],
    ]);
  });

  it('copy and export act per profile, named with the profile', () => {
    const actions = items.flatMap((i) => (i.type === 'action' ? [i] : []));
    expect(
      actions.filter((i) => i.id === 'copy-sublink').map((i) => [i.label, i.profileId, i.serviceId]),
    ).toEqual([
      ['Copy subscription link — Work — Pro #1', 'work', 1],
      ['Copy subscription link — Home — Lite #1', 'home', 1],
    ]);
    expect(actions.filter((i) => i.id === 'export').map((i) => [i.label, i.profileId])).toEqual([
      ['Export… Work', 'work'],
      ['Export… Home', 'home'],
    ]);
    expect(actions.find((i) => i.id === 'refresh')?.enabled).toBe(true);
  });

  it('the tooltip names every profile, each with its lines and its failure', () => {
    const tooltip = profilesTooltipText(EN, profiles, NOW, { appName: 'XMPlus' }).split('\n');
    expect(tooltip).toEqual([
      'XMPlus',
      'Work:',
      `  ${serviceLine(EN, work.services[0]!, NOW)}`,
      '  Updated 5 min ago',
      'Home:',
      `  ${serviceLine(EN, home.services[0]!, NOW)}`,
      `  ${serviceLine(EN, home.services[1]!, NOW)}`,
      '  Updated 5 min ago',
      '  Last refresh failed: The panel did not answer.',
      'Old:',
      '  No data yet',
    ]);
    // One profile reads as it always did.
    expect(profilesTooltipText(EN, profiles.slice(0, 1), NOW)).toBe(tooltipText(EN, work, NOW));
    // The tray's compact form: a line per profile with its most urgent plan, a mark when failing.
    expect(
      profilesTooltipText(EN, profiles, NOW, { appName: 'XMPlus', compact: DEFAULT_THRESHOLDS }).split('\n'),
    ).toEqual([
      'XMPlus',
      `Work: ${serviceLine(EN, work.services[0]!, NOW)}`,
      `Home: ${serviceLine(EN, home.services[0]!, NOW)} ⚠`,
      'Old: No data yet',
    ]);
  });
});

describe('waybarStatus', () => {
  it('shows the most urgent plan, its level as class and its used percent', () => {
    const calm = makeService({ id: 1, usedBytes: 10 * GB, expiresAt: NOW + 20 * DAY });
    const urgent = makeService({ id: 2, usedBytes: Math.round(91.6 * GB), expiresAt: NOW + 12.2 * DAY });
    const status = waybarStatus(EN, makeSnapshot([calm, urgent], T0), DEFAULT_THRESHOLDS, NOW);
    expect({ ...status, tooltip: undefined }).toEqual({
      text: '91% · 12d',
      tooltip: undefined,
      class: 'warning',
      percentage: 92,
    });
    expect(status.tooltip.split('\n')).toHaveLength(4);
    expect(JSON.stringify(status)).not.toContain('\n'); // one line for Waybar
  });

  it('critical under a day, hours under 48 h', () => {
    const s = makeService({ usedBytes: 20 * GB, expiresAt: NOW + 20 * HOUR });
    expect(waybarStatus(EN, makeSnapshot([s], T0), DEFAULT_THRESHOLDS, NOW)).toMatchObject({
      text: '20% · 20h',
      class: 'critical',
      percentage: 20,
    });
  });

  it('expired, no data, and a failed refresh with old data', () => {
    const expired = makeService({ expiresAt: NOW - DAY, usedBytes: 5 * GB });
    expect(waybarStatus(EN, makeSnapshot([expired], T0), DEFAULT_THRESHOLDS, NOW)).toMatchObject({
      text: 'expired',
      class: 'expired',
      percentage: 100,
    });
    const error = appError('auth', 'Signed out: sign in again.');
    expect(waybarStatus(EN, null, DEFAULT_THRESHOLDS, NOW, error)).toEqual({
      text: '?',
      tooltip: 'XMPlus\nNot updated: Signed out: sign in again.',
      class: 'error',
      percentage: 0,
    });
    const stale = waybarStatus(EN, makeSnapshot([makeService()], T0), DEFAULT_THRESHOLDS, NOW, error);
    expect(stale.class).toBe('ok');
    expect(stale.tooltip).toContain('Last refresh failed: Signed out: sign in again.');
  });
});

describe('in other languages', () => {
  const s = makeService({ usedBytes: Math.round(45.2 * GB), expiresAt: NOW + 12.5 * DAY });
  const snapshot = makeSnapshot([s], T0);

  it('zh-CN: service line, tooltip and menu', () => {
    const zh = mainText('zh-CN', 'en-US');
    expect(serviceLine(zh, s, NOW)).toBe('StarterPack #4 — 已用 45.2 GB / 100 GB · 剩余 12 天');
    expect(tooltipText(zh, snapshot, NOW, { appName: 'XMPlus' })).toBe(
      'XMPlus\nStarterPack #4 — 已用 45.2 GB / 100 GB · 剩余 12 天\n5 分钟前更新',
    );
    const actions = trayMenuModel(zh, one(snapshot), DEFAULT_THRESHOLDS, NOW).flatMap((i) =>
      i.type === 'action' ? [i.label] : [],
    );
    expect(actions).toEqual(['立即刷新', '复制订阅链接', '导出…', '打开', '退出']);
    expect(tooltipText(zh, null, NOW)).toBe('XMPlus\n暂无数据');
  });

  it('fa: Persian words and Persian digits', () => {
    const fa = mainText('fa', 'en-US');
    expect(serviceLine(fa, s, NOW)).toBe(
      'StarterPack #4 — ۴۵٫۲ گیگابایت از ۱۰۰ گیگابایت مصرف شده · ۱۲ روز مانده',
    );
    const tooltip = tooltipText(fa, snapshot, NOW);
    expect(tooltip.split('\n')[2]).toBe('به‌روزرسانی: ۵ دقیقه پیش');
    expect(tooltip).not.toMatch(/\d+ (GB|days?|min)/);
    const items = trayMenuModel(fa, one(snapshot), DEFAULT_THRESHOLDS, NOW, { refreshing: true });
    expect(items.find((i) => i.type === 'action' && i.id === 'refresh')).toMatchObject({
      label: 'در حال به‌روزرسانی…',
    });
    expect(items.find((i) => i.type === 'action' && i.id === 'quit')).toMatchObject({ label: 'خروج' });
    expect(serviceLine(fa, { ...s, expiresAt: NOW + 31.5 * HOUR }, NOW)).toMatch(/· ۳۱ ساعت مانده$/);
  });

  it('ru: plural forms of days in the line and the tooltip', () => {
    const ru = mainText('ru', 'en-US');
    expect(serviceLine(ru, s, NOW)).toBe(
      'StarterPack #4 — использовано 45,2 ГБ из 100 ГБ · осталось 12 дней',
    );
    expect(serviceLine(ru, { ...s, expiresAt: NOW + 3.5 * DAY }, NOW)).toMatch(/осталось 3 дня$/);
    expect(serviceLine(ru, { ...s, expiresAt: NOW + 21.5 * DAY }, NOW)).toMatch(/остался 21 день$/);
    const old = makeSnapshot([s], NOW - 2 * DAY);
    expect(tooltipText(ru, old, NOW).split('\n').at(-1)).toBe('Обновлено 2 дня назад');
    const items = trayMenuModel(ru, one(null, { signedIn: false }), DEFAULT_THRESHOLDS, NOW);
    expect(items[0]).toEqual({ type: 'status', profileId: 'p1', label: 'Выход выполнен', enabled: false });
  });
});
