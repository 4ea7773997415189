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
import { DEFAULT_THRESHOLDS, alertLevel, isExpired, serviceLevel, worstLevelAcross } from './alerts';
import { byUrgency, mostUrgent, mostUrgentAcross, timeFraction, trafficFraction, type Urgent } from './gauge';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * Windows keeps 127 UTF-16 units of a tray tooltip (NOTIFYICONDATA.szTip holds 128 with its NUL).
 * Electron documents no limit for macOS or Linux: there the tray shows the whole text.
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
}

/**
 * The tray tooltip: app name, one line per service, when the data is from, the last error. The
 * whole text, however long (the Waybar tooltip and the tray where no limit applies); a tray with a
 * limit uses fittedTooltipText.
 */
export function tooltipText(
  text: MainText,
  snapshot: Snapshot | null,
  now: number,
  { appName = 'XMPlus', error = null }: SummaryOptions = {},
): string {
  const lines = [appName];
  if (snapshot === null) {
    lines.push(error ? text.t('tooltip.notUpdated', { error: error.message }) : text.t('tooltip.noData'));
    return lines.join('\n');
  }
  if (snapshot.services.length === 0) lines.push(text.t('tooltip.noServices'));
  for (const service of snapshot.services) lines.push(serviceLine(text, service, now));
  lines.push(text.t('tooltip.updated', { ago: agoText(text, snapshot.fetchedAt, now) }));
  if (error) lines.push(text.t('tooltip.lastFailed', { error: error.message }));
  return lines.join('\n');
}

/**
 * One profile's tray tooltip in at most `maxLength` UTF-16 units (Windows: WINDOWS_TOOLTIP_MAX),
 * made of whole lines: the app's name, the services most urgent first (the gauge's service on the
 * first line), "+N more" for the ones left out, then the age and the last failure. Lines give way
 * whole, in this order of need: the most urgent service; with a failed refresh, the failure and the
 * age (the figures shown are old); the other services, most urgent first; the age. Text inside
 * a line is shortened (between graphemes, with "…", direction isolates closed) in three places only:
 * the app's name beyond half the room, the most urgent service's name when even its line does not
 * fit ("Name…: 3 GB left", as in the multi-profile form), and the panel's words in a failure line
 * that does not fit whole.
 */
export function fittedTooltipText(
  text: MainText,
  snapshot: Snapshot | null,
  now: number,
  {
    appName = 'XMPlus',
    error = null,
    maxLength,
    thresholds = DEFAULT_THRESHOLDS,
  }: SummaryOptions & { maxLength: number; thresholds?: Thresholds },
): string {
  const header = headerLine(appName, maxLength);
  const fits = (lines: readonly string[]) => lines.join('\n').length <= maxLength;
  // The panel's words on one line (some answer with a page of text): a failure is one line here.
  const message = error ? error.message.replace(/\s*[\r\n]+\s*/g, ' ') : '';

  if (snapshot === null) {
    const status = error
      ? withShortened(
          (words) => text.t('tooltip.notUpdated', { error: words }),
          message,
          maxLength - header.length - 1,
        )
      : text.t('tooltip.noData');
    return status !== null && fits([header, status]) ? `${header}\n${status}` : header;
  }

  const age = text.t('tooltip.updated', { ago: agoText(text, snapshot.fetchedAt, now) });
  const ordered = byUrgency(snapshot, thresholds, now);
  const full = ordered.map(({ service }) => serviceLine(text, service, now));
  interface Choice {
    /** The most urgent service's line, whole or short; null while it is not shown. */
    first: string | null;
    /** How many services are shown (the most urgent ones); the rest are "+N more". */
    kept: number;
    age: boolean;
    failure: string | null;
  }
  const render = ({ first, kept, age: withAge, failure }: Choice) => {
    const lines = [header];
    if (ordered.length === 0) lines.push(text.t('tooltip.noServices'));
    if (kept > 0 && first !== null) lines.push(first, ...full.slice(1, kept));
    if (kept < ordered.length) lines.push(text.t('tooltip.more', { count: ordered.length - kept }));
    if (withAge) lines.push(age);
    if (failure !== null) lines.push(failure);
    return lines;
  };
  let chosen: Choice = { first: null, kept: 0, age: false, failure: null };
  /** Takes the change when the text still fits. */
  const tryWith = (patch: Partial<Choice>) => {
    const next = { ...chosen, ...patch };
    if (!fits(render(next))) return false;
    chosen = next;
    return true;
  };
  /** The room for a line that `patch` makes empty: what the limit leaves once the rest is in. */
  const roomFor = (patch: Partial<Choice>) => maxLength - render({ ...chosen, ...patch }).join('\n').length;

  if (ordered.length > 0 && !tryWith({ first: full[0]!, kept: 1 })) {
    // The most urgent service's line is too long here: its name and the figure that makes it urgent.
    const short = shortServiceLine(text, ordered[0]!, thresholds, now, roomFor({ first: '', kept: 1 }));
    if (short !== null) tryWith({ first: short, kept: 1 });
  }
  if (!fits(render(chosen))) return header;
  const otherServices = () => {
    let more = chosen.kept > 0;
    while (more && chosen.kept < ordered.length) more = tryWith({ kept: chosen.kept + 1 });
  };
  if (error) {
    tryWith({ age: true });
    if (!tryWith({ failure: text.t('tooltip.lastFailed', { error: message }) })) {
      // The panel's words shortened to the room left; short of that room, the age gives way first.
      const failure = (patch: Partial<Choice>) =>
        withShortened(
          (words) => text.t('tooltip.lastFailed', { error: words }),
          message,
          roomFor({ ...patch, failure: '' }),
        );
      const withAge = failure({});
      const withoutAge = withAge === null ? failure({ age: false }) : null;
      if (withAge !== null) tryWith({ failure: withAge });
      else if (withoutAge !== null) tryWith({ age: false, failure: withoutAge });
    }
    otherServices();
  } else {
    otherServices();
    tryWith({ age: true });
  }
  return render(chosen).join('\n');
}

/** The app's name as the first line: at most half the room, so that something follows it. */
function headerLine(appName: string, maxLength: number | undefined): string {
  return maxLength === undefined ? appName : cut(appName, Math.floor(maxLength / 2));
}

/**
 * A message with `value` in it, in at most `room` units: whole, or with `value` shortened (down to
 * "…" alone); null when not even that fits.
 */
function withShortened(line: (value: string) => string, value: string, room: number): string | null {
  const whole = line(value);
  if (whole.length <= room) return whole;
  for (let max = room - line('').length; max >= 1; max -= 1) {
    const candidate = line(cut(value, max));
    if (candidate.length <= room) return candidate;
  }
  return null;
}

/** "StarterPack #4: 3 GB left" in at most `room` units, the name shortened if need be; or null. */
function shortServiceLine(
  text: MainText,
  urgent: Urgent,
  thresholds: Thresholds,
  now: number,
  room: number,
): string | null {
  const name = serviceName(text, urgent.service);
  const graphemes = [...segmenter.segment(name)].map((g) => g.segment);
  const figure = urgentFigure(text, urgent, thresholds, now);
  for (let max = name.length; max >= MIN_NAME; max -= 1) {
    const line = `${isolated(shortened(name, graphemes, max), text.rtl)}: ${figure}`;
    if (line.length <= room) return line;
  }
  return null;
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
 * none), its age and its last failure. One profile reads exactly as tooltipText does. With a
 * `maxLength`, the text is fitted by design, never cut: one profile as fittedTooltipText, several in
 * the compact form.
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
    /** At most this many UTF-16 units (Windows: WINDOWS_TOOLTIP_MAX); none: the whole text. */
    maxLength?: number;
    /** One line per profile, its most urgent service (a tray tooltip's room is small). */
    compact?: Thresholds;
  } = {},
): string {
  const [only] = profiles;
  if (profiles.length <= 1) {
    const options = { appName, error: only?.error ?? null };
    const snapshot = only?.snapshot ?? null;
    if (maxLength === undefined) return tooltipText(text, snapshot, now, options);
    return fittedTooltipText(text, snapshot, now, {
      ...options,
      maxLength,
      ...(compact ? { thresholds: compact } : {}),
    });
  }
  if (compact || maxLength !== undefined) {
    return compactTooltip(text, profiles, now, compact ?? DEFAULT_THRESHOLDS, appName, maxLength);
  }
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
  return lines.join('\n');
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

const PDI = '\u2069';
const PDF = '\u202C';
/** Direction isolates (LRI, RLI, FSI) and embeddings or overrides (LRE, RLE, LRO, RLO), with their closers. */
const CLOSER: Readonly<Record<string, string>> = {
  '\u2066': PDI,
  '\u2067': PDI,
  '\u2068': PDI,
  '\u202A': PDF,
  '\u202B': PDF,
  '\u202D': PDF,
  '\u202E': PDF,
};

/**
 * The longest start of `graphemes` that fits in `max` UTF-16 units with "…" after it. Cut between
 * graphemes (never inside an emoji or a surrogate pair), and closing any direction isolate or
 * embedding the start leaves open: a lone FSI would carry its direction on over the rest of the line
 * (UAX #9: an isolate runs to its PDI or the end of the paragraph).
 */
function cutGraphemes(graphemes: Iterable<string>, max: number): string {
  let best = max >= 1 ? '…' : '';
  let start = '';
  const open: string[] = [];
  for (const grapheme of graphemes) {
    if (start.length + grapheme.length + 1 > max) break;
    start += grapheme;
    for (const char of grapheme) {
      const closer = CLOSER[char];
      if (closer) open.push(closer);
      else if (char === PDI && open.includes(PDI)) {
        // A PDI closes its isolate and any embedding still open inside it.
        while (open.pop() !== PDI);
      } else if (char === PDF && open.at(-1) === PDF) open.pop();
    }
    const candidate = `${start.trimEnd()}…${open.toReversed().join('')}`;
    if (candidate.length <= max) best = candidate;
  }
  return best;
}

/** A name in at most `max` UTF-16 units: whole, or cut between graphemes with "…". */
function shortened(name: string, graphemes: readonly string[], max: number): string {
  return name.length <= max ? name : cutGraphemes(graphemes, max);
}

function* graphemesOf(value: string): Generator<string> {
  for (const { segment } of segmenter.segment(value)) yield segment;
}

/** Any text in at most `max` UTF-16 units: whole, or cut between graphemes with "…". */
function cut(value: string, max: number): string {
  return value.length <= max ? value : cutGraphemes(graphemesOf(value), max);
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
  const header = headerLine(appName, maxLength);
  const render = (kept: readonly TooltipRow[], cap: number, dropped: number) => {
    const lines = [
      header,
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
  return header;
}

/** The native tray menu's own words (src/main/electron/tray.ts), for TrayState. */
export function trayLabels(text: MainText, appName: string): TrayLabels {
  return {
    notSignedIn: text.t('tray.notSignedIn'),
    noData: text.t('tooltip.noData'),
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
