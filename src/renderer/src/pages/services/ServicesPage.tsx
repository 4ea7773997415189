// Services: the list, and one service in detail with its daily-use chart, the run-out forecast,
// Copy subscription link, and links into Billing (renew / top up) and Export for that service where
// the profile's source offers them.
import type { ForecastView } from '../../../../shared/contract';
import type { Service } from '../../../../shared/domain';
import { api } from '../../api';
import { BusyButton } from '../../components/Button';
import { ErrorDetails } from '../../components/ErrorDetails';
import { FormError, FormStatus } from '../../components/Field';
import { Icon } from '../../components/Icon';
import { ExpiryLine, LimitsList } from '../../components/ServiceCard';
import { ServersLine } from '../../components/ServersLine';
import { StatusBadge } from '../../components/StatusBadge';
import { UsageBar } from '../../components/UsageBar';
import { UsageChart } from '../../components/UsageChart';
import { useI18n } from '../../i18n';
import { describeError } from '../../lib/errors';
import { useAction } from '../../lib/useAction';
import { useLoad } from '../../lib/useLoad';
import { expiryLevel, trafficLevel, usagePercent } from '../../lib/levels';
import { activeCapabilities, useApp } from '../../state/app';
import { PageHeader } from '../../components/PageHeader';
import { ProviderPageActions } from '../../components/ProviderPageActions';

function Forecast({ forecast }: { forecast: ForecastView | null }) {
  const { t, bytes, date } = useI18n();
  if (!forecast || forecast.bytesPerDay <= 0) return <p className="forecast">{t('services.forecastNone')}</p>;
  let sentence: string;
  if (forecast.warning && forecast.daysEarly !== null) {
    sentence = t('services.forecastEarly', { count: Math.max(1, Math.round(forecast.daysEarly)) });
  } else if (forecast.runOutAt !== null) {
    sentence = t('services.forecastRunOut', { date: date(forecast.runOutAt) });
  } else {
    sentence = t('services.forecastFine');
  }
  return (
    <p className={forecast.warning ? 'forecast forecast-warning' : 'forecast'} data-testid="forecast">
      {forecast.warning ? <Icon name="alert" /> : null}
      <span>
        {sentence} {t('services.forecastRate', { size: bytes(forecast.bytesPerDay) })}
      </span>
    </p>
  );
}

function ServiceDetail({ service }: { service: Service }) {
  const i18n = useI18n();
  const { t, bytes } = i18n;
  const { settings, navigate, data, profiles } = useApp();
  const capabilities = activeCapabilities(profiles);
  // The history changes when the data does (a refresh records today's point).
  const historyLoad = useLoad(
    () => api().serviceHistory({ serviceId: service.id }),
    [service.id, service.usedBytes],
  );
  const history = historyLoad.data;
  const historyError = historyLoad.error ? describeError(historyLoad.error, i18n) : null;
  const copy = useAction(() => api().serviceCopySublink({ serviceId: service.id }));

  const percent = usagePercent(service);
  return (
    <>
      <header className="page-header">
        <div>
          <button type="button" className="link-button" onClick={() => navigate('services')}>
            <Icon name="back" className="flip-rtl" /> {t('services.back')}
          </button>
          <h1 tabIndex={-1} data-page-title>
            <bdi>{service.packageName}</bdi> <span className="muted">#{service.id}</span>
          </h1>
        </div>
        <StatusBadge status={service.status} label={service.statusLabel} />
      </header>

      <section className="card service-detail">
        <UsageBar
          id={`detail-${service.id}-usage`}
          label={t('service.usage')}
          usedBytes={service.usedBytes}
          totalBytes={service.totalBytes}
          percent={percent}
          level={trafficLevel(percent, settings.trafficThresholds)}
        />
        <p className="muted small">{t('service.today', { today: bytes(service.todayBytes) })}</p>
        <ExpiryLine
          expiresAt={service.expiresAt}
          level={expiryLevel(service.expiresAt, Date.now(), settings.expiryThresholds)}
        />
        <LimitsList service={service} />
        {data?.snapshot ? <ServersLine snapshot={data.snapshot} serviceId={service.id} /> : null}
        <ProviderPageActions snapshot={data?.snapshot ?? null} serviceId={service.id} />
        <div className="card-actions">
          <BusyButton busy={copy.busy} onClick={() => void copy.run()}>
            <Icon name="copy" /> {t('services.copySublink')}
          </BusyButton>
          {capabilities?.billing !== false ? (
            <>
              <BusyButton
                variant="secondary"
                onClick={() => navigate('billing', { serviceId: service.id, intent: 'renew' })}
              >
                {t('services.renew')}
              </BusyButton>
              <BusyButton
                variant="secondary"
                onClick={() => navigate('billing', { serviceId: service.id, intent: 'topup' })}
              >
                {t('services.topup')}
              </BusyButton>
            </>
          ) : null}
          {capabilities?.servers !== false ? (
            <BusyButton variant="secondary" onClick={() => navigate('export', { serviceId: service.id })}>
              <Icon name="export" /> {t('services.export')}
            </BusyButton>
          ) : null}
        </div>
        <FormStatus message={copy.result ? t('services.copied') : null} />
        <FormError error={copy.error} />
      </section>

      <section className="card" aria-labelledby="history-title">
        <h2 id="history-title" className="section-title">
          {t('services.history')}
        </h2>
        {historyError ? (
          <div className="field-error" role="alert">
            <p>{historyError.text}</p>
            <ErrorDetails original={historyError.original} />
          </div>
        ) : !history ? (
          <p className="muted" role="status">
            {t('services.historyLoading')}
          </p>
        ) : (
          <>
            <Forecast forecast={history.forecast} />
            {history.days.length === 0 ? (
              <p className="muted">{t('services.historyEmpty')}</p>
            ) : (
              <UsageChart days={history.days} name={service.packageName} />
            )}
          </>
        )}
      </section>
    </>
  );
}

export default function ServicesPage() {
  const { t, bytes } = useI18n();
  const { data, nav, navigate } = useApp();
  const services = data?.snapshot?.services ?? [];
  const selected = nav.serviceId === null ? null : (services.find((s) => s.id === nav.serviceId) ?? null);

  if (selected) {
    return (
      <div className="page">
        <ServiceDetail key={selected.id} service={selected} />
      </div>
    );
  }
  return (
    <div className="page">
      <PageHeader title={t('services.title')} />
      {!data ? (
        // A switch of profile (an overview row, a notification) is loading the profile's data.
        <p className="muted" role="status">
          {t('dashboard.loading')}
        </p>
      ) : nav.serviceId !== null ? (
        <p className="banner banner-info">{t('services.notFound')}</p>
      ) : null}
      {!data ? null : services.length === 0 ? (
        <div className="card empty-state">
          <p>{t('dashboard.empty')}</p>
        </div>
      ) : (
        <ul className="service-list" aria-label={t('services.listLabel')}>
          {services.map((service) => (
            <li key={service.id}>
              <button
                type="button"
                className="service-row"
                onClick={() => navigate('services', { serviceId: service.id })}
              >
                <span className="service-row-name">
                  <bdi>{service.packageName}</bdi> <span className="muted">#{service.id}</span>
                </span>
                <span className="muted">
                  {service.totalBytes > 0
                    ? t('service.usageText', {
                        used: bytes(service.usedBytes),
                        total: bytes(service.totalBytes),
                      })
                    : t('service.usageUnlimited', { used: bytes(service.usedBytes) })}
                </span>
                <StatusBadge status={service.status} label={service.statusLabel} />
                <Icon name="chevron" className="rot-inline-end" />
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
