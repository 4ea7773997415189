// A signed-out subscription profile has no panel to sign in to: its only secret is its link. This
// card takes the link pasted again (profiles.relink: main fetches it once, then keeps it in the
// keychain) or removes the profile. The link input is uncontrolled and cleared after sending, so the
// link never sits in React state.
import { useId, useRef, useState } from 'react';
import type { ProfileView } from '../../../../shared/contract';
import { api } from '../../api';
import { BusyButton } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Form, FormError, PasswordField } from '../../components/Field';
import { useI18n } from '../../i18n';
import { useAction } from '../../lib/useAction';
import { profileLabel, useApp } from '../../state/app';

export function RelinkCard({ profile }: { profile: ProfileView }) {
  const { t } = useI18n();
  const { setProfiles } = useApp();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [removing, setRemoving] = useState(false);
  const relink = useAction((url: string) => api().profilesRelink({ id: profile.id, url }));
  const remove = useAction(() => api().profilesRemove({ id: profile.id }));

  const submit = async () => {
    const url = input.current?.value.trim() ?? '';
    if (!url) return;
    const result = await relink.run(url);
    if (result?.ok) {
      if (input.current) input.current.value = '';
      setProfiles(result.value);
    }
  };

  const confirmRemove = async () => {
    const result = await remove.run();
    if (result?.ok) {
      setRemoving(false);
      setProfiles(result.value);
    }
  };

  return (
    <div className="card notice-card" data-testid="relink">
      <p>{t('dashboard.linkSignedOut')}</p>
      <Form onSubmit={submit}>
        <PasswordField
          ref={input}
          id={`${id}-link`}
          label={t('dashboard.linkLabel')}
          autoComplete="new-password"
          spellCheck={false}
        />
        <FormError error={relink.error} />
        <div className="form-actions">
          <BusyButton type="submit" busy={relink.busy}>
            {t('dashboard.relink')}
          </BusyButton>
          <BusyButton type="button" variant="ghost" onClick={() => setRemoving(true)}>
            {t('profile.removeConfirm')}
          </BusyButton>
        </div>
      </Form>
      <ConfirmDialog
        open={removing}
        title={t('profile.removeTitle')}
        confirmLabel={t('profile.removeConfirm')}
        danger
        busy={remove.busy}
        onConfirm={() => void confirmRemove()}
        onCancel={() => setRemoving(false)}
      >
        <p>{t('profile.remove', { name: profileLabel(profile) })}</p>
        <FormError error={remove.error} />
      </ConfirmDialog>
    </div>
  );
}
