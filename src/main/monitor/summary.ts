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
import { mostUrgent, mostUrgentAcross, timeFraction, trafficFraction, type Urgent } from './gauge';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * Windows keeps 127 UTF-16 units of a tray tooltip (NOTIFYICONDATA.szTip holds 128 with its NUL).
 * Electron documents no limit for macOS or Linux, so the tray fits every platform in this one.
 */
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
  if (compact) return compactTooltip(text, profiles, now, compact, appName, maxLength);
  const lines = [appName];
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

const LEVEL_RANK: Record<Level, number> = { ok: 0, warning: 1, critical: 2, expired: 3 };

/**
 * The figure that makes a plan urgent: traffic left or time left, whichever alone reaches the worse
 * alert level; on a tie, whichever share of the plan runs out first.
 */
function urgentFigure(
  text: MainText,
  { service, level }: Urgent,
  thresholds: Thresholds,
  now: number,
): string {
  if (level === 'expired' || isExpired(service, now)) return text.t('time.expired');
  const byTraffic = LEVEL_RANK[serviceLevel({ ...service, expiresAt: null }, thresholds, now)];
  const byTime = LEVEL_RANK[serviceLevel({ ...service, totalBytes: 0 }, thresholds, now)];
  const traffic = trafficFraction(service);
  const time = timeFraction(service, now);
  const showTraffic =
    traffic !== null &&
    (byTraffic > byTime || (byTraffic === byTime && (service.expiresAt === null || traffic <= (time ?? 1))));
  if (showTraffic) {
    return text.t('tooltip.left', { size: text.size(Math.max(0, service.totalBytes - service.usedBytes)) });
  }
  return timeLeftText(text, service, now);
}

const RTL_LETTER =
  /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Adlam}]/u;
const LETTER = /\p{L}/u;

/** True when the first letter of `name` is right-to-left, false when left-to-right, null with none. */
function startsRtl(name: string): boolean | null {
  for (const char of name) {
    if (RTL_LETTER.test(char)) return true;
    if (LETTER.test(char)) return false;
  }
  return null;
}

/**
 * A name against the tooltip's direction: isolated (FSI … PDI) when it runs the other way, so that
 * "علی: 3 GB left" keeps its colon and figure after the name instead of pulling them into it.
 */
function isolated(name: string, rtl: boolean): string {
  const dir = startsRtl(name);
  return dir !== null && dir !== rtl ? `\u2068${name}\u2069` : name;
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** A name in at most `max` UTF-16 units, cut between graphemes (never inside an emoji), with "…". */
function shortened(name: string, graphemes: readonly string[], max: number): string {
  if (name.length <= max) return name;
  let out = '';
  for (const segment of graphemes) {
    if (out.length + segment.length + 1 > max) break;
    out += segment;
  }
  return `${out.trimEnd()}…`;
}

/** The fewest units a shortened name keeps, "…" included: below that a name stops saying whose it is. */
const MIN_NAME = 8;

interface TooltipRow {
  name: string;
  graphemes: readonly string[];
  figure: string;
  /** How urgent: the least urgent rows give way first when not every profile fits. */
  rank: number;
}

/**
 * The compact tooltip: the app's name, then "Name: figure" per profile. When it is too long, the
 * longest names are shortened to one common length first (shorter names stay whole); only when names
 * of MIN_NAME units still do not fit are the least urgent profiles left out, counted as "+N more".
 */
function compactTooltip(
  text: MainText,
  profiles: readonly ProfileSummary[],
  now: number,
  thresholds: Thresholds,
  appName: string,
  maxLength: number | undefined,
): string {
  const rows: TooltipRow[] = profiles.map(({ name, snapshot, error }) => {
    const urgent = snapshot ? mostUrgent(snapshot, thresholds, now) : null;
    const figure = urgent
      ? urgentFigure(text, urgent, thresholds, now)
      : snapshot
        ? text.t('tooltip.noServices')
        : text.t('tooltip.noData');
    const rank = Math.max(urgent ? LEVEL_RANK[urgent.level] : 0, error || !snapshot ? 1 : 0);
    const graphemes = [...segmenter.segment(name)].map((g) => g.segment);
    return { name, graphemes, figure: error ? `${figure} ⚠` : figure, rank };
  });
  const render = (kept: readonly TooltipRow[], cap: number, dropped: number) => {
    const lines = [
      appName,
      ...kept.map((row) => `${isolated(shortened(row.name, row.graphemes, cap), text.rtl)}: ${row.figure}`),
    ];
    if (dropped > 0) lines.push(text.t('tooltip.more', { count: dropped }));
    return lines.join('\n');
  };
  const longest = Math.max(MIN_NAME, ...rows.map((r) => r.name.length));
  const full = render(rows, longest, 0);
  if (maxLength === undefined || full.length <= maxLength) return full;

  // Least urgent first, and among equals the last listed: the order in which rows give way.
  const giveWay = rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => a.row.rank - b.row.rank || b.index - a.index)
    .map(({ index }) => index);
  for (let dropped = 0; dropped <= rows.length; dropped += 1) {
    const gone = new Set(giveWay.slice(0, dropped));
    const kept = rows.filter((_, i) => !gone.has(i));
    if (render(kept, MIN_NAME, dropped).length > maxLength) continue;
    // The longest common cap that fits: the length only grows with the cap.
    let fits = MIN_NAME;
    let over = longest + 1;
    while (over - fits > 1) {
      const mid = Math.floor((fits + over) / 2);
      if (render(kept, mid, dropped).length <= maxLength) fits = mid;
      else over = mid;
    }
    return render(kept, fits, dropped);
  }
  return clip(appName, maxLength);
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
