// Domain values for tests: a plausible service and snapshot, each field overridable, so a test
// states only what it is about and a new field of Service is added in one place. No Node here: the
// renderer's tests use it too, under the window's types (tsconfig.web.json).
import type { Service, Snapshot } from '../../src/shared/domain';

export const GB = 1024 ** 3;
export const DAY = 86_400_000;
export const HOUR = 3_600_000;
/** 2025-03-01T00:00:00Z: a fixed origin for simulated time. */
export const T0 = Date.UTC(2025, 2, 1);

/** An active 100 GB monthly plan, unused, paid at T0 and expiring 30 days later. */
export function makeService(overrides: Partial<Service> = {}): Service {
  return {
    id: 4,
    packageId: 1,
    packageName: 'StarterPack',
    billing: 'month',
    amount: null,
    paidAt: T0,
    expiresAt: T0 + 30 * DAY,
    totalBytes: 100 * GB,
    usedBytes: 0,
    todayBytes: 0,
    ipLimit: { online: 0, limit: 2 },
    speedLimit: '100 Mb/s',
    serverGroup: 'VIP',
    recentOnline: null,
    status: 'active',
    statusLabel: 'Active',
    resetText: '',
    resetInDays: null,
    sublink: 'https://panel.example/link/abc',
    ...overrides,
  };
}

/** Profile 'p1''s snapshot of `services`, fetched at `fetchedAt`, with no server lists. */
export function makeSnapshot(
  services: Service[],
  fetchedAt: number,
  overrides: Partial<Omit<Snapshot, 'services' | 'fetchedAt'>> = {},
): Snapshot {
  return {
    profileId: 'p1',
    kind: 'xmplus',
    account: {
      id: 1,
      username: 'user',
      email: 'user@example.com',
      balance: { amount: 0, currency: '$', text: '$ 0.00' },
    },
    services,
    servers: {},
    fetchedAt,
    ...overrides,
  };
}
