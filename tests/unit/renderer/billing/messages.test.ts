// The Billing/Invoices message catalogues: every locale has exactly the English keys, the same
// {placeholders}, no empty message, and is really translated (not English copied over).
import { describe, expect, it } from 'vitest';
import { BILLING_CATALOGUES } from '../../../../src/renderer/src/pages/billing/messages';
import { interpolate, placeholders } from '../../../../src/renderer/src/i18n/format';
import { LOCALES } from '../../../../src/renderer/src/i18n/types';

const en = BILLING_CATALOGUES.en;
const keys = Object.keys(en).sort();

describe('billing messages', () => {
  for (const locale of LOCALES) {
    it(`${locale}: same keys and placeholders as English, none empty`, () => {
      const catalogue = BILLING_CATALOGUES[locale];
      expect(Object.keys(catalogue).sort()).toEqual(keys);
      for (const key of keys) {
        const message = catalogue[key as keyof typeof en];
        expect(placeholders(message), `${locale} ${key}`).toEqual(placeholders(en[key as keyof typeof en]));
        const texts = typeof message === 'string' ? [message] : Object.values(message);
        for (const text of texts) expect(text?.trim(), `${locale} ${key}`).not.toBe('');
      }
    });
  }

  it('translates: most messages differ from English in the other locales', () => {
    for (const locale of LOCALES.filter((l) => l !== 'en')) {
      const catalogue = BILLING_CATALOGUES[locale];
      const same = keys.filter(
        (k) => JSON.stringify(catalogue[k as keyof typeof en]) === JSON.stringify(en[k as keyof typeof en]),
      );
      expect(same, locale).toEqual([]);
    }
  });

  it('uses Russian plural forms for the stock count', () => {
    const message = BILLING_CATALOGUES.ru['billing.stockLeft'];
    expect(interpolate('ru', message, { count: 1 })).toBe('Осталась 1 шт.');
    expect(interpolate('ru', message, { count: 5 })).toBe('Осталось 5 шт.');
  });
});
