// The Export page's word on where its servers come from: per service in the selection, how many
// and as of when, or that the panel refused the list (its own message) and whether the last known
// servers are what is exported.
import type { Snapshot } from '../../../../shared/domain';
import { ServersLine } from '../../components/ServersLine';

export function ServersStatus({ snapshot, serviceId }: { snapshot: Snapshot; serviceId: number | null }) {
  const services = snapshot.services.filter((s) => serviceId === null || s.id === serviceId);
  return (
    <div className="export-servers" aria-live="polite" data-testid="export-servers">
      {services.map((service) => (
        <div key={service.id} className="export-servers-item" data-service-id={service.id}>
          {serviceId === null ? (
            <p className="export-servers-name">
              <bdi>{service.packageName}</bdi> <span className="muted">#{service.id}</span>
            </p>
          ) : null}
          <ServersLine snapshot={snapshot} serviceId={service.id} />
        </div>
      ))}
    </div>
  );
}
