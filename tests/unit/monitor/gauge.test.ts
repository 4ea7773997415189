// The tray gauge bitmap, pixel by pixel: arc colour per level, faint track, transparent centre and
// corners, anti-aliased edges, the black-alpha template variant; BGRA conversion; most urgent pick.
import { describe, expect, it } from 'vitest';
import type { GaugeImage } from '../../../src/main/monitor/gauge';
import {
  LEVEL_COLOURS,
  drawGauge,
  mostUrgent,
  mostUrgentAcross,
  toBGRA,
} from '../../../src/main/monitor/gauge';
import type { Level } from '../../../src/main/monitor/alerts';
import { DEFAULT_THRESHOLDS, worstLevelAcross } from '../../../src/main/monitor/alerts';
import { DAY, GB, T0, makeService, makeSnapshot } from '../../support/service';

function pixel(image: GaugeImage, x: number, y: number): [number, number, number, number] {
  const i = (y * image.width + x) * 4;
  return [image.rgba[i]!, image.rgba[i + 1]!, image.rgba[i + 2]!, image.rgba[i + 3]!];
}

/** The pixel on the middle of the ring at `turn` (0 = 12 o'clock, clockwise). */
function ringPixel(image: GaugeImage, turn: number): [number, number, number, number] {
  const c = image.width / 2;
  const r = 0.37 * image.width;
  const angle = turn * 2 * Math.PI;
  return pixel(image, Math.floor(c + r * Math.sin(angle)), Math.floor(c - r * Math.cos(angle)));
}

const LEVELS: Level[] = ['ok', 'warning', 'critical', 'expired'];
const TRACK = Math.round(0.3 * 255);

describe('drawGauge', () => {
  for (const size of [16, 22, 24, 32, 44]) {
    for (const level of LEVELS) {
      it(`size ${size}, ${level}: arc in the level colour, faint track, clear centre and corners`, () => {
        const image = drawGauge({ fraction: 0.5, level, size, template: false });
        expect(image.width).toBe(size);
        expect(image.height).toBe(size);
        expect(image.rgba).toHaveLength(size * size * 4);
        const [r, g, b] = LEVEL_COLOURS[level];
        expect(ringPixel(image, 0.25)).toEqual([r, g, b, 255]); // 3 o'clock: inside the remaining half
        expect(ringPixel(image, 0.75)).toEqual([r, g, b, TRACK]); // 9 o'clock: the used half
        const c = size / 2;
        expect(pixel(image, Math.floor(c), Math.floor(c))[3]).toBe(0);
        for (const [x, y] of [
          [0, 0],
          [size - 1, 0],
          [0, size - 1],
          [size - 1, size - 1],
        ] as const) {
          expect(pixel(image, x, y)[3]).toBe(0);
        }
      });
    }
  }

  it('the arc grows clockwise from 12 o clock with the fraction', () => {
    const quarter = drawGauge({ fraction: 0.25, level: 'ok', size: 32 });
    expect(ringPixel(quarter, 0.125)[3]).toBe(255);
    expect(ringPixel(quarter, 0.375)[3]).toBe(TRACK);
    const full = drawGauge({ fraction: 1, level: 'ok', size: 32 });
    const empty = drawGauge({ fraction: 0, level: 'ok', size: 32 });
    for (const turn of [0.1, 0.4, 0.6, 0.9]) {
      expect(ringPixel(full, turn)[3]).toBe(255);
      expect(ringPixel(empty, turn)[3]).toBe(TRACK);
    }
    // Out-of-range fractions are clamped, not drawn wrong.
    expect(drawGauge({ fraction: 7, level: 'ok', size: 16 }).rgba).toEqual(
      drawGauge({ fraction: 1, level: 'ok', size: 16 }).rgba,
    );
    expect(drawGauge({ fraction: Number.NaN, level: 'ok', size: 16 }).rgba).toEqual(
      drawGauge({ fraction: 0, level: 'ok', size: 16 }).rgba,
    );
  });

  it('is anti-aliased: the ring edges have partial alpha', () => {
    const image = drawGauge({ fraction: 1, level: 'ok', size: 32 });
    const alphas = new Set<number>();
    for (let i = 3; i < image.rgba.length; i += 4) alphas.add(image.rgba[i]!);
    const partial = [...alphas].filter((a) => a > 0 && a < 255);
    expect(partial.length).toBeGreaterThan(3);
  });

  it('the template variant is black with alpha only', () => {
    const image = drawGauge({ fraction: 0.5, level: 'critical', size: 22, template: true });
    let opaque = 0;
    for (let i = 0; i < image.rgba.length; i += 4) {
      expect([image.rgba[i], image.rgba[i + 1], image.rgba[i + 2]]).toEqual([0, 0, 0]);
      if (image.rgba[i + 3] === 255) opaque += 1;
    }
    expect(opaque).toBeGreaterThan(10);
    expect(ringPixel(image, 0.25)).toEqual([0, 0, 0, 255]);
    expect(ringPixel(image, 0.75)).toEqual([0, 0, 0, TRACK]);
  });
});

describe('toBGRA', () => {
  it('swaps red and blue and premultiplies by default', () => {
    const rgba = new Uint8Array([200, 100, 50, 255, 200, 100, 50, 0, 255, 0, 128, 128]);
    expect([...toBGRA(rgba)]).toEqual([50, 100, 200, 255, 0, 0, 0, 0, 64, 0, 128, 128]);
    expect([...toBGRA(rgba, { premultiplied: false })]).toEqual([
      50, 100, 200, 255, 50, 100, 200, 0, 128, 0, 255, 128,
    ]);
  });
});

describe('mostUrgent', () => {
  it('picks the worst level, then the least left (traffic or time)', () => {
    const now = T0 + 10 * DAY;
    const calm = makeService({ id: 1, usedBytes: 10 * GB }); // 90 % traffic left, 20 of 30 days left
    const lateInPeriod = makeService({
      id: 2,
      usedBytes: 10 * GB,
      paidAt: T0 - 15 * DAY,
      expiresAt: T0 + 15 * DAY,
    });
    const heavy = makeService({ id: 3, usedBytes: 85 * GB });
    const snapshot = makeSnapshot([calm, lateInPeriod], now);
    const pick = mostUrgent(snapshot, DEFAULT_THRESHOLDS, now)!;
    expect(pick.service.id).toBe(2);
    expect(pick.fraction).toBeCloseTo(5 / 30, 10);
    expect(pick.level).toBe('warning'); // 5 days left <= 7

    const withHeavy = mostUrgent(makeSnapshot([calm, heavy], now), DEFAULT_THRESHOLDS, now)!;
    expect(withHeavy.service.id).toBe(3);
    expect(withHeavy.fraction).toBeCloseTo(0.15, 10);
    expect(withHeavy.usedPercent).toBeCloseTo(85, 10);
  });

  it('uses the billing cycle when the payment date is unknown', () => {
    const s = makeService({ paidAt: null, billing: 'Quaterly', expiresAt: T0 + 45.5 * DAY, usedBytes: 0 });
    expect(mostUrgent(makeSnapshot([s], T0), DEFAULT_THRESHOLDS, T0)!.fraction).toBeCloseTo(0.5, 10);
  });

  it('falls back to the latest expired plan, and to null with no plans', () => {
    const a = makeService({ id: 1, expiresAt: T0 - 10 * DAY });
    const b = makeService({ id: 2, expiresAt: T0 - 1 * DAY });
    const pick = mostUrgent(makeSnapshot([a, b], T0), DEFAULT_THRESHOLDS, T0)!;
    expect([pick.service.id, pick.level, pick.fraction]).toEqual([2, 'expired', 0]);
    expect(mostUrgent(makeSnapshot([], T0), DEFAULT_THRESHOLDS, T0)).toBeNull();
  });
});

describe('across profiles', () => {
  const at = T0;
  const profile = (profileId: string, services: Parameters<typeof makeSnapshot>[0]) => ({
    snapshot: makeSnapshot(services, at, { profileId }),
  });

  it('mostUrgentAcross: the worst level first, then the least left, naming its profile', () => {
    const calm = profile('calm', [makeService({ id: 1, usedBytes: 10 * GB, expiresAt: at + 200 * DAY })]);
    const busy = profile('busy', [makeService({ id: 1, usedBytes: 85 * GB, expiresAt: at + 200 * DAY })]);
    const ending = profile('ending', [makeService({ id: 1, usedBytes: 10 * GB, expiresAt: at + 0.5 * DAY })]);
    expect(mostUrgentAcross([calm, busy, ending], DEFAULT_THRESHOLDS, at)).toMatchObject({
      profileId: 'ending',
      level: 'critical',
    });
    expect(mostUrgentAcross([calm, busy], DEFAULT_THRESHOLDS, at)).toMatchObject({
      profileId: 'busy',
      level: 'warning',
    });
    // Same level: the one with less left, whichever profile it is in.
    const lighter = profile('lighter', [
      makeService({ id: 1, usedBytes: 5 * GB, expiresAt: at + 200 * DAY }),
    ]);
    const first = mostUrgentAcross([lighter, calm], DEFAULT_THRESHOLDS, at);
    const second = mostUrgentAcross([calm, lighter], DEFAULT_THRESHOLDS, at);
    expect(first?.profileId).toBe(second?.profileId);
    expect(first?.fraction).toBe(
      Math.min(
        mostUrgent(calm.snapshot, DEFAULT_THRESHOLDS, at)!.fraction,
        mostUrgent(lighter.snapshot, DEFAULT_THRESHOLDS, at)!.fraction,
      ),
    );
    expect(mostUrgentAcross([], DEFAULT_THRESHOLDS, at)).toBeNull();
  });

  it('mostUrgentAcross: a usable plan anywhere comes before an expired one', () => {
    const gone = profile('gone', [makeService({ id: 1, expiresAt: at - DAY })]);
    const fine = profile('fine', [makeService({ id: 1, usedBytes: 10 * GB, expiresAt: at + 100 * DAY })]);
    expect(mostUrgentAcross([gone, fine], DEFAULT_THRESHOLDS, at)).toMatchObject({
      profileId: 'fine',
      level: 'ok',
    });
    expect(mostUrgentAcross([gone], DEFAULT_THRESHOLDS, at)).toMatchObject({
      profileId: 'gone',
      level: 'expired',
    });
  });

  it('worstLevelAcross: the worst usable level; expired only when every known profile is', () => {
    expect(worstLevelAcross([])).toBe('ok');
    expect(worstLevelAcross([null, null])).toBe('ok');
    expect(worstLevelAcross(['ok', 'warning', null])).toBe('warning');
    expect(worstLevelAcross(['expired', 'ok'])).toBe('ok');
    expect(worstLevelAcross(['expired', 'critical', 'warning'])).toBe('critical');
    expect(worstLevelAcross(['expired', null, 'expired'])).toBe('expired');
  });
});
