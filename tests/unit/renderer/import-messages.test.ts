// The one-click import's message catalogues: every locale has exactly the English keys, the same
// {placeholders}, nothing empty, and is translated (product and format names aside); Russian plurals.
import { describe, expect, it } from 'vitest';
import { IMPORT_CATALOGUES } from '../../../src/renderer/src/components/import/messages';
import { interpolate } from '../../../src/renderer/src/i18n/format';
import { catalogueChecks } from './catalogue-checks';

type Key = keyof (typeof IMPORT_CATALOGUES)['en'];
/** Product and file-format names, the same in every language. */
const NAMES: Key[] = ['import.format.clash', 'import.format.singbox'];

describe('import messages', () => {
  catalogueChecks(IMPORT_CATALOGUES, NAMES);

  it('counts servers with Russian plural forms', () => {
    const ru = IMPORT_CATALOGUES.ru['import.servers'];
    expect(interpolate('ru', ru, { count: 1 })).toBe('1 сервер');
    expect(interpolate('ru', ru, { count: 3 })).toBe('3 сервера');
    expect(interpolate('ru', ru, { count: 12 })).toBe('12 серверов');
  });
});
