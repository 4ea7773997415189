// What a paid invoice changed: compares the services before the payment with the services after
// the refresh, and words it for the native notification. Pure functions, no I/O.
import type { ServiceChange } from '../../shared/contract';
import type { Invoice, Snapshot } from '../../shared/domain';

/** The little of a service a watch keeps from before the payment (persisted with the watch). */
export interface ServiceBefore {
  id: number;
  packageId: number;
  packageName: string;
  expiresAt: number | null;
  totalBytes: number;
}

export function servicesBefore(snapshot: Snapshot | null): ServiceBefore[] | null {
  if (!snapshot) return null;
  return snapshot.services.map((s) => ({
    id: s.id,
    packageId: s.packageId,
    packageName: s.packageName,
    expiresAt: s.expiresAt,
    totalBytes: s.totalBytes,
  }));
}

/**
 * The service the invoice touched and how. Renewals and top-ups name their service; a new
 * service is the one that was not there before (some panels leave `serviceid` empty even then).
 */
export function computeChange(
  invoice: Invoice,
  before: ServiceBefore[] | null,
  after: Snapshot | null,
): ServiceChange {
  const known = new Set((before ?? []).map((s) => s.id));
  let target =
    invoice.serviceId !== null ? after?.services.find((s) => s.id === invoice.serviceId) : undefined;
  if (!target && after && before) {
    const fresh = after.services.filter((s) => !known.has(s.id));
    target = fresh.find((s) => s.packageId === invoice.packageId) ?? fresh[0];
  }
  const previous = target ? (before ?? []).find((s) => s.id === target.id) : undefined;
  return {
    serviceId: target?.id ?? invoice.serviceId,
    packageName: target?.packageName || invoice.packageName,
    expiresBefore: previous?.expiresAt ?? null,
    expiresAfter: target?.expiresAt ?? null,
    totalBytesBefore: previous?.totalBytes ?? null,
    totalBytesAfter: target?.totalBytes ?? null,
  };
}

const GB = 1024 ** 3;

function sizeText(bytes: number): string {
  if (bytes >= GB) return `${Number((bytes / GB).toFixed(1))} GB`;
  return `${Number((bytes / 1024 ** 2).toFixed(1))} MB`;
}

function dateText(epochMs: number): string {
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(epochMs);
}

/** One line for the notification: "StarterPack now runs until 12 Mar 2027". */
export function describeChange(change: ServiceChange): string {
  const name = change.packageName || 'Your service';
  const parts: string[] = [];
  const isNew = change.expiresBefore === null && change.totalBytesBefore === null;
  if (isNew && change.serviceId !== null && change.expiresAfter !== null) {
    return `${name} is active until ${dateText(change.expiresAfter)}.`;
  }
  if (change.expiresAfter !== null && change.expiresAfter !== change.expiresBefore) {
    parts.push(`runs until ${dateText(change.expiresAfter)}`);
  }
  if (change.totalBytesAfter !== null && change.totalBytesAfter !== change.totalBytesBefore) {
    parts.push(`has ${sizeText(change.totalBytesAfter)} of traffic`);
  }
  if (parts.length === 0) return `${name}: the payment is confirmed.`;
  return `${name} now ${parts.join(' and ')}.`;
}
