// The offer of a subscription link found on the clipboard, shared by the first step and the link
// form: main reads the clipboard and hands over only a shortened form; the whole link comes over
// only when the user takes the offer.
import { useEffect, useState } from 'react';
import type { LinkOffer } from '../../../../shared/contract';
import { api } from '../../api';
import { BusyButton } from '../../components/Button';
import { useI18n } from '../../i18n';

export interface ClipboardOfferState {
  offer: LinkOffer | null;
  dismiss(): void;
  /** The whole link, once the user takes the offer; null when main no longer has it. */
  take(): Promise<string | null>;
}

/** Asks main once, while `enabled`, whether the clipboard holds a link. */
export function useClipboardOffer(enabled: boolean): ClipboardOfferState {
  const [offer, setOffer] = useState<LinkOffer | null>(null);
  useEffect(() => {
    if (!enabled) return undefined;
    let current = true;
    void api()
      .appClipboardLink()
      .then((result) => {
        if (current && result.ok && result.value) setOffer(result.value);
      });
    return () => {
      current = false;
    };
  }, [enabled]);
  return {
    offer,
    dismiss: () => setOffer(null),
    async take() {
      if (!offer) return null;
      const revealed = await api().appRevealLink({ id: offer.id });
      setOffer(null);
      return revealed.ok ? revealed.value.url : null;
    },
  };
}

/** The offer itself, in a live region so a screen reader announces it as it appears. */
export function ClipboardOfferNote({
  offer,
  onUse,
  onDismiss,
}: {
  offer: LinkOffer | null;
  onUse(): void;
  onDismiss(): void;
}) {
  const { t } = useI18n();
  return (
    <div role="status" aria-live="polite">
      {offer ? (
        <div className="link-offer">
          <p>
            {t('addLink.clipboardFound')}{' '}
            <code dir="ltr" className="short-link">
              {offer.shortLink}
            </code>
          </p>
          <div className="form-actions">
            <BusyButton variant="secondary" onClick={onUse}>
              {t('addLink.clipboardUse')}
            </BusyButton>
            <button type="button" className="link-button" onClick={onDismiss}>
              {t('addLink.clipboardDismiss')}
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
