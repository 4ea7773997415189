// A service's status: the normalized state as a coloured badge, with the panel's own label
// (which may be localized, e.g. "فعال") beside it when it says something different.
import type { ServiceStatus } from '../../../shared/domain';
import { useI18n } from '../i18n';

export function StatusBadge({ status, label }: { status: ServiceStatus; label: string }) {
  const { t } = useI18n();
  const normalized = t(`service.status.${status}`);
  const showPanel = label && label.trim().toLowerCase() !== normalized.toLowerCase();
  return (
    <span className="status">
      <span className={`badge badge-${status}`}>{normalized}</span>
      {showPanel ? (
        <span className="status-panel" title={t('service.statusPanel', { label })}>
          <bdi>{label}</bdi>
        </span>
      ) : null}
    </span>
  );
}
