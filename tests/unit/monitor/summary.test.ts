// Tooltip and the Waybar status line (the tray menu's model is tests/unit/monitor/tray-menu.test.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS } from '../../../src/main/monitor/alerts';
import { mostUrgent } from '../../../src/main/monitor/gauge';
import {
  WINDOWS_TOOLTIP_MAX,
  fittedTooltipText,
  profilesTooltipText,
  serviceLine,
  serviceName,
  tooltipText,
  waybarStatus,
} from '../../../src/main/monitor/summary';
import type { Service, Snapshot } from '../../../src/shared/domain';
import { appError, type AppError } from '../../../src/shared/errors';
import { ENGLISH as EN, formatBytes, mainText, type MainText } from '../../../src/main/i18n';
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

  it('is the whole text however long: no limit unless one is asked for', () => {
    const many = makeSnapshot(
      [1, 2, 3, 4].map((id) => makeService({ id, packageName: `Plan number ${id}` })),
      T0,
    );
    const text = tooltipText(EN, many, NOW);
    expect(text.length).toBeGreaterThan(WINDOWS_TOOLTIP_MAX);
    expect(text.split('\n')).toHaveLength(6);
    // One profile on a tray without a limit (macOS, Linux) reads the same.
    expect(profilesTooltipText(EN, [{ name: 'Home', snapshot: many, error: null }], NOW)).toBe(text);
  });
});

describe('profilesTooltipText over several profiles', () => {
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
    ).toEqual(['XMPlus', 'Work: 5 GB left', 'Home: 29 days left ⚠', 'Old: No data yet']);
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
  });
});

describe('the tray tooltip within the Windows limit', () => {
  const tray = (profiles: { name: string; snapshot: Snapshot | null }[], text = EN) =>
    profilesTooltipText(
      text,
      profiles.map((p) => ({ ...p, error: null })),
      NOW,
      { appName: 'XMPlus Tray', maxLength: WINDOWS_TOOLTIP_MAX, compact: DEFAULT_THRESHOLDS },
    );
  const plan = (usedGb: number, days: number) =>
    makeSnapshot([makeService({ usedBytes: usedGb * GB, expiresAt: NOW + days * DAY + HOUR })], T0);

  it('names each of three profiles with long plans, its most urgent figure on its line', () => {
    const tip = tray([
      { name: 'Home', snapshot: plan(10, 3) },
      { name: 'Work', snapshot: plan(97, 20) },
      { name: 'Travel', snapshot: plan(20, 40) },
    ]);
    expect(tip.split('\n')).toEqual([
      'XMPlus Tray',
      'Home: 3 days left',
      'Work: 3 GB left',
      'Travel: 80 GB left',
    ]);
  });

  it('shortens the longest names to a common length before dropping any profile', () => {
    const long = 'My very long provider account name number';
    const tip = tray([
      { name: `${long} one`, snapshot: plan(10, 30) },
      { name: 'Work', snapshot: plan(97, 20) },
      { name: `${long} two`, snapshot: plan(20, 40) },
    ]);
    expect(tip.length).toBeLessThanOrEqual(WINDOWS_TOOLTIP_MAX);
    const lines = tip.split('\n');
    expect(lines).toHaveLength(4);
    // The short name stays whole; the two long ones are cut to the same length, each with "…".
    expect(lines[2]).toBe('Work: 3 GB left');
    const [one, two] = [lines[1]!, lines[3]!].map((l) => l.slice(0, l.indexOf(': ')));
    expect(one).toMatch(/^My very .*…$/);
    expect(one!.length).toBe(two!.length);
    expect(lines[1]).toMatch(/: 90 GB left$/);
    expect(lines[3]).toMatch(/: 80 GB left$/);
    expect(tip).not.toContain('more');
  });

  it('many profiles: the least urgent give way, counted as "+N more", never silently', () => {
    const names = Array.from({ length: 12 }, (_, i) => `Account ${i + 1}`);
    const profiles = names.map((name, i) => ({ name, snapshot: plan(i === 9 ? 99 : 10, 30 + i) }));
    const tip = tray(profiles);
    expect(tip.length).toBeLessThanOrEqual(WINDOWS_TOOLTIP_MAX);
    const lines = tip.split('\n');
    const shown = lines.slice(1, -1);
    const more = lines.at(-1)!;
    expect(more).toMatch(/^\+\d+ more$/);
    expect(shown.length + Number(more.slice(1, more.indexOf(' ')))).toBe(12);
    // The critical one (99 GB of 100 GB) is kept; the others keep their order.
    expect(shown.some((l) => l.includes('1 GB left'))).toBe(true);
    const order = shown.map((l) => names.findIndex((n) => l.startsWith(n.slice(0, 3))));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('isolates a right-to-left name in an English tooltip, and an English name in a Persian one', () => {
    const tip = tray([
      { name: 'حساب خانه', snapshot: plan(10, 3) },
      { name: 'Work', snapshot: plan(97, 20) },
    ]);
    expect(tip.split('\n')).toEqual(['XMPlus Tray', '\u2068حساب خانه\u2069: 3 days left', 'Work: 3 GB left']);
    const fa = mainText('fa', 'en-US');
    const persian = tray(
      [
        { name: 'حساب خانه', snapshot: plan(10, 3) },
        { name: 'Work', snapshot: plan(97, 20) },
      ],
      fa,
    ).split('\n');
    expect(persian[1]).toBe('حساب خانه: ۳ روز مانده');
    expect(persian[2]).toMatch(/^\u2068Work\u2069: ۳ گیگابایت مانده$/);
  });

  it('cuts long RTL and emoji names between graphemes, within the limit in UTF-16 units', () => {
    const persian = 'حساب اشتراک خانوادگی من در سرویس دهنده دوم برای روزهای مبادا';
    const emoji = '👨‍👩‍👧‍👦 Family plan shared with everyone in the house and more';
    const tip = tray([
      { name: persian, snapshot: plan(10, 3) },
      { name: emoji, snapshot: plan(50, 20) },
      { name: 'Work', snapshot: plan(97, 20) },
    ]);
    expect(tip.length).toBeLessThanOrEqual(WINDOWS_TOOLTIP_MAX);
    const lines = tip.split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/^\u2068حساب .*…\u2069: 3 days left$/);
    // The family emoji is one grapheme: whole, or not at all.
    expect(lines[2]!.startsWith('👨‍👩‍👧‍👦 ')).toBe(true);
    expect(lines[3]).toBe('Work: 3 GB left');
    expect(tip).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});

describe('one profile within the Windows limit', () => {
  const fit = (
    snapshot: Snapshot | null,
    options: { appName?: string; error?: AppError | null } = {},
    text: MainText = EN,
  ) =>
    fittedTooltipText(text, snapshot, NOW, {
      maxLength: WINDOWS_TOOLTIP_MAX,
      thresholds: DEFAULT_THRESHOLDS,
      ...options,
    });
  const failing = appError('network', 'The panel did not answer.');
  /** Eight plans, two of them urgent and listed late: 7 (97 GB used) and 5 (91 GB used). */
  const eight = makeSnapshot(
    [1, 2, 3, 4, 5, 6, 7, 8].map((id) =>
      makeService({ id, packageName: `Plan ${id}`, usedBytes: (id === 7 ? 97 : id === 5 ? 91 : 10) * GB }),
    ),
    T0,
  );
  const line = (id: number, snapshot = eight, text = EN) =>
    serviceLine(
      text,
      snapshot.services.find((s) => s.id === id)!,
      NOW,
    );

  it('many services: the most urgent first, whole lines, the rest counted as "+N more"', () => {
    const tip = fit(eight);
    expect(tip.split('\n')).toEqual(['XMPlus', line(7), line(5), '+6 more']);
    expect(tip.length).toBeLessThanOrEqual(WINDOWS_TOOLTIP_MAX);
    // What the tray asks for with a limit: the same text.
    expect(
      profilesTooltipText(EN, [{ name: 'Home', snapshot: eight, error: null }], NOW, {
        maxLength: WINDOWS_TOOLTIP_MAX,
        compact: DEFAULT_THRESHOLDS,
      }),
    ).toBe(tip);
    // With room for every line, the age too; the order is still the most urgent first.
    const two = makeSnapshot([eight.services[4]!, eight.services[6]!], T0);
    expect(fit(two).split('\n')).toEqual(['XMPlus', line(7), line(5), 'Updated 5 min ago']);
  });

  it('exactly at the limit every line stays; one unit more and the age gives way, whole', () => {
    const snapshot = makeSnapshot([makeService({ usedBytes: 50 * GB })], T0);
    const rest = tooltipText(EN, snapshot, NOW, { appName: '' }).length;
    const atLimit = 'A'.repeat(WINDOWS_TOOLTIP_MAX - rest);
    const whole = tooltipText(EN, snapshot, NOW, { appName: atLimit });
    expect(whole.length).toBe(WINDOWS_TOOLTIP_MAX);
    expect(fit(snapshot, { appName: atLimit })).toBe(whole);
    const over = `${atLimit}A`;
    expect(fit(snapshot, { appName: over })).toBe(`${over}\n${line(4, snapshot)}`);

    // The same with a failure at the limit, then one unit over: its words are shortened, not the line.
    const base = tooltipText(EN, snapshot, NOW, { error: appError('network', '') }).length;
    const words = 'x'.repeat(WINDOWS_TOOLTIP_MAX - base);
    const failed = tooltipText(EN, snapshot, NOW, { error: appError('network', words) });
    expect(failed.length).toBe(WINDOWS_TOOLTIP_MAX);
    expect(fit(snapshot, { error: appError('network', words) })).toBe(failed);
    const longer = fit(snapshot, { error: appError('network', `${words} yz`) });
    expect(longer.length).toBeLessThanOrEqual(WINDOWS_TOOLTIP_MAX);
    expect(longer.split('\n')).toEqual([
      'XMPlus',
      line(4, snapshot),
      'Updated 5 min ago',
      `Last refresh failed: ${words.slice(0, -1)}…`,
    ]);
  });

  it('a failed refresh: the failure and the age come before the other services', () => {
    expect(fit(eight, { error: failing }).split('\n')).toEqual([
      'XMPlus',
      line(7),
      '+7 more',
      'Updated 5 min ago',
      'Last refresh failed: The panel did not answer.',
    ]);
  });

  it("a long error: the panel's words shortened on their own line, on one line, the rest whole", () => {
    const words = `Bad gateway\n<html><body>${'The upstream server did not answer in time. '.repeat(8)}</body></html>`;
    const tip = fit(eight, { error: appError('http', words) });
    expect(tip.length).toBeLessThanOrEqual(WINDOWS_TOOLTIP_MAX);
    const lines = tip.split('\n');
    expect(lines.slice(0, 4)).toEqual(['XMPlus', line(7), '+7 more', 'Updated 5 min ago']);
    expect(lines[4]).toMatch(/^Last refresh failed: Bad gateway <html>.*…$/);
    expect(lines).toHaveLength(5);
    // No data yet and a long failure: "Not updated" with the start of its words.
    const none = fit(null, { error: appError('http', words) }).split('\n');
    expect(none).toHaveLength(2);
    expect(none[1]).toMatch(/^Not updated: Bad gateway <html>.*…$/);
  });

  it('no data, and an account without services', () => {
    expect(fit(null)).toBe('XMPlus\nNo data yet');
    expect(fit(null, { error: failing })).toBe('XMPlus\nNot updated: The panel did not answer.');
    expect(fit(makeSnapshot([], T0), { error: failing })).toBe(
      'XMPlus\nNo services\nUpdated 5 min ago\nLast refresh failed: The panel did not answer.',
    );
  });

  it('Persian: Persian names and digits, whole lines, "+N more" in Persian', () => {
    const fa = mainText('fa', 'en-US');
    const names = ['بسته طلایی', 'بسته نقره‌ای', 'اشتراک خانوادگی', 'بسته ویژه'];
    const snapshot = makeSnapshot(
      names.map((packageName, i) =>
        makeService({ id: i + 1, packageName, usedBytes: (i === 2 ? 96 : 20) * GB }),
      ),
      T0,
    );
    const tip = fit(snapshot, {}, fa);
    expect(tip.length).toBeLessThanOrEqual(WINDOWS_TOOLTIP_MAX);
    expect(tip.split('\n')).toEqual([
      'XMPlus',
      line(3, snapshot, fa),
      '+۳ مورد دیگر',
      'به‌روزرسانی: ۵ دقیقه پیش',
    ]);
    // Persian digits throughout; only the panel's own id stays Latin.
    expect(tip.replace(/#\d+ /g, '')).not.toMatch(/\d/);
  });

  it('Chinese: whole lines of Chinese names, the most urgent first', () => {
    const zh = mainText('zh-CN', 'en-US');
    const names = ['基础套餐', '家庭共享套餐', '高级套餐', '旅行套餐', '企业套餐'];
    const snapshot = makeSnapshot(
      names.map((packageName, i) =>
        makeService({
          id: i + 1,
          packageName,
          usedBytes: 30 * GB,
          expiresAt: NOW + (i === 3 ? 2 : 20) * DAY,
        }),
      ),
      T0,
    );
    const lines = fit(snapshot, {}, zh).split('\n');
    expect(lines[1]).toBe('旅行套餐 #4 — 已用 30 GB / 100 GB · 剩余 2 天');
    expect(lines.slice(2, -2)).toEqual(
      names.slice(0, lines.length - 4).map((_, i) => line(i + 1, snapshot, zh)),
    );
    expect(lines.at(-2)).toMatch(/^另有 \d+ 个$/);
    expect(lines.at(-1)).toBe('5 分钟前更新');
    expect(lines.join('\n').length).toBeLessThanOrEqual(WINDOWS_TOOLTIP_MAX);
  });

  it('a name too long for any line: shortened between graphemes, its isolate closed, its figure kept', () => {
    const fa = mainText('fa', 'en-US');
    const latin = makeService({
      packageName: 'Premium unlimited family plan '.repeat(5),
      usedBytes: 97 * GB,
    });
    const persian = fit(makeSnapshot([latin, makeService({ id: 5 })], T0), {}, fa).split('\n');
    expect(persian[1]).toMatch(/^\u2068Premium unlimited .*…\u2069: ۳ گیگابایت مانده$/);
    expect(persian[2]).toBe('+۱ مورد دیگر');
    const family = '👨‍👩‍👧‍👦';
    const emoji = makeService({ packageName: `${family.repeat(30)} plan`, expiresAt: NOW + 2 * DAY + HOUR });
    const tip = fit(makeSnapshot([emoji], T0));
    expect(tip.length).toBeLessThanOrEqual(WINDOWS_TOOLTIP_MAX);
    const first = tip.split('\n')[1]!;
    expect(first).toMatch(new RegExp(`^(${family})+…: 2 days left$`, 'u'));
    expect(tip).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('any profile: at most 127 UTF-16 units, of whole lines, the most urgent service first', () => {
    const fragments = [
      'Pro',
      'Lite',
      'بسته',
      'طلایی',
      '黄金',
      '套餐',
      'Тариф',
      'Семья',
      '👨‍👩‍👧‍👦',
      '🇮🇷',
      'x'.repeat(40),
    ];
    const name = fc.array(fc.constantFrom(...fragments), { maxLength: 8 }).map((parts) => parts.join(' '));
    const service: fc.Arbitrary<Partial<Service>> = fc.record({
      packageName: name,
      totalBytes: fc.constantFrom(0, 10 * GB, 100 * GB, 2048 * GB),
      usedBytes: fc.integer({ min: 0, max: 120 }).map((n) => n * GB),
      expiresAt: fc.option(fc.integer({ min: -40, max: 400 }).map((days) => NOW + days * DAY + HOUR)),
      status: fc.constantFrom('active' as const, 'active' as const, 'suspended' as const),
    });
    const snapshot = fc.option(
      fc.array(service, { maxLength: 14 }).map((list) =>
        makeSnapshot(
          list.map((s, i) => makeService({ ...s, id: i + 1 })),
          T0 - 3 * HOUR,
        ),
      ),
      { freq: 6 },
    );
    const words = fc.array(fc.constantFrom(...fragments, 'panel', 'timeout', '\n', 'не ответила'), {
      maxLength: 60,
    });
    const error = fc.option(words.map((w) => appError('network', w.join(' '))));
    const texts = ['en', 'zh-CN', 'fa', 'ru'].map((language) => mainText(language, 'en-US'));
    fc.assert(
      fc.property(
        snapshot,
        error,
        fc.constantFrom(...texts),
        fc.constantFrom('XMPlus', 'My Provider VPN', 'Ｖ'.repeat(90)),
        (snap, err, text, appName) => {
          const tip = fittedTooltipText(text, snap, NOW, {
            appName,
            error: err,
            maxLength: WINDOWS_TOOLTIP_MAX,
            thresholds: DEFAULT_THRESHOLDS,
          });
          expect(tip.length).toBeLessThanOrEqual(WINDOWS_TOOLTIP_MAX);
          expect(tip).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
          const lines = tip.split('\n');
          const services = snap?.services ?? [];
          const message = err?.message.replace(/\s*\n\s*/g, ' ') ?? '';
          const shownServices: number[] = [];
          let more = 0;
          lines.forEach((l, i) => {
            // Every isolate a line opens, it closes.
            expect(l.split('\u2068').length, l).toBe(l.split('\u2069').length);
            if (i === 0)
              return expect(l === appName || (l.endsWith('…') && appName.startsWith(l.slice(0, -1)))).toBe(
                true,
              );
            const byLine = services.findIndex((s) => serviceLine(text, s, NOW) === l);
            if (byLine >= 0) return shownServices.push(byLine);
            const count = services.findIndex((_, n) => text.t('tooltip.more', { count: n + 1 }) === l);
            if (count >= 0) return (more = count + 1);
            const whole = [
              text.t('tooltip.noData'),
              text.t('tooltip.noServices'),
              text.t('tooltip.updated', { ago: text.t('ago.hours', { count: 3 }) }),
            ];
            if (whole.includes(l)) return;
            for (const key of ['tooltip.lastFailed', 'tooltip.notUpdated'] as const) {
              const frame = text.t(key, { error: '' });
              if (err && l.startsWith(frame)) {
                const rest = l.slice(frame.length);
                return expect(
                  rest === message || (rest.endsWith('…') && message.startsWith(rest.slice(0, -1))),
                ).toBe(true);
              }
            }
            // The most urgent service's short line: its name (whole or shortened, maybe isolated), its figure.
            const named = l.slice(0, l.lastIndexOf(': ')).replace(/^\u2068|\u2069$/g, '');
            const index = services.findIndex((s) => {
              const full = serviceName(text, s);
              return named === full || (named.endsWith('…') && full.startsWith(named.slice(0, -1)));
            });
            expect(index, `not a whole line: ${JSON.stringify(l)}`).toBeGreaterThanOrEqual(0);
            shownServices.push(index);
          });
          if (services.length > 0 && snap) {
            // Every service is shown or counted, and the first shown is the gauge's (most urgent).
            expect(shownServices.length + more).toBe(services.length);
            if (appName.length < 20) {
              expect(shownServices[0]).toBe(
                services.indexOf(mostUrgent(snap, DEFAULT_THRESHOLDS, NOW)!.service),
              );
            }
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
