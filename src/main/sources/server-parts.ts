// When a service's server list (service/info) is asked for again. account/info alone carries usage,
// days left, status and the sublink, so a steady refresh is that one request; the server lists are
// parts of their own, each with its fetch time, its own failure and its own backoff.
//
// A list is due when it was never fetched, when account/info shows a change that can change it
// (a new service, another package, the expiry moved by a renewal, another status), when it is older
// than the servers interval (a setting, 6 h by default: proxy clients refresh subscriptions every
// 12-24 h), or when its last fetch failed and its backoff has passed. Callers about to hand servers
// out (export, copy) ask with a short maximum age instead (ON_DEMAND_MAX_AGE_MS).
import type { PanelServer, Service, ServerListError, ServerListPart, Snapshot } from '../../shared/domain';
import { serverListPart } from '../../shared/domain';
import type { AppError } from '../../shared/errors';

export const DEFAULT_SERVERS_MAX_AGE_MS = 6 * 60 * 60_000;
/** An export or copy never hands out a list older than this without asking the panel first. */
export const ON_DEMAND_MAX_AGE_MS = 5 * 60_000;
/** Wait after the n-th consecutive failure: 1, 4, 16, 64 min ..., capped by the servers interval. */
export const SERVERS_RETRY_BASE_MS = 60_000;

/** What asks for server lists in a refresh. */
export type ServersMode =
  /** Only the lists that are due (steady refreshes). */
  | 'due'
  /** Every list (sign-in, a manual "Refresh now"). */
  | 'all';

export function serversRetryDelayMs(attempts: number, maxAgeMs: number): number {
  const exponent = Math.min(Math.max(attempts - 1, 0), 20);
  return Math.min(SERVERS_RETRY_BASE_MS * 4 ** exponent, Math.max(maxAgeMs, SERVERS_RETRY_BASE_MS));
}

/** Due by time alone: never fetched, too old, or failed with its backoff over. */
export function dueByAge(part: ServerListPart, now: number, maxAgeMs: number): boolean {
  if (part.error) return now >= part.error.retryAt;
  return part.fetchedAt === null || now - part.fetchedAt >= maxAgeMs;
}

/** account/info shows something that can change the servers: another package, expiry, or status. */
export function changedForServers(before: Service | undefined, after: Service): boolean {
  if (!before) return true;
  return (
    before.packageId !== after.packageId ||
    before.expiresAt !== after.expiresAt ||
    before.status !== after.status ||
    before.serverGroup !== after.serverGroup
  );
}

/**
 * The services whose lists a refresh asks for, given the previous snapshot and account/info's
 * services (or, before account/info answers, the previous services: those are fetched early).
 */
export function dueServices(
  previous: Snapshot | null,
  services: readonly Service[],
  now: number,
  maxAgeMs: number,
  mode: ServersMode,
): number[] {
  if (mode === 'all' || !previous) return services.map((s) => s.id);
  return services
    .filter((service) => {
      const before = previous.services.find((s) => s.id === service.id);
      return (
        changedForServers(before, service) || dueByAge(serverListPart(previous, service.id), now, maxAgeMs)
      );
    })
    .map((s) => s.id);
}

export function failedPart(
  before: ServerListPart | undefined,
  error: AppError,
  now: number,
  maxAgeMs: number,
): ServerListPart {
  const attempts = (before?.error?.attempts ?? 0) + 1;
  const recorded: ServerListError = {
    kind: error.kind,
    message: error.message,
    ...(error.code !== undefined ? { code: error.code } : {}),
    ...(error.status !== undefined ? { status: error.status } : {}),
    failedAt: now,
    attempts,
    retryAt: now + serversRetryDelayMs(attempts, maxAgeMs),
  };
  return { fetchedAt: before?.fetchedAt ?? null, error: recorded };
}

/** Server lists fetched (or failed) for some services, to lay over a snapshot. */
export interface ServersUpdate {
  servers: Record<string, PanelServer[]>;
  parts: Record<string, ServerListPart>;
}

/**
 * `snapshot` with the update laid over it, for the services it still has; lists of services gone
 * from the account are dropped, a failed fetch keeps the last known list.
 */
export function withServers(snapshot: Snapshot, update: ServersUpdate): Snapshot {
  const servers: Record<string, PanelServer[]> = {};
  const parts: Record<string, ServerListPart> = {};
  for (const service of snapshot.services) {
    const key = String(service.id);
    const list = update.servers[key] ?? snapshot.servers[key];
    if (list) servers[key] = list;
    parts[key] = update.parts[key] ?? serverListPart(snapshot, service.id);
  }
  return { ...snapshot, servers, serverParts: parts };
}

/** Services of `snapshot` (all, or those asked) whose lists are older than maxAgeMs or failed. */
export function staleLists(
  snapshot: Snapshot,
  serviceIds: readonly number[] | null,
  now: number,
  maxAgeMs: number,
): number[] {
  return snapshot.services
    .filter((s) => serviceIds === null || serviceIds.includes(s.id))
    .filter((s) => {
      const part = serverListPart(snapshot, s.id);
      return part.error !== null || part.fetchedAt === null || now - part.fetchedAt >= maxAgeMs;
    })
    .map((s) => s.id);
}
