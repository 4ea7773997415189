// The overview of every profile's services as rows, most urgent first: expired plans, then by the
// warning level from the user's thresholds (traffic, days left, run-out forecast), then the least
// traffic left, then the soonest expiry. Pure, so the order is unit-tested apart from React.
import type { ProfileOverview } from '../../../shared/contract';
import type { Service } from '../../../shared/domain';
import { serviceLevel, usagePercent, type Level } from './levels';

/** A row's colour and label: the service's warning level, or expired. */
export type RowLevel = Level | 'expired';

export interface OverviewRow {
  profile: ProfileOverview;
  service: Service;
  level: RowLevel;
  /** Share of the traffic left, 0-1; null for a plan without a traffic size (unlimited). */
  left: number | null;
}

export interface OverviewThresholds {
  traffic: readonly number[];
  expiry: readonly number[];
}

const RANK: Record<RowLevel, number> = { expired: 3, critical: 2, warning: 1, ok: 0 };

export function isExpired(service: Service, now: number): boolean {
  return service.status === 'expired' || (service.expiresAt !== null && service.expiresAt <= now);
}

export function rowLevel(
  service: Service,
  profile: ProfileOverview,
  thresholds: OverviewThresholds,
  now: number,
): RowLevel {
  if (isExpired(service, now)) return 'expired';
  const level = serviceLevel(service, now, thresholds);
  // The forecast warns before a threshold is crossed, as the tray and the notifications do.
  return level === 'ok' && profile.forecasts[String(service.id)]?.warning ? 'warning' : level;
}

export function overviewRows(
  profiles: readonly ProfileOverview[],
  thresholds: OverviewThresholds,
  now: number,
): OverviewRow[] {
  const rows = profiles.flatMap((profile, order) =>
    (profile.snapshot?.services ?? []).map((service) => {
      const percent = usagePercent(service);
      return {
        order,
        row: {
          profile,
          service,
          level: rowLevel(service, profile, thresholds, now),
          left: percent === null ? null : 1 - percent / 100,
        },
      };
    }),
  );
  const last = Number.POSITIVE_INFINITY;
  rows.sort(
    (a, b) =>
      RANK[b.row.level] - RANK[a.row.level] ||
      (a.row.left ?? last) - (b.row.left ?? last) ||
      (a.row.service.expiresAt ?? last) - (b.row.service.expiresAt ?? last) ||
      a.order - b.order ||
      a.row.service.id - b.row.service.id,
  );
  return rows.map(({ row }) => row);
}
