// The first step of onboarding and of "Add profile": the two ways to add a plan. A subscription link
// works with any provider; signing in needs the panel's client API key (a branded build carries it).
// A link on the clipboard is offered at once (shortened; the whole link only once accepted).
import { useI18n } from '../../i18n';
import { ClipboardOfferNote, useClipboardOffer } from './ClipboardOffer';

export type AddWay = 'link' | 'signin';

export function AddChoice({
  onChoose,
  links,
}: {
  onChoose(way: AddWay, acceptedLink?: string): void;
  /** Subscription links are on in this build. */
  links: boolean;
}) {
  const { t } = useI18n();
  const clipboard = useClipboardOffer(links);
  const acceptOffer = async () => {
    const url = await clipboard.take();
    onChoose('link', url ?? undefined);
  };

  return (
    <section className="form" aria-labelledby="step-title">
      <h1 id="step-title" tabIndex={-1} data-page-title>
        {t('addLink.chooseTitle')}
      </h1>
      <p className="muted">{t('addLink.chooseIntro')}</p>
      <ClipboardOfferNote
        offer={clipboard.offer}
        onUse={() => void acceptOffer()}
        onDismiss={clipboard.dismiss}
      />
      <ul className="add-choices">
        <li>
          <button
            type="button"
            className="add-choice"
            aria-labelledby="add-choice-link"
            aria-describedby="add-choice-link-hint"
            onClick={() => onChoose('link')}
            autoFocus
          >
            <span className="add-choice-title" id="add-choice-link">
              {t('addLink.byLink')}
            </span>
            <span className="add-choice-hint" id="add-choice-link-hint">
              {t('addLink.byLinkHint')}
            </span>
          </button>
        </li>
        <li>
          <button
            type="button"
            className="add-choice"
            aria-labelledby="add-choice-signin"
            aria-describedby="add-choice-signin-hint"
            onClick={() => onChoose('signin')}
          >
            <span className="add-choice-title" id="add-choice-signin">
              {t('addLink.bySignIn')}
            </span>
            <span className="add-choice-hint" id="add-choice-signin-hint">
              {t('addLink.bySignInHint')}
            </span>
          </button>
        </li>
      </ul>
    </section>
  );
}
