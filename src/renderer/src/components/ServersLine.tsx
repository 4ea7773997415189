// Where a service's servers are shown (service card, service details, Export page): how many there
// are and when they were fetched, or that they are unavailable with the panel's own message, and
// whether the last known ones can still be used.
import type { Snapshot } from '../../../shared/domain';
import { serverListPart } from '../../../shared/domain';
import { useI18n } from '../i18n';

const DAY_MS = 86_400_000;

/** The panel's words keep their own direction inside a sentence of another (FSI ... PDI). */
const isolate = (text: string) => `\u2068${text}\u2069`;

/** "14:05" today, "Jan 9, 14:05" on another day. */
export function useFetchTime(): (at: number) => string {
  const { date } = useI18n();
  return (at) =>
    Date.now() - at < DAY_MS && new Date(at).getDate() === new Date().getDate()
      ? date(at, { timeStyle: 'short' })
      : date(at, { dateStyle: 'medium', timeStyle: 'short' });
}

export function ServersLine({ snapshot, serviceId }: { snapshot: Snapshot; serviceId: number }) {
  const { t } = useI18n();
  const time = useFetchTime();
  const part = serverListPart(snapshot, serviceId);
  const known = snapshot.servers[String(serviceId)];
  if (part.error) {
    return (
      <div className="servers-line servers-unavailable" data-servers="unavailable">
        <p className="level-text-warning">
          {t('servers.unavailable', { message: isolate(part.error.message) })}
        </p>
        <p className="muted small">
          {known && part.fetchedAt !== null
            ? t('servers.lastKnown', { time: time(part.fetchedAt) })
            : t('servers.noneKnown')}
        </p>
      </div>
    );
  }
  if (!known || part.fetchedAt === null) return null;
  return (
    <p className="servers-line muted small" data-servers="ok">
      {t('servers.asOf', { count: known.length, time: time(part.fetchedAt) })}
    </p>
  );
}
