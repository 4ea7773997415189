// The first page: the overview of every profile's services (with several profiles), then the active
// profile's detail: a card per service, the balance, the last-updated time and a manual refresh.
// Data arrives from main (dataGet at start, then the 'data' event); Refresh asks for it now.
import { useState } from 'react';
import { api } from '../../api';
import { BusyButton } from '../../components/Button';
import { ErrorDetails } from '../../components/ErrorDetails';
import { Icon } from '../../components/Icon';
import { ServiceCard } from '../../components/ServiceCard';
import { useI18n } from '../../i18n';
import { describeError } from '../../lib/errors';
import { useAction } from '../../lib/useAction';
import { useNow } from '../../lib/useNow';
import { activeProfile, profileLabel, useApp } from '../../state/app';
import { PageHeader } from '../../components/PageHeader';
import { Overview } from './Overview';
import { RelinkCard } from './RelinkCard';

export default function DashboardPage() {
  const i18n = useI18n();
  const { t, relative } = i18n;
  const { data, setData, settings, profiles, navigate, setAdding } = useApp();
  const refresh = useAction(() => api().dataRefresh());
  const now = useNow(30_000);
  const profile = activeProfile(profiles);
  const snapshot = data?.snapshot ?? null;
  const busy = refresh.busy || Boolean(data?.monitor.refreshing);
  const lastOk = snapshot?.fetchedAt ?? data?.monitor.lastOkAt ?? null;

  // Counts the user's Refresh presses: the cards' import buttons check the clients again on each.
  const [importCheck, setImportCheck] = useState(0);

  const refreshNow = async () => {
    setImportCheck((n) => n + 1);
    const result = await refresh.run();
    if (result?.ok) setData(result.value);
  };

  const thresholds = { traffic: settings.trafficThresholds, expiry: settings.expiryThresholds };
  const failure = refresh.error ?? (snapshot ? null : (data?.monitor.lastError ?? null));
  const loadError = failure ? describeError(failure, i18n) : null;

  return (
    <div className="page">
      <PageHeader title={t('dashboard.title')}>
        <div className="page-tools">
          <p className="muted" data-testid="last-updated">
            {lastOk ? t('dashboard.updated', { age: relative(lastOk, now) }) : t('dashboard.neverUpdated')}
          </p>
          <BusyButton
            variant="secondary"
            busy={busy}
            busyLabel={t('dashboard.refreshing')}
            onClick={() => void refreshNow()}
            disabled={!profile?.signedIn}
          >
            <Icon name="refresh" /> {t('dashboard.refresh')}
          </BusyButton>
        </div>
      </PageHeader>
      <div className="progress-line" hidden={!busy} aria-hidden="true" />

      <Overview />

      {profile && !profile.signedIn && profile.kind === 'subscription' ? (
        // A subscription profile has nothing to sign in to: its link is pasted again.
        <RelinkCard profile={profile} />
      ) : profile && !profile.signedIn ? (
        <div className="card notice-card">
          <p>{t('dashboard.signedOut')}</p>
          <BusyButton onClick={() => setAdding(true)}>{t('dashboard.signInAgain')}</BusyButton>
        </div>
      ) : null}

      {loadError ? (
        <div className="banner banner-error" role="alert">
          <Icon name="alert" />
          <div className="banner-text">
            <p>{snapshot ? loadError.text : t('dashboard.error', { message: loadError.text })}</p>
            <ErrorDetails original={loadError.original} />
          </div>
        </div>
      ) : null}

      {!snapshot && !loadError && profile?.signedIn ? (
        <p className="muted" role="status">
          {t('dashboard.loading')}
        </p>
      ) : null}

      {snapshot ? (
        <>
          {snapshot.account && profile?.capabilities.account !== false ? (
            <section className="card balance-card" aria-labelledby="balance-title">
              <div>
                <h2 id="balance-title" className="card-label">
                  {t('dashboard.balance')}
                </h2>
                <p className="balance" data-testid="balance">
                  <bdi>{snapshot.account.balance.text || snapshot.account.balance.amount}</bdi>
                </p>
              </div>
              <div className="account">
                <p className="card-label">{t('dashboard.account')}</p>
                <p>
                  <bdi>{snapshot.account.email}</bdi>
                </p>
              </div>
            </section>
          ) : null}
          <section aria-labelledby="services-title">
            <h2 id="services-title" className="section-title">
              {profile && (data?.profiles.length ?? 0) > 1
                ? t('dashboard.servicesOf', { name: profileLabel(profile) })
                : t('dashboard.servicesHeading')}
            </h2>
            {snapshot.services.length === 0 ? (
              <div className="card empty-state">
                <p>{t('dashboard.empty')}</p>
                {profile?.capabilities.billing !== false ? (
                  <BusyButton onClick={() => navigate('billing')}>{t('dashboard.emptyAction')}</BusyButton>
                ) : null}
              </div>
            ) : (
              <div className="card-grid">
                {snapshot.services.map((service) => (
                  <ServiceCard
                    key={service.id}
                    service={service}
                    thresholds={thresholds}
                    snapshot={snapshot}
                    importCheck={importCheck}
                    onOpen={() => navigate('services', { serviceId: service.id })}
                  />
                ))}
              </div>
            )}
          </section>
        </>
      ) : null}
    </div>
  );
}
