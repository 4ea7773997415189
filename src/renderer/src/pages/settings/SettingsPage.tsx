// Settings: app-wide options (settingsSet) and the active profile's options (profilesUpdate),
// each form with its own Save, a "Saved" status and the errors main reports.
import { useEffect, useState, type FormEvent } from 'react';
import type { ChannelInput, ProfileView } from '../../../../shared/contract';
import { api } from '../../api';
import { BusyButton } from '../../components/Button';
import { CheckboxField, FormError, FormStatus, SelectField, TextField } from '../../components/Field';
import { LOCALE_NAMES, resolveLocale, useI18n } from '../../i18n';
import {
  LANGUAGE_OPTIONS,
  THEME_OPTIONS,
  type Language,
  type Settings,
  type Theme,
} from '../../lib/settings';
import { useAction } from '../../lib/useAction';
import { useLoad } from '../../lib/useLoad';
import { isTimeZone, originOf, parseNumberList, proxyProblem } from '../../lib/validate';
import { PROXY_PROBLEM_KEYS } from '../onboarding/SetupProxyField';
import { activeProfile, useApp } from '../../state/app';
import { PageHeader } from '../../components/PageHeader';

type Errors = Partial<Record<'refresh' | 'servers' | 'traffic' | 'expiry' | 'proxy' | 'timeZone', string>>;

function GeneralForm({ settings }: { settings: Settings }) {
  const { t } = useI18n();
  const { info, setSettings } = useApp();
  const [language, setLanguage] = useState<Language>(settings.language);
  const [theme, setTheme] = useState<Theme>(settings.theme);
  const [refresh, setRefresh] = useState(String(settings.refreshMinutes));
  const [serversHours, setServersHours] = useState(String(settings.serversRefreshHours));
  const [traffic, setTraffic] = useState(settings.trafficThresholds.join(', '));
  const [expiry, setExpiry] = useState(settings.expiryThresholds.join(', '));
  const [notifications, setNotifications] = useState(settings.notifications);
  const [startAtLogin, setStartAtLogin] = useState(settings.startAtLogin);
  const [updates, setUpdates] = useState(settings.autoUpdateCheck);
  const [errors, setErrors] = useState<Errors>({});
  const save = useAction((patch: ChannelInput<'settings.set'>) => api().settingsSet(patch));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    save.reset();
    const minutes = /^\d+$/.test(refresh.trim()) ? Number(refresh.trim()) : NaN;
    const hours = /^\d+$/.test(serversHours.trim()) ? Number(serversHours.trim()) : NaN;
    const trafficList = parseNumberList(traffic, 1, 100);
    const expiryList = parseNumberList(expiry, 0, 365);
    const next: Errors = {};
    if (!(minutes >= 5 && minutes <= 1440)) next.refresh = t('settings.refreshInvalid');
    if (!(hours >= 1 && hours <= 72)) next.servers = t('settings.serversInvalid');
    if (!trafficList) next.traffic = t('settings.trafficInvalid');
    if (!expiryList) next.expiry = t('settings.expiryInvalid');
    setErrors(next);
    if (Object.keys(next).length > 0 || !trafficList || !expiryList) return;
    const result = await save.run({
      language,
      theme,
      refreshMinutes: minutes,
      serversRefreshHours: hours,
      trafficThresholds: [...trafficList].sort((a, b) => a - b),
      expiryThresholds: [...expiryList].sort((a, b) => b - a),
      notifications,
      startAtLogin,
      autoUpdateCheck: updates,
    });
    if (result?.ok) {
      setSettings(result.value);
      setTraffic(result.value.trafficThresholds.join(', '));
      setExpiry(result.value.expiryThresholds.join(', '));
    }
  };

  const systemName = LOCALE_NAMES[resolveLocale('system', info.locale)];
  return (
    <form
      className="card form"
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-labelledby="general-title"
    >
      <h2 id="general-title" className="section-title">
        {t('settings.general')}
      </h2>
      <div className="form-grid">
        <SelectField
          id="set-language"
          label={t('settings.language')}
          value={language}
          onChange={(event) => setLanguage(event.target.value as Language)}
        >
          {LANGUAGE_OPTIONS.map((option) => (
            <option key={option} value={option} lang={option === 'system' ? undefined : option}>
              {option === 'system'
                ? t('settings.language.system', { name: systemName })
                : LOCALE_NAMES[option]}
            </option>
          ))}
        </SelectField>
        <SelectField
          id="set-theme"
          label={t('settings.theme')}
          value={theme}
          onChange={(event) => setTheme(event.target.value as Theme)}
        >
          {THEME_OPTIONS.map((option) => (
            <option key={option} value={option}>
              {t(`settings.theme.${option}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          id="set-refresh"
          dir="ltr"
          label={t('settings.refresh')}
          hint={t('settings.refreshHint')}
          error={errors.refresh}
          inputMode="numeric"
          value={refresh}
          onChange={(event) => setRefresh(event.target.value)}
        />
        <TextField
          id="set-servers"
          dir="ltr"
          label={t('settings.servers')}
          hint={t('settings.serversHint')}
          error={errors.servers}
          inputMode="numeric"
          value={serversHours}
          onChange={(event) => setServersHours(event.target.value)}
        />
        <TextField
          id="set-traffic"
          dir="ltr"
          label={t('settings.traffic')}
          hint={t('settings.trafficHint')}
          error={errors.traffic}
          value={traffic}
          onChange={(event) => setTraffic(event.target.value)}
        />
        <TextField
          id="set-expiry"
          dir="ltr"
          label={t('settings.expiry')}
          hint={t('settings.expiryHint')}
          error={errors.expiry}
          value={expiry}
          onChange={(event) => setExpiry(event.target.value)}
        />
      </div>
      <div className="checks">
        <CheckboxField
          id="set-notifications"
          label={t('settings.notifications')}
          checked={notifications}
          onChange={(event) => setNotifications(event.target.checked)}
        />
        <CheckboxField
          id="set-start"
          label={t('settings.startAtLogin')}
          checked={startAtLogin}
          onChange={(event) => setStartAtLogin(event.target.checked)}
        />
        <CheckboxField
          id="set-updates"
          label={t('settings.updates')}
          checked={updates}
          onChange={(event) => setUpdates(event.target.checked)}
        />
      </div>
      <div className="form-actions">
        <BusyButton type="submit" busy={save.busy} busyLabel={t('common.saving')}>
          {t('common.save')}
        </BusyButton>
        <FormStatus message={save.result ? t('common.saved') : null} />
      </div>
      <FormError error={save.error} />
    </form>
  );
}

function ProfileForm({ profile }: { profile: ProfileView }) {
  const { t } = useI18n();
  const { profiles, setProfiles } = useApp();
  const [displayName, setDisplayName] = useState(profile.displayName);
  const [proxy, setProxy] = useState(profile.options.proxyUrl);
  const [timeZone, setTimeZone] = useState(profile.options.timeZone);
  const [errors, setErrors] = useState<Errors>({});
  const save = useAction((change: ChannelInput<'profiles.update'>) => api().profilesUpdate(change));
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    save.reset();
    const next: Errors = {};
    const problem = proxyProblem(proxy);
    if (problem) next.proxy = t(PROXY_PROBLEM_KEYS[problem]);
    if (!isTimeZone(timeZone)) next.timeZone = t('settings.timeZoneInvalid');
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    const result = await save.run({
      id: profile.id,
      displayName: displayName.trim(),
      options: { proxyUrl: proxy.trim(), timeZone: timeZone.trim() },
    });
    if (result?.ok) setProfiles(result.value);
  };

  return (
    <form
      className="card form"
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-labelledby="profile-title"
    >
      <h2 id="profile-title" className="section-title">
        {t('settings.profile')}
      </h2>
      <p className="muted">
        {t('settings.profileOf', { email: profile.email, origin: originOf(profile.panelUrl) })}
      </p>
      <div className="form-grid">
        <TextField
          id="set-display"
          label={t('settings.displayName')}
          value={displayName}
          maxLength={80}
          onChange={(event) => setDisplayName(event.target.value)}
        />
        <TextField
          id="set-proxy"
          label={t('settings.proxy')}
          hint={t('settings.proxyHint')}
          error={errors.proxy}
          dir="ltr"
          value={proxy}
          inputMode="url"
          onChange={(event) => setProxy(event.target.value)}
        />
        <TextField
          id="set-tz"
          label={t('settings.timeZone')}
          hint={t('settings.timeZoneHint')}
          error={errors.timeZone}
          dir="ltr"
          list="tz-list"
          value={timeZone}
          onChange={(event) => setTimeZone(event.target.value)}
        />
        <datalist id="tz-list">
          {zones.map((zone) => (
            <option key={zone} value={zone} />
          ))}
        </datalist>
      </div>
      <p className="muted small">
        {t('settings.secretStorage', { kind: t(`settings.storage.${profiles.secretStorage}`) })}
      </p>
      <div className="form-actions">
        <BusyButton type="submit" busy={save.busy} busyLabel={t('common.saving')}>
          {t('common.save')}
        </BusyButton>
        <FormStatus message={save.result ? t('common.saved') : null} />
      </div>
      <FormError error={save.error} />
    </form>
  );
}

/** Name, version and platform; the provider's support link; updates, installed only on consent. */
function AboutSection() {
  const { t } = useI18n();
  const { info } = useApp();
  const openLog = useAction(() => api().appOpenLogFolder());
  // The updater's state: asked for once, then kept current by its events. A failed ask leaves the
  // line empty; the updater reports its own failures as a state.
  const updates = useLoad(() => api().updatesGet(), []);
  const update = updates.data;
  const { set: setUpdate } = updates;
  useEffect(() => api().on('update', setUpdate), [setUpdate]);
  const step = useAction((which: 'download' | 'install') =>
    which === 'download' ? api().updatesDownload() : api().updatesInstall(),
  );
  const act = async (which: 'download' | 'install') => {
    const result = await step.run(which);
    if (result?.ok) setUpdate(result.value);
  };

  const version = update?.version ?? '';
  const statusText = !update
    ? ''
    : !update.enabled
      ? t('settings.update.off')
      : update.status === 'downloading'
        ? t('settings.update.downloading', { percent: Math.round(update.progress ?? 0) })
        : update.status === 'error'
          ? t('settings.update.error', { message: update.message ?? '' })
          : t(`settings.update.${update.status}`, { version });

  return (
    <section className="card form" aria-labelledby="about-title">
      <h2 id="about-title" className="section-title">
        {t('settings.about')}
      </h2>
      <p data-testid="app-version">
        {t('settings.version', {
          name: info.provider.name === 'XMPlus' ? info.name : info.provider.name,
          version: info.version,
          platform: info.platform,
        })}
      </p>
      {info.provider.supportUrl ? (
        <p>
          <button
            type="button"
            className="link-button"
            onClick={() => void api().appOpenExternal({ url: info.provider.supportUrl! })}
          >
            {t('settings.support', { provider: info.provider.name })}
          </button>
        </p>
      ) : null}
      <div className="form-actions">
        <button type="button" className="button button-secondary" onClick={() => void openLog.run()}>
          {t('settings.openLogFolder')}
        </button>
        <button type="button" className="button button-secondary" onClick={() => void api().appQuit()}>
          {t('settings.quit', { name: info.provider.name === 'XMPlus' ? info.name : info.provider.name })}
        </button>
      </div>
      <FormError error={openLog.error} />
      <div className="form-actions">
        <p role="status" className="muted small" data-testid="update-status">
          {statusText}
        </p>
        {update?.enabled && update.status === 'available' ? (
          <BusyButton
            type="button"
            busy={step.busy}
            busyLabel={t('common.saving')}
            onClick={() => void act('download')}
          >
            {t('settings.update.download')}
          </BusyButton>
        ) : null}
        {update?.enabled && update.status === 'ready' ? (
          <BusyButton
            type="button"
            busy={step.busy}
            busyLabel={t('common.saving')}
            onClick={() => void act('install')}
          >
            {t('settings.update.install')}
          </BusyButton>
        ) : null}
      </div>
    </section>
  );
}

export default function SettingsPage() {
  const { t } = useI18n();
  const { settings, profiles } = useApp();
  const profile = activeProfile(profiles);
  return (
    <div className="page">
      <PageHeader title={t('settings.title')} />
      <GeneralForm settings={settings} />
      {profile ? (
        <ProfileForm key={profile.id} profile={profile} />
      ) : (
        <p className="muted">{t('settings.noProfile')}</p>
      )}
      <AboutSection />
    </div>
  );
}
