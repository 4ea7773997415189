// Warning colours for a service from the user's thresholds; the rule itself is src/shared/levels.ts,
// shared with the tray and Waybar.
import type { Service } from '../../../shared/domain';

import {
  expiryLevel,
  trafficLevel,
  usagePercent,
  wholeDaysLeft,
  worstLevel,
  type UrgencyLevel,
} from '../../../shared/levels';

export type Level = UrgencyLevel;
export { expiryLevel, trafficLevel, usagePercent, worstLevel };
/** Days left counted as the panel would: whole days, 0 on the last day. */
export const daysLeft = wholeDaysLeft;

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
