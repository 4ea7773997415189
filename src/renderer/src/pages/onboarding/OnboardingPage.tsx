// Onboarding, also used to add another profile. First the two ways to add a plan: a subscription link
// (any provider) or signing in to an XMPlus panel. Signing in goes through the provider setup
// (skipped in a branded build, which shows its panel's sign-in first), then sign in, register or
// reset the password. A build whose provider.json turns subscription links off offers sign-in only.
import { useState } from 'react';
import type { ProfilesState } from '../../../../shared/contract';
import { api } from '../../api';
import { useI18n } from '../../i18n';
import { originOf } from '../../lib/validate';
import { useApp } from '../../state/app';
import { ProviderStep, type ProviderChoice } from './ProviderStep';
import { RegisterForm } from './RegisterForm';
import { ResetForm } from './ResetForm';
import { SignInForm } from './SignInForm';
import { SetupProxyField } from './SetupProxyField';
import { AddChoice } from './AddChoice';
import { SubscriptionLinkForm } from './SubscriptionLinkForm';

type Step = 'choose' | 'link' | 'provider' | 'signin' | 'register' | 'reset';

export default function OnboardingPage() {
  const { t } = useI18n();
  const { info, profiles, setProfiles, setAdding, navigate } = useApp();
  const brand = info.provider;
  const branded = Boolean(brand.panelUrl && brand.hasApiKey);
  const [provider, setProvider] = useState<ProviderChoice | null>(
    branded && brand.panelUrl ? { panelUrl: brand.panelUrl, apiKey: undefined } : null,
  );
  // Each step's form focuses its first field when it mounts (autoFocus), which also tells screen
  // readers where they are.
  const links = brand.subscriptionLinks;
  const [step, setStep] = useState<Step>(provider ? 'signin' : links ? 'choose' : 'provider');
  const panelSteps = step !== 'choose' && step !== 'link';
  /** A link accepted from the clipboard on the first step, for the link form. */
  const [acceptedLink, setAcceptedLink] = useState<string | null>(null);
  const [proxy, setProxy] = useState('');
  // The forms send what is typed; main refuses an address that cannot be used, and the field
  // already says why in the user's language.
  const reach: ProviderChoice | null = provider
    ? {
        panelUrl: provider.panelUrl,
        apiKey: provider.apiKey,
        ...(proxy.trim() ? { proxyUrl: proxy.trim() } : {}),
      }
    : null;

  const signedIn = (state: ProfilesState) => {
    setProfiles(state);
    setAdding(false);
    navigate('dashboard');
  };

  const openSupport = () => {
    if (brand.supportUrl) void api().appOpenExternal({ url: brand.supportUrl });
  };

  return (
    <div className="onboarding">
      <div className="onboarding-card card">
        <div className="onboarding-brand">
          {brand.logo ? (
            <img
              src={brand.logo}
              alt={t('onboarding.logoAlt', { name: brand.name })}
              className="brand-logo-large"
            />
          ) : null}
          <div>
            <p className="brand-name">{brand.name}</p>
            {brand.panelUrl ? (
              <p className="muted small">{t('onboarding.branded', { name: brand.name })}</p>
            ) : null}
            {provider && panelSteps && step !== 'provider' ? (
              <p className="muted small">
                <bdi>{t('auth.panel', { origin: originOf(provider.panelUrl) })}</bdi>
              </p>
            ) : null}
          </div>
        </div>

        {step === 'choose' ? (
          <AddChoice
            links={links}
            onChoose={(way, link) => {
              setAcceptedLink(link ?? null);
              setStep(way === 'link' ? 'link' : provider ? 'signin' : 'provider');
            }}
          />
        ) : step === 'link' ? (
          <SubscriptionLinkForm onAdded={signedIn} initialLink={acceptedLink} />
        ) : step === 'provider' || !provider ? (
          <ProviderStep
            provider={brand}
            initial={provider}
            proxy={proxy}
            onProxyChange={setProxy}
            onDone={(choice) => {
              setProvider(choice);
              setStep('signin');
            }}
          />
        ) : step === 'signin' ? (
          <SignInForm provider={reach ?? provider} onSignedIn={signedIn} />
        ) : step === 'register' ? (
          <RegisterForm provider={reach ?? provider} onSignedIn={signedIn} />
        ) : (
          <ResetForm provider={reach ?? provider} />
        )}
        {provider && panelSteps && step !== 'provider' ? (
          <SetupProxyField value={proxy} onChange={setProxy} />
        ) : null}

        <div className="onboarding-links">
          {provider && panelSteps && step !== 'provider' ? (
            <>
              {step !== 'signin' ? (
                <button type="button" className="link-button" onClick={() => setStep('signin')}>
                  {t('auth.toSignIn')}
                </button>
              ) : null}
              {step !== 'register' ? (
                <button type="button" className="link-button" onClick={() => setStep('register')}>
                  {t('auth.toRegister')}
                </button>
              ) : null}
              {step !== 'reset' ? (
                <button type="button" className="link-button" onClick={() => setStep('reset')}>
                  {t('auth.toReset')}
                </button>
              ) : null}
              {!branded ? (
                <button type="button" className="link-button" onClick={() => setStep('provider')}>
                  {t('onboarding.changeProvider')}
                </button>
              ) : null}
            </>
          ) : null}
          {links && step !== 'choose' && !branded ? (
            <button type="button" className="link-button" onClick={() => setStep('choose')}>
              {t('addLink.otherWays')}
            </button>
          ) : null}
          {links && branded && step !== 'link' ? (
            <button type="button" className="link-button" onClick={() => setStep('link')}>
              {t('addLink.useLinkInstead')}
            </button>
          ) : null}
          {branded && step === 'link' ? (
            <button type="button" className="link-button" onClick={() => setStep('signin')}>
              {t('addLink.bySignInBranded', { name: brand.name })}
            </button>
          ) : null}
          {brand.supportUrl ? (
            <button type="button" className="link-button" onClick={openSupport}>
              {t('onboarding.support', { name: brand.name })}
            </button>
          ) : null}
          {profiles.profiles.length > 0 ? (
            <button type="button" className="link-button" onClick={() => setAdding(false)}>
              {t('onboarding.cancelAdd')}
            </button>
          ) : null}
        </div>
      </div>
    </div>
  );
}
