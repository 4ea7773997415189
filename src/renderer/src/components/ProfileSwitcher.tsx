// The profile switcher: lists profiles, switches, starts "add profile" (onboarding) and removes a
// profile after a confirmation that says its secrets are deleted.
import { useId, useRef, useState } from 'react';
import type { ProfileView } from '../../../shared/contract';
import type { AppError } from '../../../shared/errors';
import { api } from '../api';
import { useI18n } from '../i18n';
import { describeError } from '../lib/errors';
import { originOf } from '../lib/validate';
import { activeProfile, profileLabel, useApp } from '../state/app';
import { BusyButton } from './Button';
import { ConfirmDialog } from './ConfirmDialog';
import { ErrorDetails } from './ErrorDetails';
import { Icon } from './Icon';

export function ProfileSwitcher() {
  const i18n = useI18n();
  const { t } = i18n;
  const { profiles, setProfiles, setAdding } = useApp();
  const [open, setOpen] = useState(false);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [removing, setRemoving] = useState<ProfileView | null>(null);
  const [failure, setError] = useState<AppError | null>(null);
  const error = failure ? describeError(failure, i18n) : null;
  const listId = useId();
  const toggleRef = useRef<HTMLButtonElement>(null);
  const active = activeProfile(profiles);

  const switchTo = async (profile: ProfileView) => {
    if (profile.id === profiles.activeId) return;
    setBusyId(profile.id);
    setError(null);
    const result = await api().profilesSwitch({ id: profile.id });
    setBusyId(null);
    if (result.ok) {
      setProfiles(result.value);
      setOpen(false);
    } else setError(result.error);
  };

  const remove = async () => {
    if (!removing) return;
    setBusyId(removing.id);
    setError(null);
    const result = await api().profilesRemove({ id: removing.id });
    setBusyId(null);
    if (result.ok) {
      setRemoving(null);
      setProfiles(result.value);
    } else setError(result.error);
  };

  const signOut = async () => {
    setBusyId('signout');
    const result = await api().authSignOut();
    setBusyId(null);
    if (result.ok) setProfiles(result.value);
    else setError(result.error);
  };

  return (
    <div
      className="profiles"
      onKeyDown={(event) => {
        // Escape closes the open list and returns focus to its toggle (the dialog handles its own).
        if (event.key === 'Escape' && open && !removing) {
          setOpen(false);
          toggleRef.current?.focus();
        }
      }}
    >
      <button
        ref={toggleRef}
        type="button"
        className="profile-toggle"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen(!open)}
      >
        <Icon name="user" />
        <span className="profile-toggle-text">
          <span className="visually-hidden">{t('profile.switcher')}: </span>
          <span className="profile-name">{active ? profileLabel(active) : t('profile.switcher')}</span>
          {active ? <span className="profile-origin">{originOf(active.panelUrl)}</span> : null}
        </span>
        <Icon name="chevron" className={open ? 'flip' : ''} />
      </button>
      <div id={listId} hidden={!open} className="profile-panel">
        <ul className="profile-list" aria-label={t('profile.switcher')}>
          {profiles.profiles.map((profile) => {
            const isActive = profile.id === profiles.activeId;
            return (
              <li key={profile.id} className="profile-row">
                <button
                  type="button"
                  className="profile-item"
                  aria-current={isActive ? 'true' : undefined}
                  aria-label={
                    isActive
                      ? t('profile.current', { name: profileLabel(profile) })
                      : t('profile.switchTo', { name: profileLabel(profile) })
                  }
                  aria-busy={busyId === profile.id || undefined}
                  onClick={() => void switchTo(profile)}
                >
                  <span className="profile-name">{profileLabel(profile)}</span>
                  <span className="profile-origin">
                    {originOf(profile.panelUrl)}
                    {profile.signedIn ? '' : ` · ${t('profile.signedOut')}`}
                  </span>
                  {isActive ? <Icon name="check" /> : null}
                </button>
                <button
                  type="button"
                  className="icon-button"
                  aria-label={t('profile.remove', { name: profileLabel(profile) })}
                  onClick={() => setRemoving(profile)}
                >
                  <Icon name="trash" />
                </button>
              </li>
            );
          })}
        </ul>
        <div className="profile-actions">
          <BusyButton
            variant="secondary"
            onClick={() => {
              setOpen(false);
              setAdding(true);
            }}
          >
            <Icon name="plus" /> {t('profile.add')}
          </BusyButton>
          {active?.signedIn ? (
            <BusyButton variant="ghost" busy={busyId === 'signout'} onClick={() => void signOut()}>
              {t('profile.signOut')}
            </BusyButton>
          ) : null}
        </div>
        {error && !removing ? (
          <div className="field-error" role="alert">
            <p>{error.text}</p>
            <ErrorDetails original={error.original} />
          </div>
        ) : null}
      </div>
      <ConfirmDialog
        open={removing !== null}
        title={t('profile.removeTitle')}
        confirmLabel={t('profile.removeConfirm')}
        danger
        busy={removing !== null && busyId === removing.id}
        onConfirm={() => void remove()}
        onCancel={() => {
          setRemoving(null);
          setError(null);
        }}
      >
        <p>
          {removing
            ? t('profile.removeBody', { name: profileLabel(removing), panel: originOf(removing.panelUrl) })
            : null}
        </p>
        {error && removing ? (
          <div className="field-error" role="alert">
            <p>{error.text}</p>
            <ErrorDetails original={error.original} />
          </div>
        ) : null}
      </ConfirmDialog>
    </div>
  );
}
