// A subscription reading as the app's domain types: one Service (the plan the link belongs to) with
// its servers as panel servers, and the details only a subscription has (its links, announcement,
// where the usage came from, why servers are missing, a refusal). The link itself never appears.

import type { PanelServer, Service, SubscriptionInfo } from '../../../shared/domain';
import { scrubLink } from './policy';
import { toPanelServer, type SubscriptionReading } from './read';

/** The one service of a subscription profile. */
export const SUBSCRIPTION_SERVICE_ID = 1;
const DAY_MS = 86_400_000;

/** What only a subscription has; the shared domain type, so the window and the cache see it. */
export type SubscriptionDetails = SubscriptionInfo;

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
    // A link has no status of its own: it answered, so the plan is active until its expiry passes.
    status: expiresAt !== null && expiresAt <= now ? 'expired' : 'active',
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
    startsOnFirstUseMs:
      reading.usage.kind === 'reading' ? (reading.usage.startsOnFirstUse?.durationMs ?? null) : null,
    notes: reading.notes,
    serversHidden: reading.serversHidden,
    refusal: null,
    movedTo: extra.movedTo,
    updateIntervalHours: m.updateIntervalHours,
    neededClientAgent: extra.neededClientAgent,
  };
}

/**
 * The details without anything that carries the link: Marzban, PasarGuard and Remnawave send the
 * subscription URL itself as profile-web-page-url, which would put the credential in the cache and
 * the window. Such a button is dropped; texts lose the token.
 */
export function withoutLink(details: SubscriptionDetails, link: URL): SubscriptionDetails {
  const url = (value: string | null) => (value !== null && scrubLink(value, link) !== value ? null : value);
  const text = (value: string | null) => (value === null ? null : scrubLink(value, link));
  return {
    ...details,
    supportUrl: url(details.supportUrl),
    webPageUrl: url(details.webPageUrl),
    announceUrl: url(details.announceUrl),
    announce: text(details.announce),
    notes: details.notes.map((n) => ({ remark: scrubLink(n.remark, link), reason: n.reason })),
  };
}
