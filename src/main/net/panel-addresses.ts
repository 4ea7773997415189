// Which address of a panel with mirrors answered last, so the next start goes there first instead
// of waiting on a blocked one again. Kept in the cache store: per profile, and per panel for the
// sessions that have no profile yet (setup, sign-in), whose memory a new profile takes over.
import type { KeyValueStore } from '../settings/store';

const KEY = 'panelAddresses';

type Remembered = Record<string, string>;

function read(store: KeyValueStore): Remembered {
  const raw = store.get(KEY);
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return {};
  const out: Remembered = {};
  for (const [owner, base] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof base === 'string') out[owner] = base;
  }
  return out;
}

/** The owner key of a session: its profile, or the panel's main address before there is one. */
export const addressOwner = (profileId: string | null, panelBase: string): string =>
  profileId ? `profile:${profileId}` : `panel:${panelBase}`;

export function rememberedAddress(store: KeyValueStore, owner: string): string | null {
  return read(store)[owner] ?? null;
}

export function rememberAddress(store: KeyValueStore, owner: string, base: string): void {
  const all = read(store);
  if (all[owner] === base) return;
  store.set(KEY, { ...all, [owner]: base });
}

export function forgetAddress(store: KeyValueStore, owner: string): void {
  const all = read(store);
  if (!(owner in all)) return;
  delete all[owner];
  store.set(KEY, all);
}
