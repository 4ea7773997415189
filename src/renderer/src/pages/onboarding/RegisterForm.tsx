// Registration: name, email and optional affiliate code -> "Send code" (the panel emails a code,
// resend after a 60 s countdown) -> code and password, with the rules shown before submit.
import { useEffect, useRef, useState } from 'react';
import type { ChannelInput } from '../../../../shared/contract';
import { api } from '../../api';
import { BusyButton } from '../../components/Button';
import { EmailField, FormError, FormStatus, OptionalLabel, TextField } from '../../components/Field';
import { useI18n } from '../../i18n';
import { useAction } from '../../lib/useAction';
import { useFields } from '../../lib/useFields';
import { isEmail } from '../../lib/validate';
import { fieldErrorsFrom } from './fieldErrors';
import { MIN_PASSWORD, NewPassword, type NewPasswordHandle } from './NewPassword';
import { RememberField, StepForm, type AccountFormProps } from './StepForm';

const RESEND_SECONDS = 60;

export function RegisterForm({ provider, onSignedIn }: AccountFormProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const fields = useFields('reg', { name: '', email: '', aff: '', code: '' });
  const newPassword = useRef<NewPasswordHandle>(null);
  const [remember, setRemember] = useState(true);
  /** Where the last code went; null until the panel has sent one (then the code step shows). */
  const [sentTo, setSentTo] = useState<string | null>(null);
  const codeSent = sentTo !== null;
  const [resendAt, setResendAt] = useState(0);
  const [secondsLeft, setSecondsLeft] = useState(0);
  const send = useAction((input: ChannelInput<'auth.sendCode'>) => api().authSendCode(input));
  const register = useAction((input: ChannelInput<'auth.register'>) => api().authRegister(input));
  const status = send.result ? send.result.message || t('register.codeSent', { email: sentTo ?? '' }) : null;
  // One error line for the form: whichever of the two requests failed last.
  const failure = register.error ?? send.error;

  useEffect(() => {
    if (resendAt === 0) return undefined;
    const tick = () => setSecondsLeft(Math.max(0, Math.ceil((resendAt - Date.now()) / 1000)));
    tick();
    const timer = window.setInterval(tick, 250);
    return () => window.clearInterval(timer);
  }, [resendAt]);

  const identity = () => {
    const name = fields.values.name.trim();
    const email = fields.values.email.trim();
    const errors: Record<string, string> = {};
    if (!name) errors.name = t('register.nameRequired');
    if (!isEmail(email)) errors.email = t('auth.emailInvalid');
    return { name, email, errors };
  };

  const sendCode = async () => {
    register.reset();
    send.reset();
    const { name, email, errors } = identity();
    if (!fields.check(errors)) return;
    const result = await send.run({ ...provider, name, email });
    if (!result) return;
    if (result.ok) {
      setSentTo(email);
      setResendAt(Date.now() + RESEND_SECONDS * 1000);
      window.setTimeout(() => document.getElementById(fields.idOf('code'))?.focus(), 0);
    } else {
      fields.setErrors(fieldErrorsFrom(result.error, ['name', 'email'], i18n));
    }
  };

  const submit = async () => {
    if (!codeSent) {
      await sendCode();
      return;
    }
    register.reset();
    send.setError(null);
    const { password, confirm } = newPassword.current?.read() ?? { password: '', confirm: '' };
    const { name, email, errors } = identity();
    const code = fields.values.code.trim();
    if (!code) errors.code = t('register.codeRequired');
    if (password.length < MIN_PASSWORD) errors.password = t('register.passwordShort');
    else if (password !== confirm) errors.confirm = t('register.passwordMismatch');
    if (!fields.check(errors)) return;
    newPassword.current?.clear();
    const result = await register.run({
      ...provider,
      name,
      email,
      password,
      code,
      aff: fields.values.aff.trim(),
      remember,
    });
    if (!result) return;
    if (result.ok) onSignedIn(result.value);
    else fields.setErrors(fieldErrorsFrom(result.error, ['name', 'email', 'code', 'password', 'aff'], i18n));
  };

  return (
    <StepForm title={t('register.title')} onSubmit={submit}>
      <TextField
        {...fields.bind('name')}
        label={t('register.name')}
        autoComplete="name"
        maxLength={64}
        autoFocus
      />
      <EmailField {...fields.bind('email')} autoComplete="email" />
      <TextField
        {...fields.bind('aff')}
        label={<OptionalLabel>{t('register.aff')}</OptionalLabel>}
        dir="ltr"
        maxLength={64}
      />
      <div className="form-actions">
        <BusyButton
          variant={codeSent ? 'secondary' : 'primary'}
          busy={send.busy}
          busyLabel={t('register.sending')}
          disabled={codeSent && secondsLeft > 0}
          onClick={() => void sendCode()}
        >
          {!codeSent
            ? t('register.sendCode')
            : secondsLeft > 0
              ? t('register.resendIn', { count: secondsLeft })
              : t('register.resend')}
        </BusyButton>
      </div>
      <FormStatus message={status} />
      {codeSent ? (
        <fieldset className="form-step">
          <TextField
            {...fields.bind('code')}
            label={t('register.code')}
            dir="ltr"
            autoComplete="one-time-code"
            inputMode="numeric"
            maxLength={32}
          />
          <NewPassword ref={newPassword} errors={fields.errors} />
          <RememberField id="reg-remember" checked={remember} onChange={setRemember} />
          <div className="form-actions">
            <BusyButton type="submit" busy={register.busy} busyLabel={t('register.submitting')}>
              {t('register.submit')}
            </BusyButton>
          </div>
        </fieldset>
      ) : null}
      <FormError error={failure} />
    </StepForm>
  );
}
