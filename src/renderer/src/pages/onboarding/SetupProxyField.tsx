// The proxy to reach the panel through during setup, for users whose network blocks it and whose
// proxy app does not set the system proxy. Folded away by default; what is typed is checked as it
// is typed, in the user's language, and kept on the profile after sign-in.
import type { ProxyUrlProblem } from '../../../../shared/proxy-url';
import { TextField } from '../../components/Field';
import { useI18n, type MessageKey } from '../../i18n';
import { proxyProblem } from '../../lib/validate';

export const PROXY_PROBLEM_KEYS: Record<ProxyUrlProblem, MessageKey> = {
  'no-scheme': 'settings.proxyProblem.noScheme',
  scheme: 'settings.proxyProblem.scheme',
  socks4: 'settings.proxyProblem.socks4',
  host: 'settings.proxyProblem.host',
  port: 'settings.proxyProblem.port',
  path: 'settings.proxyProblem.path',
};

/** Undefined for none; the typed address when it can be used; null when it cannot (say why first). */
export function setupProxyValue(text: string): string | undefined | null {
  if (!text.trim()) return undefined;
  return proxyProblem(text) ? null : text.trim();
}

export function SetupProxyField({ value, onChange }: { value: string; onChange(value: string): void }) {
  const { t } = useI18n();
  const problem = proxyProblem(value);
  return (
    <details className="setup-proxy" open={Boolean(value.trim())}>
      <summary>{t('onboarding.proxyToggle')}</summary>
      <TextField
        id="setup-proxy"
        label={t('settings.proxy')}
        hint={t('onboarding.proxyHint')}
        error={problem ? t(PROXY_PROBLEM_KEYS[problem]) : null}
        dir="ltr"
        inputMode="url"
        autoComplete="off"
        spellCheck={false}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
    </details>
  );
}
