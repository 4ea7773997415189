// Provider setup: the panel URL (https, or http on loopback) and the client API key, checked on
// the client and then verified by main fetching a token before anything is saved.
import { useState, type FormEvent } from 'react';
import type { ProviderInfo } from '../../../../shared/contract';
import { api } from '../../api';
import { BusyButton } from '../../components/Button';
import { FormError, FormStatus, TextField } from '../../components/Field';
import { useI18n } from '../../i18n';
import { useAction } from '../../lib/useAction';
import { checkPanelUrl } from '../../lib/validate';
import { SetupProxyField, setupProxyValue } from './SetupProxyField';

export interface ProviderChoice {
  panelUrl: string;
  /** Undefined when the branded build carries the key. */
  apiKey: string | undefined;
  /** The proxy typed at setup, if any (main checks it again). */
  proxyUrl?: string;
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
  const [url, setUrl] = useState(provider.panelUrl ?? initial?.panelUrl ?? '');
  const [key, setKey] = useState(initial?.apiKey ?? '');
  const [urlError, setUrlError] = useState<string | null>(null);
  const [keyError, setKeyError] = useState<string | null>(null);
  const check = useAction((choice: ProviderChoice) => api().providerCheck(choice));
  const status = check.busy
    ? t('provider.checking')
    : check.result
      ? t('provider.ok', { origin: check.result.origin })
      : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    check.reset();
    const checked = checkPanelUrl(url);
    const urlMessage = checked.ok
      ? null
      : checked.reason === 'required'
        ? t('provider.urlRequired')
        : checked.reason === 'insecure'
          ? t('provider.urlInsecure')
          : t('provider.urlInvalid');
    const keyMessage = !provider.hasApiKey && !key.trim() ? t('provider.keyRequired') : null;
    setUrlError(urlMessage);
    setKeyError(keyMessage);
    const proxyUrl = setupProxyValue(proxy);
    if (!checked.ok || keyMessage || proxyUrl === null) {
      document
        .getElementById(urlMessage ? 'provider-url' : keyMessage ? 'provider-key' : 'setup-proxy')
        ?.focus();
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
    <form className="form" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="step-title">
      <h1 id="step-title" tabIndex={-1} data-page-title>
        {t('onboarding.title')}
      </h1>
      {provider.panelUrl ? null : <p className="muted">{t('onboarding.intro')}</p>}
      {provider.panelUrl ? null : (
        <TextField
          id="provider-url"
          label={t('provider.url')}
          hint={t('provider.urlHint')}
          error={urlError}
          type="url"
          dir="ltr"
          autoComplete="url"
          value={url}
          onChange={(event) => setUrl(event.target.value)}
          autoFocus
        />
      )}
      {provider.hasApiKey ? null : (
        <TextField
          id="provider-key"
          label={t('provider.apiKey')}
          hint={t('provider.apiKeyHint')}
          error={keyError}
          dir="ltr"
          autoComplete="off"
          spellCheck={false}
          value={key}
          onChange={(event) => setKey(event.target.value)}
          autoFocus={Boolean(provider.panelUrl)}
        />
      )}
      <SetupProxyField value={proxy} onChange={onProxyChange} />
      <div className="form-actions">
        <BusyButton type="submit" busy={check.busy} busyLabel={t('provider.checking')}>
          {t('provider.check')}
        </BusyButton>
      </div>
      <FormStatus message={status} />
      <FormError error={check.error} />
    </form>
  );
}
