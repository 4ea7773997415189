// Onboarding: provider setup (skipped or shortened in a branded build), then sign in, register or
// reset the password against that panel. Also used to add another profile.
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

type Step = 'provider' | 'signin' | 'register' | 'reset';

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
  const [step, setStep] = useState<Step>(provider ? 'signin' : 'provider');

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
            {provider && step !== 'provider' ? (
              <p className="muted small">
                <bdi>{t('auth.panel', { origin: originOf(provider.panelUrl) })}</bdi>
              </p>
            ) : null}
          </div>
        </div>

        {step === 'provider' || !provider ? (
          <ProviderStep
            provider={brand}
            initial={provider}
            onDone={(choice) => {
              setProvider(choice);
              setStep('signin');
            }}
          />
        ) : step === 'signin' ? (
          <SignInForm provider={provider} onSignedIn={signedIn} />
        ) : step === 'register' ? (
          <RegisterForm provider={provider} onSignedIn={signedIn} />
        ) : (
          <ResetForm provider={provider} />
        )}

        <div className="onboarding-links">
          {provider && step !== 'provider' ? (
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
