// The main process's catalogues: every locale has exactly the English keys, the same {placeholders},
// and the plural forms its language needs; formatting follows the locale (Persian digits, 1024 sizes);
// 'system' follows the OS locale and falls back to English.
import { describe, expect, it } from 'vitest';
import {
  CATALOGUES,
  MAIN_LOCALES,
  mainText,
  placeholders,
  resolveMainLocale,
  type Catalogue,
} from '../../../src/main/i18n';

const english = CATALOGUES.en;

/** What is wrong with a catalogue against English, as readable lines (empty when nothing is). */
function problems(locale: string, catalogue: Catalogue): string[] {
  const found: string[] = [];
  const keys = new Set(Object.keys(catalogue));
  for (const key of Object.keys(english)) if (!keys.has(key)) found.push(`${locale}: missing ${key}`);
  for (const key of keys) if (!(key in english)) found.push(`${locale}: extra ${key}`);
  const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
  for (const [key, message] of Object.entries(catalogue)) {
    const source = english[key as keyof typeof english];
    if (source === undefined || message === undefined) continue;
    const want = placeholders(source).join(',');
    const got = placeholders(message).join(',');
    if (want !== got) found.push(`${locale}: ${key} has {${got}}, English has {${want}}`);
    if (typeof message === 'object') {
      for (const category of categories) {
        if (message[category] === undefined) found.push(`${locale}: ${key} lacks the "${category}" form`);
      }
      if (!placeholders(message).includes('count')) found.push(`${locale}: ${key} is plural without {count}`);
    }
    if (typeof message === 'object' && typeof source === 'string')
      found.push(`${locale}: ${key} is plural, English is not`);
  }
  return found;
}

describe('main catalogues', () => {
  it.each(MAIN_LOCALES.map((l) => [l]))(
    '%s has every English key, no other, the same placeholders',
    (locale) => {
      expect(problems(locale, CATALOGUES[locale])).toEqual([]);
    },
  );

  it.each(MAIN_LOCALES.map((l) => [l]))('%s: no doubled full stop after a date', (locale) => {
    const text = mainText(locale, '');
    const date = text.date(Date.UTC(2027, 2, 12, 12));
    const doubled = Object.entries(CATALOGUES[locale]).flatMap(([key, message]) =>
      (typeof message === 'string' ? [message] : Object.values(message)).flatMap((form) =>
        (form ?? '').replace('{date}', date).includes('..') ? [key] : [],
      ),
    );
    expect(doubled).toEqual([]);
  });

  it('the check catches a missing key, an extra key and a changed placeholder', () => {
    const { 'tray.quit': _dropped, ...rest } = CATALOGUES.ru;
    const broken = {
      ...rest,
      'tray.extra': 'лишний',
      'tooltip.updated': 'Обновлено {when}',
      'ago.days': { one: '{count} день назад', other: '{count} дня назад' },
    } as unknown as Catalogue;
    expect(problems('ru', broken)).toEqual(
      expect.arrayContaining([
        'ru: missing tray.quit',
        'ru: extra tray.extra',
        'ru: tooltip.updated has {when}, English has {ago}',
        'ru: ago.days lacks the "few" form',
        'ru: ago.days lacks the "many" form',
      ]),
    );
  });
});

describe('mainText', () => {
  it('fills placeholders and picks plural forms by the locale rules', () => {
    const ru = mainText('ru', 'en-US');
    expect([1, 3, 5, 21].map((count) => ru.t('time.daysLeft', { count }))).toEqual([
      'остался 1 день',
      'осталось 3 дня',
      'осталось 5 дней',
      'остался 21 день',
    ]);
    const en = mainText('en', 'fa-IR');
    expect(en.t('time.daysLeft', { count: 1 })).toBe('1 day left');
    expect(en.t('time.daysLeft', { count: 12 })).toBe('12 days left');
    expect(mainText('zh-CN', '').t('ago.days', { count: 2 })).toBe('2 天前');
  });

  it('writes sizes with the 1024 convention and the locale digits and units', () => {
    const GB = 1024 ** 3;
    expect(mainText('en', '').size(45.2 * GB)).toBe('45.2 GB');
    expect(mainText('en', '').size(100 * GB)).toBe('100 GB');
    expect(mainText('en', '').size(1023.97 * 1024 ** 2)).toBe('1 GB');
    expect(mainText('en', '').size(512)).toBe('512 B');
    expect(mainText('fa', '').size(45.2 * GB)).toBe('۴۵٫۲ گیگابایت');
    expect(mainText('ru', '').size(1.5 * 1024 ** 4)).toBe('1,5 ТБ');
    expect(mainText('zh-CN', '').size(2 * 1024 ** 2)).toBe('2 MB');
  });

  it('numbers, percentages and dates follow the locale', () => {
    const fa = mainText('fa', '');
    expect(fa.number(12)).toBe('۱۲');
    expect(fa.percent(80)).toBe('۸۰٪');
    expect(fa.t('ago.minutes', { count: 5 })).toBe('۵ دقیقه پیش');
    expect(mainText('en', '').percent(80)).toBe('80%');
    const day = Date.UTC(2027, 2, 12, 12);
    expect(mainText('en', '').date(day)).toBe('12 Mar 2027');
    expect(mainText('zh-CN', '').date(day)).toBe('2027年3月12日');
    expect(fa.date(day)).toMatch(/^[۰-۹]+ [^\d]+ [۰-۹]+$/);
    expect(fa.rtl).toBe(true);
    expect(mainText('ru', '').rtl).toBe(false);
  });

  it("'system' follows the OS locale and falls back to English; an explicit language wins", () => {
    expect(resolveMainLocale('system', 'zh-TW')).toBe('zh-CN');
    expect(resolveMainLocale('system', 'fa-IR')).toBe('fa');
    expect(resolveMainLocale('system', 'ru')).toBe('ru');
    expect(resolveMainLocale('system', 'de-DE')).toBe('en');
    expect(resolveMainLocale('system', '')).toBe('en');
    expect(resolveMainLocale('ru', 'fa-IR')).toBe('ru');
    expect(mainText('system', 'ru-RU').t('tray.quit')).toBe('Выйти');
    expect(mainText('system', 'pt-BR').t('tray.quit')).toBe('Quit');
  });
});
