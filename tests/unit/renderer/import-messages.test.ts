// The one-click import's message catalogues: every locale has exactly the English keys, the same
// {placeholders}, nothing empty, and is translated (product and format names aside); Russian plurals.
import { describe, expect, it } from 'vitest';
import { IMPORT_CATALOGUES } from '../../../src/renderer/src/components/import/messages';
import { interpolate, placeholders } from '../../../src/renderer/src/i18n/format';
import { LOCALES } from '../../../src/renderer/src/i18n/types';

const en = IMPORT_CATALOGUES.en;
type Key = keyof typeof en;
const keys = Object.keys(en).sort() as Key[];
/** Product and file-format names, the same in every language. */
const NAMES: Key[] = ['import.format.clash', 'import.format.singbox'];

describe('import messages', () => {
  for (const locale of LOCALES) {
    it(`${locale}: same keys and placeholders as English, none empty`, () => {
      const catalogue = IMPORT_CATALOGUES[locale];
      expect(Object.keys(catalogue).sort()).toEqual(keys);
      for (const key of keys) {
        const message = catalogue[key];
        expect(placeholders(message), `${locale} ${key}`).toEqual(placeholders(en[key]));
        const texts = typeof message === 'string' ? [message] : Object.values(message);
        for (const text of texts) expect(text?.trim(), `${locale} ${key}`).not.toBe('');
      }
    });
  }

  it('translates: no message but the product names is English copied over', () => {
    for (const locale of LOCALES.filter((l) => l !== 'en')) {
      const catalogue = IMPORT_CATALOGUES[locale];
      const same = keys.filter(
        (k) => !NAMES.includes(k) && JSON.stringify(catalogue[k]) === JSON.stringify(en[k]),
      );
      expect(same, locale).toEqual([]);
    }
  });

  it('counts servers with Russian plural forms', () => {
    const ru = IMPORT_CATALOGUES.ru['import.servers'];
    expect(interpolate('ru', ru, { count: 1 })).toBe('1 сервер');
    expect(interpolate('ru', ru, { count: 3 })).toBe('3 сервера');
    expect(interpolate('ru', ru, { count: 12 })).toBe('12 серверов');
  });
});
