// The tray icon, drawn by pure code: a ring whose bright arc is what is left of the most urgent
// plan (traffic or time), coloured by level, on a faint full-ring track. Output is straight-alpha
// RGBA; `toBGRA` gives the byte order (and premultiplied alpha) that Electron's
// nativeImage.createFromBitmap reads. The macOS template variant is black with alpha only, so the
// system tints it for light and dark menu bars.
import type { Service, Snapshot } from '../../shared/domain';
import type { Forecast } from './forecast';
import type { Level, Thresholds } from './alerts';
import { isExpired, serviceLevel } from './alerts';

const DAY_MS = 86_400_000;

export interface GaugeImage {
  width: number;
  height: number;
  /** width * height * 4 bytes, row-major, straight (not premultiplied) alpha. */
  rgba: Uint8Array;
}

export interface GaugeOptions {
  /** What is left, 0..1 (clamped). */
  fraction: number;
  level: Level;
  /** Pixel size of the square icon: 16, 22, 24, 32, or @2x sizes (32, 44, 48, 64). */
  size: number;
  /** macOS template image: black + alpha only. */
  template?: boolean;
}

/** Level colours (RGB). Chosen to read on both light and dark panels. */
export const LEVEL_COLOURS: Record<Level, readonly [number, number, number]> = {
  ok: [46, 174, 82],
  warning: [240, 165, 0],
  critical: [222, 48, 48],
  expired: [140, 140, 140],
};

/** Track (the used part of the ring) alpha relative to the arc. */
const TRACK_ALPHA = 0.3;
/** Sub-samples per axis for anti-aliasing: 4 x 4 = 16 coverage levels per pixel. */
const SUBSAMPLES = 4;

export function drawGauge({ fraction, level, size, template = false }: GaugeOptions): GaugeImage {
  const side = Math.max(8, Math.min(512, Math.round(size)));
  const rgba = new Uint8Array(side * side * 4);
  const remaining = Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
  const centre = side / 2;
  const outer = side / 2 - Math.max(0.5, side / 32);
  const thickness = Math.max(2, side * 0.2);
  const inner = outer - thickness;
  const [r, g, b] = template ? [0, 0, 0] : LEVEL_COLOURS[level];
  // The arc starts at 12 o'clock and runs clockwise; angle 0..1 measured the same way.
  const sweep = remaining;

  for (let y = 0; y < side; y += 1) {
    for (let x = 0; x < side; x += 1) {
      let arc = 0;
      let track = 0;
      for (let sy = 0; sy < SUBSAMPLES; sy += 1) {
        for (let sx = 0; sx < SUBSAMPLES; sx += 1) {
          const px = x + (sx + 0.5) / SUBSAMPLES - centre;
          const py = y + (sy + 0.5) / SUBSAMPLES - centre;
          const distance = Math.hypot(px, py);
          if (distance < inner || distance > outer) continue;
          // atan2 with (x, -y) puts 0 at the top, growing clockwise in screen space.
          let turn = Math.atan2(px, -py) / (2 * Math.PI);
          if (turn < 0) turn += 1;
          if (turn < sweep) arc += 1;
          else track += 1;
        }
      }
      const total = SUBSAMPLES * SUBSAMPLES;
      const alpha = (arc + track * TRACK_ALPHA) / total;
      if (alpha <= 0) continue;
      const offset = (y * side + x) * 4;
      rgba[offset] = r;
      rgba[offset + 1] = g;
      rgba[offset + 2] = b;
      rgba[offset + 3] = Math.round(alpha * 255);
    }
  }
  return { width: side, height: side, rgba };
}

/**
 * RGBA -> BGRA, premultiplied by default: Electron's createFromBitmap takes Skia's native 32-bit
 * layout, which is BGRA with premultiplied alpha on little-endian machines.
 */
export function toBGRA(
  rgba: Uint8Array,
  { premultiplied = true }: { premultiplied?: boolean } = {},
): Uint8Array {
  const out = new Uint8Array(rgba.length);
  for (let i = 0; i + 3 < rgba.length; i += 4) {
    const a = rgba[i + 3]!;
    const k = premultiplied ? a / 255 : 1;
    out[i] = Math.round(rgba[i + 2]! * k);
    out[i + 1] = Math.round(rgba[i + 1]! * k);
    out[i + 2] = Math.round(rgba[i]! * k);
    out[i + 3] = a;
  }
  return out;
}

/** Billing cycle lengths in days, by the words panels use ("Quaterly", "quater", "month"). */
function cycleDays(billing: string): number | null {
  const word = billing.toLowerCase();
  if (word.includes('month')) return 30;
  if (word.includes('quat') || word.includes('quart')) return 91;
  if (word.includes('semi') || word.includes('half')) return 182;
  if (word.includes('annual') || word.includes('year')) return 365;
  return null;
}

/** Remaining traffic as a fraction of the plan; null when the plan has no size. */
export function trafficFraction(service: Pick<Service, 'totalBytes' | 'usedBytes'>): number | null {
  if (!(service.totalBytes > 0)) return null;
  return Math.min(1, Math.max(0, (service.totalBytes - service.usedBytes) / service.totalBytes));
}

/**
 * Remaining time as a fraction of the billing period: period = expiresAt - paidAt when the panel
 * gives both, else the cycle's nominal length; null when there is no expiry or no period.
 */
export function timeFraction(
  service: Pick<Service, 'expiresAt' | 'paidAt' | 'billing'>,
  now: number,
): number | null {
  if (service.expiresAt === null) return null;
  let period: number | null = null;
  if (service.paidAt !== null && service.expiresAt > service.paidAt)
    period = service.expiresAt - service.paidAt;
  else {
    const days = cycleDays(service.billing);
    if (days !== null) period = days * DAY_MS;
  }
  if (period === null) return null;
  return Math.min(1, Math.max(0, (service.expiresAt - now) / period));
}

export interface Urgent {
  service: Service;
  /** What is left: min(traffic fraction, time fraction); 1 when neither is known. */
  fraction: number;
  level: Level;
  /** Used percent of this service (0..100+), null when it has no traffic size. */
  usedPercent: number | null;
}

const LEVEL_RANK: Record<Level, number> = { ok: 0, warning: 1, critical: 2, expired: 3 };

/**
 * A snapshot's services, most urgent first: the usable plans by worst level, then least left; then
 * the expired ones, the most recently expired first. Equals keep the panel's order.
 */
export function byUrgency(
  snapshot: Snapshot,
  thresholds: Thresholds,
  now: number,
  forecasts: Record<string, Forecast> = {},
): Urgent[] {
  const usable: Urgent[] = [];
  const expired: Urgent[] = [];
  for (const service of snapshot.services) {
    const usedPercent = service.totalBytes > 0 ? (service.usedBytes / service.totalBytes) * 100 : null;
    if (isExpired(service, now)) {
      expired.push({ service, fraction: 0, level: 'expired', usedPercent });
      continue;
    }
    const level = serviceLevel(service, thresholds, now, forecasts[String(service.id)]);
    const fraction = Math.min(trafficFraction(service) ?? 1, timeFraction(service, now) ?? 1);
    usable.push({ service, fraction, level, usedPercent });
  }
  // Array.prototype.sort is stable (ECMAScript 2019): equals stay in the panel's order.
  usable.sort((a, b) => LEVEL_RANK[b.level] - LEVEL_RANK[a.level] || a.fraction - b.fraction);
  expired.sort((a, b) => (b.service.expiresAt ?? 0) - (a.service.expiresAt ?? 0));
  return [...usable, ...expired];
}

/**
 * The service the tray gauge shows: among usable plans the one with the worst level, then the
 * least left. When no plan is usable, the most recently expired one (fraction 0). Null with none.
 */
export function mostUrgent(
  snapshot: Snapshot,
  thresholds: Thresholds,
  now: number,
  forecasts: Record<string, Forecast> = {},
): Urgent | null {
  return byUrgency(snapshot, thresholds, now, forecasts)[0] ?? null;
}

/** Where the most urgent service across profiles lives: its profile's snapshot and forecasts. */
export interface ProfileUsage {
  snapshot: Snapshot;
  forecasts?: Record<string, Forecast>;
}

/**
 * The service the tray gauge shows across every profile: the most urgent of each profile's most
 * urgent, by the same order (a usable plan before an expired one, then the worst level, then the
 * least left).
 */
export function mostUrgentAcross(
  profiles: readonly ProfileUsage[],
  thresholds: Thresholds,
  now: number,
): (Urgent & { profileId: string }) | null {
  let best: (Urgent & { profileId: string }) | null = null;
  const usable = (u: Urgent) => !isExpired(u.service, now);
  for (const { snapshot, forecasts } of profiles) {
    const urgent = mostUrgent(snapshot, thresholds, now, forecasts);
    if (urgent === null) continue;
    const better =
      best === null ||
      (usable(urgent) && !usable(best)) ||
      (usable(urgent) === usable(best) &&
        (LEVEL_RANK[urgent.level] > LEVEL_RANK[best.level] ||
          (LEVEL_RANK[urgent.level] === LEVEL_RANK[best.level] && urgent.fraction < best.fraction)));
    if (better) best = { ...urgent, profileId: snapshot.profileId };
  }
  return best;
}
