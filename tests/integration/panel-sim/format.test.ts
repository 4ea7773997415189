// The panel's value formats, pinned directly on the one module that produces them.
import { describe, expect, it } from 'vitest';
import {
  GB,
  formatAmount,
  formatDate,
  formatIpLimit,
  formatMoney,
  formatSize,
  formatSpeed,
  parseMoneyToCents,
} from '../../../tools/panel-sim/format';

describe('panel-sim format', () => {
  it('money keeps the symbol, two decimals and the trailing space', () => {
    expect(formatMoney(4900)).toBe('$ 49.00 ');
    expect(formatMoney(50907, '¥')).toBe('¥ 509.07 ');
    expect(formatMoney(5)).toBe('$ 0.05 ');
    expect(formatAmount(1500)).toBe('15.00');
    expect(parseMoneyToCents('$ 12.50 ')).toBe(1250);
  });

  it('sizes are 1024-based, rounded to 2 decimals without trailing zeros', () => {
    expect(formatSize(0)).toBe('0 B');
    expect(formatSize(-5)).toBe('0 B');
    expect(formatSize(0.4)).toBe('0.4 B');
    expect(formatSize(1023)).toBe('1023 B');
    expect(formatSize(1024)).toBe('1 KB');
    expect(formatSize(150 * GB)).toBe('150 GB');
    expect(formatSize(13.5 * GB)).toBe('13.5 GB');
    expect(formatSize(1.005 * 1024 ** 4)).toBe('1 TB');
    expect(formatSize(1.016 * GB)).toBe('1.02 GB');
  });

  it('dates print as YYYY-MM-DD HH:mm in the given zone, across DST', () => {
    const t = Date.UTC(2026, 6, 1, 23, 5);
    expect(formatDate(t, 'UTC')).toBe('2026-07-01 23:05');
    expect(formatDate(t, 'Asia/Shanghai')).toBe('2026-07-02 07:05');
    expect(formatDate(t, 'America/New_York')).toBe('2026-07-01 19:05');
    expect(formatDate(Date.UTC(2026, 0, 1, 23, 5), 'America/New_York')).toBe('2026-01-01 18:05');
    expect(formatDate(Date.UTC(2026, 0, 1, 0, 0), 'UTC')).toBe('2026-01-01 00:00');
  });

  it('ip limit and speed', () => {
    expect(formatIpLimit(0, 2)).toBe('0/2');
    expect(formatSpeed(100)).toBe('100 Mb/s');
    expect(formatSpeed(0)).toBe('Unlimited');
  });
});
