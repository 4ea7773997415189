// Password reset request: the panel emails the user; we show the panel's own message.
import { useState, type FormEvent } from 'react';
import { api } from '../../api';
import { BusyButton } from '../../components/Button';
import { FormError, FormStatus, TextField } from '../../components/Field';
import { useI18n } from '../../i18n';
import { useAction } from '../../lib/useAction';
import { isEmail } from '../../lib/validate';
import type { ProviderChoice } from './ProviderStep';

export function ResetForm({ provider }: { provider: ProviderChoice }) {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [emailError, setEmailError] = useState<string | null>(null);
  const reset = useAction((address: string) =>
    api().authResetPassword({
      panelUrl: provider.panelUrl,
      apiKey: provider.apiKey,
      ...(provider.proxyUrl ? { proxyUrl: provider.proxyUrl } : {}),
      email: address,
    }),
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    reset.reset();
    if (!isEmail(email)) {
      setEmailError(t('auth.emailInvalid'));
      document.getElementById('reset-email')?.focus();
      return;
    }
    setEmailError(null);
    await reset.run(email.trim());
  };

  return (
    <form className="form" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="step-title">
      <h1 id="step-title" tabIndex={-1} data-page-title>
        {t('reset.title')}
      </h1>
      <p className="muted">{t('reset.intro')}</p>
      <TextField
        id="reset-email"
        label={t('auth.email')}
        error={emailError}
        type="email"
        dir="ltr"
        autoComplete="username"
        value={email}
        onChange={(event) => setEmail(event.target.value)}
        autoFocus
      />
      <div className="form-actions">
        <BusyButton type="submit" busy={reset.busy} busyLabel={t('reset.submitting')}>
          {t('reset.submit')}
        </BusyButton>
      </div>
      <FormStatus message={reset.result?.message ?? null} />
      <FormError error={reset.error} />
    </form>
  );
}
