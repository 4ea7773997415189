// The first step of onboarding and of "Add profile": the two ways to add a plan. A subscription link
// works with any provider; signing in needs the panel's client API key (a branded build carries it).
// A link on the clipboard is offered at once (shortened; the whole link only once accepted).
import { useI18n } from '../../i18n';
import { ClipboardOfferNote, useClipboardOffer } from './ClipboardOffer';

export type AddWay = 'link' | 'signin';

/** One way to add a plan: a button named by its title and described by its hint. */
function Choice({
  way,
  title,
  hint,
  onChoose,
  first = false,
}: {
  way: AddWay;
  title: string;
  hint: string;
  onChoose(way: AddWay): void;
  /** Focused when the step opens. */
  first?: boolean;
}) {
  const id = `add-choice-${way}`;
  return (
    <li>
      <button
        type="button"
        className="add-choice"
        aria-labelledby={id}
        aria-describedby={`${id}-hint`}
        onClick={() => onChoose(way)}
        autoFocus={first}
      >
        <span className="add-choice-title" id={id}>
          {title}
        </span>
        <span className="add-choice-hint" id={`${id}-hint`}>
          {hint}
        </span>
      </button>
    </li>
  );
}

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
        <Choice
          way="link"
          title={t('addLink.byLink')}
          hint={t('addLink.byLinkHint')}
          onChoose={onChoose}
          first
        />
        <Choice
          way="signin"
          title={t('addLink.bySignIn')}
          hint={t('addLink.bySignInHint')}
          onChoose={onChoose}
        />
      </ul>
    </section>
  );
}
