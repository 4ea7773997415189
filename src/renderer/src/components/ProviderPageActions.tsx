// "Renew" and "Top up" for a subscription-link profile: the app cannot pay through such a provider,
// so both open the provider's own page (profile-web-page-url, else support-url), https only, in the
// browser through the app's one vetted open-external channel. Nothing when the provider names none.
import type { Snapshot } from '../../../shared/domain';
import { linkHost } from '../../../shared/short-link';
import { api } from '../api';
import { useI18n } from '../i18n';
import { BusyButton } from './Button';

/** The page renewing and topping up happen on, or null: only an https address. */
export function providerPage(snapshot: Snapshot | null | undefined): string | null {
  const info = snapshot?.subscription;
  if (!info) return null;
  for (const candidate of [info.webPageUrl, info.supportUrl]) {
    if (!candidate) continue;
    try {
      if (new URL(candidate).protocol === 'https:') return candidate;
    } catch {
      // not an address: try the next
    }
  }
  return null;
}

export function ProviderPageActions({
  snapshot,
  serviceId,
}: {
  snapshot: Snapshot | null;
  serviceId: number;
}) {
  const { t } = useI18n();
  const page = providerPage(snapshot);
  if (!page) return null;
  const hintId = `provider-page-${serviceId}`;
  const open = () => void api().appOpenExternal({ url: page });
  return (
    <div className="card-actions">
      <BusyButton variant="secondary" onClick={open} aria-describedby={hintId}>
        {t('services.renew')}
      </BusyButton>
      <BusyButton variant="secondary" onClick={open} aria-describedby={hintId}>
        {t('services.topup')}
      </BusyButton>
      <p className="muted small" id={hintId}>
        {t('addLink.onProviderPage', { host: `\u2068${linkHost(page)}\u2069` })}
      </p>
    </div>
  );
}
