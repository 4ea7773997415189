// Every simulator fault against every read endpoint while the monitor runs, through the router:
// the last good snapshot stays (marked stale when a refresh failed), the failure is a typed AppError
// of the kind the fault calls for, data-shape drift still gives good data, and nothing escapes as an
// unhandled rejection. Endpoints that are parts of a whole (a service's servers, one store list)
// fail on their own: the whole answers, with that part's error.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startPanelSim, type FaultKind, type PanelSim } from '../../tools/panel-sim/index';
import type { BillingStore, DataState } from '../../src/shared/contract';
import type { AppError } from '../../src/shared/errors';
import type { ErrorKind, Result } from '../../src/shared/errors';
import { ERROR_KINDS, makeCoreRig, recordUnhandled, signInDemo, type CoreRig } from '../support/core-rig';

let sim: PanelSim;
let rig: CoreRig;
let unhandled: ReturnType<typeof recordUnhandled>;
const INVOICE = 'R8D4TZ1LQ6MXC9PBN2YE';

beforeAll(async () => {
  unhandled = recordUnhandled();
  sim = await startPanelSim();
  rig = await makeCoreRig();
  await signInDemo(rig, sim);
});

afterEach(() => {
  sim.admin.clearFaults();
  expect(unhandled.reasons).toEqual([]);
  expect(rig.internalErrors).toEqual([]);
});

afterAll(async () => {
  await rig.dispose();
  await sim.close();
  unhandled.stop();
});

type Endpoint =
  | 'token'
  | 'account/info'
  | 'service/info'
  | 'packages'
  | 'packages/traffic'
  | 'package/info'
  | 'gateways'
  | 'invoices'
  | 'invoice/view';

interface Reader {
  channel: string;
  input: unknown;
  /** Goes through the monitor's scheduler. */
  refresh: boolean;
  /** A part of the answer: the channel succeeds and this is the part's error. */
  part?: (value: unknown) => AppError | null;
}

/** Every service's server list failed alike; the first one's error. */
const serversError = (value: unknown): AppError | null => {
  const parts = (value as DataState).snapshot?.serverParts ?? {};
  const errors = Object.values(parts).map((p) => p.error);
  expect(errors.length).toBeGreaterThan(0);
  const first = errors[0] ?? null;
  return first
    ? { kind: first.kind, message: first.message, ...(first.status ? { status: first.status } : {}) }
    : null;
};

/** The channel that reads each endpoint. */
const READERS: Record<Endpoint, Reader> = {
  token: { channel: 'data.refresh', input: {}, refresh: true },
  'account/info': { channel: 'data.refresh', input: {}, refresh: true },
  'service/info': { channel: 'data.refresh', input: {}, refresh: false, part: serversError },
  packages: {
    channel: 'billing.store',
    input: {},
    refresh: false,
    part: (value) => (value as BillingStore).packagesError,
  },
  'packages/traffic': {
    channel: 'billing.store',
    input: {},
    refresh: false,
    part: (value) => (value as BillingStore).trafficError,
  },
  'package/info': { channel: 'billing.package', input: { id: 1 }, refresh: false },
  gateways: { channel: 'billing.gateways', input: {}, refresh: false },
  invoices: { channel: 'invoices.list', input: {}, refresh: false },
  'invoice/view': { channel: 'invoices.view', input: { invoiceId: INVOICE }, refresh: false },
};

/** Faults that break the answer, and the error kind each must become ('hang' is tested once below). */
const BREAKING: [FaultKind, ErrorKind][] = [
  ['http500', 'http'],
  ['http502', 'http'],
  ['malformedJson', 'schema'],
  ['empty200', 'schema'],
  ['reset', 'network'],
];
/** Faults real panels show that the client must absorb: the call succeeds. */
const TOLERATED: FaultKind[] = [
  'phpWarning',
  'gatewaysObject',
  'gatewaysArray',
  'numericStrings',
  'localizedStatus',
];

const endpoints = Object.keys(READERS) as Endpoint[];

async function goodRefresh(): Promise<DataState> {
  sim.admin.clearFaults();
  const r = await rig.call<DataState>('data.refresh');
  if (!r.ok) throw new Error(`baseline refresh failed: ${r.error.message}`);
  expect(r.value.stale).toBe(false);
  expect(r.value.snapshot?.services.length).toBeGreaterThan(0);
  return r.value;
}

/** Faults the endpoint; on the token endpoint the cached token is refused first so a new one is needed. */
function inject(endpoint: Endpoint, kind: FaultKind) {
  sim.admin.setFault(`/api/client/${endpoint}`, { kind });
  if (endpoint === 'token') sim.admin.expireTokens();
}

/** The failure the reader reports: the refresh's monitor error, or the channel's own error. */
function failureOf(endpoint: Endpoint, result: Result<unknown>) {
  const { part } = READERS[endpoint];
  if (part) {
    expect(result.ok).toBe(true);
    return result.ok ? part(result.value) : null;
  }
  if (READERS[endpoint].refresh) {
    // A failed refresh with data on screen still answers with the state: stale, with the error.
    expect(result.ok).toBe(true);
    const state = (result as { value: DataState }).value;
    expect(state.stale).toBe(true);
    return state.monitor.lastError;
  }
  expect(result.ok).toBe(false);
  return result.ok ? null : result.error;
}

describe('faults on every read endpoint while the monitor runs', () => {
  const cases = endpoints.flatMap((endpoint) =>
    BREAKING.map(([kind, expected]) => [endpoint, kind, expected] as const),
  );

  it.each(cases)('%s + %s -> %s, last good data kept', async (endpoint, kind, expected) => {
    const before = await goodRefresh();
    inject(endpoint, kind);
    const reader = READERS[endpoint];
    const result = await rig.call(reader.channel, reader.input);
    const error = failureOf(endpoint, result);
    expect(error).not.toBeNull();
    expect(error?.kind).toBe(expected);
    expect(ERROR_KINDS).toContain(error?.kind);
    expect(error?.message.length).toBeGreaterThan(10);
    if (kind === 'http500' || kind === 'http502') expect(error?.status).toBe(kind === 'http500' ? 500 : 502);

    // data.get still has the last good snapshot, stale only when the refresh itself failed.
    const after = await rig.call<DataState>('data.get');
    expect(after.ok).toBe(true);
    if (!after.ok) return;
    if (endpoint === 'service/info') {
      // account/info answered: fresh usage, with the last known servers kept.
      expect(after.value.snapshot?.services).toEqual(before.snapshot?.services);
      expect(after.value.snapshot?.servers).toEqual(before.snapshot?.servers);
    } else {
      expect(after.value.snapshot).toEqual(before.snapshot);
    }
    expect(after.value.stale).toBe(reader.refresh);
    if (reader.refresh) expect(after.value.monitor.lastError?.kind).toBe(expected);
    // The monitor keeps going: a retry is scheduled, not abandoned.
    expect(after.value.monitor.nextAt).not.toBeNull();

    // And it recovers on the next good answer.
    sim.admin.clearFaults();
    const again = await rig.call<DataState>('data.refresh');
    expect(again.ok && again.value.stale).toBe(false);
    const reread = await rig.call(reader.channel, reader.input);
    expect(reread.ok).toBe(true);
  });

  const tolerated = endpoints.flatMap((endpoint) => TOLERATED.map((kind) => [endpoint, kind] as const));
  it.each(tolerated)('%s + %s is absorbed: good data', async (endpoint, kind) => {
    await goodRefresh();
    inject(endpoint, kind);
    const reader = READERS[endpoint];
    const result = await rig.call<unknown>(reader.channel, reader.input);
    expect(result.ok).toBe(true);
    if (reader.refresh) expect((result as { value: DataState }).value.stale).toBe(false);
    if (reader.part && result.ok) expect(reader.part(result.value)).toBeNull();
  });

  // The panel client's default timeouts apply through the core (the profile session takes no
  // override), so 'hang' runs once: the headers timeout (15 s) on account/info.
  it('hang on account/info -> timeout after the default headers timeout, last good data kept', async () => {
    const before = await goodRefresh();
    inject('account/info', 'hang');
    const result = await rig.call<DataState>('data.refresh');
    const error = failureOf('account/info', result);
    expect(error?.kind).toBe('timeout');
    expect(error?.message).toMatch(/did not answer within/);
    const after = await rig.call<DataState>('data.get');
    expect(after.ok && after.value.snapshot).toEqual(before.snapshot);
  }, 40_000);
});
