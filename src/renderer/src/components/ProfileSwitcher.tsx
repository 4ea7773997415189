// The profile switcher: lists profiles, switches, starts "add profile" (onboarding) and removes a
// profile after a confirmation that says its secrets are deleted.
import { useId, useRef, useState } from 'react';
import type { ProfileView } from '../../../shared/contract';
import { api } from '../api';
import { useI18n } from '../i18n';
import { describeError } from '../lib/errors';
import { useAction } from '../lib/useAction';
import { originOf } from '../lib/validate';
import { activeProfile, profileLabel, useApp } from '../state/app';
import { BusyButton } from './Button';
import { ConfirmDialog } from './ConfirmDialog';
import { ErrorDetails } from './ErrorDetails';
import { Icon } from './Icon';

type Change = { kind: 'switch' | 'remove'; id: string } | { kind: 'signout' };

export function ProfileSwitcher() {
  const i18n = useI18n();
  const { t } = i18n;
  const { profiles, setProfiles, setAdding } = useApp();
  const [open, setOpen] = useState(false);
  const [removing, setRemoving] = useState<ProfileView | null>(null);
  // Switching, removing and signing out share one action: one runs at a time, and the last error
  // shows in the list or, while it is open, in the removal dialog.
  const change = useAction(
    (request: Change) =>
      request.kind === 'switch'
        ? api().profilesSwitch({ id: request.id })
        : request.kind === 'remove'
          ? api().profilesRemove({ id: request.id })
          : api().authSignOut(),
    (request: Change) => (request.kind === 'signout' ? 'signout' : request.id),
  );
  const busyId = change.pending;
  const error = change.error ? describeError(change.error, i18n) : null;
  // Shown in the list, or in the removal dialog while that is open (the modal hides the list).
  const errorBox = error ? (
    <div className="field-error" role="alert">
      <p>{error.text}</p>
      <ErrorDetails original={error.original} />
    </div>
  ) : null;
  const listId = useId();
  const toggleRef = useRef<HTMLButtonElement>(null);
  const active = activeProfile(profiles);

  const run = async (request: Change) => {
    const result = await change.run(request);
    if (!result?.ok) return;
    setProfiles(result.value);
    if (request.kind === 'switch') setOpen(false);
    if (request.kind === 'remove') setRemoving(null);
  };

  const switchTo = (profile: ProfileView) => {
    if (profile.id !== profiles.activeId) void run({ kind: 'switch', id: profile.id });
  };

  const remove = () => {
    if (removing) void run({ kind: 'remove', id: removing.id });
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
                  onClick={() => switchTo(profile)}
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
            <BusyButton
              variant="ghost"
              busy={busyId === 'signout'}
              onClick={() => void run({ kind: 'signout' })}
            >
              {t('profile.signOut')}
            </BusyButton>
          ) : null}
        </div>
        {removing ? null : errorBox}
      </div>
      <ConfirmDialog
        open={removing !== null}
        title={t('profile.removeTitle')}
        confirmLabel={t('profile.removeConfirm')}
        danger
        busy={removing !== null && busyId === removing.id}
        onConfirm={remove}
        onCancel={() => {
          setRemoving(null);
          change.setError(null);
        }}
      >
        <p>
          {removing
            ? t('profile.removeBody', { name: profileLabel(removing), panel: originOf(removing.panelUrl) })
            : null}
        </p>
        {removing ? errorBox : null}
      </ConfirmDialog>
    </div>
  );
}
