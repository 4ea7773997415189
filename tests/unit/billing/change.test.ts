// What a paid invoice changed, from the services before and after: renewals and top-ups name their
// service; a new service is found by difference even when the panel leaves `serviceid` empty.
import { describe, expect, it } from 'vitest';
import {
  computeChange,
  describeChange,
  servicesBefore,
  type ServiceBefore,
} from '../../../src/main/billing/change';
import type { Invoice, Service, Snapshot } from '../../../src/shared/domain';
import { mainText } from '../../../src/main/i18n';
import { DAY, GB, makeService, makeSnapshot } from '../../support/service';

const T = Date.UTC(2026, 10, 1);

const svc = (
  id: number,
  packageId: number,
  expiresAt: number,
  totalBytes: number,
  packageName = 'Pro 200',
): Service => makeService({ id, packageId, expiresAt, totalBytes, packageName });

const snap = (services: Service[]): Snapshot => makeSnapshot(services, T, { profileId: 'p' });

const inv = (fields: Partial<Invoice>): Invoice => ({
  id: 1,
  invoiceId: 'I',
  createdAt: null,
  currency: 'USD',
  amount: 15,
  packageId: 3,
  packageName: 'Pro 200',
  discount: 0,
  status: 'paid',
  statusLabel: 'Paid',
  quantity: 1,
  billing: 'month',
  serviceId: null,
  paidAt: null,
  ...fields,
});

describe('computeChange', () => {
  const before: ServiceBefore[] =
    servicesBefore(snap([svc(4, 1, T + DAY, 100 * GB, 'StarterPack'), svc(7, 3, T, 200 * GB)])) ?? [];

  it('finds a new service by difference when serviceid is empty, preferring the invoice package', () => {
    const after = snap([
      ...before.map((b) => svc(b.id, b.packageId, b.expiresAt ?? 0, b.totalBytes)),
      svc(10, 1, T + 30 * DAY, GB),
      svc(11, 3, T + 30 * DAY, 200 * GB),
    ]);
    const change = computeChange(inv({ serviceId: null, packageId: 3 }), before, after);
    expect(change).toEqual({
      serviceId: 11,
      packageName: 'Pro 200',
      expiresBefore: null,
      expiresAfter: T + 30 * DAY,
      totalBytesBefore: null,
      totalBytesAfter: 200 * GB,
    });
    expect(describeChange(change)).toMatch(/^Pro 200 is active until /);
  });

  it('compares the named service for a renewal and a top-up', () => {
    const after = snap([svc(4, 1, T + DAY, 150 * GB, 'StarterPack'), svc(7, 3, T + 30 * DAY, 200 * GB)]);
    const renew = computeChange(inv({ serviceId: 7 }), before, after);
    expect([renew.expiresBefore, renew.expiresAfter]).toEqual([T, T + 30 * DAY]);
    expect(describeChange(renew)).toMatch(/^Pro 200 now runs until /);
    const topup = computeChange(inv({ serviceId: 4, packageName: 'TOP50' }), before, after);
    expect([topup.packageName, topup.totalBytesBefore, topup.totalBytesAfter]).toEqual([
      'StarterPack',
      100 * GB,
      150 * GB,
    ]);
    expect(describeChange(topup)).toBe('StarterPack now has 150 GB of traffic.');
  });

  it('without a snapshot before or after, still names the invoice and says the payment is confirmed', () => {
    const change = computeChange(inv({ serviceId: null }), null, null);
    expect(change).toMatchObject({ serviceId: null, packageName: 'Pro 200', expiresAfter: null });
    expect(describeChange(change)).toBe('Pro 200: the payment is confirmed.');
  });

  it('words the change in another language when given its texts', () => {
    const after = snap([svc(4, 1, T + DAY, 150 * GB, 'StarterPack'), svc(7, 3, T + 30 * DAY, 200 * GB)]);
    const topup = computeChange(inv({ serviceId: 4 }), before, after);
    expect(describeChange(topup, mainText('zh-CN', ''))).toBe('StarterPack 现有 150 GB 流量。');
    expect(describeChange(topup, mainText('fa', ''))).toBe('StarterPack اکنون ۱۵۰ گیگابایت ترافیک دارد.');
    const renew = computeChange(inv({ serviceId: 7 }), before, after);
    expect(describeChange(renew, mainText('ru', ''))).toMatch(
      /^Pro 200: теперь действует до \d+ .+ \d{4} г\.$/,
    );
    const nameless = computeChange(inv({ serviceId: null, packageName: '' }), null, null);
    expect(describeChange(nameless, mainText('ru', ''))).toBe('Ваша услуга: платёж подтверждён.');
  });
});
