// Settings: app-wide options (settingsSet) and the active profile's options (profilesUpdate): its
// name, proxy, time zone, whether it is watched and its own refresh interval (the warning thresholds
// stay global). Each form has its own Save, a "Saved" status and the errors main reports.
import { useEffect, useState, type InputHTMLAttributes, type ReactNode } from 'react';
import type { ChannelInput, ProfileView } from '../../../../shared/contract';
import type { AppError } from '../../../../shared/errors';
import { api } from '../../api';
import { BusyButton } from '../../components/Button';
import { CheckboxField, ChoiceField, Form, FormError, TextField } from '../../components/Field';
import { PageHeader } from '../../components/PageHeader';
import { SubmitRow } from '../../components/SubmitRow';
import { LOCALE_NAMES, resolveLocale, useI18n } from '../../i18n';
import {
  LANGUAGE_OPTIONS,
  THEME_OPTIONS,
  type Language,
  type Settings,
  type Theme,
} from '../../lib/settings';
import { useAction } from '../../lib/useAction';
import { useFields, type BoundField } from '../../lib/useFields';
import { useLoad } from '../../lib/useLoad';
import { isTimeZone, originOf, parseNumberList, proxyProblem } from '../../lib/validate';
import { activeProfile, useApp } from '../../state/app';
import { PROXY_PROBLEM_KEYS } from '../onboarding/SetupProxyField';

/** A settings card: a form with a Save when it has `onSubmit`, a plain section otherwise. */
function Card({
  id,
  title,
  onSubmit,
  children,
}: {
  id: string;
  title: string;
  onSubmit?: () => Promise<void>;
  children: ReactNode;
}) {
  const heading = (
    <h2 id={id} className="section-title">
      {title}
    </h2>
  );
  if (!onSubmit)
    return (
      <section className="card form" aria-labelledby={id}>
        {heading}
        {children}
      </section>
    );
  return (
    <Form className="card form" onSubmit={onSubmit} aria-labelledby={id}>
      {heading}
      {children}
    </Form>
  );
}

/** Save, with "Saved" beside it once main has stored the form, and main's error below. */
function SaveRow({ save }: { save: { busy: boolean; error: AppError | null; result: unknown } }) {
  const { t } = useI18n();
  return (
    <SubmitRow
      action={save}
      label={t('common.save')}
      busyLabel={t('common.saving')}
      status={save.result ? t('common.saved') : null}
      statusBeside
    />
  );
}

/**
 * A setting typed as text: labelled by the catalogue's `settings.<name>`, explained by
 * `settings.<name>Hint`. Numbers, addresses and zone names read left to right in every language.
 */
function SettingField({
  name,
  field,
  note,
  ...input
}: {
  name: 'refresh' | 'servers' | 'traffic' | 'expiry' | 'proxy' | 'timeZone';
  field: BoundField;
  /** A line after the hint, read with it by screen readers. */
  note?: string;
} & Pick<InputHTMLAttributes<HTMLInputElement>, 'inputMode' | 'list'>) {
  const { t } = useI18n();
  const hint = t(`settings.${name}Hint`);
  return (
    <TextField
      {...field}
      {...input}
      dir="ltr"
      label={t(`settings.${name}`)}
      hint={note ? `${hint} ${note}` : hint}
    />
  );
}

// The settings typed as numbers; each also has a `settings.<name>Invalid` line.
const NUMBER_FIELDS = ['refresh', 'servers', 'traffic', 'expiry'] as const;
// The on/off settings, each with its checkbox's id and label (and a hint where the label needs one).
const SWITCHES = [
  { name: 'notifications', id: 'set-notifications', label: 'settings.notifications' },
  { name: 'startAtLogin', id: 'set-start', label: 'settings.startAtLogin' },
  { name: 'autoUpdateCheck', id: 'set-updates', label: 'settings.updates' },
  {
    name: 'clearClipboard',
    id: 'set-clear-clipboard',
    label: 'settings.clearClipboard',
    hint: 'settings.clearClipboardHint',
  },
] as const;
type Switches = Record<(typeof SWITCHES)[number]['name'], boolean>;

/** A whole number in range, from what was typed; null when it is not one. */
function wholeNumber(text: string, min: number, max: number): number | null {
  const value = /^\d+$/.test(text.trim()) ? Number(text.trim()) : NaN;
  return value >= min && value <= max ? value : null;
}

function GeneralForm({ settings }: { settings: Settings }) {
  const { t } = useI18n();
  const { info, setSettings } = useApp();
  const [language, setLanguage] = useState<Language>(settings.language);
  const [theme, setTheme] = useState<Theme>(settings.theme);
  const fields = useFields('set', {
    refresh: String(settings.refreshMinutes),
    servers: String(settings.serversRefreshHours),
    traffic: settings.trafficThresholds.join(', '),
    expiry: settings.expiryThresholds.join(', '),
  });
  const [switches, setSwitches] = useState<Switches>({
    notifications: settings.notifications,
    startAtLogin: settings.startAtLogin,
    autoUpdateCheck: settings.autoUpdateCheck,
    clearClipboard: settings.clearClipboard,
  });
  const save = useAction((patch: ChannelInput<'settings.set'>) => api().settingsSet(patch));

  const submit = async () => {
    save.reset();
    const minutes = wholeNumber(fields.values.refresh, 5, 1440);
    const hours = wholeNumber(fields.values.servers, 1, 72);
    const traffic = parseNumberList(fields.values.traffic, 1, 100);
    const expiry = parseNumberList(fields.values.expiry, 0, 365);
    const errors: Record<string, string> = {};
    const read = { refresh: minutes, servers: hours, traffic, expiry };
    for (const name of NUMBER_FIELDS) if (read[name] === null) errors[name] = t(`settings.${name}Invalid`);
    if (!fields.check(errors) || minutes === null || hours === null || !traffic || !expiry) return;
    const result = await save.run({
      language,
      theme,
      refreshMinutes: minutes,
      serversRefreshHours: hours,
      trafficThresholds: [...traffic].sort((a, b) => a - b),
      expiryThresholds: [...expiry].sort((a, b) => b - a),
      ...switches,
    });
    if (result?.ok) {
      setSettings(result.value);
      fields.set({
        traffic: result.value.trafficThresholds.join(', '),
        expiry: result.value.expiryThresholds.join(', '),
      });
    }
  };

  const systemName = LOCALE_NAMES[resolveLocale('system', info.locale)];
  return (
    <Card id="general-title" title={t('settings.general')} onSubmit={submit}>
      <div className="form-grid">
        <ChoiceField
          id="set-language"
          label={t('settings.language')}
          value={language}
          options={LANGUAGE_OPTIONS}
          labelOf={(option) =>
            option === 'system' ? t('settings.language.system', { name: systemName }) : LOCALE_NAMES[option]
          }
          langOf={(option) => (option === 'system' ? undefined : option)}
          onChange={setLanguage}
        />
        <ChoiceField
          id="set-theme"
          label={t('settings.theme')}
          value={theme}
          options={THEME_OPTIONS}
          labelOf={(option) => t(`settings.theme.${option}`)}
          onChange={setTheme}
        />
        {NUMBER_FIELDS.map((name) => (
          <SettingField
            key={name}
            name={name}
            field={fields.bind(name)}
            // A list has commas; a single number gets the digit keyboard where there is one.
            inputMode={name === 'refresh' || name === 'servers' ? 'numeric' : undefined}
          />
        ))}
      </div>
      <div className="checks">
        {SWITCHES.map((item) => (
          <CheckboxField
            key={item.name}
            id={item.id}
            label={t(item.label)}
            hint={'hint' in item ? t(item.hint) : undefined}
            checked={switches[item.name]}
            onChange={(event) => setSwitches({ ...switches, [item.name]: event.target.checked })}
          />
        ))}
      </div>
      <SaveRow save={save} />
    </Card>
  );
}

/** A profile refreshes at the global interval or at its own. */
const INTERVAL_CHOICES = ['global', 'own'] as const;
type IntervalChoice = (typeof INTERVAL_CHOICES)[number];

function ProfileForm({ profile }: { profile: ProfileView }) {
  const { t } = useI18n();
  const { profiles, setProfiles, settings } = useApp();
  const fields = useFields('set', {
    display: profile.displayName,
    proxy: profile.options.proxyUrl,
    tz: profile.options.timeZone,
    minutes: String(profile.refreshMinutes ?? settings.refreshMinutes),
  });
  const [watch, setWatch] = useState(profile.watch);
  const [interval, chooseInterval] = useState<IntervalChoice>(
    profile.refreshMinutes === null ? 'global' : 'own',
  );
  const save = useAction((change: ChannelInput<'profiles.update'>) => api().profilesUpdate(change));
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

  const submit = async () => {
    save.reset();
    const { display, proxy, tz } = fields.values;
    const errors: Record<string, string> = {};
    const problem = proxyProblem(proxy);
    if (problem) errors.proxy = t(PROXY_PROBLEM_KEYS[problem]);
    if (!isTimeZone(tz)) errors.tz = t('settings.timeZoneInvalid');
    const minutes = interval === 'own' ? wholeNumber(fields.values.minutes, 5, 1440) : null;
    if (interval === 'own' && minutes === null) errors.minutes = t('settings.refreshInvalid');
    if (!fields.check(errors)) return;
    const result = await save.run({
      id: profile.id,
      displayName: display.trim(),
      options: { proxyUrl: proxy.trim(), timeZone: tz.trim() },
      watch,
      refreshMinutes: minutes,
    });
    if (result?.ok) {
      setProfiles(result.value);
      // The address as saved: a proxy password typed in it is kept by main, not left on screen.
      const saved = result.value.profiles.find((p) => p.id === profile.id);
      if (saved) fields.set({ proxy: saved.options.proxyUrl });
    }
  };

  return (
    <Card id="profile-title" title={t('settings.profile')} onSubmit={submit}>
      <p className="muted">
        {t('settings.profileOf', { email: profile.email, origin: originOf(profile.panelUrl) })}
      </p>
      <div className="form-grid">
        <TextField {...fields.bind('display')} label={t('settings.displayName')} maxLength={80} />
        <SettingField
          name="proxy"
          field={fields.bind('proxy')}
          inputMode="url"
          note={profile.proxyPasswordKept ? t('settings.proxyPasswordKept') : undefined}
        />
        <SettingField name="timeZone" field={fields.bind('tz')} list="tz-list" />
        <datalist id="tz-list">
          {zones.map((zone) => (
            <option key={zone} value={zone} />
          ))}
        </datalist>
        <ChoiceField
          id="set-profile-interval"
          label={t('settings.profileRefresh')}
          value={interval}
          options={INTERVAL_CHOICES}
          labelOf={(option) =>
            option === 'global'
              ? t('settings.profileRefresh.global', { minutes: settings.refreshMinutes })
              : t('settings.profileRefresh.own')
          }
          onChange={chooseInterval}
        />
        {interval === 'own' ? (
          <TextField
            {...fields.bind('minutes')}
            dir="ltr"
            inputMode="numeric"
            label={t('settings.profileMinutes')}
            hint={t('settings.refreshHint')}
          />
        ) : null}
      </div>
      <div className="checks">
        <CheckboxField
          id="set-watch"
          label={t('settings.watch')}
          hint={t('settings.watchHint')}
          checked={watch}
          onChange={(event) => setWatch(event.target.checked)}
        />
      </div>
      <p className="muted small">{t('settings.thresholdsGlobal')}</p>
      <p className="muted small">
        {t('settings.secretStorage', { kind: t(`settings.storage.${profiles.secretStorage}`) })}
      </p>
      <SaveRow save={save} />
    </Card>
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

  // What the user may do next: fetch an update that was found, or install the one fetched.
  const offer = !update?.enabled
    ? null
    : update.status === 'available'
      ? 'download'
      : update.status === 'ready'
        ? 'install'
        : null;
  const appName = info.provider.name === 'XMPlus' ? info.name : info.provider.name;
  const version = update?.version ?? '';
  const statusText = !update
    ? ''
    : !update.enabled
      ? t('settings.update.off')
      : update.status === 'downloading'
        ? // progress is a fraction (0..1) in the contract.
          t('settings.update.downloading', { percent: Math.round((update.progress ?? 0) * 100) })
        : update.status === 'error'
          ? t('settings.update.error', { message: update.message ?? '' })
          : t(`settings.update.${update.status}`, { version });

  return (
    <Card id="about-title" title={t('settings.about')}>
      <p data-testid="app-version">
        {t('settings.version', {
          name: appName,
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
          {t('settings.quit', { name: appName })}
        </button>
      </div>
      <FormError error={openLog.error} />
      <div className="form-actions">
        <p role="status" className="muted small" data-testid="update-status">
          {statusText}
        </p>
        {offer ? (
          <BusyButton
            type="button"
            busy={step.busy}
            busyLabel={t('common.saving')}
            onClick={() => void act(offer)}
          >
            {t(`settings.update.${offer}`)}
          </BusyButton>
        ) : null}
      </div>
    </Card>
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
