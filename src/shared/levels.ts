// How urgent a plan is, from the user's thresholds: one rule for the window, the tray, the
// notifications' colours and Waybar. The first threshold crossed warns; crossing more than half
// of them (with the defaults: 95 % of the traffic, or 1 day left) is critical.

export type UrgencyLevel = 'ok' | 'warning' | 'critical';

const DAY_MS = 86_400_000;

export function levelFromCrossings(crossed: number, count: number): UrgencyLevel {
  if (crossed === 0 || count === 0) return 'ok';
  return crossed > count / 2 ? 'critical' : 'warning';
}

/** Used share of a plan in percent (0-100), or null when it has no traffic size. */
export function usagePercent(service: { usedBytes: number; totalBytes: number }): number | null {
  if (service.totalBytes <= 0) return null;
  return Math.min(100, Math.max(0, (service.usedBytes / service.totalBytes) * 100));
}

export function trafficLevel(percent: number | null, thresholds: readonly number[]): UrgencyLevel {
  if (percent === null) return 'ok';
  if (percent >= 100) return 'critical';
  return levelFromCrossings(thresholds.filter((t) => percent >= t).length, thresholds.length);
}

/** Whole days left, as the panel counts them: 0 on the last day. */
export const wholeDaysLeft = (expiresAt: number, now: number): number =>
  Math.floor((expiresAt - now) / DAY_MS);

export function expiryLevel(
  expiresAt: number | null,
  now: number,
  thresholds: readonly number[],
): UrgencyLevel {
  if (expiresAt === null) return 'ok';
  if (expiresAt <= now) return 'critical';
  const days = wholeDaysLeft(expiresAt, now);
  return levelFromCrossings(thresholds.filter((t) => days <= t).length, thresholds.length);
}

export function worstLevel(...levels: UrgencyLevel[]): UrgencyLevel {
  if (levels.includes('critical')) return 'critical';
  if (levels.includes('warning')) return 'warning';
  return 'ok';
}
