// The monitor keeps its records in the store as { version, services: { [service id]: entry } } (the
// usage history, the alerts already fired). Reading one back takes whatever the store gave: old,
// missing or hand-edited values yield the entries that are there, or none.

/** The per-service entries of a stored record, unchecked; none when the value is not such a record. */
export function storedServiceEntries(value: unknown): [id: string, entry: unknown][] {
  if (typeof value !== 'object' || value === null) return [];
  const services = (value as { services?: unknown }).services;
  if (typeof services !== 'object' || services === null) return [];
  return Object.entries(services as Record<string, unknown>);
}
