// Provider setup: the panel URL (https, or http on loopback) and the client API key, checked on
// the client and then verified by main fetching a token before anything is saved.
import type { ProviderInfo } from '../../../../shared/contract';
import { api } from '../../api';
import { TextField } from '../../components/Field';
import { SubmitRow } from '../../components/SubmitRow';
import { useI18n } from '../../i18n';
import { useAction } from '../../lib/useAction';
import { useFields, type BoundField } from '../../lib/useFields';
import { checkPanelUrl } from '../../lib/validate';
import { SetupProxyField, setupProxyValue } from './SetupProxyField';
import { StepForm } from './StepForm';

export interface ProviderChoice {
  panelUrl: string;
  /** Undefined when the branded build carries the key. */
  apiKey: string | undefined;
  /** The proxy typed at setup, if any (main checks it again). */
  proxyUrl?: string;
}

// What a provider is known by; either can come with a branded build instead.
const PROVIDER_INPUTS = {
  url: { label: 'provider.url', hint: 'provider.urlHint', type: 'url', autoComplete: 'url' },
  key: { label: 'provider.apiKey', hint: 'provider.apiKeyHint', autoComplete: 'off', spellCheck: false },
} as const;

const URL_PROBLEM_KEYS = {
  required: 'provider.urlRequired',
  insecure: 'provider.urlInsecure',
  invalid: 'provider.urlInvalid',
} as const;

function ProviderField({
  part,
  field,
  autoFocus,
}: {
  part: keyof typeof PROVIDER_INPUTS;
  field: BoundField;
  autoFocus: boolean;
}) {
  const { t } = useI18n();
  const { label, hint, ...input } = PROVIDER_INPUTS[part];
  return <TextField {...field} {...input} label={t(label)} hint={t(hint)} dir="ltr" autoFocus={autoFocus} />;
}

export function ProviderStep({
  provider,
  initial,
  proxy,
  onProxyChange,
  onDone,
}: {
  provider: ProviderInfo;
  initial: ProviderChoice | null;
  /** The setup proxy's text, shared with the sign-in steps. */
  proxy: string;
  onProxyChange(text: string): void;
  onDone(choice: ProviderChoice, origin: string): void;
}) {
  const { t } = useI18n();
  const fields = useFields('provider', {
    url: provider.panelUrl ?? initial?.panelUrl ?? '',
    key: initial?.apiKey ?? '',
  });
  const check = useAction((choice: ProviderChoice) => api().providerCheck(choice));
  const status = check.busy
    ? t('provider.checking')
    : check.result
      ? t('provider.ok', { origin: check.result.origin })
      : null;

  const submit = async () => {
    check.reset();
    const { url, key } = fields.values;
    const checked = checkPanelUrl(url);
    const errors: Record<string, string> = {};
    if (!checked.ok) errors.url = t(URL_PROBLEM_KEYS[checked.reason]);
    if (!provider.hasApiKey && !key.trim()) errors.key = t('provider.keyRequired');
    const proxyUrl = setupProxyValue(proxy);
    if (!fields.check(errors) || !checked.ok) return;
    if (proxyUrl === null) {
      document.getElementById('setup-proxy')?.focus();
      return;
    }
    const choice: ProviderChoice = {
      panelUrl: checked.url,
      apiKey: provider.hasApiKey ? undefined : key.trim(),
      ...(proxyUrl ? { proxyUrl } : {}),
    };
    const result = await check.run(choice);
    if (result?.ok) onDone(choice, result.value.origin);
  };

  return (
    <StepForm title={t('onboarding.title')} onSubmit={submit}>
      {provider.panelUrl ? null : <p className="muted">{t('onboarding.intro')}</p>}
      {provider.panelUrl ? null : <ProviderField part="url" field={fields.bind('url')} autoFocus />}
      {provider.hasApiKey ? null : (
        <ProviderField part="key" field={fields.bind('key')} autoFocus={Boolean(provider.panelUrl)} />
      )}
      <SetupProxyField value={proxy} onChange={onProxyChange} />
      <SubmitRow
        action={check}
        label={t('provider.check')}
        busyLabel={t('provider.checking')}
        status={status}
      />
    </StepForm>
  );
}
