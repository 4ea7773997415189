// The renderer's pure helpers: warning levels from the user's thresholds, and form checks.
import { describe, expect, it } from 'vitest';
import { expiryLevel, trafficLevel, usagePercent } from '../../../src/renderer/src/lib/levels';
import {
  checkPanelUrl,
  proxyProblem,
  isTimeZone,
  parseNumberList,
} from '../../../src/renderer/src/lib/validate';
import { niceCeiling } from '../../../src/renderer/src/lib/chart';
import { resolveLocale } from '../../../src/renderer/src/i18n/catalogue';

const DAY = 86_400_000;

describe('warning levels', () => {
  const traffic = [80, 90, 95, 100];
  const expiry = [7, 3, 1, 0];

  it('rises with the traffic thresholds crossed', () => {
    expect(trafficLevel(50, traffic)).toBe('ok');
    expect(trafficLevel(80, traffic)).toBe('warning');
    expect(trafficLevel(94.9, traffic)).toBe('warning');
    expect(trafficLevel(95, traffic)).toBe('critical');
    expect(trafficLevel(100, [])).toBe('critical');
    expect(trafficLevel(null, traffic)).toBe('ok');
  });

  it('follows the user thresholds, not fixed numbers', () => {
    expect(trafficLevel(60, [50, 99])).toBe('warning');
    expect(trafficLevel(85, [90])).toBe('ok');
  });

  it('rises as expiry nears', () => {
    const now = 0;
    expect(expiryLevel(null, now, expiry)).toBe('ok');
    expect(expiryLevel(now + 10 * DAY, now, expiry)).toBe('ok');
    expect(expiryLevel(now + 7 * DAY + 1000, now, expiry)).toBe('warning');
    expect(expiryLevel(now + 1.5 * DAY, now, expiry)).toBe('critical');
    expect(expiryLevel(now - 1, now, expiry)).toBe('critical');
  });

  it('treats a zero total as unlimited', () => {
    expect(usagePercent({ usedBytes: 5, totalBytes: 0 })).toBeNull();
    expect(usagePercent({ usedBytes: 300, totalBytes: 200 })).toBe(100);
  });
});

describe('form checks', () => {
  it('accepts https anywhere and http only on loopback', () => {
    expect(checkPanelUrl('https://panel.example.com/')).toEqual({
      ok: true,
      url: 'https://panel.example.com',
    });
    expect(checkPanelUrl('http://127.0.0.1:8080')).toEqual({ ok: true, url: 'http://127.0.0.1:8080' });
    expect(checkPanelUrl('http://localhost:3000').ok).toBe(true);
    expect(checkPanelUrl('http://panel.example.com')).toEqual({ ok: false, reason: 'insecure' });
    expect(checkPanelUrl('ftp://x.y')).toEqual({ ok: false, reason: 'invalid' });
    expect(checkPanelUrl('not a url')).toEqual({ ok: false, reason: 'invalid' });
    expect(checkPanelUrl('  ')).toEqual({ ok: false, reason: 'required' });
  });

  it('parses threshold lists strictly', () => {
    expect(parseNumberList('80, 90,95 100', 1, 100)).toEqual([80, 90, 95, 100]);
    expect(parseNumberList('80،90', 1, 100)).toEqual([80, 90]);
    expect(parseNumberList('', 1, 100)).toEqual([]);
    expect(parseNumberList('0', 1, 100)).toBeNull();
    expect(parseNumberList('101', 1, 100)).toBeNull();
    expect(parseNumberList('8.5', 1, 100)).toBeNull();
    expect(parseNumberList('1,2,3,4,5,6,7,8,9', 1, 100)).toBeNull();
  });

  it('checks proxies and time zones', () => {
    expect(proxyProblem('')).toBeNull();
    expect(proxyProblem('http://127.0.0.1:8080')).toBeNull();
    expect(proxyProblem('socks5://127.0.0.1:7890')).toBeNull();
    expect(proxyProblem('socks://x:1080')).toBe('socks4');
    expect(proxyProblem('127.0.0.1:7890')).toBe('no-scheme');
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});

describe('chart axis and locale choice', () => {
  it('rounds the axis top up to a readable value in the shown unit', () => {
    const GB = 1024 ** 3;
    expect(niceCeiling(0)).toBe(1024 * 1024);
    expect(niceCeiling(7)).toBe(10);
    expect(niceCeiling(130)).toBe(200);
    expect(niceCeiling(240)).toBe(250);
    expect(niceCeiling(9 * GB)).toBe(10 * GB);
    expect(niceCeiling(10 * GB)).toBe(10 * GB);
    expect(niceCeiling(1.3 * GB)).toBe(2 * GB);
  });

  it('maps the system locale to a supported one', () => {
    expect(resolveLocale('system', 'zh-TW')).toBe('zh-CN');
    expect(resolveLocale('system', 'fa-IR')).toBe('fa');
    expect(resolveLocale('system', 'de-DE')).toBe('en');
    expect(resolveLocale('ru', 'en-US')).toBe('ru');
  });
});
