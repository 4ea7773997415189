// Password reset request: the panel emails the user; we show the panel's own message.
import { api } from '../../api';
import { EmailField } from '../../components/Field';
import { SubmitRow } from '../../components/SubmitRow';
import { useI18n } from '../../i18n';
import { useAction } from '../../lib/useAction';
import { useFields } from '../../lib/useFields';
import { isEmail } from '../../lib/validate';
import type { ProviderChoice } from './ProviderStep';
import { StepForm } from './StepForm';

export function ResetForm({ provider }: { provider: ProviderChoice }) {
  const { t } = useI18n();
  const fields = useFields('reset', { email: '' });
  const reset = useAction((address: string) => api().authResetPassword({ ...provider, email: address }));

  const submit = async () => {
    reset.reset();
    const { email } = fields.values;
    if (!fields.check(isEmail(email) ? {} : { email: t('auth.emailInvalid') })) return;
    await reset.run(email.trim());
  };

  return (
    <StepForm title={t('reset.title')} onSubmit={submit}>
      <p className="muted">{t('reset.intro')}</p>
      <EmailField {...fields.bind('email')} autoComplete="username" autoFocus />
      <SubmitRow
        action={reset}
        label={t('reset.submit')}
        busyLabel={t('reset.submitting')}
        status={reset.result?.message ?? null}
      />
    </StepForm>
  );
}
