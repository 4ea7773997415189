// Registration: name, email and optional affiliate code -> "Send code" (the panel emails a code,
// resend after a 60 s countdown) -> code and password, with the rules shown before submit.
// Passwords stay in the inputs (read on submit, then cleared); only "rule met" flags are state.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ChannelInput, ProfilesState } from '../../../../shared/contract';
import { api } from '../../api';
import { BusyButton } from '../../components/Button';
import { CheckboxField, FormError, FormStatus, TextField } from '../../components/Field';
import { Icon } from '../../components/Icon';
import { useI18n } from '../../i18n';
import { useAction } from '../../lib/useAction';
import { isEmail } from '../../lib/validate';
import { fieldErrorsFrom } from './fieldErrors';
import type { ProviderChoice } from './ProviderStep';

const RESEND_SECONDS = 60;
const MIN_PASSWORD = 8;

export function RegisterForm({
  provider,
  onSignedIn,
}: {
  provider: ProviderChoice;
  onSignedIn(state: ProfilesState): void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [aff, setAff] = useState('');
  const [code, setCode] = useState('');
  const [remember, setRemember] = useState(true);
  /** Where the last code went; null until the panel has sent one (then the code step shows). */
  const [sentTo, setSentTo] = useState<string | null>(null);
  const codeSent = sentTo !== null;
  const [resendAt, setResendAt] = useState(0);
  const [secondsLeft, setSecondsLeft] = useState(0);
  const [rules, setRules] = useState({ length: false, match: false });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const send = useAction((input: ChannelInput<'auth.sendCode'>) => api().authSendCode(input));
  const register = useAction((input: ChannelInput<'auth.register'>) => api().authRegister(input));
  const status = send.result ? send.result.message || t('register.codeSent', { email: sentTo ?? '' }) : null;
  // One error line for the form: whichever of the two requests failed last.
  const failure = register.error ?? send.error;
  const passwordRef = useRef<HTMLInputElement>(null);
  const confirmRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (resendAt === 0) return undefined;
    const tick = () => setSecondsLeft(Math.max(0, Math.ceil((resendAt - Date.now()) / 1000)));
    tick();
    const timer = window.setInterval(tick, 250);
    return () => window.clearInterval(timer);
  }, [resendAt]);

  const checkRules = () => {
    const password = passwordRef.current?.value ?? '';
    const confirm = confirmRef.current?.value ?? '';
    setRules({ length: password.length >= MIN_PASSWORD, match: password.length > 0 && password === confirm });
  };

  const validateIdentity = (): Record<string, string> => {
    const next: Record<string, string> = {};
    if (!name.trim()) next.name = t('register.nameRequired');
    if (!isEmail(email)) next.email = t('auth.emailInvalid');
    return next;
  };

  const sendCode = async () => {
    register.reset();
    send.reset();
    const next = validateIdentity();
    setErrors(next);
    if (Object.keys(next).length > 0) {
      document.getElementById(next.name ? 'reg-name' : 'reg-email')?.focus();
      return;
    }
    const result = await send.run({
      panelUrl: provider.panelUrl,
      apiKey: provider.apiKey,
      ...(provider.proxyUrl ? { proxyUrl: provider.proxyUrl } : {}),
      name: name.trim(),
      email: email.trim(),
    });
    if (!result) return;
    if (result.ok) {
      setSentTo(email.trim());
      setResendAt(Date.now() + RESEND_SECONDS * 1000);
      window.setTimeout(() => document.getElementById('reg-code')?.focus(), 0);
    } else {
      setErrors(fieldErrorsFrom(result.error, ['name', 'email'], i18n));
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!codeSent) {
      await sendCode();
      return;
    }
    register.reset();
    send.setError(null);
    const password = passwordRef.current?.value ?? '';
    const confirm = confirmRef.current?.value ?? '';
    const next = validateIdentity();
    if (!code.trim()) next.code = t('register.codeRequired');
    if (password.length < MIN_PASSWORD) next.password = t('register.passwordShort');
    else if (password !== confirm) next.confirm = t('register.passwordMismatch');
    setErrors(next);
    if (Object.keys(next).length > 0) {
      const first = ['name', 'email', 'code', 'password', 'confirm'].find((field) => next[field]);
      document.getElementById(`reg-${first ?? 'code'}`)?.focus();
      return;
    }
    if (passwordRef.current) passwordRef.current.value = '';
    if (confirmRef.current) confirmRef.current.value = '';
    setRules({ length: false, match: false });
    const result = await register.run({
      panelUrl: provider.panelUrl,
      apiKey: provider.apiKey,
      ...(provider.proxyUrl ? { proxyUrl: provider.proxyUrl } : {}),
      name: name.trim(),
      email: email.trim(),
      password,
      code: code.trim(),
      aff: aff.trim(),
      remember,
    });
    if (!result) return;
    if (result.ok) onSignedIn(result.value);
    else setErrors(fieldErrorsFrom(result.error, ['name', 'email', 'code', 'password', 'aff'], i18n));
  };

  const ruleItem = (met: boolean, label: string) => (
    <li className={met ? 'rule rule-met' : 'rule'}>
      <Icon name={met ? 'check' : 'close'} />
      <span>{label}</span>
      <span className="visually-hidden">: {met ? t('register.ruleMet') : t('register.ruleUnmet')}</span>
    </li>
  );

  return (
    <form className="form" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="step-title">
      <h1 id="step-title" tabIndex={-1} data-page-title>
        {t('register.title')}
      </h1>
      <TextField
        id="reg-name"
        label={t('register.name')}
        error={errors.name}
        autoComplete="name"
        maxLength={64}
        value={name}
        onChange={(event) => setName(event.target.value)}
        autoFocus
      />
      <TextField
        id="reg-email"
        label={t('auth.email')}
        error={errors.email}
        type="email"
        dir="ltr"
        autoComplete="email"
        value={email}
        onChange={(event) => setEmail(event.target.value)}
      />
      <TextField
        id="reg-aff"
        label={
          <>
            {t('register.aff')} <span className="muted">{t('common.optional')}</span>
          </>
        }
        error={errors.aff}
        dir="ltr"
        maxLength={64}
        value={aff}
        onChange={(event) => setAff(event.target.value)}
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
            id="reg-code"
            label={t('register.code')}
            error={errors.code}
            dir="ltr"
            autoComplete="one-time-code"
            inputMode="numeric"
            maxLength={32}
            value={code}
            onChange={(event) => setCode(event.target.value)}
          />
          <div className="rules" id="reg-rules">
            <p className="rules-title">{t('register.rules')}</p>
            <ul>
              {ruleItem(rules.length, t('register.ruleLength'))}
              {ruleItem(rules.match, t('register.ruleMatch'))}
            </ul>
          </div>
          <TextField
            id="reg-password"
            label={t('register.newPassword')}
            error={errors.password}
            type="password"
            dir="ltr"
            autoComplete="new-password"
            minLength={MIN_PASSWORD}
            ref={passwordRef}
            onInput={checkRules}
            aria-describedby={errors.password ? 'reg-rules reg-password-error' : 'reg-rules'}
          />
          <TextField
            id="reg-confirm"
            label={t('register.confirm')}
            error={errors.confirm}
            type="password"
            dir="ltr"
            autoComplete="new-password"
            ref={confirmRef}
            onInput={checkRules}
          />
          <CheckboxField
            id="reg-remember"
            label={t('auth.remember')}
            hint={t('auth.rememberHint')}
            checked={remember}
            onChange={(event) => setRemember(event.target.checked)}
          />
          <div className="form-actions">
            <BusyButton type="submit" busy={register.busy} busyLabel={t('register.submitting')}>
              {t('register.submit')}
            </BusyButton>
          </div>
        </fieldset>
      ) : null}
      <FormError error={failure} />
    </form>
  );
}
