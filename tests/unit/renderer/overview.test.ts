// The Dashboard overview's rows: every profile's services, most urgent first (expired, then the
// warning level, then the least traffic left, then the soonest expiry), each with its level.
import { describe, expect, it } from 'vitest';
import type { ProfileOverview } from '../../../src/shared/contract';
import { SOURCE_CAPABILITIES, type Service } from '../../../src/shared/domain';
import { overviewRows } from '../../../src/renderer/src/lib/overview';
import { DAY, GB, makeService, T0 } from '../../support/service';

const thresholds = { traffic: [80, 90, 95, 100], expiry: [7, 3, 1, 0] };

function profile(
  id: string,
  services: Service[] | null,
  extra: Partial<ProfileOverview> = {},
): ProfileOverview {
  const snapshot = services
    ? { profileId: id, kind: 'xmplus' as const, account: null, services, servers: {}, fetchedAt: T0 }
    : null;
  return {
    id,
    name: id.toUpperCase(),
    kind: 'xmplus',
    capabilities: { ...SOURCE_CAPABILITIES.xmplus },
    watched: true,
    signedIn: true,
    snapshot,
    stale: false,
    fetchedAt: snapshot?.fetchedAt ?? null,
    error: null,
    refreshing: false,
    forecasts: {},
    level: 'ok',
    ...extra,
  };
}

const ids = (rows: ReturnType<typeof overviewRows>) => rows.map((r) => `${r.profile.id}:${r.service.id}`);

describe('overview rows', () => {
  it('puts the least traffic left first across profiles, then the soonest expiry', () => {
    const rows = overviewRows(
      [
        profile('a', [
          makeService({ id: 1, usedBytes: 10 * GB }), // 90 % left
          makeService({ id: 2, usedBytes: 50 * GB }), // 50 % left
        ]),
        profile('b', [
          makeService({ id: 1, usedBytes: 30 * GB }), // 70 % left
          makeService({ id: 2, usedBytes: 50 * GB, expiresAt: T0 + 20 * DAY }), // 50 %, sooner
        ]),
      ],
      thresholds,
      T0,
    );
    expect(ids(rows)).toEqual(['b:2', 'a:2', 'b:1', 'a:1']);
    expect(rows.map((r) => r.left)).toEqual([0.5, 0.5, 0.7, 0.9]);
    expect(rows.every((r) => r.level === 'ok')).toBe(true);
  });

  it('ranks expired, then critical, then warning plans above fine ones whatever their traffic', () => {
    const rows = overviewRows(
      [
        profile('a', [
          makeService({ id: 1, usedBytes: 70 * GB }), // ok, 30 % left
          makeService({ id: 2, usedBytes: 0, expiresAt: T0 + 2 * DAY }), // two crossings of four: warning
        ]),
        profile('b', [
          makeService({ id: 3, usedBytes: 96 * GB }), // critical by traffic
          makeService({ id: 4, usedBytes: 0, status: 'expired', expiresAt: T0 - DAY }),
        ]),
      ],
      thresholds,
      T0,
    );
    expect(ids(rows)).toEqual(['b:4', 'b:3', 'a:2', 'a:1']);
    expect(rows.map((r) => r.level)).toEqual(['expired', 'critical', 'warning', 'ok']);
  });

  it('keeps unlimited plans after sized ones, and a warning forecast raises a fine plan', () => {
    const unlimited = makeService({ id: 5, totalBytes: 0, usedBytes: 500 * GB });
    const rows = overviewRows(
      [
        profile('a', [unlimited, makeService({ id: 6, usedBytes: 60 * GB })]),
        profile('b', [makeService({ id: 7, usedBytes: 10 * GB })], {
          forecasts: { '7': { bytesPerDay: 5 * GB, runOutAt: T0 + 5 * DAY, daysEarly: 25, warning: true } },
        }),
      ],
      thresholds,
      T0,
    );
    expect(ids(rows)).toEqual(['b:7', 'a:6', 'a:5']);
    expect(rows[0]!.level).toBe('warning');
    expect(rows[2]!.left).toBeNull();
  });

  it('shows the last known rows of a signed-out or failing profile, and none for a profile without data', () => {
    const rows = overviewRows(
      [
        profile('a', [makeService({ id: 1 })], { signedIn: false, stale: true }),
        profile('b', null, { error: { kind: 'network', message: 'down' } }),
        profile('c', [makeService({ id: 2, usedBytes: 5 * GB })], {
          stale: true,
          error: { kind: 'http', message: 'HTTP 502', status: 502 },
        }),
      ],
      thresholds,
      T0,
    );
    expect(ids(rows)).toEqual(['c:2', 'a:1']);
  });
});
