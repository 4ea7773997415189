// What a paid invoice changed: compares the services before the payment with the services after
// the refresh, and words it for the native notification. Pure functions, no I/O.
import type { ServiceChange } from '../../shared/contract';
import { ENGLISH, type MainText } from '../i18n';
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

/** One line for the notification, in the catalogue's language: "StarterPack now runs until 12 Mar 2027." */
export function describeChange(change: ServiceChange, text: MainText = ENGLISH): string {
  const name = change.packageName || text.t('payment.yourService');
  const isNew = change.expiresBefore === null && change.totalBytesBefore === null;
  if (isNew && change.serviceId !== null && change.expiresAfter !== null) {
    return text.t('payment.activeUntil', { name, date: text.date(change.expiresAfter) });
  }
  const renewed = change.expiresAfter !== null && change.expiresAfter !== change.expiresBefore;
  const grown = change.totalBytesAfter !== null && change.totalBytesAfter !== change.totalBytesBefore;
  const date = change.expiresAfter !== null ? text.date(change.expiresAfter) : '';
  const size = change.totalBytesAfter !== null ? text.size(change.totalBytesAfter) : '';
  if (renewed && grown) return text.t('payment.runsUntilWithTraffic', { name, date, size });
  if (renewed) return text.t('payment.runsUntil', { name, date });
  if (grown) return text.t('payment.hasTraffic', { name, size });
  return text.t('payment.confirmed', { name });
}
