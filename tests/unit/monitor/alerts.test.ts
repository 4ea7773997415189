// Alert rules over generated snapshot sequences (usage, time, resets, top-ups, renewals, restarts,
// time with the app closed) checked against an independent oracle, plus the specific rules.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Alert, FiredState } from '../../../src/main/monitor/alerts';
import {
  DEFAULT_THRESHOLDS,
  alertLevel,
  alertText,
  emptyFiredState,
  evaluateAlerts,
  parseFiredState,
} from '../../../src/main/monitor/alerts';
import type { Forecast } from '../../../src/main/monitor/forecast';
import { ENGLISH, mainText } from '../../../src/main/i18n';
import { DAY, GB, HOUR, T0, makeService, makeSnapshot } from '../../support/service';

type Event = 'none' | 'reset' | 'topup' | 'renew' | 'restart' | 'off';
interface Step {
  hours: number;
  useGB: number;
  event: Event;
}

const stepArb: fc.Arbitrary<Step> = fc.record({
  hours: fc.integer({ min: 0, max: 72 }),
  useGB: fc.integer({ min: 0, max: 25 }),
  event: fc.constantFrom<Event>('none', 'none', 'none', 'reset', 'topup', 'renew', 'restart', 'off'),
});

interface Observed {
  now: number;
  used: number;
  total: number;
  expiresAt: number;
  evaluated: boolean;
  restart: boolean;
}

/** Play the steps: the service's true state after each, and whether the app was running. */
function play(steps: Step[]): Observed[] {
  let now = T0;
  let used = 0;
  let total = 100 * GB;
  let expiresAt = T0 + 10 * DAY;
  return steps.map((step) => {
    now += step.hours * HOUR;
    used += step.useGB * GB;
    if (step.event === 'reset') used = 0;
    if (step.event === 'topup') total += 50 * GB;
    if (step.event === 'renew') {
      expiresAt = Math.max(now, expiresAt) + 30 * DAY;
      used = 0;
    }
    return {
      now,
      used,
      total,
      expiresAt,
      evaluated: step.event !== 'off',
      restart: step.event === 'restart',
    };
  });
}

function evaluateAll(observed: Observed[], persistAcrossRestarts: boolean): Alert[][] {
  let fired: FiredState = emptyFiredState();
  const out: Alert[][] = [];
  for (const o of observed) {
    if (!o.evaluated) {
      out.push([]);
      continue;
    }
    if (o.restart && persistAcrossRestarts) fired = parseFiredState(JSON.parse(JSON.stringify(fired)));
    const service = makeService({ usedBytes: o.used, totalBytes: o.total, expiresAt: o.expiresAt });
    const result = evaluateAlerts(makeSnapshot([service], o.now), {}, DEFAULT_THRESHOLDS, fired, o.now);
    fired = result.firedState;
    out.push(result.alerts);
  }
  return out;
}

// The oracle: conditions written out independently of the implementation.
const trafficHolds = (o: Observed, p: number): boolean => o.used / o.total >= p / 100;
const expiryHolds = (o: Observed, d: number): boolean => (o.expiresAt - o.now) / DAY < d + 1;
const expiredHolds = (o: Observed): boolean => o.expiresAt <= o.now;

describe('evaluateAlerts over generated sequences', () => {
  it('fires once per crossing (most severe of a batch), re-fires only after the condition cleared', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 60 }), (steps) => {
        const observed = play(steps);
        const alerts = evaluateAll(observed, true);
        let previous: Observed | null = null;
        observed.forEach((o, i) => {
          if (!o.evaluated) return;
          const got = alerts[i]!;
          const expired = expiredHolds(o);
          const crossed = (holds: (x: Observed) => boolean): boolean =>
            holds(o) && (previous === null || !holds(previous));

          const trafficNew = DEFAULT_THRESHOLDS.trafficPercent.filter((p) =>
            crossed((x) => trafficHolds(x, p)),
          );
          const traffic = got.filter((a) => a.kind === 'traffic');
          if (trafficNew.length > 0 && !expired) {
            expect(traffic.map((a) => a.threshold)).toEqual([Math.max(...trafficNew)]);
          } else {
            expect(traffic).toEqual([]);
          }

          const expiryNew = DEFAULT_THRESHOLDS.daysLeft.filter((d) => crossed((x) => expiryHolds(x, d)));
          const expiry = got.filter((a) => a.kind === 'expiry');
          if (expiryNew.length > 0 && !expired) {
            expect(expiry.map((a) => a.threshold)).toEqual([Math.min(...expiryNew)]);
          } else {
            expect(expiry).toEqual([]);
          }

          expect(got.filter((a) => a.kind === 'expired').length).toBe(crossed(expiredHolds) ? 1 : 0);
          expect(got.filter((a) => a.kind === 'forecast')).toEqual([]);
          previous = o;
        });
      }),
      { numRuns: 300 },
    );
  });

  it('a restart with the persisted state changes nothing: no repeats, nothing lost', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 60 }), (steps) => {
        const observed = play(steps);
        const withRestarts = evaluateAll(observed, true);
        const withoutRestarts = evaluateAll(
          observed.map((o) => ({ ...o, restart: false })),
          true,
        );
        expect(withRestarts).toEqual(withoutRestarts);
      }),
      { numRuns: 200 },
    );
  });

  it('losing the state on restart would repeat alerts (the persistence matters)', () => {
    const service = makeService({ usedBytes: 85 * GB });
    const first = evaluateAlerts(makeSnapshot([service], T0), {}, DEFAULT_THRESHOLDS, emptyFiredState(), T0);
    expect(first.alerts.map((a) => a.threshold)).toEqual([80]);
    const restored = parseFiredState(JSON.parse(JSON.stringify(first.firedState)));
    const again = evaluateAlerts(
      makeSnapshot([service], T0 + HOUR),
      {},
      DEFAULT_THRESHOLDS,
      restored,
      T0 + HOUR,
    );
    expect(again.alerts).toEqual([]);
    const fresh = evaluateAlerts(
      makeSnapshot([service], T0 + HOUR),
      {},
      DEFAULT_THRESHOLDS,
      emptyFiredState(),
      T0 + HOUR,
    );
    expect(fresh.alerts).toHaveLength(1);
  });
});

describe('evaluateAlerts rules', () => {
  const run = (
    services: ReturnType<typeof makeService>[],
    now: number,
    fired: FiredState = emptyFiredState(),
    forecasts: Record<string, Forecast> = {},
  ) => evaluateAlerts(makeSnapshot(services, now), forecasts, DEFAULT_THRESHOLDS, fired, now);

  it('gives structured params and readable English text', () => {
    const { alerts } = run([makeService({ usedBytes: 90 * GB })], T0);
    expect(alerts).toHaveLength(1);
    const alert = alerts[0]!;
    expect(alert).toMatchObject({
      id: `4:traffic:90:${T0}`,
      serviceId: 4,
      kind: 'traffic',
      level: 'warning',
      threshold: 90,
      title: 'StarterPack: 90% of traffic used',
      body: '90 GB of 100 GB used; 10 GB left.',
    });
    expect(alert.params).toMatchObject({
      usedPercent: 90,
      usedBytes: 90 * GB,
      totalBytes: 100 * GB,
      daysLeft: 30,
    });
  });

  it('a top-up below a threshold re-arms it; a reset re-arms all', () => {
    let r = run([makeService({ usedBytes: 96 * GB })], T0);
    expect(r.alerts.map((a) => [a.threshold, a.level])).toEqual([[95, 'warning']]);
    r = run([makeService({ usedBytes: 96 * GB, totalBytes: 110 * GB })], T0 + HOUR, r.firedState); // 87 %
    expect(r.alerts).toEqual([]);
    expect(r.firedState.services['4']?.traffic).toEqual([80]);
    r = run([makeService({ usedBytes: 105 * GB, totalBytes: 110 * GB })], T0 + 2 * HOUR, r.firedState); // 95.4 %
    expect(r.alerts.map((a) => a.threshold)).toEqual([95]);
    r = run([makeService({ usedBytes: 110 * GB, totalBytes: 110 * GB })], T0 + 3 * HOUR, r.firedState);
    expect(r.alerts.map((a) => [a.threshold, a.level, a.title])).toEqual([
      [100, 'critical', 'StarterPack: traffic used up'],
    ]);
    r = run([makeService({ usedBytes: 0, totalBytes: 110 * GB })], T0 + 4 * HOUR, r.firedState);
    expect(r.firedState.services['4']?.traffic).toEqual([]);
    r = run([makeService({ usedBytes: 89 * GB, totalBytes: 110 * GB })], T0 + 5 * HOUR, r.firedState);
    expect(r.alerts.map((a) => a.threshold)).toEqual([80]);
  });

  it('expiry thresholds count whole days down; renewal re-arms them', () => {
    const expiresAt = T0 + 30 * DAY;
    const s = makeService({ expiresAt });
    let r = run([s], expiresAt - 7.5 * DAY);
    expect(r.alerts.map((a) => [a.kind, a.threshold, a.title])).toEqual([
      ['expiry', 7, 'StarterPack expires in 7 days'],
    ]);
    r = run([s], expiresAt - 3.2 * DAY, r.firedState);
    expect(r.alerts.map((a) => [a.threshold, a.level])).toEqual([[3, 'warning']]);
    r = run([s], expiresAt - 3.1 * DAY, r.firedState);
    expect(r.alerts).toEqual([]);
    r = run([s], expiresAt - 0.5 * DAY, r.firedState); // app closed across the 1-day mark
    expect(r.alerts.map((a) => [a.threshold, a.level, a.title])).toEqual([
      [0, 'critical', 'StarterPack expires today'],
    ]);
    r = run([s], expiresAt + HOUR, r.firedState);
    expect(r.alerts.map((a) => [a.kind, a.level])).toEqual([['expired', 'critical']]);
    r = run([s], expiresAt + 2 * HOUR, r.firedState);
    expect(r.alerts).toEqual([]);
    const renewed = makeService({ expiresAt: expiresAt + 30 * DAY });
    r = run([renewed], expiresAt + 3 * HOUR, r.firedState);
    expect(r.alerts).toEqual([]);
    expect(r.firedState.services['4']).toMatchObject({ expiry: [], expired: false });
    r = run([renewed], expiresAt + 23 * DAY, r.firedState);
    expect(r.alerts.map((a) => a.threshold)).toEqual([7]);
  });

  it('an expired plan announces only "expired"; one first seen long expired announces nothing', () => {
    const s = makeService({ expiresAt: T0, usedBytes: 100 * GB });
    const justExpired = run([s], T0 + HOUR);
    expect(justExpired.alerts.map((a) => a.kind)).toEqual(['expired']);
    expect(justExpired.firedState.services['4']).toMatchObject({
      traffic: [80, 90, 95, 100],
      expiry: [0, 1, 3, 7],
    });
    const old = run([s], T0 + 40 * DAY);
    expect(old.alerts).toEqual([]);
    expect(old.firedState.services['4']?.expired).toBe(true);
  });

  it('a service missing from one snapshot keeps its state (a panel hiccup does not re-arm)', () => {
    const s = makeService({ usedBytes: 85 * GB });
    let r = run([s], T0);
    r = run([], T0 + HOUR, r.firedState);
    expect(r.firedState.services['4']?.traffic).toEqual([80]);
    r = run([s], T0 + 2 * HOUR, r.firedState);
    expect(r.alerts).toEqual([]);
    r = run([], T0 + 200 * DAY, r.firedState);
    expect(r.firedState.services['4']).toBeUndefined();
  });

  it('tracks several services independently', () => {
    const a = makeService({ id: 1, usedBytes: 81 * GB });
    const b = makeService({ id: 2, usedBytes: 10 * GB });
    let r = run([a, b], T0);
    expect(r.alerts.map((x) => x.serviceId)).toEqual([1]);
    r = run([a, { ...b, usedBytes: 81 * GB }], T0 + HOUR, r.firedState);
    expect(r.alerts.map((x) => x.serviceId)).toEqual([2]);
  });

  it('the forecast alert fires once, ignores wobble, re-arms on top-up or renewal', () => {
    const warn = (daysEarly: number, warning = true): Record<string, Forecast> => ({
      '4': {
        serviceId: 4,
        bytesPerDay: 5 * GB,
        runOutAt: T0 + 4 * DAY,
        renewsAt: T0 + (4 + daysEarly) * DAY,
        renewsBy: 'expiry',
        daysEarly,
        warning,
        basisMs: 7 * DAY,
      },
    });
    const s = makeService({ usedBytes: 60 * GB });
    let r = run([s], T0, emptyFiredState(), warn(5.5));
    expect(r.alerts.map((a) => [a.kind, a.threshold, a.body])).toEqual([
      ['forecast', 5, 'At this rate (5 GB a day) you run out 5 days before renewal.'],
    ]);
    r = run([{ ...s, usedBytes: 62 * GB }], T0 + HOUR, r.firedState, warn(0.5, false));
    r = run([{ ...s, usedBytes: 64 * GB }], T0 + 2 * HOUR, r.firedState, warn(6));
    expect(r.alerts).toEqual([]);
    // a top-up: more traffic left than before
    r = run([{ ...s, usedBytes: 64 * GB, totalBytes: 120 * GB }], T0 + 3 * HOUR, r.firedState, warn(2));
    expect(r.alerts.map((a) => a.kind)).toEqual(['forecast']);
    // a renewal: a new expiry
    r = run(
      [{ ...s, usedBytes: 70 * GB, totalBytes: 120 * GB, expiresAt: T0 + 60 * DAY }],
      T0 + 4 * HOUR,
      r.firedState,
      warn(20),
    );
    expect(r.alerts.map((a) => a.kind)).toEqual(['forecast']);
  });

  it('drops thresholds no longer configured and announces a newly added lower one only if nothing higher fired', () => {
    const s = makeService({ usedBytes: 85 * GB });
    let r = run([s], T0);
    r = evaluateAlerts(
      makeSnapshot([s], T0 + HOUR),
      {},
      { trafficPercent: [50, 80], daysLeft: [] },
      r.firedState,
      T0 + HOUR,
    );
    expect(r.alerts).toEqual([]);
    expect(r.firedState.services['4']?.traffic).toEqual([50, 80]);
  });

  it('parseFiredState tolerates junk', () => {
    expect(parseFiredState(null)).toEqual(emptyFiredState());
    expect(
      parseFiredState({ services: { '4': { traffic: [80, 'x'], expired: 'yes', forecast: {} } } }),
    ).toEqual({
      version: 1,
      services: { '4': { traffic: [80], expiry: [], expired: false, forecast: null, seenAt: 0 } },
    });
  });
});

describe('alertLevel', () => {
  const level = (services: ReturnType<typeof makeService>[], now = T0) =>
    alertLevel(makeSnapshot(services, now), DEFAULT_THRESHOLDS, now);

  it('ok, warning, critical by traffic and time', () => {
    expect(level([makeService({ usedBytes: 79 * GB })])).toBe('ok');
    expect(level([makeService({ usedBytes: 80 * GB })])).toBe('warning');
    expect(level([makeService({ usedBytes: 94 * GB })])).toBe('warning');
    // More than half of the thresholds crossed (95 % of 80/90/95/100) is critical, as in the window.
    expect(level([makeService({ usedBytes: 95 * GB })])).toBe('critical');
    expect(level([makeService({ usedBytes: 100 * GB })])).toBe('critical');
    expect(level([makeService({ expiresAt: T0 + 7.9 * DAY })])).toBe('warning');
    expect(level([makeService({ expiresAt: T0 + 8 * DAY })])).toBe('ok');
    expect(level([makeService({ expiresAt: T0 + 2.5 * DAY })])).toBe('warning');
    expect(level([makeService({ expiresAt: T0 + 1.9 * DAY })])).toBe('critical');
    expect(level([makeService({ expiresAt: T0 + 0.9 * DAY })])).toBe('critical');
    expect(level([makeService({ status: 'suspended' })])).toBe('critical');
  });

  it('expired only when no plan is usable', () => {
    const expired = makeService({ id: 1, expiresAt: T0 - DAY });
    expect(level([expired])).toBe('expired');
    expect(level([])).toBe('expired');
    expect(level([expired, makeService({ id: 2 })])).toBe('ok');
    expect(level([expired, makeService({ id: 2, usedBytes: 90 * GB })])).toBe('warning');
  });
});

describe('alertText: the same alert in the user language', () => {
  const at = (
    services: Parameters<typeof makeSnapshot>[0],
    now: number,
    forecasts: Record<string, Forecast> = {},
  ) =>
    evaluateAlerts(makeSnapshot(services, now), forecasts, DEFAULT_THRESHOLDS, emptyFiredState(), now)
      .alerts[0]!;

  it('English from the params is exactly what evaluateAlerts recorded', () => {
    const alert = at([makeService({ usedBytes: 90 * GB })], T0);
    expect(alertText(ENGLISH, alert)).toEqual({ title: alert.title, body: alert.body });
  });

  it('zh-CN, fa and ru traffic alerts', () => {
    const alert = at([makeService({ usedBytes: 90 * GB })], T0);
    expect(alertText(mainText('zh-CN', ''), alert)).toEqual({
      title: 'StarterPack：流量已用 90%',
      body: '已用 90 GB / 100 GB，剩余 10 GB。',
    });
    expect(alertText(mainText('fa', ''), alert)).toEqual({
      title: 'StarterPack: ۹۰٪ از ترافیک مصرف شد',
      body: '۹۰ گیگابایت از ۱۰۰ گیگابایت مصرف شده؛ ۱۰ گیگابایت باقی مانده است.',
    });
    expect(alertText(mainText('ru', ''), alert)).toEqual({
      title: 'StarterPack: израсходовано 90\u00a0% трафика',
      body: 'Использовано 90 ГБ из 100 ГБ; осталось 10 ГБ.',
    });
  });

  it('expiry with plurals and a localized date; unnamed plans and forecasts', () => {
    const expiresAt = Date.UTC(2027, 2, 12, 12);
    const alert = at([makeService({ expiresAt })], expiresAt - 3.2 * DAY);
    expect(alertText(mainText('ru', ''), alert)).toEqual({
      title: 'StarterPack: срок истекает через 3 дня',
      body: 'Тариф действует до 12 мар. 2027 г., продлите его, чтобы пользоваться дальше.',
    });
    expect(alertText(mainText('zh-CN', ''), alert).body).toBe(
      '套餐将于 2027年3月12日 到期。续费后可继续使用。',
    );
    const fa = alertText(mainText('fa', ''), alert);
    expect(fa.title).toBe('StarterPack تا ۳ روز دیگر منقضی می‌شود');
    expect(fa.body).toMatch(/^این طرح در [۰-۹]+ [^\d]+ [۰-۹]+ منقضی می‌شود\./);

    const unnamed = at([makeService({ packageName: '', usedBytes: 100 * GB })], T0);
    expect(alertText(mainText('ru', ''), unnamed).title).toBe('Услуга 4: трафик закончился');

    const forecast = at([makeService({ usedBytes: 60 * GB })], T0, {
      '4': {
        serviceId: 4,
        bytesPerDay: 5 * GB,
        runOutAt: T0 + 4 * DAY,
        renewsAt: T0 + 9 * DAY,
        renewsBy: 'reset',
        daysEarly: 5,
        warning: true,
        basisMs: 7 * DAY,
      },
    });
    expect(alertText(mainText('ru', ''), forecast).body).toBe(
      'При таком расходе (5 ГБ в день) трафик закончится за 5 дней до сброса.',
    );
    expect(alertText(mainText('fa', ''), forecast).body).toBe(
      'با این روند (روزانه ۵ گیگابایت)، ترافیک ۵ روز پیش از بازنشانی ترافیک تمام می‌شود.',
    );
  });
});
