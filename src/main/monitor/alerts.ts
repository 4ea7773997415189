// Alert rules, pure: which notifications a snapshot calls for, given what has already fired.
// The fired state is plain JSON the app persists, so a restart neither repeats nor loses an alert.
//
// Rules, per service:
//   traffic  used% >= t for each t in thresholds.trafficPercent   (re-arms when used% < t again:
//            a traffic reset or a top-up)
//   expiry   floor(days to expiry) <= t for each t in thresholds.daysLeft   (re-arms when days
//            left > t again: a renewal)
//   expired  the plan has expired (re-arms when it no longer is)
//   forecast the run-out forecast warns (forecast.ts); re-arms on renewal (expiresAt changes) or when
//            the traffic left goes up (top-up, reset), not when the estimate merely wobbles
// A condition that holds and has not fired, fires once and is recorded; a condition that no longer
// holds is removed from the record (re-armed). Several thresholds of one kind crossed at once (the
// app was closed, or a first run at 96 %) give one alert, the most severe, and all are recorded; a
// newly crossed threshold less severe than one already fired is recorded silently. An expired
// plan's traffic and expiry-threshold alerts are recorded silently ("expired" says it all), and a
// plan first seen already expired for over a day is old news: recorded, not announced.
import type { Service, Snapshot } from '../../shared/domain';
import { expiryLevel, trafficLevel, wholeDaysLeft, worstLevel } from '../../shared/levels';
import type { Forecast } from './forecast';
import { storedServiceEntries } from './stored';
import { ENGLISH, type MainText } from '../i18n';

const DAY_MS = 86_400_000;
const FORGET_AFTER_MS = 180 * DAY_MS;

export interface Thresholds {
  /** Used percent; an alert when used >= each. */
  trafficPercent: number[];
  /** Whole days to expiry; an alert when days left <= each. */
  daysLeft: number[];
}

export const DEFAULT_THRESHOLDS: Thresholds = { trafficPercent: [80, 90, 95, 100], daysLeft: [7, 3, 1, 0] };

export type AlertKind = 'traffic' | 'expiry' | 'expired' | 'forecast';
export type AlertSeverity = 'info' | 'warning' | 'critical';
export type Level = 'ok' | 'warning' | 'critical' | 'expired';

export interface AlertParams {
  serviceId: number;
  packageName: string;
  usedBytes: number;
  totalBytes: number;
  /** null when the plan has no traffic size. */
  usedPercent: number | null;
  expiresAt: number | null;
  daysLeft: number | null;
  runOutAt: number | null;
  daysEarly: number | null;
  bytesPerDay: number | null;
  renewsAt: number | null;
  renewsBy: 'expiry' | 'reset' | null;
}

export interface Alert {
  /** Unique per firing: `${serviceId}:${kind}:${threshold}:${firedAt}`. */
  id: string;
  serviceId: number;
  kind: AlertKind;
  level: AlertSeverity;
  /** The crossed threshold: percent (traffic), days (expiry), 0 (expired), whole days early (forecast). */
  threshold: number;
  title: string;
  body: string;
  params: AlertParams;
  firedAt: number;
}

export interface FiredForecast {
  /** Traffic left when last evaluated; more than this later means a top-up or reset. */
  remainingBytes: number;
  /** Expiry when it fired; a different one means a renewal. */
  expiresAt: number | null;
}

export interface FiredService {
  /** Traffic thresholds (percent) currently fired. */
  traffic: number[];
  /** Days-left thresholds currently fired. */
  expiry: number[];
  expired: boolean;
  forecast: FiredForecast | null;
  /** Last time the service was in a snapshot; forgotten 180 days after. */
  seenAt: number;
}

export interface FiredState {
  version: 1;
  /** Service id (string key) -> what has fired. */
  services: Record<string, FiredService>;
}

export function emptyFiredState(): FiredState {
  return { version: 1, services: {} };
}

const isNumber = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);

/** Accept whatever the store gave back; anything unreadable starts empty (fires again, loses nothing). */
export function parseFiredState(value: unknown): FiredState {
  const state = emptyFiredState();
  for (const [id, raw] of storedServiceEntries(value)) {
    if (typeof raw !== 'object' || raw === null) continue;
    const entry = raw as Record<string, unknown>;
    const forecast = entry.forecast as Record<string, unknown> | null | undefined;
    state.services[id] = {
      traffic: Array.isArray(entry.traffic) ? entry.traffic.filter(isNumber) : [],
      expiry: Array.isArray(entry.expiry) ? entry.expiry.filter(isNumber) : [],
      expired: entry.expired === true,
      forecast:
        forecast && typeof forecast === 'object' && isNumber(forecast.remainingBytes)
          ? {
              remainingBytes: forecast.remainingBytes,
              expiresAt: isNumber(forecast.expiresAt) ? forecast.expiresAt : null,
            }
          : null,
      seenAt: isNumber(entry.seenAt) ? entry.seenAt : 0,
    };
  }
  return state;
}

/** Thresholds cleaned: finite, unique, sorted ascending. */
export function normalizeThresholds(thresholds: Partial<Thresholds> = {}): Thresholds {
  const clean = (values: number[] | undefined, fallback: number[]): number[] =>
    [...new Set((values ?? fallback).filter(isNumber))].sort((a, b) => a - b);
  return {
    trafficPercent: clean(thresholds.trafficPercent, DEFAULT_THRESHOLDS.trafficPercent),
    daysLeft: clean(thresholds.daysLeft, DEFAULT_THRESHOLDS.daysLeft),
  };
}

type ServiceFacts = Pick<Service, 'totalBytes' | 'usedBytes' | 'expiresAt' | 'status'>;

export function usedPercent(service: Pick<Service, 'totalBytes' | 'usedBytes'>): number | null {
  return service.totalBytes > 0 ? (service.usedBytes / service.totalBytes) * 100 : null;
}

/** used% >= percent, in exact integer arithmetic (80 GB of 100 GB is 80 %, not 79.999...). */
export function trafficAtLeast(service: Pick<Service, 'totalBytes' | 'usedBytes'>, percent: number): boolean {
  return service.totalBytes > 0 && service.usedBytes * 100 >= percent * service.totalBytes;
}

/** Whole days to expiry, rounded down (0 = less than a day left, negative once expired). */
export function daysLeft(service: Pick<Service, 'expiresAt'>, now: number): number | null {
  return service.expiresAt === null ? null : wholeDaysLeft(service.expiresAt, now);
}

export function isExpired(service: Pick<Service, 'expiresAt' | 'status'>, now: number): boolean {
  return service.status === 'expired' || (service.expiresAt !== null && service.expiresAt <= now);
}

/** The level of one service: what colour its gauge and status line get. */
export function serviceLevel(
  service: ServiceFacts,
  thresholds: Thresholds,
  now: number,
  forecast?: Forecast,
): Level {
  if (isExpired(service, now)) return 'expired';
  const t = normalizeThresholds(thresholds);
  if (service.status === 'suspended') return 'critical';
  const level = worstLevel(
    trafficLevel(usedPercent(service), t.trafficPercent),
    expiryLevel(service.expiresAt, now, t.daysLeft),
  );
  return level === 'ok' && forecast?.warning === true ? 'warning' : level;
}

const LEVEL_RANK: Record<Level, number> = { ok: 0, warning: 1, critical: 2, expired: 3 };

/**
 * The app's overall level for the tray and Waybar: the worst level among plans still usable;
 * 'expired' only when no plan is usable (all expired, or none at all), so an old expired plan
 * next to an active one does not paint the tray grey for ever.
 */
export function alertLevel(
  snapshot: Snapshot,
  thresholds: Thresholds = DEFAULT_THRESHOLDS,
  now: number = snapshot.fetchedAt,
  forecasts: Record<string, Forecast> = {},
): Level {
  let worst: Level | null = null;
  for (const service of snapshot.services) {
    const level = serviceLevel(service, thresholds, now, forecasts[String(service.id)]);
    if (level === 'expired') continue;
    if (worst === null || LEVEL_RANK[level] > LEVEL_RANK[worst]) worst = level;
  }
  return worst ?? 'expired';
}

function trafficSeverity(threshold: number): AlertSeverity {
  return threshold >= 100 ? 'critical' : threshold >= 90 ? 'warning' : 'info';
}

function expirySeverity(threshold: number): AlertSeverity {
  return threshold <= 1 ? 'critical' : threshold <= 3 ? 'warning' : 'info';
}

/**
 * The title and body of an alert in a catalogue's language, from its structured params: alerts are
 * evaluated once (in English, for the record) and worded again for whoever is shown them.
 */
export function alertText(
  text: MainText,
  alert: Pick<Alert, 'kind' | 'threshold' | 'params'>,
): { title: string; body: string } {
  const { kind, threshold, params } = alert;
  const name = params.packageName || text.t('alert.unnamed', { id: String(params.serviceId) });
  switch (kind) {
    case 'traffic': {
      const left = Math.max(0, params.totalBytes - params.usedBytes);
      if (threshold >= 100) {
        return {
          title: text.t('alert.usedUp.title', { name }),
          body: text.t('alert.usedUp.body', { total: text.size(params.totalBytes) }),
        };
      }
      return {
        title: text.t('alert.traffic.title', { name, percent: text.percent(threshold) }),
        body: text.t('alert.traffic.body', {
          used: text.size(params.usedBytes),
          total: text.size(params.totalBytes),
          left: text.size(left),
        }),
      };
    }
    case 'expiry': {
      const count = params.daysLeft ?? threshold;
      return {
        title:
          count <= 0
            ? text.t('alert.expiresToday.title', { name })
            : text.t('alert.expiresIn.title', { name, count }),
        body:
          params.expiresAt !== null
            ? text.t('alert.expiry.bodyOn', { date: text.date(params.expiresAt) })
            : text.t('alert.expiry.body'),
      };
    }
    case 'expired':
      return {
        title: text.t('alert.expired.title', { name }),
        body:
          params.expiresAt !== null
            ? text.t('alert.expired.bodyOn', { date: text.date(params.expiresAt) })
            : text.t('alert.expired.body'),
      };
    case 'forecast': {
      const count = Math.max(1, Math.floor(params.daysEarly ?? 1));
      const reset = params.renewsBy === 'reset';
      return {
        title: text.t('alert.forecast.title', { name }),
        body:
          params.bytesPerDay !== null
            ? text.t(reset ? 'alert.forecast.resetRate' : 'alert.forecast.renewalRate', {
                count,
                rate: text.size(params.bytesPerDay),
              })
            : text.t(reset ? 'alert.forecast.reset' : 'alert.forecast.renewal', { count }),
      };
    }
  }
}

function paramsOf(service: Service, now: number, forecast: Forecast | undefined): AlertParams {
  return {
    serviceId: service.id,
    packageName: service.packageName,
    usedBytes: service.usedBytes,
    totalBytes: service.totalBytes,
    usedPercent: usedPercent(service),
    expiresAt: service.expiresAt,
    daysLeft: daysLeft(service, now),
    runOutAt: forecast?.runOutAt ?? null,
    daysEarly: forecast?.daysEarly ?? null,
    bytesPerDay: forecast ? forecast.bytesPerDay : null,
    renewsAt: forecast?.renewsAt ?? null,
    renewsBy: forecast?.renewsBy ?? null,
  };
}

/**
 * Evaluate the rules for every service of the snapshot at time `now`. Returns the alerts to show
 * (most severe first) and the new fired state to persist. Inputs are not modified.
 */
export function evaluateAlerts(
  snapshot: Snapshot,
  forecasts: Record<string, Forecast>,
  thresholds: Thresholds,
  firedState: FiredState,
  now: number,
): { alerts: Alert[]; firedState: FiredState } {
  const t = normalizeThresholds(thresholds);
  const alerts: Alert[] = [];
  const services: Record<string, FiredService> = {};

  // Services missing from this snapshot keep their record (a panel hiccup must not re-arm them),
  // until they have been gone long enough to be forgotten.
  for (const [id, entry] of Object.entries(firedState.services)) {
    if (now - entry.seenAt <= FORGET_AFTER_MS) services[id] = entry;
  }

  for (const service of snapshot.services) {
    const key = String(service.id);
    const previous = firedState.services[key];
    const forecast = forecasts[key];
    const expired = isExpired(service, now);
    const days = daysLeft(service, now);
    const remaining = service.totalBytes > 0 ? Math.max(0, service.totalBytes - service.usedBytes) : 0;
    // First sight of a plan that expired over a day ago: record everything, announce nothing.
    const silent =
      previous === undefined && expired && (service.expiresAt === null || service.expiresAt < now - DAY_MS);

    const emit: { kind: AlertKind; threshold: number; level: AlertSeverity }[] = [];

    // traffic
    const trafficNow = t.trafficPercent.filter((p) => trafficAtLeast(service, p));
    const trafficBefore = (previous?.traffic ?? []).filter((p) => trafficNow.includes(p));
    const trafficNew = trafficNow.filter((p) => !trafficBefore.includes(p));
    const topTrafficNew = trafficNew[trafficNew.length - 1];
    if (topTrafficNew !== undefined && !trafficBefore.some((p) => p > topTrafficNew) && !expired) {
      emit.push({ kind: 'traffic', threshold: topTrafficNew, level: trafficSeverity(topTrafficNew) });
    }

    // expiry thresholds (stay true while expired, re-arm on renewal)
    const expiryNow = days === null ? [] : t.daysLeft.filter((d) => days <= d);
    const expiryBefore = (previous?.expiry ?? []).filter((d) => expiryNow.includes(d));
    const expiryNew = expiryNow.filter((d) => !expiryBefore.includes(d));
    const topExpiryNew = expiryNew[0];
    if (topExpiryNew !== undefined && !expiryBefore.some((d) => d < topExpiryNew) && !expired) {
      emit.push({ kind: 'expiry', threshold: topExpiryNew, level: expirySeverity(topExpiryNew) });
    }

    // expired
    if (expired && previous?.expired !== true) {
      emit.push({ kind: 'expired', threshold: 0, level: 'critical' });
    }

    // forecast: re-arm on renewal or when traffic left went up, not when the estimate wobbles
    let firedForecast = previous?.forecast ?? null;
    if (
      firedForecast !== null &&
      (firedForecast.expiresAt !== service.expiresAt || remaining > firedForecast.remainingBytes)
    ) {
      firedForecast = null;
    }
    if (forecast?.warning === true && !expired && remaining > 0) {
      if (firedForecast === null) {
        emit.push({ kind: 'forecast', threshold: Math.floor(forecast.daysEarly ?? 0), level: 'warning' });
      }
      firedForecast = { remainingBytes: remaining, expiresAt: service.expiresAt };
    } else if (firedForecast !== null) {
      firedForecast = { ...firedForecast, remainingBytes: remaining };
    }

    services[key] = {
      traffic: trafficNow,
      expiry: expiryNow,
      expired,
      forecast: firedForecast,
      seenAt: now,
    };

    if (silent) continue;
    const params = paramsOf(service, now, forecast);
    for (const item of emit) {
      alerts.push({
        id: `${service.id}:${item.kind}:${item.threshold}:${now}`,
        serviceId: service.id,
        kind: item.kind,
        level: item.level,
        threshold: item.threshold,
        ...alertText(ENGLISH, { kind: item.kind, threshold: item.threshold, params }),
        params,
        firedAt: now,
      });
    }
  }

  const severityRank: Record<AlertSeverity, number> = { info: 0, warning: 1, critical: 2 };
  alerts.sort((a, b) => severityRank[b.level] - severityRank[a.level]);
  return { alerts, firedState: { version: 1, services } };
}

/**
 * The tray's level across profiles, from each profile's alertLevel (null: nothing known, or no
 * plan): the worst among profiles with a usable plan; 'expired' only when every known profile's
 * plans are; 'ok' when nothing is known at all.
 */
export function worstLevelAcross(levels: readonly (Level | null)[]): Level {
  const known = levels.filter((level): level is Level => level !== null);
  if (known.length === 0) return 'ok';
  const usable = known.filter((level) => level !== 'expired');
  if (usable.length === 0) return 'expired';
  return usable.reduce((worst, level) => (LEVEL_RANK[level] > LEVEL_RANK[worst] ? level : worst), 'ok');
}
