// Unlimited and lifetime plans (no traffic total, no expiry) in the tray line, the tooltip, the
// levels and the alert rules: they read "unlimited" / "no expiry" and are never alerted on.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_THRESHOLDS,
  alertLevel,
  emptyFiredState,
  evaluateAlerts,
} from '../../../src/main/monitor/alerts';
import type { Forecast } from '../../../src/main/monitor/forecast';
import { serviceLine, waybarStatus } from '../../../src/main/monitor/summary';
import { ENGLISH as EN, mainText } from '../../../src/main/i18n';
import { DAY, GB, T0, makeService, makeSnapshot } from '../../support/service';

const lifetime = makeService({ totalBytes: 0, usedBytes: 4096 * GB, expiresAt: null, billing: 'onetime' });

describe('a plan without a traffic total or an end', () => {
  it('reads "unlimited" and "no expiry" on the tray line, in every language', () => {
    expect(serviceLine(EN, lifetime, T0)).toBe('StarterPack #4 — 4 TB used, unlimited · no expiry');
    expect(serviceLine(mainText('zh-CN', 'en-US'), lifetime, T0)).toContain('不限量');
    expect(serviceLine(mainText('zh-CN', 'en-US'), lifetime, T0)).toContain('无到期日');
    expect(serviceLine(mainText('fa', 'en-US'), lifetime, T0)).toContain('نامحدود');
    expect(serviceLine(mainText('fa', 'en-US'), lifetime, T0)).toContain('بدون تاریخ پایان');
    expect(serviceLine(mainText('ru', 'en-US'), lifetime, T0)).toContain('безлимит');
    expect(serviceLine(mainText('ru', 'en-US'), lifetime, T0)).toContain('бессрочно');
  });

  it('never raises an alert, however long it runs and however much it uses', () => {
    let fired = emptyFiredState();
    for (let day = 0; day < 400; day += 7) {
      const used = makeService({ ...lifetime, usedBytes: (4096 + day * 50) * GB });
      // Even a forecast that claims the traffic runs out early stays silent: there is no total.
      const forecasts: Record<string, Forecast> = {
        '4': {
          serviceId: 4,
          bytesPerDay: 50 * GB,
          runOutAt: T0,
          renewsAt: null,
          renewsBy: null,
          daysEarly: 20,
          warning: true,
          basisMs: 7 * DAY,
        },
      };
      const r = evaluateAlerts(
        makeSnapshot([used], T0 + day * DAY),
        forecasts,
        DEFAULT_THRESHOLDS,
        fired,
        T0 + day * DAY,
      );
      expect(r.alerts).toEqual([]);
      fired = r.firedState;
    }
    expect(alertLevel(makeSnapshot([lifetime], T0), DEFAULT_THRESHOLDS, T0)).toBe('ok');
  });

  it('gives Waybar an ok class and no days count', () => {
    const line = waybarStatus(EN, makeSnapshot([lifetime], T0), DEFAULT_THRESHOLDS, T0);
    expect(line.class).toBe('ok');
    expect(line.text).not.toMatch(/\d+d/);
  });
});
