// The frame of each onboarding step (a form titled by its heading, which the shell focuses when
// the step opens) and the "remember me" choice that sign-in and registration both offer.
import type { ReactNode } from 'react';
import type { ProfilesState } from '../../../../shared/contract';
import { CheckboxField, Form } from '../../components/Field';
import { useI18n } from '../../i18n';
import type { ProviderChoice } from './ProviderStep';

/** What sign-in and registration get: the panel to talk to, and where a new session goes. */
export interface AccountFormProps {
  provider: ProviderChoice;
  onSignedIn(state: ProfilesState): void;
}

export function StepForm({
  title,
  onSubmit,
  children,
}: {
  title: string;
  onSubmit(): Promise<void>;
  children: ReactNode;
}) {
  return (
    <Form className="form" onSubmit={onSubmit} aria-labelledby="step-title">
      <h1 id="step-title" tabIndex={-1} data-page-title>
        {title}
      </h1>
      {children}
    </Form>
  );
}

/** Keep the password in the keychain (on) or in memory until quit (off). */
export function RememberField({
  id,
  checked,
  onChange,
}: {
  id: string;
  checked: boolean;
  onChange(checked: boolean): void;
}) {
  const { t } = useI18n();
  return (
    <CheckboxField
      id={id}
      label={t('auth.remember')}
      hint={t('auth.rememberHint')}
      checked={checked}
      onChange={(event) => onChange(event.target.checked)}
    />
  );
}
