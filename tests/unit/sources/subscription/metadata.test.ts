// The metadata headers: title (profile-title, content-disposition, host), update interval, support
// and web page links (https only), refill date, announcements. One test per convention of
// docs/subscription-headers.md, named after its source.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  filenameFromDisposition,
  readMetadata,
  toHeaderMap,
} from '../../../../src/main/sources/subscription';

const URL_ = 'https://sub.provider.example/link/abcdef?client=latest';
const meta = (headers: Record<string, string>) => readMetadata(toHeaderMap(headers), URL_);
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('title', () => {
  it('Marzban / 3x-ui: profile-title as base64:', () => {
    const m = meta({ 'profile-title': `base64:${b64('Провайдер · Pro 🚀')}` });
    expect(m.title).toBe('Провайдер · Pro 🚀');
    expect(m.titleSource).toBe('profile-title');
  });

  it('Hiddify: profile-title as plain text', () => {
    expect(meta({ 'profile-title': '  NovaNet  ' }).title).toBe('NovaNet');
  });

  it('a base64: title that is not text falls back to content-disposition', () => {
    const m = meta({ 'profile-title': 'base64:!!!', 'content-disposition': 'attachment; filename="alice"' });
    expect(m.title).toBe('alice');
    expect(m.titleSource).toBe('content-disposition');
  });

  it('Clash Verge Rev: filename* is read before filename', () => {
    const value = "attachment; filename=plain.yaml; filename*=UTF-8''%E8%BF%9C%E7%A8%8B.yaml";
    expect(filenameFromDisposition(value)).toBe('远程');
  });

  it('Marzban / PasarGuard: filename="username" (quoted)', () => {
    expect(meta({ 'content-disposition': 'attachment; filename="alice_01"' }).title).toBe('alice_01');
  });

  it('Remnawave: filename=username (bare)', () => {
    expect(meta({ 'content-disposition': 'attachment; filename=bob' }).title).toBe('bob');
  });

  it('a quoted filename may hold ";"', () => {
    expect(filenameFromDisposition('attachment; filename="a;b.txt"')).toBe('a;b');
  });

  it('no title and no filename: the host names the profile', () => {
    const m = meta({});
    expect(m.title).toBe('sub.provider.example');
    expect(m.titleSource).toBe('host');
  });

  it('control and direction-override characters never reach the title', () => {
    expect(meta({ 'profile-title': 'Evil\u202Egnp.exe\u0007' }).title).toBe('Evilgnp.exe');
  });
});

describe('other headers', () => {
  it('Hiddify / Clash Verge Rev: profile-update-interval in hours', () => {
    expect(meta({ 'profile-update-interval': '12' }).updateIntervalHours).toBe(12);
    expect(meta({ 'profile-update-interval': 'soon' }).updateIntervalHours).toBeNull();
    expect(meta({ 'profile-update-interval': '0' }).updateIntervalHours).toBeNull();
  });

  it('Happ: support-url and profile-web-page-url, https only', () => {
    const m = meta({
      'support-url': 'https://t.me/provider_help',
      'profile-web-page-url': 'http://panel.example/',
    });
    expect(m.supportUrl).toBe('https://t.me/provider_help');
    expect(m.webPageUrl).toBeNull();
    expect(meta({ 'support-url': 'tg://resolve?domain=x' }).supportUrl).toBeNull();
    expect(meta({ 'support-url': 'javascript:alert(1)' }).supportUrl).toBeNull();
  });

  it('Remnawave: subscription-refill-date as the next reset (unix seconds)', () => {
    expect(meta({ 'subscription-refill-date': '1798761600' }).nextResetAt).toBe(1798761600_000);
    expect(meta({ 'subscription-refill-date': 'never' }).nextResetAt).toBeNull();
  });

  it('PasarGuard: announce as base64:, announce-url https', () => {
    const m = meta({
      announce: `base64:${b64('Maintenance tonight 02:00–03:00')}`,
      'announce-url': 'https://news.example/1',
    });
    expect(m.announce).toBe('Maintenance tonight 02:00–03:00');
    expect(m.announceUrl).toBe('https://news.example/1');
  });

  it('Happ: announce as plain text, direction overrides removed, length bounded', () => {
    const m = meta({ announce: `\u202Bسلام\u202C ${'x'.repeat(900)}` });
    expect(m.announce?.startsWith('سلام x')).toBe(true);
    expect(Array.from(m.announce ?? '').length).toBeLessThanOrEqual(500);
  });
});

describe('metadata, any headers (property)', () => {
  it('never throws, and every link is https', () => {
    const keys = fc.constantFrom(
      'profile-title',
      'content-disposition',
      'profile-update-interval',
      'support-url',
      'profile-web-page-url',
      'subscription-refill-date',
      'announce',
      'announce-url',
    );
    fc.assert(
      fc.property(
        fc.dictionary(
          keys,
          fc.oneof(
            fc.string(),
            fc.string().map((s) => `base64:${s}`),
          ),
        ),
        (headers) => {
          const m = readMetadata(toHeaderMap(headers), URL_);
          expect(m.title.length).toBeGreaterThan(0);
          for (const link of [m.supportUrl, m.webPageUrl, m.announceUrl])
            if (link !== null) expect(link).toMatch(/^https:\/\//);
        },
      ),
      { numRuns: 400 },
    );
  });
});
