// The confirmation an app link (`xmplus-tray://add?url=…`) opens: it names the host and the shortened
// link, lets the user name the profile, and adds nothing until they press Add. The full link crosses
// from main only then, and stays in memory while the dialog is open so that a failed try can be
// repeated; Cancel (focused first) forgets it. Main announces a link with the `addRequest` event, and
// one that opened the app waits to be taken.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { LinkOffer } from '../../../shared/contract';
import { api } from '../api';
import { useI18n } from '../i18n';
import { describeLinkError } from '../lib/linkErrors';
import { useAction } from '../lib/useAction';
import { useApp } from '../state/app';
import { ConfirmDialog } from './ConfirmDialog';
import { FormError, FormStatus, OptionalLabel, TextField } from './Field';
import { fail } from '../../../shared/errors';

/** A host inside a sentence of any direction: isolated, so an RTL sentence does not reorder it. */
const isolated = (text: string) => `\u2068${text}\u2069`;

export function AddLinkDialog() {
  const i18n = useI18n();
  const { t } = i18n;
  const { setProfiles, setAdding, navigate } = useApp();
  const [offer, setOffer] = useState<LinkOffer | null>(null);
  const [name, setName] = useState('');
  const url = useRef<string | null>(null);
  const add = useAction(async (current: LinkOffer, chosenName: string) => {
    if (url.current === null) {
      const revealed = await api().appRevealLink({ id: current.id });
      if (!revealed.ok) return fail(revealed.error);
      url.current = revealed.value.url;
    }
    return api().profilesAddSubscription({ url: url.current, ...(chosenName ? { name: chosenName } : {}) });
  });
  const { reset } = add;

  const take = useCallback(async () => {
    const result = await api().appTakeAddRequest();
    if (!result.ok || !result.value) return;
    url.current = null;
    reset();
    setName(result.value.name ?? '');
    setOffer(result.value);
  }, [reset]);

  useEffect(() => {
    const off = api().on('addRequest', () => void take());
    void take();
    return off;
  }, [take]);

  const close = () => {
    url.current = null;
    setOffer(null);
    reset();
  };

  const confirm = async () => {
    if (!offer) return;
    const result = await add.run(offer, name.trim());
    if (!result?.ok) return;
    url.current = null;
    setOffer(null);
    setProfiles(result.value);
    setAdding(false);
    navigate('dashboard');
  };

  const failure = add.error ? describeLinkError(add.error, i18n) : null;

  return (
    <ConfirmDialog
      open={offer !== null}
      title={t('addLink.confirmTitle')}
      confirmLabel={add.error ? t('addLink.confirmRetry') : t('addLink.confirmAdd')}
      busy={add.busy}
      onConfirm={() => void confirm()}
      onCancel={close}
    >
      {offer ? (
        <div className="form">
          <p>{t('addLink.confirmBody', { host: isolated(offer.host) })}</p>
          <p>
            {t('addLink.accepted')}{' '}
            <code dir="ltr" className="short-link">
              {offer.shortLink}
            </code>
          </p>
          <TextField
            id="add-link-name"
            label={<OptionalLabel>{t('addLink.name')}</OptionalLabel>}
            hint={t('addLink.nameHint')}
            value={name}
            maxLength={80}
            onChange={(event) => setName(event.target.value)}
          />
          <FormStatus message={add.busy ? t('addLink.adding') : null} />
          <FormError message={failure?.text ?? null} original={failure?.original ?? null} />
        </div>
      ) : null}
    </ConfirmDialog>
  );
}
