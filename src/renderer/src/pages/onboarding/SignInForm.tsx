// Sign-in. The password is read from the input only on submit and the input is cleared right
// after, so it never sits in React state; main stores it (keychain, or memory when not remembered).
import { useRef, useState } from 'react';
import type { ChannelInput } from '../../../../shared/contract';
import { api } from '../../api';
import { EmailField, OptionalLabel, PasswordField, TextField } from '../../components/Field';
import { SubmitRow } from '../../components/SubmitRow';
import { useI18n } from '../../i18n';
import { useAction } from '../../lib/useAction';
import { useFields } from '../../lib/useFields';
import { isEmail } from '../../lib/validate';
import { fieldErrorsFrom } from './fieldErrors';
import { RememberField, StepForm, type AccountFormProps } from './StepForm';

export function SignInForm({ provider, onSignedIn }: AccountFormProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const passwordRef = useRef<HTMLInputElement>(null);
  const fields = useFields('signin', { email: '', name: '' });
  const [remember, setRemember] = useState(true);
  const signIn = useAction((input: ChannelInput<'auth.signIn'>) => api().authSignIn(input));

  const submit = async () => {
    signIn.reset();
    const { email, name } = fields.values;
    const input = passwordRef.current;
    const password = input?.value ?? '';
    const next: Record<string, string> = {};
    if (!isEmail(email)) next.email = t('auth.emailInvalid');
    if (!password) next.password = t('auth.passwordRequired');
    if (!fields.check(next)) return;
    if (input) input.value = '';
    const result = await signIn.run({
      ...provider,
      email: email.trim(),
      password,
      remember,
      displayName: name.trim() || undefined,
    });
    if (!result) return;
    if (result.ok) {
      onSignedIn(result.value);
    } else {
      const paths = { email: 'email', password: 'password', displayName: 'name' };
      fields.setErrors(fieldErrorsFrom(result.error, paths, i18n));
      input?.focus();
    }
  };

  return (
    <StepForm title={t('auth.signInTitle')} onSubmit={submit}>
      <EmailField {...fields.bind('email')} autoComplete="username" autoFocus />
      <PasswordField
        id={fields.idOf('password')}
        label={t('auth.password')}
        error={fields.errors.password}
        autoComplete="current-password"
        ref={passwordRef}
      />
      <TextField
        {...fields.bind('name')}
        label={<OptionalLabel>{t('auth.displayName')}</OptionalLabel>}
        hint={t('auth.displayNameHint')}
        maxLength={80}
      />
      <RememberField id="signin-remember" checked={remember} onChange={setRemember} />
      <SubmitRow action={signIn} label={t('auth.signIn')} busyLabel={t('auth.signingIn')} />
    </StepForm>
  );
}
