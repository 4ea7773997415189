// The CLI's side of the status socket: asks the running app for every watched profile's latest
// data. Null when no app answers (not running, an old socket file, a timeout, a malformed answer):
// the CLI then asks the panels itself, as without the app.
import type { Snapshot } from '../../shared/domain';
import { defaultConfigDir } from '../settings/store';
import { STATUS_REQUEST, STATUS_TIMEOUT_MS, askAppIn, type StatusProfile } from './status-socket';

function looksLikeSnapshot(value: unknown): value is Snapshot {
  if (typeof value !== 'object' || value === null) return false;
  const s = value as Partial<Snapshot>;
  return (
    typeof s.profileId === 'string' &&
    typeof s.fetchedAt === 'number' &&
    Array.isArray(s.services) &&
    typeof s.account === 'object'
  );
}

function looksLikeProfile(value: unknown): value is StatusProfile {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as Partial<StatusProfile>;
  return (
    typeof p.id === 'string' &&
    typeof p.name === 'string' &&
    typeof p.kind === 'string' &&
    (p.snapshot === null || looksLikeSnapshot(p.snapshot)) &&
    (p.error === null || (typeof p.error === 'object' && typeof p.error?.message === 'string'))
  );
}

/** Every watched profile of the app running on `userData`, once it has proved it holds this run's key. */
export async function askStatus(
  userData: string,
  timeoutMs = STATUS_TIMEOUT_MS,
): Promise<StatusProfile[] | null> {
  const answer = await askAppIn(userData, STATUS_REQUEST, timeoutMs);
  const profiles = answer?.profiles;
  return Array.isArray(profiles) && profiles.every(looksLikeProfile) ? profiles : null;
}

/**
 * The StatusSource the CLI's status command asks first. Scripts that bring their own credentials
 * (XMPLUS_PANEL_URL and the rest) mean a specific account: they go to the panel.
 */
export async function askRunningApp(io: { env: NodeJS.ProcessEnv }): Promise<StatusProfile[] | null> {
  if (io.env.XMPLUS_PANEL_URL || io.env.XMPLUS_EMAIL) return null;
  return askStatus(defaultConfigDir(io.env));
}
