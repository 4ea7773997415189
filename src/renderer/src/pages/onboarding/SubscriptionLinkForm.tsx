// Adding a profile from a subscription link (any panel). The link is typed or pasted, or taken from
// the clipboard when the user accepts the offer made as the form opens (main reads the clipboard and
// hands over only a shortened form until then). Adding fetches the link once; a refusal shows the
// HTTP status and the panel's words, and what was typed stays.
import { useRef, useState } from 'react';
import type { ProfilesState } from '../../../../shared/contract';
import { isHttpLink, shortLink } from '../../../../shared/short-link';
import { api } from '../../api';
import { BusyButton } from '../../components/Button';
import { FormError, FormStatus, OptionalLabel, TextField } from '../../components/Field';
import { useI18n } from '../../i18n';
import { useAction } from '../../lib/useAction';
import { useFields } from '../../lib/useFields';
import { describeLinkError } from '../../lib/linkErrors';
import { StepForm } from './StepForm';
import { ClipboardOfferNote, useClipboardOffer } from './ClipboardOffer';

export function SubscriptionLinkForm({
  onAdded,
  initialLink = null,
}: {
  onAdded(state: ProfilesState): void;
  /** A link already accepted (the clipboard offer on the first step). */
  initialLink?: string | null;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const fields = useFields('sublink', { link: '', name: '' });
  /** A link the user accepted from the clipboard: held here, shown shortened. */
  const [accepted, setAccepted] = useState<string | null>(initialLink);
  const nameRef = useRef<HTMLInputElement>(null);
  const linkRef = useRef<HTMLInputElement>(null);
  const add = useAction((url: string, name: string) =>
    api().profilesAddSubscription({ url, ...(name ? { name } : {}) }),
  );

  // As the form opens: is there a link on the clipboard? Only its short form comes over.
  const clipboard = useClipboardOffer(initialLink === null);

  const takeOffer = async () => {
    const url = await clipboard.take();
    if (url === null) return;
    setAccepted(url);
    fields.setErrors({});
    add.reset();
    nameRef.current?.focus();
  };

  const submit = async () => {
    add.reset();
    const url = (accepted ?? fields.values.link).trim();
    const next: Record<string, string> = {};
    if (!accepted) {
      if (url === '') next.link = t('addLink.linkRequired');
      else if (!isHttpLink(url)) next.link = t('addLink.linkInvalid');
    }
    if (!fields.check(next)) return;
    const result = await add.run(url, fields.values.name.trim());
    if (result?.ok) onAdded(result.value);
    else if (result && result.error.kind === 'validation' && !accepted) {
      fields.setErrors({ link: t('addLink.linkInvalid') });
      linkRef.current?.focus();
    }
  };

  const failure = add.error ? describeLinkError(add.error, i18n) : null;

  return (
    <StepForm title={t('addLink.title')} onSubmit={submit}>
      <p className="muted">{t('addLink.intro')}</p>
      <ClipboardOfferNote
        offer={accepted ? null : clipboard.offer}
        onUse={() => void takeOffer()}
        onDismiss={clipboard.dismiss}
      />
      {accepted ? (
        <div className="link-offer link-accepted">
          <p>
            {t('addLink.accepted')}{' '}
            <code dir="ltr" className="short-link">
              {shortLink(accepted)}
            </code>
          </p>
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setAccepted(null);
              add.reset();
              requestAnimationFrame(() => linkRef.current?.focus());
            }}
          >
            {t('addLink.change')}
          </button>
        </div>
      ) : (
        <TextField
          {...fields.bind('link')}
          ref={linkRef}
          label={t('addLink.link')}
          hint={t('addLink.linkHint')}
          dir="ltr"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          maxLength={4096}
          autoFocus
        />
      )}
      <TextField
        {...fields.bind('name')}
        ref={nameRef}
        label={<OptionalLabel>{t('addLink.name')}</OptionalLabel>}
        hint={t('addLink.nameHint')}
        maxLength={80}
      />
      <div className="form-actions">
        <BusyButton type="submit" busy={add.busy} busyLabel={t('addLink.adding')}>
          {t('addLink.add')}
        </BusyButton>
      </div>
      <FormStatus message={add.busy ? t('addLink.adding') : null} />
      <FormError message={failure?.text ?? null} original={failure?.original ?? null} />
    </StepForm>
  );
}
