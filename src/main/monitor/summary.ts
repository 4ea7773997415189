// Text and menu data for the tray and the CLI, pure: the tooltip, the tray context menu as plain
// data (the Electron shell maps item ids to handlers), and the Waybar/Polybar status line for
// `status --waybar`. Every text comes from the catalogue passed in (src/main/i18n): the user's
// language for the tray, English for the CLI.
import type { AppError } from '../../shared/errors';
import type { MainText } from '../i18n';
import type { TrayLabels } from '../platform';
import type { Service, Snapshot } from '../../shared/domain';
import type { Forecast } from './forecast';
import type { Level, Thresholds } from './alerts';
import { alertLevel, isExpired, serviceLevel, worstLevelAcross } from './alerts';
import { mostUrgent, mostUrgentAcross, type Urgent } from './gauge';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Windows truncates tray tooltips at 127 characters; other platforms take more. */
export const WINDOWS_TOOLTIP_MAX = 127;

/** "12 days left", "31 h left" under 48 h, "expired", or "no expiry" for a plan without an end. */
export function timeLeftText(
  text: MainText,
  service: Pick<Service, 'expiresAt' | 'status'>,
  now: number,
): string {
  if (isExpired(service, now)) return text.t('time.expired');
  if (service.expiresAt === null) return text.t('time.noExpiry');
  const left = service.expiresAt - now;
  if (left < 48 * HOUR_MS) {
    const hours = Math.floor(left / HOUR_MS);
    return hours < 1 ? text.t('time.lessThanHour') : text.t('time.hoursLeft', { count: hours });
  }
  return text.t('time.daysLeft', { count: Math.floor(left / DAY_MS) });
}

/** "StarterPack #4 — 45.2 GB of 100 GB used · 12 days left" (the id tells same-named plans apart). */
export function serviceLine(text: MainText, service: Service, now: number): string {
  const name = serviceName(text, service);
  const usage =
    service.totalBytes > 0
      ? text.t('service.usage', { used: text.size(service.usedBytes), total: text.size(service.totalBytes) })
      : text.t('service.usageNoTotal', { used: text.size(service.usedBytes) });
  const time = timeLeftText(text, service, now);
  const suspended = service.status === 'suspended' ? ` · ${text.t('service.suspended')}` : '';
  return `${name} — ${usage}${time ? ` · ${time}` : ''}${suspended}`;
}

/** "StarterPack #4", as the window names a plan (the id stays in Latin digits: it is the panel's). */
export function serviceName(text: MainText, service: Pick<Service, 'packageName' | 'id'>): string {
  const id = String(service.id);
  return service.packageName
    ? text.t('service.name', { name: service.packageName, id })
    : text.t('service.unnamed', { id });
}

/** "just now", "5 min ago", "3 h ago", "2 days ago". */
export function agoText(text: MainText, time: number, now: number): string {
  const elapsed = Math.max(0, now - time);
  if (elapsed < 60_000) return text.t('ago.justNow');
  if (elapsed < HOUR_MS) return text.t('ago.minutes', { count: Math.floor(elapsed / 60_000) });
  if (elapsed < DAY_MS) return text.t('ago.hours', { count: Math.floor(elapsed / HOUR_MS) });
  return text.t('ago.days', { count: Math.floor(elapsed / DAY_MS) });
}

export interface SummaryOptions {
  /** First line of the tooltip. */
  appName?: string;
  /** The last refresh failed with this (the snapshot shown is then older). */
  error?: AppError | null;
  /** Cut the tooltip to this many characters (Windows: WINDOWS_TOOLTIP_MAX). */
  maxLength?: number;
}

function clip(text: string, maxLength: number | undefined): string {
  if (maxLength === undefined || text.length <= maxLength) return text;
  return `${text.slice(0, Math.max(0, maxLength - 1))}…`;
}

/** The tray tooltip: app name, one line per service, when the data is from, the last error. */
export function tooltipText(
  text: MainText,
  snapshot: Snapshot | null,
  now: number,
  { appName = 'XMPlus', error = null, maxLength }: SummaryOptions = {},
): string {
  const lines = [appName];
  if (snapshot === null) {
    lines.push(error ? text.t('tooltip.notUpdated', { error: error.message }) : text.t('tooltip.noData'));
    return clip(lines.join('\n'), maxLength);
  }
  if (snapshot.services.length === 0) lines.push(text.t('tooltip.noServices'));
  for (const service of snapshot.services) lines.push(serviceLine(text, service, now));
  lines.push(text.t('tooltip.updated', { ago: agoText(text, snapshot.fetchedAt, now) }));
  if (error) lines.push(text.t('tooltip.lastFailed', { error: error.message }));
  return clip(lines.join('\n'), maxLength);
}

/** One profile as the tooltip and the tray menu model see it. */
export interface ProfileSummary {
  id?: string;
  name: string;
  snapshot: Snapshot | null;
  /** Why its data is old (the last refresh failed, or signed out); null when current. */
  error: AppError | null;
  signedIn?: boolean;
  forecasts?: Record<string, Forecast>;
}

/**
 * The tray tooltip over several profiles: each profile's name, then its services (or why there are
 * none), its age and its last failure. One profile reads exactly as tooltipText does.
 */
export function profilesTooltipText(
  text: MainText,
  profiles: readonly ProfileSummary[],
  now: number,
  {
    appName = 'XMPlus',
    maxLength,
    compact,
  }: Omit<SummaryOptions, 'error'> & {
    /** One line per profile, its most urgent service (a tray tooltip's room is small). */
    compact?: Thresholds;
  } = {},
): string {
  const [only] = profiles;
  if (profiles.length <= 1) {
    return tooltipText(text, only?.snapshot ?? null, now, {
      appName,
      error: only?.error ?? null,
      ...(maxLength !== undefined ? { maxLength } : {}),
    });
  }
  const lines = [appName];
  if (compact) {
    for (const { name, snapshot, error } of profiles) {
      const urgent = snapshot ? mostUrgent(snapshot, compact, now) : null;
      const line = urgent
        ? serviceLine(text, urgent.service, now)
        : snapshot
          ? text.t('tooltip.noServices')
          : text.t('tooltip.noData');
      lines.push(`${name}: ${line}${error ? ' ⚠' : ''}`);
    }
    return clip(lines.join('\n'), maxLength);
  }
  for (const { name, snapshot, error } of profiles) {
    lines.push(`${name}:`);
    if (snapshot === null) {
      lines.push(
        `  ${error ? text.t('tooltip.notUpdated', { error: error.message }) : text.t('tooltip.noData')}`,
      );
      continue;
    }
    if (snapshot.services.length === 0) lines.push(`  ${text.t('tooltip.noServices')}`);
    for (const service of snapshot.services) lines.push(`  ${serviceLine(text, service, now)}`);
    lines.push(`  ${text.t('tooltip.updated', { ago: agoText(text, snapshot.fetchedAt, now) })}`);
    if (error) lines.push(`  ${text.t('tooltip.lastFailed', { error: error.message })}`);
  }
  return clip(lines.join('\n'), maxLength);
}

/** The native tray menu's own words (src/main/electron/tray.ts), for TrayState. */
export function trayLabels(text: MainText, appName: string): TrayLabels {
  return {
    notSignedIn: text.t('tray.notSignedIn'),
    noServices: text.t('tooltip.noServices'),
    refresh: text.t('tray.refresh'),
    refreshing: text.t('tray.refreshing'),
    copySublink: text.t('tray.copySublink'),
    export: text.t('tray.export'),
    open: text.t('tray.openApp', { app: appName }),
    quit: text.t('tray.quit'),
  };
}

export type TrayActionId = 'refresh' | 'copy-sublink' | 'export' | 'open' | 'quit';

export type TrayMenuItem =
  | { type: 'profile'; profileId: string; label: string; enabled: false }
  | { type: 'service'; profileId: string; serviceId: number; label: string; level: Level; enabled: false }
  | { type: 'status'; profileId?: string; label: string; enabled: false }
  | { type: 'separator' }
  | {
      type: 'action';
      id: TrayActionId;
      label: string;
      enabled: boolean;
      profileId?: string;
      serviceId?: number;
    };

export interface TrayMenuOptions {
  /** A refresh is running (the Refresh item reads "Refreshing…" and is disabled). */
  refreshing?: boolean;
}

/**
 * The tray context menu as data. Per profile (under a heading with its name when there are several):
 * one line per service, then its status (signed out, no data, its age, its last failure). Then
 * Refresh now, Copy subscription link (one per service that has one, named with its profile when
 * there are several), Export… (one per profile when there are several), Open, Quit.
 */
export function trayMenuModel(
  text: MainText,
  profiles: readonly (ProfileSummary & { id: string })[],
  thresholds: Thresholds,
  now: number,
  { refreshing = false }: TrayMenuOptions = {},
): TrayMenuItem[] {
  const items: TrayMenuItem[] = [];
  const several = profiles.length > 1;
  const anySignedIn = profiles.some((p) => p.signedIn !== false);
  if (profiles.length === 0)
    items.push({ type: 'status', label: text.t('tray.notSignedIn'), enabled: false });
  for (const profile of profiles) {
    const { id: profileId, snapshot, error, forecasts = {} } = profile;
    if (several) items.push({ type: 'profile', profileId, label: profile.name, enabled: false });
    const services = snapshot?.services ?? [];
    for (const service of services) {
      items.push({
        type: 'service',
        profileId,
        serviceId: service.id,
        label: serviceLine(text, service, now),
        level: serviceLevel(service, thresholds, now, forecasts[String(service.id)]),
        enabled: false,
      });
    }
    const status = (label: string) => items.push({ type: 'status', profileId, label, enabled: false });
    if (profile.signedIn === false) status(text.t('tray.signedOut'));
    else if (snapshot === null) status(text.t('tooltip.noData'));
    else if (services.length === 0) status(text.t('tooltip.noServices'));
    if (snapshot !== null) status(text.t('tooltip.updated', { ago: agoText(text, snapshot.fetchedAt, now) }));
    if (error && profile.signedIn !== false) status(text.t('tooltip.lastFailed', { error: error.message }));
  }
  items.push({ type: 'separator' });
  items.push({
    type: 'action',
    id: 'refresh',
    label: refreshing ? text.t('tray.refreshing') : text.t('tray.refresh'),
    enabled: anySignedIn && !refreshing,
  });
  const withLinks = profiles.flatMap((profile) =>
    (profile.snapshot?.services ?? [])
      .filter((service) => service.sublink !== '')
      .map((service) => ({ profile, service })),
  );
  for (const { profile, service } of withLinks) {
    const name = several ? `${profile.name} — ${serviceName(text, service)}` : serviceName(text, service);
    items.push({
      type: 'action',
      id: 'copy-sublink',
      label: withLinks.length === 1 ? text.t('tray.copySublink') : text.t('tray.copySublinkFor', { name }),
      enabled: true,
      profileId: profile.id,
      serviceId: service.id,
    });
  }
  if (withLinks.length === 0) {
    items.push({ type: 'action', id: 'copy-sublink', label: text.t('tray.copySublink'), enabled: false });
  }
  const exportable = profiles.filter((p) => (p.snapshot?.services.length ?? 0) > 0);
  if (several && exportable.length > 0) {
    for (const profile of exportable) {
      items.push({
        type: 'action',
        id: 'export',
        label: `${text.t('tray.export')} ${profile.name}`,
        enabled: true,
        profileId: profile.id,
      });
    }
  } else {
    const [first] = exportable;
    items.push({
      type: 'action',
      id: 'export',
      label: text.t('tray.export'),
      enabled: first !== undefined,
      ...(first ? { profileId: first.id } : {}),
    });
  }
  items.push({ type: 'separator' });
  items.push({ type: 'action', id: 'open', label: text.t('tray.open'), enabled: true });
  items.push({ type: 'action', id: 'quit', label: text.t('tray.quit'), enabled: true });
  return items;
}

export interface WaybarStatus {
  text: string;
  tooltip: string;
  /** The alert level, or 'error' when there is no data to show at all. */
  class: Level | 'error';
  /** Used percent of the most urgent service, 0..100 (100 when expired, 0 when unknown). */
  percentage: number;
}

/**
 * One status-bar line: text like "78% · 12d" for the most urgent plan, the full summary as the
 * tooltip, the class from the alert level.
 */
export function waybarStatus(
  text: MainText,
  snapshot: Snapshot | null,
  thresholds: Thresholds,
  now: number,
  error?: AppError | null,
): WaybarStatus {
  if (snapshot === null) {
    return {
      text: '?',
      tooltip: tooltipText(text, null, now, { error: error ?? null }),
      class: 'error',
      percentage: 0,
    };
  }
  const urgent = mostUrgent(snapshot, thresholds, now);
  const tooltip = tooltipText(text, snapshot, now, { error: error ?? null });
  return waybarLine(urgent, alertLevel(snapshot, thresholds, now), tooltip, now);
}

/** The status line for the most urgent service, the overall level and the tooltip. */
function waybarLine(urgent: Urgent | null, level: Level, tooltip: string, now: number): WaybarStatus {
  if (urgent === null) return { text: '—', tooltip, class: level, percentage: 0 };
  if (urgent.level === 'expired') return { text: 'expired', tooltip, class: 'expired', percentage: 100 };

  const parts: string[] = [];
  if (urgent.usedPercent !== null) parts.push(`${Math.floor(urgent.usedPercent)}%`);
  const expiresAt = urgent.service.expiresAt;
  if (expiresAt !== null) {
    const left = expiresAt - now;
    parts.push(left < 48 * HOUR_MS ? `${Math.floor(left / HOUR_MS)}h` : `${Math.floor(left / DAY_MS)}d`);
  }
  return {
    text: parts.length > 0 ? parts.join(' · ') : 'ok',
    tooltip,
    class: level,
    percentage: urgent.usedPercent === null ? 0 : Math.min(100, Math.max(0, Math.round(urgent.usedPercent))),
  };
}

/**
 * One status-bar line over several profiles: the most urgent service across them all, the worst
 * level, and a tooltip naming every profile. One profile reads exactly as waybarStatus does.
 */
export function waybarAcross(
  text: MainText,
  profiles: readonly ProfileSummary[],
  thresholds: Thresholds,
  now: number,
): WaybarStatus {
  const [only] = profiles;
  if (profiles.length <= 1) {
    return waybarStatus(text, only?.snapshot ?? null, thresholds, now, only?.error ?? null);
  }
  const known = profiles.flatMap((p) => (p.snapshot ? [{ snapshot: p.snapshot, forecasts: {} }] : []));
  const tooltip = profilesTooltipText(text, profiles, now);
  if (known.length === 0) return { text: '?', tooltip, class: 'error', percentage: 0 };
  const level = worstLevelAcross(
    known.map(({ snapshot }) =>
      snapshot.services.length > 0 ? alertLevel(snapshot, thresholds, now) : null,
    ),
  );
  // As for one profile: an account with no plan at all is 'expired' (nothing usable).
  const overall = known.every(({ snapshot }) => snapshot.services.length === 0) ? 'expired' : level;
  return waybarLine(mostUrgentAcross(known, thresholds, now), overall, tooltip, now);
}
