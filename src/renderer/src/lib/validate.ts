// Client-side checks for form input, before anything goes to main (which checks again).
import type { ProxyUrlProblem } from '../../../shared/proxy-url';
import { checkProxyUrl } from '../../../shared/proxy-url';
import { isLoopbackHost } from '../../../shared/loopback';

export type UrlCheck = { ok: true; url: string } | { ok: false; reason: 'required' | 'invalid' | 'insecure' };

/** A panel URL: https anywhere, plain http only on this computer (development, the simulator). */
export function checkPanelUrl(raw: string): UrlCheck {
  const text = raw.trim();
  if (!text) return { ok: false, reason: 'required' };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (url.protocol === 'https:') return { ok: true, url: text.replace(/\/+$/, '') };
  if (url.protocol === 'http:') {
    return isLoopbackHost(url.hostname)
      ? { ok: true, url: text.replace(/\/+$/, '') }
      : { ok: false, reason: 'insecure' };
  }
  return { ok: false, reason: 'invalid' };
}

export const isEmail = (text: string): boolean => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text.trim());

/** "80, 90, 95" -> [80, 90, 95] when every value is a whole number in range; null otherwise. */
export function parseNumberList(text: string, min: number, max: number, maxItems = 8): number[] | null {
  const parts = text
    .split(/[,،，\s]+/)
    .map((part) => part.trim())
    .filter(Boolean);
  if (parts.length > maxItems) return null;
  const values: number[] = [];
  for (const part of parts) {
    if (!/^\d+$/.test(part)) return null;
    const value = Number(part);
    if (value < min || value > max) return null;
    if (!values.includes(value)) values.push(value);
  }
  return values;
}

/** Why a typed proxy address cannot be used (the rules main applies too); null when it can, or is empty. */
export function proxyProblem(text: string): ProxyUrlProblem | null {
  if (!text.trim()) return null;
  const checked = checkProxyUrl(text);
  return checked.ok ? null : checked.problem;
}

export function isTimeZone(text: string): boolean {
  const value = text.trim();
  if (!value) return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const originOf = (url: string): string => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};
