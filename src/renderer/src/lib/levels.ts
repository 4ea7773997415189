// Warning colours for a service from the user's thresholds. A level rises as more thresholds are
// crossed: the first crossing warns, crossing more than half of them is critical.
import type { Service } from '../../../shared/domain';

export type Level = 'ok' | 'warning' | 'critical';

const DAY = 86_400_000;

function levelFromCrossings(crossed: number, count: number): Level {
  if (crossed === 0 || count === 0) return 'ok';
  return crossed > count / 2 ? 'critical' : 'warning';
}

export function usagePercent(service: Pick<Service, 'usedBytes' | 'totalBytes'>): number | null {
  if (service.totalBytes <= 0) return null;
  return Math.min(100, Math.max(0, (service.usedBytes / service.totalBytes) * 100));
}

export function trafficLevel(percent: number | null, thresholds: readonly number[]): Level {
  if (percent === null) return 'ok';
  if (percent >= 100) return 'critical';
  return levelFromCrossings(thresholds.filter((t) => percent >= t).length, thresholds.length);
}

/** Days left counted as the panel would: whole days, 0 on the last day. */
export const daysLeft = (expiresAt: number, now: number): number => Math.floor((expiresAt - now) / DAY);

export function expiryLevel(expiresAt: number | null, now: number, thresholds: readonly number[]): Level {
  if (expiresAt === null) return 'ok';
  if (expiresAt <= now) return 'critical';
  const days = daysLeft(expiresAt, now);
  return levelFromCrossings(thresholds.filter((t) => days <= t).length, thresholds.length);
}

export function worstLevel(...levels: Level[]): Level {
  if (levels.includes('critical')) return 'critical';
  if (levels.includes('warning')) return 'warning';
  return 'ok';
}

export function serviceLevel(
  service: Service,
  now: number,
  thresholds: { traffic: readonly number[]; expiry: readonly number[] },
): Level {
  if (service.status === 'expired' || service.status === 'suspended') return 'critical';
  return worstLevel(
    trafficLevel(usagePercent(service), thresholds.traffic),
    expiryLevel(service.expiresAt, now, thresholds.expiry),
  );
}
