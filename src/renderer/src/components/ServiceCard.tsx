// One service on the dashboard: usage bar, days left (a live countdown under 48 h), next traffic
// reset, status, speed and device limits, coloured at the user's warning thresholds.
import type { Service, Snapshot } from '../../../shared/domain';
import { useI18n } from '../i18n';
import { expiryLevel, serviceLevel, trafficLevel, usagePercent, daysLeft, type Level } from '../lib/levels';
import { useNow } from '../lib/useNow';
import { ServersLine } from './ServersLine';
import { ImportButton } from './import/ImportButton';
import { StatusBadge } from './StatusBadge';
import { UsageBar } from './UsageBar';

const COUNTDOWN_UNDER_MS = 48 * 3_600_000;

export interface Thresholds {
  traffic: readonly number[];
  expiry: readonly number[];
}

export function ExpiryLine({ expiresAt, level }: { expiresAt: number | null; level: Level }) {
  const { t, date, countdown } = useI18n();
  const soon = expiresAt !== null && expiresAt - Date.now() < COUNTDOWN_UNDER_MS;
  const now = useNow(1000, soon);
  if (expiresAt === null) return <p className="expiry">{t('service.noExpiry')}</p>;
  const left = expiresAt - now;
  if (left <= 0)
    return <p className="expiry level-text-critical">{t('service.expiredOn', { date: date(expiresAt) })}</p>;
  if (left < COUNTDOWN_UNDER_MS) {
    return (
      <p className={`expiry level-text-${level}`}>
        <span role="timer" className="countdown">
          {t('service.countdown', { time: countdown(left) })}
        </span>
        <span className="muted">
          {' '}
          · {t('service.expiresOn', { date: date(expiresAt, { dateStyle: 'medium', timeStyle: 'short' }) })}
        </span>
      </p>
    );
  }
  const days = daysLeft(expiresAt, now);
  return (
    <p className={`expiry level-text-${level}`}>
      <strong>{t('service.daysLeft', { count: days })}</strong>
      <span className="muted"> · {t('service.expiresOn', { date: date(expiresAt) })}</span>
    </p>
  );
}

export function ResetText({ service }: { service: Service }) {
  const { t } = useI18n();
  if (service.resetInDays !== null) return <>{t('service.resetIn', { count: service.resetInDays })}</>;
  if (service.resetText) return <bdi>{service.resetText}</bdi>;
  return <>{t('service.noReset')}</>;
}

export function LimitsList({ service }: { service: Service }) {
  const { t, number } = useI18n();
  const ip = service.ipLimit;
  return (
    <dl className="facts">
      <div>
        <dt>{t('service.reset')}</dt>
        <dd>
          <ResetText service={service} />
        </dd>
      </div>
      <div>
        <dt>{t('service.speed')}</dt>
        <dd>{service.speedLimit ? <bdi>{service.speedLimit}</bdi> : t('common.unlimited')}</dd>
      </div>
      <div>
        <dt>{t('service.ip')}</dt>
        <dd>
          {ip === null
            ? t('common.none')
            : ip.limit > 0
              ? t('service.ipValue', { online: number(ip.online), limit: number(ip.limit) })
              : t('service.ipNoLimit', { online: number(ip.online) })}
        </dd>
      </div>
    </dl>
  );
}

export function ServiceCard({
  service,
  thresholds,
  onOpen,
  snapshot,
  importCheck = 0,
}: {
  service: Service;
  thresholds: Thresholds;
  onOpen(): void;
  /** For the servers line (count and fetch time, or unavailable); left out, none is shown. */
  snapshot?: Snapshot;
  /** Changes when the user asks for a refresh: the import button checks the clients again then. */
  importCheck?: number;
}) {
  const { t, bytes } = useI18n();
  const now = Date.now();
  const percent = usagePercent(service);
  const level = serviceLevel(service, now, thresholds);
  const usage = trafficLevel(percent, thresholds.traffic);
  const expiry = expiryLevel(service.expiresAt, now, thresholds.expiry);
  const headingId = `service-${service.id}-title`;
  return (
    <article
      className={`card service-card level-${level}`}
      aria-labelledby={headingId}
      data-service-id={service.id}
    >
      <header className="service-head">
        <h3 id={headingId}>
          <bdi>{service.packageName}</bdi> <span className="muted">#{service.id}</span>
        </h3>
        <StatusBadge status={service.status} label={service.statusLabel} />
      </header>
      {level !== 'ok' ? (
        <p className={`level-pill level-pill-${level}`}>{t(`service.level.${level}`)}</p>
      ) : null}
      <UsageBar
        id={`service-${service.id}-usage`}
        label={`${t('service.usage')}: ${service.packageName}`}
        usedBytes={service.usedBytes}
        totalBytes={service.totalBytes}
        percent={percent}
        level={usage}
      />
      <p className="muted small">{t('service.today', { today: bytes(service.todayBytes) })}</p>
      <ExpiryLine expiresAt={service.expiresAt} level={expiry} />
      <LimitsList service={service} />
      {snapshot ? <ServersLine snapshot={snapshot} serviceId={service.id} /> : null}
      <div className="card-actions">
        {service.sublink ? (
          <ImportButton
            serviceId={service.id}
            serviceName={service.packageName}
            // Asked again when the subscription link changes or the user presses Refresh (a client
            // may have been installed meanwhile), not on every scheduled refresh of the data.
            refreshKey={`${importCheck} ${service.sublink}`}
          />
        ) : null}
        <button type="button" className="button button-secondary" onClick={onOpen}>
          {t('service.details', { name: service.packageName })}
        </button>
      </div>
    </article>
  );
}
