// Field variants of real panels (docs/panel-variants.md), one block per family: each is read into the
// same domain values as the seed's own shape.
import { describe, expect, it } from 'vitest';
import { normalizeService, parseExpiry, parseTrafficTotal } from '../../../src/main/xmplus/normalize';
import { accountInfoSchema } from '../../../src/main/xmplus/schemas';
import * as seed from './fixtures';

const GB = 1024 ** 3;
const NOW = Date.UTC(2026, 11, 1, 12, 0);
const ctx = { timeZone: 'UTC', now: () => NOW };

describe('unlimited and lifetime plans', () => {
  it('an expiry that never comes is no expiry: words, 32-bit end of time, decades away', () => {
    for (const never of [
      'Never',
      'lifetime',
      '永久',
      'نامحدود',
      'Бессрочно',
      '∞',
      '-1',
      '',
      '0000-00-00 00:00',
    ]) {
      expect(parseExpiry(never, ctx), never).toBeNull();
    }
    expect(parseExpiry('2038-01-19 03:14:07', ctx)).toBeNull();
    expect(parseExpiry(2_147_483_647, ctx)).toBeNull();
    // The older client API's example account expires in 2220 (xcode75/XMPlusDocs usage/api.md).
    expect(parseExpiry('2220-04-15 08:18:51', ctx)).toBeNull();
    expect(parseExpiry('2099-12-31 23:59', ctx)).toBeNull();
    expect(parseExpiry('2035-12-01 12:00', ctx)).toBe(Date.UTC(2035, 11, 1, 12, 0));
    expect(parseExpiry('2027-03-01 00:47', ctx)).toBe(Date.UTC(2027, 2, 1, 0, 47));
  });

  it('a traffic total of zero, missing, negative or "Unlimited" is no total', () => {
    for (const none of [
      '0 B',
      '',
      null,
      undefined,
      'Unlimited',
      '∞',
      '不限',
      'نامحدود',
      'Безлимит',
      -1,
      '-1',
    ]) {
      expect(parseTrafficTotal(none), String(none)).toBe(0);
    }
    expect(parseTrafficTotal('150 GB')).toBe(150 * GB);
  });

  it('account/info of a lifetime plan: no expiry, no total, usage kept', () => {
    const raw = structuredClone(seed.accountInfo);
    const service = raw.data.services[0]!;
    Object.assign(service, { expire_date: '2099-12-31 00:00', traffic: 'Unlimited', used_traffic: '4.5 TB' });
    const parsed = accountInfoSchema.parse(raw);
    const services = parsed.data.services;
    const first = Array.isArray(services) ? services[0] : undefined;
    const normalized = normalizeService(first!, ctx);
    expect(normalized).toMatchObject({
      expiresAt: null,
      totalBytes: 0,
      usedBytes: Math.round(4.5 * 1024 * GB),
    });
  });
});
