// Settings, profiles and the cached snapshot on top of a KeyValueStore. Every read is validated,
// so a hand-edited value falls back to its default instead of breaking the app. Never a secret here:
// passwords and API keys live in the keychain (src/main/secrets.ts).
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { DEFAULT_SETTINGS, settingsSchema, type Settings, type SettingsPatch } from '../../shared/settings';
import type { ProfileView } from '../../shared/contract';
import { SOURCE_KINDS, type Snapshot, type SourceKind } from '../../shared/domain';
import type { KeyValueStore } from './store';

/**
 * A stored profile: what the window sees of it (less signedIn, known only at run time, and the
 * capabilities, which follow from its kind), and when it was added.
 */
export interface ProfileRecord extends Omit<ProfileView, 'signedIn' | 'capabilities' | 'proxyPasswordKept'> {
  createdAt: number;
}

const profileSchema = z.object({
  id: z.string().min(1),
  // Profiles stored before there were kinds of source are XMPlus ones, watched at the global interval.
  kind: z.enum(SOURCE_KINDS as [SourceKind, ...SourceKind[]]).default('xmplus'),
  watch: z.boolean().default(true),
  refreshMinutes: z.number().int().min(5).max(1440).nullable().default(null),
  panelUrl: z.string().min(1),
  email: z.string().min(1),
  displayName: z.string(),
  options: z
    .object({ proxyUrl: z.string().default(''), timeZone: z.string().default('') })
    .default({ proxyUrl: '', timeZone: '' }),
  remember: z.boolean().default(true),
  createdAt: z.number().default(0),
}) satisfies z.ZodType<ProfileRecord>;

export function readSettings(store: KeyValueStore): Settings {
  const raw = store.get('settings');
  const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  if (raw && typeof raw === 'object') {
    // Key by key: one bad value must not reset the others.
    for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
      const field = settingsSchema.shape[key as keyof Settings];
      if (field && field.safeParse(value).success) merged[key] = value;
    }
  }
  return settingsSchema.parse(merged);
}

export function writeSettings(store: KeyValueStore, patch: SettingsPatch): Settings {
  const next = settingsSchema.parse({ ...readSettings(store), ...patch });
  store.set('settings', next);
  return next;
}

export function readProfiles(store: KeyValueStore): ProfileRecord[] {
  const raw = store.get('profiles');
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((item) => {
    const parsed = profileSchema.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
}

export function writeProfiles(store: KeyValueStore, profiles: ProfileRecord[]): void {
  store.set('profiles', profiles);
}

export function readActiveProfileId(store: KeyValueStore): string | null {
  const id = store.get('activeProfileId');
  return typeof id === 'string' && readProfiles(store).some((p) => p.id === id) ? id : null;
}

export function setActiveProfileId(store: KeyValueStore, id: string | null): void {
  if (id === null) store.delete('activeProfileId');
  else store.set('activeProfileId', id);
}

/** Add a profile, or update the one for the same panel and email, and return it. */
export function upsertProfile(
  store: KeyValueStore,
  fields: Pick<ProfileRecord, 'panelUrl' | 'email'> & Partial<Omit<ProfileRecord, 'id' | 'createdAt'>>,
  now: () => number = Date.now,
): ProfileRecord {
  const profiles = readProfiles(store);
  const email = fields.email.trim().toLowerCase();
  const existing = profiles.find((p) => p.panelUrl === fields.panelUrl && p.email.toLowerCase() === email);
  const host = safeHost(fields.panelUrl);
  const record: ProfileRecord = existing
    ? {
        ...existing,
        displayName: fields.displayName || existing.displayName,
        options: { ...existing.options, ...fields.options },
        remember: fields.remember ?? existing.remember,
      }
    : {
        id: randomUUID(),
        kind: fields.kind ?? 'xmplus',
        watch: fields.watch ?? true,
        refreshMinutes: fields.refreshMinutes ?? null,
        panelUrl: fields.panelUrl,
        email: fields.email.trim(),
        displayName: fields.displayName || `${fields.email.trim()} · ${host}`,
        options: { proxyUrl: '', timeZone: '', ...fields.options },
        remember: fields.remember ?? true,
        createdAt: now(),
      };
  writeProfiles(
    store,
    existing ? profiles.map((p) => (p.id === record.id ? record : p)) : [...profiles, record],
  );
  return record;
}

export function removeProfile(store: KeyValueStore, id: string): ProfileRecord | null {
  const profiles = readProfiles(store);
  const removed = profiles.find((p) => p.id === id) ?? null;
  writeProfiles(
    store,
    profiles.filter((p) => p.id !== id),
  );
  if (store.get('activeProfileId') === id) {
    const next = profiles.find((p) => p.id !== id);
    setActiveProfileId(store, next ? next.id : null);
  }
  return removed;
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

// ---------------------------------------------------------------------------------------------
// The cache: the last good snapshot per profile, so the app shows data at once and offline.

const money = z.object({ amount: z.number(), currency: z.string(), text: z.string() });
/** The shape the monitor, tray and export read from a cached snapshot; a damaged one is dropped. */
const cachedSnapshotSchema = z.object({
  fetchedAt: z.number(),
  kind: z.enum(SOURCE_KINDS as [SourceKind, ...SourceKind[]]).optional(),
  account: z.object({ id: z.number(), username: z.string(), email: z.string(), balance: money }).nullable(),
  services: z.array(
    z.object({
      id: z.number(),
      packageId: z.number(),
      packageName: z.string(),
      billing: z.string(),
      amount: money.nullable(),
      paidAt: z.number().nullable(),
      expiresAt: z.number().nullable(),
      totalBytes: z.number(),
      usedBytes: z.number(),
      todayBytes: z.number(),
      ipLimit: z.object({ online: z.number(), limit: z.number() }).nullable(),
      speedLimit: z.string(),
      serverGroup: z.string(),
      recentOnline: z.string().nullable(),
      status: z.string(),
      statusLabel: z.string(),
      resetText: z.string(),
      resetInDays: z.number().nullable(),
      sublink: z.string(),
    }),
  ),
  servers: z.record(
    z.string(),
    z.array(
      z.object({
        type: z.string(),
        remark: z.string(),
        address: z.string(),
        port: z.number(),
        network: z.string(),
        security: z.string(),
        uri: z.string(),
        fields: z.record(z.string(), z.unknown()),
      }),
    ),
  ),
  serverParts: z
    .record(
      z.string(),
      z.object({
        fetchedAt: z.number().nullable(),
        error: z
          .object({
            kind: z.string(),
            message: z.string(),
            failedAt: z.number(),
            attempts: z.number(),
            retryAt: z.number(),
          })
          .nullable(),
      }),
    )
    .optional(),
});

export function readCachedSnapshot(cache: KeyValueStore, profileId: string): Snapshot | null {
  const all = cache.get('snapshots');
  if (!all || typeof all !== 'object') return null;
  const snapshot = (all as Record<string, unknown>)[profileId];
  if (!snapshot || typeof snapshot !== 'object') return null;
  // A hand-edited or damaged cache must not crash start-up (forecasts, tray, export read every field).
  if (!cachedSnapshotSchema.safeParse(snapshot).success) return null;
  // Cached before there were kinds of source: an XMPlus one.
  const read = snapshot as Snapshot;
  return read.kind ? read : { ...read, kind: 'xmplus' };
}

export function writeCachedSnapshot(cache: KeyValueStore, snapshot: Snapshot): void {
  const all = (cache.get('snapshots') as Record<string, Snapshot> | undefined) ?? {};
  cache.set('snapshots', { ...all, [snapshot.profileId]: snapshot });
}

export function dropCachedSnapshot(cache: KeyValueStore, profileId: string): void {
  const all = (cache.get('snapshots') as Record<string, Snapshot> | undefined) ?? {};
  const rest = Object.fromEntries(Object.entries(all).filter(([id]) => id !== profileId));
  cache.set('snapshots', rest);
}
