// Every locale has exactly English's keys, the same {placeholders} in each message, and the plural
// forms its language needs (Intl.PluralRules' categories); plus the pure formatters.
import { describe, expect, it } from 'vitest';
import { en } from '../../../src/renderer/src/i18n/locales/en';
import { zhCN } from '../../../src/renderer/src/i18n/locales/zh-CN';
import { fa } from '../../../src/renderer/src/i18n/locales/fa';
import { ru } from '../../../src/renderer/src/i18n/locales/ru';
import {
  formatBytes,
  formatCountdown,
  formatRelative,
  interpolate,
  placeholders,
} from '../../../src/renderer/src/i18n/format';
import type { LocaleCode, Message } from '../../../src/renderer/src/i18n/types';
import { createI18n } from '../../../src/renderer/src/i18n';

const catalogues: Record<Exclude<LocaleCode, 'en'>, Record<string, Message>> = { 'zh-CN': zhCN, fa, ru };

/** What is wrong with `locale` against English; empty when nothing. */
export function catalogueProblems(locale: string, catalogue: Record<string, Message>): string[] {
  const problems: string[] = [];
  const source = en as Record<string, Message>;
  for (const key of Object.keys(source)) if (!(key in catalogue)) problems.push(`${locale}: missing ${key}`);
  for (const key of Object.keys(catalogue)) if (!(key in source)) problems.push(`${locale}: extra ${key}`);
  const needed = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
  for (const [key, message] of Object.entries(catalogue)) {
    const reference = source[key];
    if (reference === undefined) continue;
    const want = placeholders(reference).join(',');
    const got = placeholders(message).join(',');
    if (want !== got) problems.push(`${locale}: ${key} has {${got}}, English has {${want}}`);
    if (typeof reference !== typeof message) problems.push(`${locale}: ${key} plural/string mismatch`);
    if (typeof message === 'object') {
      for (const category of needed) {
        if (!(category in message)) problems.push(`${locale}: ${key} lacks plural form "${category}"`);
      }
      // Each form on its own must carry the same placeholders too.
      for (const [form, text] of Object.entries(message)) {
        if (placeholders(text ?? '').join(',') !== want)
          problems.push(`${locale}: ${key}.${form} placeholders differ`);
      }
      if (!('count' in Object.fromEntries(placeholders(message).map((p) => [p, 1]))))
        problems.push(`${locale}: ${key} is plural without {count}`);
    } else if (message.trim() === '') {
      problems.push(`${locale}: ${key} is empty`);
    }
  }
  return problems;
}

describe('message catalogues', () => {
  it('English is consistent with itself', () => {
    expect(catalogueProblems('en', en as Record<string, Message>)).toEqual([]);
  });

  for (const [locale, catalogue] of Object.entries(catalogues)) {
    it(`${locale} has every key, no extra key, and the same placeholders`, () => {
      expect(catalogueProblems(locale, catalogue)).toEqual([]);
    });
  }

  it('catches a missing key, an extra key and a changed placeholder', () => {
    const broken: Record<string, Message> = { ...(zhCN as Record<string, Message>) };
    delete broken['nav.settings'];
    broken['nav.bogus'] = 'x';
    broken['banner.stale'] = '显示 {when} 的数据：{message}';
    broken['service.daysLeft'] = { one: '{count} день', other: '{count} дня' };
    const problems = catalogueProblems('ru', broken);
    expect(problems).toContain('ru: missing nav.settings');
    expect(problems).toContain('ru: extra nav.bogus');
    expect(problems.some((p) => p.includes('banner.stale'))).toBe(true);
    expect(problems.some((p) => p.includes('service.daysLeft lacks plural form "few"'))).toBe(true);
  });

  it('keeps translations really translated (not English copies) for visible labels', () => {
    for (const catalogue of Object.values(catalogues)) {
      expect(catalogue['nav.dashboard']).not.toBe(en['nav.dashboard']);
      expect(catalogue['auth.signIn']).not.toBe(en['auth.signIn']);
    }
  });
});

describe('formatting', () => {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

  it('formats sizes with a 1024 base', () => {
    expect(formatBytes('en', 0, units)).toBe('0 B');
    expect(formatBytes('en', 1023, units)).toBe('1,023 B');
    expect(formatBytes('en', 1024, units)).toBe('1 KB');
    expect(formatBytes('en', 45.2 * 1024 ** 3, units)).toBe('45.2 GB');
    expect(formatBytes('en', 150 * 1024 ** 3, units)).toBe('150 GB');
    // 1023.96 MB rounds up into the next unit instead of reading "1,024 MB".
    expect(formatBytes('en', 1023.96 * 1024 ** 2, units)).toBe('1 GB');
    expect(formatBytes('en', -5, units)).toBe('0 B');
  });

  it('writes digits as the locale does', () => {
    expect(formatBytes('fa', 45.2 * 1024 ** 3, units)).toBe('۴۵٫۲ GB');
    expect(formatBytes('ru', 45.2 * 1024 ** 3, units)).toBe('45,2 GB');
    expect(formatCountdown('fa', 3_723_000)).toBe('۰۱:۰۲:۰۳');
    expect(formatCountdown('en', 47 * 3_600_000 + 59 * 60_000 + 5_000)).toBe('47:59:05');
  });

  it("names the window's size units in the locale's language, from the one table main uses too", () => {
    expect(createI18n('en', en).bytes(45.2 * 1024 ** 3)).toBe('45.2 GB');
    expect(createI18n('zh-CN', zhCN).bytes(2 * 1024 ** 2)).toBe('2 MB');
    expect(createI18n('fa', fa).bytes(1.5 * 1024 ** 3)).toBe('۱٫۵ گیگابایت');
    expect(createI18n('ru', ru).bytes(3 * 1024 ** 4)).toBe('3 ТБ');
    // Past terabytes the window says petabytes rather than "1,024 TB".
    expect(createI18n('en', en).bytes(1024 ** 5)).toBe('1 PB');
  });

  it('interpolates and picks plural forms by Intl.PluralRules', () => {
    const days = en['service.daysLeft'];
    expect(interpolate('en', days, { count: 1 })).toBe('1 day left');
    expect(interpolate('en', days, { count: 5 })).toBe('5 days left');
    const ruDays = ru['service.daysLeft'];
    expect(interpolate('ru', ruDays, { count: 1 })).toBe('Остался 1 день');
    expect(interpolate('ru', ruDays, { count: 3 })).toBe('Осталось 3 дня');
    expect(interpolate('ru', ruDays, { count: 5 })).toBe('Осталось 5 дней');
    expect(interpolate('ru', ruDays, { count: 21 })).toBe('Остался 21 день');
    expect(interpolate('fa', fa['service.daysLeft'], { count: 12 })).toBe('۱۲ روز مانده');
    expect(interpolate('en', 'Hi {name}, {missing}', { name: 'A' })).toBe('Hi A, {missing}');
  });

  it('formats relative time for the locale', () => {
    const now = Date.UTC(2026, 0, 10, 12);
    expect(formatRelative('en', now - 12 * 60_000, now)).toBe('12 minutes ago');
    expect(formatRelative('en', now - 10_000, now)).toBe('now');
    expect(formatRelative('en', now + 3 * 86_400_000, now)).toBe('in 3 days');
    expect(formatRelative('ru', now - 12 * 60_000, now)).toBe('12 минут назад');
  });
});
