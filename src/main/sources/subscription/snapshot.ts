// A subscription reading as the app's domain types: one Service (the plan the link belongs to) with
// its servers as panel servers, and the details only a subscription has (its links, announcement,
// where the usage came from, why servers are missing, a refusal). The link itself never appears.

import type { PanelServer, Service } from '../../../shared/domain';
import type { SkipNote } from '../../export/model';
import type { BodyFormat } from './body';
import { toPanelServer, type SubscriptionReading } from './read';

/** The one service of a subscription profile. */
export const SUBSCRIPTION_SERVICE_ID = 1;
const DAY_MS = 86_400_000;

export interface SubscriptionRefusal {
  status: number;
  /** The panel's words, verbatim (cleaned); '' when it said nothing readable. */
  words: string;
  at: number;
}

export interface SubscriptionDetails {
  supportUrl: string | null;
  webPageUrl: string | null;
  announce: string | null;
  announceUrl: string | null;
  /** Where the usage came from; null when the provider sent none (usage shows as unknown). */
  usageSource: SubscriptionReading['usageSource'];
  /** 3x-ui: the plan starts on first use and then lasts this long. */
  startsOnFirstUse: { durationMs: number } | null;
  format: BodyFormat;
  /** Entries left out (pseudo-servers, unreadable ones), with the reason. */
  notes: SkipNote[];
  /** Why there are no servers although the usage came; null otherwise. */
  serversHidden: string | null;
  /** The last refusal (400, 403, 404, 406 ...); the data shown is the last known one. */
  refusal: SubscriptionRefusal | null;
  /** The link moved permanently; shown shortened so the user can update it. */
  movedTo: string | null;
  /** The provider's suggested refresh interval, in hours. */
  updateIntervalHours: number | null;
  /** The answer came only when the app presented itself as a mainstream client. */
  neededClientAgent: boolean;
}

/** The plan as a Service: XMPlus-only fields neutral, the usage unknown as 0 of 0 with usageSource null. */
export function serviceFrom(reading: SubscriptionReading, now: number): Service {
  const usage = reading.usage.kind === 'reading' ? reading.usage : null;
  const expiresAt =
    usage?.expiresAt ?? (reading.plan.expiresAt === undefined ? null : reading.plan.expiresAt);
  const nextReset = reading.metadata.nextResetAt;
  const resetInDays =
    nextReset !== null && nextReset > now
      ? Math.ceil((nextReset - now) / DAY_MS)
      : (reading.plan.resetInDays ?? null);
  return {
    id: SUBSCRIPTION_SERVICE_ID,
    packageId: 0,
    packageName: reading.metadata.title,
    billing: '',
    amount: null,
    paidAt: null,
    expiresAt,
    // 0 is how the domain says "no limit" (as XMPlus's "Unlimited" normalises).
    totalBytes: usage?.totalBytes ?? 0,
    usedBytes: usage?.usedBytes ?? 0,
    todayBytes: 0,
    ipLimit: null,
    speedLimit: '',
    serverGroup: '',
    recentOnline: null,
    status: 'unknown',
    statusLabel: '',
    resetText: '',
    resetInDays,
    // The link is a credential: never copied into the snapshot.
    sublink: '',
  };
}

export function serversFrom(reading: SubscriptionReading): Record<string, PanelServer[]> {
  return { [String(SUBSCRIPTION_SERVICE_ID)]: reading.servers.map(toPanelServer) };
}

export function detailsFrom(
  reading: SubscriptionReading,
  extra: { movedTo: string | null; neededClientAgent: boolean },
): SubscriptionDetails {
  const m = reading.metadata;
  return {
    supportUrl: m.supportUrl,
    webPageUrl: m.webPageUrl,
    announce: m.announce,
    announceUrl: m.announceUrl,
    usageSource: reading.usageSource,
    startsOnFirstUse: reading.usage.kind === 'reading' ? reading.usage.startsOnFirstUse : null,
    format: reading.format,
    notes: reading.notes,
    serversHidden: reading.serversHidden,
    refusal: null,
    movedTo: extra.movedTo,
    updateIntervalHours: m.updateIntervalHours,
    neededClientAgent: extra.neededClientAgent,
  };
}
