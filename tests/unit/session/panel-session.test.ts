// The panel session's snapshot on a fake client: what it asks in which order, how it handles a
// service that appears or disappears between two refreshes, and that one failing service fails it.
import { describe, expect, it } from 'vitest';
import type { Service } from '../../../src/shared/domain';
import type { Result } from '../../../src/shared/errors';
import { appError, fail, ok } from '../../../src/shared/errors';
import { createPanelSession } from '../../../src/main/session/panel-session';
import type { PanelClient, ServiceDetail } from '../../../src/main/xmplus/client';

function service(id: number): Service {
  return {
    id,
    packageId: 1,
    packageName: 'P',
    billing: 'month',
    amount: null,
    paidAt: null,
    expiresAt: null,
    totalBytes: 0,
    usedBytes: 0,
    todayBytes: 0,
    ipLimit: null,
    speedLimit: '',
    serverGroup: '',
    recentOnline: null,
    status: 'active',
    statusLabel: 'Active',
    resetText: '',
    resetInDays: null,
    sublink: '',
  };
}

function fakeClient(state: { ids: number[]; failing?: number }) {
  const log: string[] = [];
  const notUsed = async (): Promise<Result<never>> => fail(appError('internal', 'not used in this test'));
  const client: PanelClient = {
    base: 'http://127.0.0.1:1',
    host: '127.0.0.1:1',
    timeZone: 'UTC',
    fetchToken: async () => {
      log.push('token');
      return ok({ token: 't', expiresAt: Date.now() + 3_600_000, issuedAt: Date.now() });
    },
    accountInfo: async () => {
      log.push('account');
      await new Promise((r) => setTimeout(r, 5));
      return ok({
        account: { id: 1, username: 'u', email: 'e', balance: { amount: 0, currency: '', text: '' } },
        services: state.ids.map(service),
      });
    },
    serviceInfo: async (_t, _c, sid): Promise<Result<ServiceDetail>> => {
      log.push(`service:${sid}`);
      if (!state.ids.includes(sid)) return fail(appError('panel', 'Service not found.', { code: 208 }));
      if (sid === state.failing) return fail(appError('http', 'HTTP 502', { status: 502 }));
      return ok({ service: service(sid), servers: [] });
    },
    passwordReset: notUsed,
    registerSendCode: notUsed,
    register: notUsed,
    packages: notUsed,
    trafficPackages: notUsed,
    packageInfo: notUsed,
    invoiceCreate: notUsed,
    serviceRenew: notUsed,
    serviceAddTraffic: notUsed,
    gateways: notUsed,
    invoices: notUsed,
    invoiceView: notUsed,
    invoicePay: notUsed,
    close: async () => undefined,
  };
  return { client, log };
}

function sessionOn(client: PanelClient) {
  const created = createPanelSession({
    panelUrl: 'http://127.0.0.1:1',
    client,
    getApiKey: async () => ok('k'),
    getCredentials: async () => ok({ email: 'e', password: 'p' }),
  });
  if (!created.ok) throw new Error(created.error.message);
  return created.value;
}

describe('snapshot', () => {
  it('cold: token, account, then all services; warm: account and known services together', async () => {
    const state = { ids: [4, 7] };
    const { client, log } = fakeClient(state);
    const session = sessionOn(client);
    const first = await session.snapshot('p1');
    expect(log).toEqual(['token', 'account', 'service:4', 'service:7']);
    expect(first.ok && Object.keys(first.value.servers)).toEqual(['4', '7']);
    log.length = 0;
    await session.snapshot('p1');
    // All started before account/info answered.
    expect(log).toEqual(['account', 'service:4', 'service:7']);
  });

  it('fetches a new service after account/info and ignores one that went away', async () => {
    const state = { ids: [4, 7] };
    const { client, log } = fakeClient(state);
    const session = sessionOn(client);
    await session.snapshot('p1');
    state.ids = [7, 9];
    log.length = 0;
    const snap = await session.snapshot('p1');
    expect(snap.ok).toBe(true);
    if (!snap.ok) return;
    expect(snap.value.services.map((s) => s.id)).toEqual([7, 9]);
    expect(Object.keys(snap.value.servers).sort()).toEqual(['7', '9']);
    expect(log).toEqual(['account', 'service:4', 'service:7', 'service:9']);
  });

  it('fails when a listed service cannot be read', async () => {
    const { client } = fakeClient({ ids: [4, 7], failing: 7 });
    const snap = await sessionOn(client).snapshot('p1');
    expect(snap.ok ? null : snap.error).toMatchObject({ kind: 'http', status: 502 });
  });

  it('passes a credentials failure through without calling the panel', async () => {
    const { client, log } = fakeClient({ ids: [4] });
    const created = createPanelSession({
      panelUrl: 'http://127.0.0.1:1',
      client,
      getApiKey: async () => ok('k'),
      getCredentials: async () => fail(appError('auth', 'Signed out.')),
    });
    if (!created.ok) throw new Error('setup');
    const snap = await created.value.snapshot('p1');
    expect(snap.ok ? null : snap.error.kind).toBe('auth');
    expect(log).toEqual([]);
  });
});
