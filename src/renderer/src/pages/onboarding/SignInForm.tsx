// Sign-in. The password is read from the input only on submit and the input is cleared right
// after, so it never sits in React state; main stores it (keychain, or memory when not remembered).
import { useRef, useState, type FormEvent } from 'react';
import type { ChannelInput, ProfilesState } from '../../../../shared/contract';
import { api } from '../../api';
import { BusyButton } from '../../components/Button';
import { CheckboxField, FormError, TextField } from '../../components/Field';
import { useI18n } from '../../i18n';
import { useAction } from '../../lib/useAction';
import { isEmail } from '../../lib/validate';
import { fieldErrorsFrom } from './fieldErrors';
import type { ProviderChoice } from './ProviderStep';

export function SignInForm({
  provider,
  onSignedIn,
}: {
  provider: ProviderChoice;
  onSignedIn(state: ProfilesState): void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const passwordRef = useRef<HTMLInputElement>(null);
  const [email, setEmail] = useState('');
  const [remember, setRemember] = useState(true);
  const [displayName, setDisplayName] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const signIn = useAction((input: ChannelInput<'auth.signIn'>) => api().authSignIn(input));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    signIn.reset();
    const input = passwordRef.current;
    const password = input?.value ?? '';
    const next: Record<string, string> = {};
    if (!isEmail(email)) next.email = t('auth.emailInvalid');
    if (!password) next.password = t('auth.passwordRequired');
    setErrors(next);
    if (Object.keys(next).length > 0) {
      document.getElementById(next.email ? 'signin-email' : 'signin-password')?.focus();
      return;
    }
    if (input) input.value = '';
    const result = await signIn.run({
      panelUrl: provider.panelUrl,
      apiKey: provider.apiKey,
      ...(provider.proxyUrl ? { proxyUrl: provider.proxyUrl } : {}),
      email: email.trim(),
      password,
      remember,
      displayName: displayName.trim() || undefined,
    });
    if (!result) return;
    if (result.ok) {
      onSignedIn(result.value);
    } else {
      setErrors(fieldErrorsFrom(result.error, ['email', 'password', 'displayName'], i18n));
      input?.focus();
    }
  };

  return (
    <form className="form" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="step-title">
      <h1 id="step-title" tabIndex={-1} data-page-title>
        {t('auth.signInTitle')}
      </h1>
      <TextField
        id="signin-email"
        label={t('auth.email')}
        error={errors.email}
        type="email"
        dir="ltr"
        autoComplete="username"
        value={email}
        onChange={(event) => setEmail(event.target.value)}
        autoFocus
      />
      <TextField
        id="signin-password"
        label={t('auth.password')}
        error={errors.password}
        type="password"
        dir="ltr"
        autoComplete="current-password"
        ref={passwordRef}
      />
      <TextField
        id="signin-name"
        label={
          <>
            {t('auth.displayName')} <span className="muted">{t('common.optional')}</span>
          </>
        }
        hint={t('auth.displayNameHint')}
        error={errors.displayName}
        maxLength={80}
        value={displayName}
        onChange={(event) => setDisplayName(event.target.value)}
      />
      <CheckboxField
        id="signin-remember"
        label={t('auth.remember')}
        hint={t('auth.rememberHint')}
        checked={remember}
        onChange={(event) => setRemember(event.target.checked)}
      />
      <div className="form-actions">
        <BusyButton type="submit" busy={signIn.busy} busyLabel={t('auth.signingIn')}>
          {t('auth.signIn')}
        </BusyButton>
      </div>
      <FormError error={signIn.error} />
    </form>
  );
}
