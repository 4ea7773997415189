// The Billing page: the balance, the store (plans with their prices per cycle, stock and limits,
// details on demand), renew / top up for a service (preselected when the app navigates here with a
// service and an action), the payments being watched, and the checkout for a new invoice. Every
// invoice is created only after the user confirms the price.
import { useEffect, useId, useState, type ReactNode } from 'react';
import type { BillingStore, WatchView } from '../../../../shared/contract';
import type { Package, PackagePrice } from '../../../../shared/domain';
import { api } from '../../api';
import { BusyButton } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { useApp } from '../../state/app';
import { Checkout } from './Checkout';
import { changeText } from './PaymentScreen';
import { useBillingText, type BillingText } from './messages';
import { ErrorBox } from '../../components/ErrorBox';
import { useAction } from '../../lib/useAction';
import { useLoad } from '../../lib/useLoad';
import { cycleLabel, LoadStatus, moneyText } from './shared';
import { StorePart } from './StorePart';
import './billing.css';
import { BuyForm } from './BuyForm';
import { RenewForm } from './RenewForm';
import { TopupForm } from './TopupForm';
import { PageHeader } from '../../components/PageHeader';

type View =
  | { kind: 'store' }
  | { kind: 'buy'; pkg: Package }
  | { kind: 'renew'; serviceId: number }
  | { kind: 'topup'; serviceId: number }
  | { kind: 'checkout'; invoiceId: string };

function initialView(serviceId: number | null, intent: 'renew' | 'topup' | null): View {
  if (serviceId !== null && intent === 'renew') return { kind: 'renew', serviceId };
  if (serviceId !== null && intent === 'topup') return { kind: 'topup', serviceId };
  return { kind: 'store' };
}

function PackageFacts({ pkg, text }: { pkg: Package; text: BillingText }) {
  const { bt } = text;
  return (
    <dl className="facts">
      <div>
        <dt>{bt('billing.traffic')}</dt>
        <dd>{text.bytes(pkg.trafficBytes)}</dd>
      </div>
      {pkg.kind === 'full' ? (
        <>
          <div>
            <dt>{bt('billing.speed')}</dt>
            <dd>
              <bdi>{pkg.speedLimit || text.t('common.unlimited')}</bdi>
            </dd>
          </div>
          <div>
            <dt>{bt('billing.devices')}</dt>
            <dd>{pkg.ipLimit ? text.number(pkg.ipLimit) : text.t('common.unlimited')}</dd>
          </div>
        </>
      ) : null}
      <div>
        <dt>{bt('billing.stock')}</dt>
        <dd>
          {pkg.stock === null
            ? text.t('common.unlimited')
            : pkg.stock > 0
              ? bt('billing.stockLeft', { count: pkg.stock })
              : bt('billing.soldOut')}
        </dd>
      </div>
    </dl>
  );
}

function PriceList({ prices, text }: { prices: PackagePrice[]; text: BillingText }) {
  return (
    <ul className="price-list" aria-label={text.bt('billing.price')}>
      {prices.map((p) => (
        <li key={p.cycle}>
          <span>{cycleLabel(text, p.cycle)}</span>
          <bdi className="strong">{moneyText(p.price)}</bdi>
        </li>
      ))}
    </ul>
  );
}

function PackageCard({ pkg, onBuy }: { pkg: Package; onBuy?: () => void }) {
  const text = useBillingText();
  const { bt } = text;
  const detailsId = useId();
  const [open, setOpen] = useState(false);
  // Asked for on the first opening; a failed one is asked again on the next.
  const info = useAction(() => api().billingPackage({ id: pkg.id }));
  const details = info.result;

  const toggle = () => {
    const next = !open;
    setOpen(next);
    if (next && !details) void info.run();
  };

  return (
    <article
      className="card package-card"
      aria-labelledby={`${detailsId}-name`}
      data-testid={`package-${pkg.id}`}
    >
      <h3 id={`${detailsId}-name`}>
        <bdi>{pkg.name}</bdi>
      </h3>
      {pkg.description ? <p className="muted">{pkg.description}</p> : null}
      <PriceList prices={pkg.prices} text={text} />
      <PackageFacts pkg={pkg} text={text} />
      <div className="card-actions">
        {onBuy ? (
          <BusyButton onClick={onBuy} disabled={pkg.stock === 0} aria-describedby={`${detailsId}-name`}>
            {bt('billing.buy')}
          </BusyButton>
        ) : null}
        <BusyButton
          variant="ghost"
          busy={info.busy}
          aria-expanded={open}
          aria-controls={`${detailsId}-details`}
          onClick={toggle}
        >
          {open ? bt('billing.hideDetails') : bt('billing.details')}
        </BusyButton>
      </div>
      <div id={`${detailsId}-details`} hidden={!open}>
        {info.error ? (
          <ErrorBox
            error={info.error}
            template={(message) => bt('billing.detailsFailed', { message })}
            retryLabel={bt('billing.retry')}
          />
        ) : null}
        {details ? (
          // package/info gives the group as a bare id and prices without currency on many panels:
          // the list already shows those well, so the details add what the list lacks.
          <dl className="facts" data-testid="package-details">
            {details.description && details.description !== pkg.description ? (
              <div>
                <dt>{bt('billing.details')}</dt>
                <dd>{details.description}</dd>
              </div>
            ) : null}
            {pkg.serverGroup || details.serverGroup ? (
              <div>
                <dt>{bt('billing.group')}</dt>
                <dd>
                  <bdi>{pkg.serverGroup || details.serverGroup}</bdi>
                </dd>
              </div>
            ) : null}
            {details.kind === 'full' ? (
              <div>
                <dt>{bt('billing.reset')}</dt>
                <dd>{details.trafficReset ? bt('billing.resetYes') : bt('billing.resetNo')}</dd>
              </div>
            ) : null}
            {details.kind === 'full' ? (
              <div>
                <dt>{bt('billing.cycles')}</dt>
                <dd>{details.prices.map((p) => cycleLabel(text, p.cycle)).join(', ')}</dd>
              </div>
            ) : null}
          </dl>
        ) : null}
      </div>
    </article>
  );
}

/** One part of the store as a titled grid of cards: the plans (each with Buy) or the traffic top-ups. */
function PackageSection({
  part,
  store,
  onRetry,
  onBuy,
}: {
  part: 'packages' | 'traffic';
  store: BillingStore;
  onRetry(): void;
  onBuy?: (pkg: Package) => void;
}) {
  const { bt } = useBillingText();
  const plans = part === 'packages';
  const packages = plans ? store.packages : store.traffic;
  return (
    <section aria-labelledby={`billing-${part}-title`}>
      <h2 id={`billing-${part}-title`} className="section-title">
        {bt(plans ? 'billing.packages' : 'billing.trafficPackages')}
      </h2>
      <StorePart
        error={plans ? store.packagesError : store.trafficError}
        failedKey={plans ? 'billing.packagesFailed' : 'billing.trafficFailed'}
        onRetry={onRetry}
      >
        {plans && packages.length === 0 ? <p className="muted">{bt('billing.noPackages')}</p> : null}
        <div className="card-grid">
          {packages.map((pkg) => (
            <PackageCard key={pkg.id} pkg={pkg} onBuy={onBuy ? () => onBuy(pkg) : undefined} />
          ))}
        </div>
      </StorePart>
    </section>
  );
}

function Watches({ watches, onDismiss }: { watches: WatchView[]; onDismiss(id: string): void }) {
  const text = useBillingText();
  const { bt } = text;
  if (watches.length === 0) return null;
  return (
    <section aria-labelledby="watches-title">
      <h2 id="watches-title" className="section-title">
        {bt('watches.title')}
      </h2>
      <ul className="watch-list">
        {watches.map((w) => (
          <li key={`${w.profileId}-${w.invoiceId}`} className="card watch-item" data-testid="watch-item">
            <bdi className="mono">{w.invoiceId}</bdi>
            <span className={`invoice-status invoice-status-${w.state === 'watching' ? 'pending' : w.state}`}>
              {bt(`watches.state.${w.state}`)}
            </span>
            {w.change ? <span className="muted small">{changeText(text, w.change)}</span> : null}
            <button
              type="button"
              className="icon-button"
              aria-label={bt('watches.dismiss', { id: w.invoiceId })}
              onClick={() => onDismiss(w.invoiceId)}
            >
              <Icon name="close" />
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

export default function BillingPage() {
  const text = useBillingText();
  const { bt } = text;
  const { data, nav, profiles } = useApp();
  const activeId = profiles.activeId;
  const snapshot = data?.snapshot ?? null;
  const [view, setView] = useState<View>(() => initialView(nav.serviceId, nav.intent));
  // Another profile may be on another panel: its store is asked again.
  const storeLoad = useLoad(() => api().billingStore(), [activeId]);
  const store = storeLoad.data;
  const [watches, setWatches] = useState<WatchView[]>([]);

  // A navigation into Billing with a service and an action opens that flow.
  useEffect(() => {
    setView(initialView(nav.serviceId, nav.intent));
  }, [nav.serviceId, nav.intent]);

  useEffect(() => {
    const x = api();
    void x.billingWatches().then((result) => {
      if (result.ok) setWatches(result.value);
    });
    return x.on('payment', (next) =>
      setWatches((prev) => [
        next,
        ...prev.filter((w) => !(w.invoiceId === next.invoiceId && w.profileId === next.profileId)),
      ]),
    );
  }, []);

  const dismiss = async (invoiceId: string) => {
    const result = await api().billingDismissWatch({ invoiceId });
    if (result.ok) setWatches(result.value);
  };

  const toStore = () => setView({ kind: 'store' });
  const retryStore = storeLoad.retry;
  const toCheckout = (invoiceId: string) => setView({ kind: 'checkout', invoiceId });
  const service = (id: number) => snapshot?.services.find((s) => s.id === id) ?? null;

  let body: ReactNode = null;
  if (view.kind === 'buy') {
    body = <BuyForm pkg={view.pkg} onCancel={toStore} onCreated={toCheckout} />;
  } else if (view.kind === 'renew' || view.kind === 'topup') {
    const target = service(view.serviceId);
    if (!target)
      body = <p className="muted">{snapshot ? bt('billing.noServices') : bt('billing.loading')}</p>;
    else if (view.kind === 'renew')
      body = <RenewForm service={target} onCancel={toStore} onCreated={toCheckout} />;
    else if (!store) body = <p className="muted">{bt('billing.loading')}</p>;
    else
      body = (
        <StorePart error={store.trafficError} failedKey="billing.trafficFailed" onRetry={retryStore}>
          <TopupForm service={target} traffic={store.traffic} onCancel={toStore} onCreated={toCheckout} />
        </StorePart>
      );
  } else if (view.kind === 'checkout') {
    body = <Checkout invoiceId={view.invoiceId} onClose={toStore} closeLabel={bt('billing.back')} />;
  }

  return (
    <div className="page billing-page">
      <PageHeader title={bt('billing.title')}>
        {snapshot?.account ? (
          <p className="billing-balance" data-testid="billing-balance">
            <span className="muted">{bt('billing.balance')}</span>{' '}
            <bdi className="strong">{moneyText(snapshot.account.balance)}</bdi>
          </p>
        ) : null}
      </PageHeader>

      {body}

      {view.kind === 'store' ? (
        <>
          <Watches
            watches={watches.filter((w) => w.profileId === activeId)}
            onDismiss={(id) => void dismiss(id)}
          />
          <LoadStatus
            text={text}
            load={storeLoad}
            loadingKey="billing.loading"
            failedKey="billing.loadFailed"
          />
          {snapshot && snapshot.services.length > 0 ? (
            <section aria-labelledby="billing-services-title">
              <h2 id="billing-services-title" className="section-title">
                {bt('billing.chooseService')}
              </h2>
              <ul className="billing-services">
                {snapshot.services.map((s) => (
                  <li key={s.id} className="card billing-service" data-testid={`billing-service-${s.id}`}>
                    <div>
                      <p className="strong">
                        <bdi>{s.packageName}</bdi> <span className="muted">#{s.id}</span>
                      </p>
                      <p className="small muted">
                        {s.expiresAt ? text.date(s.expiresAt) : '—'} · {text.bytes(s.totalBytes)}
                      </p>
                    </div>
                    <div className="card-actions">
                      {(['renew', 'topup'] as const).map((kind) => (
                        <BusyButton
                          key={kind}
                          variant="secondary"
                          aria-label={`${bt(`billing.${kind}`)}: ${s.packageName} #${s.id}`}
                          onClick={() => setView({ kind, serviceId: s.id })}
                        >
                          {bt(`billing.${kind}`)}
                        </BusyButton>
                      ))}
                    </div>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {store ? (
            <>
              <PackageSection
                part="packages"
                store={store}
                onRetry={retryStore}
                onBuy={(pkg) => setView({ kind: 'buy', pkg })}
              />
              {store.traffic.length > 0 || store.trafficError ? (
                <PackageSection part="traffic" store={store} onRetry={retryStore} />
              ) : null}
            </>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
