// The checks every message catalogue of the window passes: each locale has exactly the English keys,
// the same {placeholders}, no empty message, and is really translated (names that stay the same in
// every language aside).
import { expect, it } from 'vitest';
import { placeholders } from '../../../src/renderer/src/i18n/format';
import { LOCALES, type LocaleCode, type Message } from '../../../src/renderer/src/i18n/types';

export function catalogueChecks<K extends string>(
  catalogues: Readonly<Record<LocaleCode, Readonly<Record<K, Message>>>>,
  sameInEveryLanguage: readonly K[] = [],
): void {
  const en = catalogues.en;
  const keys = (Object.keys(en) as K[]).sort();
  for (const locale of LOCALES) {
    it(`${locale}: same keys and placeholders as English, none empty`, () => {
      const catalogue = catalogues[locale];
      expect(Object.keys(catalogue).sort()).toEqual(keys);
      for (const key of keys) {
        const message = catalogue[key];
        expect(placeholders(message), `${locale} ${key}`).toEqual(placeholders(en[key]));
        const texts = typeof message === 'string' ? [message] : Object.values(message);
        for (const text of texts) expect(text?.trim(), `${locale} ${key}`).not.toBe('');
      }
    });
  }

  it('translates: no message is English copied over, but for names kept in every language', () => {
    for (const locale of LOCALES.filter((l) => l !== 'en')) {
      const catalogue = catalogues[locale];
      const same = keys.filter(
        (k) => !sameInEveryLanguage.includes(k) && JSON.stringify(catalogue[k]) === JSON.stringify(en[k]),
      );
      expect(same, locale).toEqual([]);
    }
  });
}
