// Text and menu data for the tray and the CLI, pure: the tooltip, the tray context menu as plain
// data (the Electron shell maps item ids to handlers), and the Waybar/Polybar status line for
// `status --waybar`. English; the renderer and the shell may localize from the structured fields.
import type { AppError } from '../../shared/errors';
import type { Service, Snapshot } from '../../shared/domain';
import type { Forecast } from './forecast';
import type { Level, Thresholds } from './alerts';
import { alertLevel, formatBytes, isExpired, serviceLevel } from './alerts';
import { mostUrgent } from './gauge';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Windows truncates tray tooltips at 127 characters; other platforms take more. */
export const WINDOWS_TOOLTIP_MAX = 127;

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "12 days left", "31 h left" under 48 h, "expired", or '' when the plan has no expiry. */
export function timeLeftText(service: Pick<Service, 'expiresAt' | 'status'>, now: number): string {
  if (isExpired(service, now)) return 'expired';
  if (service.expiresAt === null) return '';
  const left = service.expiresAt - now;
  if (left < 48 * HOUR_MS) {
    const hours = Math.floor(left / HOUR_MS);
    return hours < 1 ? 'less than 1 h left' : `${hours} h left`;
  }
  return `${plural(Math.floor(left / DAY_MS), 'day')} left`;
}

/** "StarterPack #4 — 45.2 GB of 100 GB used · 12 days left" (the id tells same-named plans apart). */
export function serviceLine(service: Service, now: number): string {
  const name = serviceName(service);
  const usage =
    service.totalBytes > 0
      ? `${formatBytes(service.usedBytes)} of ${formatBytes(service.totalBytes)} used`
      : `${formatBytes(service.usedBytes)} used`;
  const time = timeLeftText(service, now);
  const suspended = service.status === 'suspended' ? ' · suspended' : '';
  return `${name} — ${usage}${time ? ` · ${time}` : ''}${suspended}`;
}

/** "StarterPack #4", as the window names a plan. */
export function serviceName(service: Pick<Service, 'packageName' | 'id'>): string {
  return service.packageName ? `${service.packageName} #${service.id}` : `Service #${service.id}`;
}

/** "just now", "5 min ago", "3 h ago", "2 days ago". */
export function agoText(time: number, now: number): string {
  const elapsed = Math.max(0, now - time);
  if (elapsed < 60_000) return 'just now';
  if (elapsed < HOUR_MS) return `${Math.floor(elapsed / 60_000)} min ago`;
  if (elapsed < DAY_MS) return `${Math.floor(elapsed / HOUR_MS)} h ago`;
  return `${plural(Math.floor(elapsed / DAY_MS), 'day')} ago`;
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
  snapshot: Snapshot | null,
  now: number,
  { appName = 'XMPlus', error = null, maxLength }: SummaryOptions = {},
): string {
  const lines = [appName];
  if (snapshot === null) {
    lines.push(error ? `Not updated: ${error.message}` : 'No data yet');
    return clip(lines.join('\n'), maxLength);
  }
  if (snapshot.services.length === 0) lines.push('No services');
  for (const service of snapshot.services) lines.push(serviceLine(service, now));
  lines.push(`Updated ${agoText(snapshot.fetchedAt, now)}`);
  if (error) lines.push(`Last refresh failed: ${error.message}`);
  return clip(lines.join('\n'), maxLength);
}

export type TrayActionId = 'refresh' | 'copy-sublink' | 'export' | 'open' | 'quit';

export type TrayMenuItem =
  | { type: 'service'; serviceId: number; label: string; level: Level; enabled: false }
  | { type: 'status'; label: string; enabled: false }
  | { type: 'separator' }
  | { type: 'action'; id: TrayActionId; label: string; enabled: boolean; serviceId?: number };

export interface TrayMenuOptions {
  /** A refresh is running (the Refresh item reads "Refreshing…" and is disabled). */
  refreshing?: boolean;
  error?: AppError | null;
  signedIn?: boolean;
  forecasts?: Record<string, Forecast>;
}

/**
 * The tray context menu as data: one line per service, the update status, then Refresh now,
 * Copy subscription link (one per service when there are several), Export…, Open, Quit.
 */
export function trayMenuModel(
  snapshot: Snapshot | null,
  thresholds: Thresholds,
  now: number,
  { refreshing = false, error = null, signedIn = true, forecasts = {} }: TrayMenuOptions = {},
): TrayMenuItem[] {
  const items: TrayMenuItem[] = [];
  const services = snapshot?.services ?? [];
  for (const service of services) {
    items.push({
      type: 'service',
      serviceId: service.id,
      label: serviceLine(service, now),
      level: serviceLevel(service, thresholds, now, forecasts[String(service.id)]),
      enabled: false,
    });
  }
  if (!signedIn) items.push({ type: 'status', label: 'Signed out', enabled: false });
  else if (snapshot === null) items.push({ type: 'status', label: 'No data yet', enabled: false });
  else if (services.length === 0) items.push({ type: 'status', label: 'No services', enabled: false });
  if (snapshot !== null) {
    items.push({ type: 'status', label: `Updated ${agoText(snapshot.fetchedAt, now)}`, enabled: false });
  }
  if (error) items.push({ type: 'status', label: `Last refresh failed: ${error.message}`, enabled: false });
  items.push({ type: 'separator' });
  items.push({
    type: 'action',
    id: 'refresh',
    label: refreshing ? 'Refreshing…' : 'Refresh now',
    enabled: signedIn && !refreshing,
  });
  const withLinks = services.filter((service) => service.sublink !== '');
  for (const service of withLinks) {
    items.push({
      type: 'action',
      id: 'copy-sublink',
      label:
        withLinks.length === 1
          ? 'Copy subscription link'
          : `Copy subscription link — ${serviceName(service)}`,
      enabled: true,
      serviceId: service.id,
    });
  }
  if (withLinks.length === 0) {
    items.push({ type: 'action', id: 'copy-sublink', label: 'Copy subscription link', enabled: false });
  }
  items.push({ type: 'action', id: 'export', label: 'Export…', enabled: services.length > 0 });
  items.push({ type: 'separator' });
  items.push({ type: 'action', id: 'open', label: 'Open', enabled: true });
  items.push({ type: 'action', id: 'quit', label: 'Quit', enabled: true });
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
  snapshot: Snapshot | null,
  thresholds: Thresholds,
  now: number,
  error?: AppError | null,
): WaybarStatus {
  if (snapshot === null) {
    return {
      text: '?',
      tooltip: tooltipText(null, now, { error: error ?? null }),
      class: 'error',
      percentage: 0,
    };
  }
  const urgent = mostUrgent(snapshot, thresholds, now);
  const tooltip = tooltipText(snapshot, now, { error: error ?? null });
  if (urgent === null)
    return { text: '—', tooltip, class: alertLevel(snapshot, thresholds, now), percentage: 0 };
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
    class: alertLevel(snapshot, thresholds, now),
    percentage: urgent.usedPercent === null ? 0 : Math.min(100, Math.max(0, Math.round(urgent.usedPercent))),
  };
}
