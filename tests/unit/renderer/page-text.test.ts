// Helpers the Export page and the import panel share: the per-folder catalogue translator (the
// locale's message, its plural rules and digits, English where a message is missing) and the SVG
// data URL a QR code is shown through (UTF-8 text, which btoa alone refuses).
import { describe, expect, it } from 'vitest';
import { pageTranslator, type PageCatalogues } from '../../../src/renderer/src/i18n/page';
import { svgDataUrl } from '../../../src/renderer/src/lib/svg';

type Key = 'count' | 'title';
const catalogues: PageCatalogues<Key> = {
  en: { count: { one: '{count} server', other: '{count} servers' }, title: 'Export' },
  'zh-CN': { count: { other: '{count} 台服务器' }, title: '导出' },
  fa: { count: { one: '{count} سرور', other: '{count} سرور' }, title: 'خروجی' },
  ru: {
    count: {
      one: '{count} сервер',
      few: '{count} сервера',
      many: '{count} серверов',
      other: '{count} сервера',
    },
    title: 'Экспорт',
  },
};

describe('pageTranslator', () => {
  it("formats a key in the locale, with the locale's plural forms and digits", () => {
    expect(pageTranslator(catalogues, 'ru')('count', { count: 5 })).toBe('5 серверов');
    expect(pageTranslator(catalogues, 'ru')('count', { count: 2 })).toBe('2 сервера');
    expect(pageTranslator(catalogues, 'en')('count', { count: 1 })).toBe('1 server');
    expect(pageTranslator(catalogues, 'fa')('count', { count: 12 })).toBe('۱۲ سرور');
    expect(pageTranslator(catalogues, 'zh-CN')('title')).toBe('导出');
  });

  it('falls back to English for a message a locale lacks at run time', () => {
    // The types forbid a gap; a catalogue loaded from elsewhere could still have one.
    const gap = { ...catalogues, fa: { count: catalogues.fa.count } } as unknown as PageCatalogues<Key>;
    expect(pageTranslator(gap, 'fa')('title')).toBe('Export');
    expect(pageTranslator(gap, 'fa')('count', { count: 3 })).toBe('۳ سرور');
  });
});

describe('svgDataUrl', () => {
  it('carries UTF-8 markup whole through base64', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><title>Tōkyō 🇯🇵 سرور</title></svg>';
    const url = svgDataUrl(svg);
    expect(url.startsWith('data:image/svg+xml;base64,')).toBe(true);
    const body = url.slice('data:image/svg+xml;base64,'.length);
    const bytes = Uint8Array.from(atob(body), (char) => char.charCodeAt(0));
    expect(new TextDecoder().decode(bytes)).toBe(svg);
  });
});
