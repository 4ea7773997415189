// The Export page's message catalogues: every locale has exactly the English keys, the same
// {placeholders}, no empty message, is really translated, and the page's format list matches the
// contract's.
import { describe, expect, it } from 'vitest';
import { EXPORT_CATALOGUES, EXPORT_FORMATS } from '../../../src/renderer/src/pages/export/messages';
import { interpolate } from '../../../src/renderer/src/i18n/format';
import { catalogueChecks } from './catalogue-checks';
import { EXPORT_FORMATS as CONTRACT_FORMATS } from '../../../src/shared/contract';

const en = EXPORT_CATALOGUES.en;

describe('export messages', () => {
  catalogueChecks(EXPORT_CATALOGUES);

  it('has help text for every format, and the same format list as the contract', () => {
    expect([...EXPORT_FORMATS]).toEqual([...CONTRACT_FORMATS]);
    for (const format of EXPORT_FORMATS) expect(en).toHaveProperty(`help.${format}`);
  });

  it('uses Russian and English plural forms for the server count', () => {
    const ru = EXPORT_CATALOGUES.ru['export.count'];
    expect(interpolate('ru', ru, { count: 1 })).toBe('1 сервер');
    expect(interpolate('ru', ru, { count: 3 })).toBe('3 сервера');
    expect(interpolate('ru', ru, { count: 30 })).toBe('30 серверов');
    expect(interpolate('en', en['export.count'], { count: 1 })).toBe('1 server');
    expect(interpolate('en', en['export.count'], { count: 10 })).toBe('10 servers');
  });
});
