// The subscription-userinfo reader, one test per convention of docs/subscription-headers.md, each
// named after the panel or client whose code shows it; then property tests: any value is a reading
// or "unknown", never a throw.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseUserinfo, readUserinfo, toHeaderMap } from '../../../../src/main/sources/subscription';
import type { UsageReading, UsageResult } from '../../../../src/main/sources/subscription';

const GB = 1024 ** 3;

function reading(result: UsageResult): UsageReading {
  if (result.kind !== 'reading') throw new Error(`expected a reading, got: ${result.reason}`);
  return result;
}

describe('subscription-userinfo', () => {
  it('Marzban / PasarGuard: "; " separators, upload always 0, used = upload + download', () => {
    const r = reading(parseUserinfo(`upload=0; download=${3 * GB}; total=${150 * GB}; expire=1798761600`));
    expect(r.uploadBytes).toBe(0);
    expect(r.usedBytes).toBe(3 * GB);
    expect(r.totalBytes).toBe(150 * GB);
    expect(r.expiresAt).toBe(1798761600_000);
  });

  it('Xboard: upload and download both counted towards used', () => {
    const r = reading(parseUserinfo('upload=100; download=250; total=1000; expire=1798761600'));
    expect(r.usedBytes).toBe(350);
  });

  it('SSPanel: a leading space before the first key', () => {
    const r = reading(parseUserinfo(' upload=5; download=7; total=100; expire=1798761600'));
    expect(r.usedBytes).toBe(12);
    expect(r.totalBytes).toBe(100);
  });

  it('mihomo: keys in any case and float values', () => {
    const r = reading(parseUserinfo('Upload=1.5E3; DOWNLOAD=2.5; Total=1e4; EXPIRE=1798761600.0'));
    expect(r.uploadBytes).toBe(1500);
    expect(r.downloadBytes).toBe(2);
    expect(r.totalBytes).toBe(10_000);
    expect(r.expiresAt).toBe(1798761600_000);
  });

  it('mihomo: no spaces at all and a trailing ";"', () => {
    const r = reading(parseUserinfo('upload=1;download=2;total=3;expire=1798761600;'));
    expect([r.usedBytes, r.totalBytes, r.expiresAt]).toEqual([3, 3, 1798761600_000]);
  });

  it('mihomo: a bad segment is skipped, the rest still read', () => {
    const r = reading(parseUserinfo('upload=abc; download=20; total=; junk; expire=1798761600'));
    expect(r.uploadBytes).toBe(0);
    expect(r.downloadBytes).toBe(20);
    expect(r.totalBytes).toBeNull();
    expect(r.expiresAt).toBe(1798761600_000);
  });

  it('Marzban / PasarGuard / Remnawave: total=0 is unlimited', () => {
    expect(reading(parseUserinfo('upload=0; download=9; total=0; expire=1798761600')).totalBytes).toBeNull();
  });

  it('Hiddify: a missing total is unlimited', () => {
    expect(reading(parseUserinfo('upload=0; download=9; expire=1798761600')).totalBytes).toBeNull();
  });

  it('FlClash fixture: uint64 max as total is unlimited', () => {
    expect(
      reading(parseUserinfo('upload=1; download=2; total=18446744073709551615; expire=0')).totalBytes,
    ).toBeNull();
  });

  it('Marzban / Remnawave: expire=0 is no expiry', () => {
    const r = reading(parseUserinfo('upload=0; download=1; total=10; expire=0'));
    expect(r.expiresAt).toBeNull();
    expect(r.startsOnFirstUse).toBeNull();
  });

  it('Hiddify: a missing expire is no expiry', () => {
    expect(reading(parseUserinfo('upload=0; download=1; total=10')).expiresAt).toBeNull();
  });

  it('an empty "expire=" is no expiry, not unreadable', () => {
    const r = reading(parseUserinfo('upload=0; download=1; total=10; expire='));
    expect(r.expiresAt).toBeNull();
    expect(reading(parseUserinfo('expire=')).expiresAt).toBeNull();
  });

  it('3x-ui: a negative expire is "starts on first use", never expired', () => {
    // 3x-ui prints ExpiryTime/1000; -30 days before first use.
    const r = reading(parseUserinfo(`upload=0; download=0; total=${10 * GB}; expire=-2592000`));
    expect(r.expiresAt).toBeNull();
    expect(r.startsOnFirstUse).toEqual({ durationMs: 2_592_000_000 });
  });

  it('an expire in milliseconds is read as milliseconds', () => {
    expect(reading(parseUserinfo('upload=0; download=0; total=1; expire=1798761600000')).expiresAt).toBe(
      1798761600_000,
    );
  });

  it('a year-2099 expiry is a panel\'s "never"', () => {
    expect(reading(parseUserinfo('upload=0; download=0; total=1; expire=4102444800')).expiresAt).toBeNull();
  });

  it('a value with none of the four keys is unknown, with the reason', () => {
    const r = parseUserinfo('hello; world=1');
    expect(r.kind).toBe('unknown');
    expect(r.kind === 'unknown' && r.reason).toMatch(/no upload, download, total or expire/);
  });

  it('Clash Verge Rev: a header name with a prefix (x-amz-meta-subscription-userinfo)', () => {
    const r = readUserinfo(
      toHeaderMap({ 'X-Amz-Meta-Subscription-Userinfo': 'upload=1; download=2; total=3; expire=0' }),
    );
    expect(reading(r).usedBytes).toBe(3);
  });

  it('the plain header name wins over a prefixed one', () => {
    const r = readUserinfo(
      toHeaderMap([
        ['x-cos-meta-subscription-userinfo', 'upload=0; download=1; total=1; expire=0'],
        ['Subscription-Userinfo', 'upload=0; download=7; total=9; expire=0'],
      ]),
    );
    expect(reading(r).usedBytes).toBe(7);
  });

  it('no header at all is unknown, with the reason', () => {
    const r = readUserinfo(toHeaderMap({ 'content-type': 'text/plain' }));
    expect(r).toEqual({ kind: 'unknown', reason: 'the panel sent no subscription-userinfo header' });
  });
});

describe('subscription-userinfo, any value (property)', () => {
  const segment = fc.oneof(
    fc.string(),
    fc
      .tuple(fc.constantFrom('upload', 'DOWNLOAD', ' total', 'expire ', 'Expire'), fc.string())
      .map(([k, v]) => `${k}=${v}`),
    fc
      .tuple(fc.constantFrom('upload', 'download', 'total', 'expire'), fc.double({ noNaN: false }))
      .map(([k, v]) => `${k}=${v}`),
  );
  const value = fc.oneof(
    fc.string(),
    fc.array(segment, { maxLength: 8 }).map((s) => s.join(';')),
  );

  it('gives a reading or "unknown", never throws, and a reading is consistent', () => {
    fc.assert(
      fc.property(value, (v) => {
        const r = parseUserinfo(v);
        if (r.kind === 'unknown') {
          expect(r.reason.length).toBeGreaterThan(0);
          return;
        }
        expect(r.kind).toBe('reading');
        for (const n of [r.uploadBytes, r.downloadBytes, r.usedBytes]) {
          expect(Number.isSafeInteger(n) || Number.isFinite(n)).toBe(true);
          expect(n).toBeGreaterThanOrEqual(0);
        }
        expect(r.usedBytes).toBe(r.uploadBytes + r.downloadBytes);
        if (r.totalBytes !== null) expect(r.totalBytes).toBeGreaterThan(0);
        if (r.expiresAt !== null) expect(r.expiresAt).toBeGreaterThan(0);
        expect(r.expiresAt !== null && r.startsOnFirstUse !== null).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('any header map gives a reading or "unknown"', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.string()), (headers) => {
        const r = readUserinfo(toHeaderMap(headers));
        expect(['reading', 'unknown']).toContain(r.kind);
      }),
      { numRuns: 300 },
    );
  });
});
