// Each fault behaves as configured, per endpoint or for all ('*'), set through options or admin.
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { FAULT_KINDS, startPanelSim } from '../../../tools/panel-sim';
import { isFault } from '../../../tools/panel-sim/faults';
import type { PanelSim } from '../../../tools/panel-sim';
import { clientFor, field, ioUntil } from './helpers';
import type { Body } from './helpers';

let sim: PanelSim;
let api: Awaited<ReturnType<typeof clientFor>>;

beforeAll(async () => {
  sim = await startPanelSim();
  api = await clientFor(sim);
});
afterAll(() => sim.close());
beforeEach(() => sim.admin.reset());
afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

/**
 * Fakes setTimeout, on which the simulator holds answers back (sockets and setImmediate stay real),
 * and returns a check that the simulator has asked to hold one for `ms`. Requests made meanwhile go
 * over node:http (rawOverHttp): fetch's connection pool keeps timers of its own on the global clock.
 */
function fakeClock(): (ms: number) => boolean {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  const scheduled = vi.spyOn(globalThis, 'setTimeout');
  return (ms) => scheduled.mock.calls.some((call) => call[1] === ms);
}

/** Starts `request` and tells whether it has settled, to check an answer is still held back. */
function track<T>(request: Promise<T>): { settled: () => boolean; done: Promise<T> } {
  let settled = false;
  const done = request.finally(() => {
    settled = true;
  });
  return { settled: () => settled, done };
}

const INFO = '/api/client/account/info';
const infoRaw = () => api.raw('account/info', api.creds);

describe('HTTP-level faults', () => {
  it('http500 and http502 answer with an HTML error page and leave state alone', async () => {
    const invoicesBefore = sim.admin.state().invoices;
    sim.admin.setFault('/api/client/service/renew', { kind: 'http500' });
    const r500 = await api.raw('service/renew', { ...api.creds, sid: 4 });
    expect(r500.status).toBe(500);
    expect(r500.contentType).toMatch(/text\/html/);
    expect(r500.text).toMatch(/<html>[\s\S]*500/);
    expect(sim.admin.state().invoices).toEqual(invoicesBefore);

    sim.admin.setFault(INFO, { kind: 'http502' });
    const r502 = await infoRaw();
    expect(r502.status).toBe(502);
    expect(r502.text).toContain('502 Bad Gateway');
    // Other endpoints are unaffected.
    expect((await api.raw('packages')).status).toBe(200);
  });

  it('phpWarning puts PHP warning text before the JSON', async () => {
    sim.admin.setFault(INFO, { kind: 'phpWarning' });
    const res = await infoRaw();
    expect(res.status).toBe(200);
    expect(res.text).toMatch(
      /^<br \/>\n<b>Warning<\/b>: .* in <b>\/var\/www\/[^<]+<\/b> on line <b>\d+<\/b>/,
    );
    const json = JSON.parse(res.text.slice(res.text.indexOf('{'))) as Body;
    expect(json).toMatchObject({ code: 100 });
  });

  it('malformedJson gives a body that does not parse', async () => {
    sim.admin.setFault(INFO, { kind: 'malformedJson' });
    const res = await infoRaw();
    expect(res.status).toBe(200);
    expect(res.text.length).toBeGreaterThan(0);
    expect(() => JSON.parse(res.text) as unknown).toThrow();
  });

  it('empty200 gives HTTP 200 with an empty body, after the panel acted', async () => {
    const pending = sim.admin.state().invoices.find((i) => i.status === 'Pending');
    const gateway = sim.admin.state().gateways[0];
    if (!pending || !gateway) throw new Error('the demo seed lacks a pending invoice or a gateway');
    expect(pending.payment).toBeNull();
    sim.admin.setFault('/api/client/invoice/pay', { kind: 'empty200' });
    const res = await api.raw('invoice/pay', { ...api.creds, invid: pending.invid, gatewayid: gateway.id });
    expect(res).toMatchObject({ status: 200, text: '' });
    expect(sim.admin.invoice(pending.invid)?.payment).toMatchObject({ gatewayId: gateway.id });
  });

  it('reset destroys the connection', async () => {
    sim.admin.setFault(INFO, { kind: 'reset' });
    await expect(infoRaw()).rejects.toThrow();
  });

  it('hang never answers: requests after it are answered, whatever time passes, until the client gives up', async () => {
    fakeClock();
    sim.admin.setFault(INFO, { kind: 'hang' });
    const before = sim.admin.stats().requests[INFO] ?? 0;
    let answered = false;
    const req = request(`${sim.url}${INFO}`, { method: 'POST' }, () => {
      answered = true;
    });
    const closed = new Promise((resolve) => req.on('close', resolve));
    req.on('error', () => undefined);
    req.end('{}');
    await ioUntil(() => (sim.admin.stats().requests[INFO] ?? 0) > before);
    // No timer answers it late, and a request sent after it comes back.
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect((await api.rawOverHttp('packages')).status).toBe(200);
    expect(answered).toBe(false);
    req.destroy();
    await closed;
    expect(answered).toBe(false);
  });

  it('latency holds the answer back for exactly that long', async () => {
    const holding = fakeClock();
    sim.admin.setFault(INFO, { latencyMs: 250 });
    const info = track(api.rawOverHttp('account/info', api.creds));
    // The simulator has read the request and holds the answer on its timer.
    await ioUntil(() => holding(250));
    await vi.advanceTimersByTimeAsync(249);
    expect(info.settled()).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect((await info.done).status).toBe(200);
  });

  it("'*' applies to every endpoint; an endpoint's own fault wins; clearFaults removes them", async () => {
    sim.admin.setFault('*', { kind: 'http502' });
    sim.admin.setFault('/api/client/packages', { kind: 'empty200' });
    expect((await api.raw('gateways')).status).toBe(502);
    expect(await api.raw('packages')).toMatchObject({ status: 200, text: '' });
    sim.admin.setFault('/api/client/packages', null);
    expect((await api.raw('packages')).status).toBe(502);
    sim.admin.clearFaults();
    expect((await api.raw('gateways')).status).toBe(200);
  });

  it('rejects a fault that is not one, or an endpoint that does not exist', async () => {
    expect(() => sim.admin.setFault(INFO, { kind: 'explode' } as never)).toThrow();
    expect(() => sim.admin.setFault('/api/client/acount/info', { kind: 'http500' })).toThrow(
      /Unknown endpoint/,
    );
    await expect(startPanelSim({ faults: { '*': { latencyMs: -1 } } })).rejects.toThrow(TypeError);
  });
});

describe('data-shape faults', () => {
  it('gatewaysObject prints the single-object form; gatewaysArray the list', async () => {
    sim.admin.setFault('/api/client/gateways', { kind: 'gatewaysObject' });
    const obj = field<Body>(await api.call('gateways'), 'gateways');
    expect(Array.isArray(obj)).toBe(false);
    expect(obj).toMatchObject({ id: 1, gateway: 'VWechatPay', fee_fixed: '0.00' });
    sim.admin.setFault('/api/client/gateways', { kind: 'gatewaysArray' });
    expect(field<Body[]>(await api.call('gateways'), 'gateways')).toHaveLength(2);
  });

  it('numericStrings turns numeric fields into strings, keeping code numeric', async () => {
    sim.admin.setFault(INFO, { kind: 'numericStrings' });
    const res = await api.user('account/info');
    expect(res.code).toBe(100);
    expect(field(res, 'data', 'uid')).toBe('1');
    expect(field(res, 'data', 'services', 0)).toMatchObject({ sid: '4', userid: '1', packageid: '1' });
    sim.admin.setFault('/api/client/service/info', { kind: 'numericStrings' });
    expect(field(await api.user('service/info', { serviceid: 4 }), 'servers', 0, 'port')).toBe('443');
  });

  it('localizedStatus prints the service status in Persian', async () => {
    sim.admin.setFault('*', { kind: 'localizedStatus' });
    expect(await api.user('service/info', { serviceid: 4 })).toMatchObject({ code: 100, status: 'فعال' });
    sim.admin.setExpiry(7, Date.now() - 1000);
    const list = field<Body[]>(await api.user('account/info'), 'data', 'services');
    expect(list.map((s) => s.status)).toEqual(['فعال', 'منقضی شده', 'فعال']);
    // The envelope's own status is untouched.
    expect((await api.user('account/info')).status).toBe('success');
  });
});

describe('faults from options', () => {
  it('start with faults and a base latency', async () => {
    const faulty = await startPanelSim({
      latencyMs: 100,
      faults: { '/api/client/packages': { kind: 'http500' } },
    });
    try {
      const c = await clientFor(faulty);
      const holding = fakeClock();
      const packages = track(c.rawOverHttp('packages'));
      await ioUntil(() => holding(100));
      await vi.advanceTimersByTimeAsync(99);
      expect(packages.settled()).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect((await packages.done).status).toBe(500);
      vi.restoreAllMocks();
      vi.useRealTimers();
      // reset() keeps the faults given as options.
      faulty.admin.clearFaults();
      faulty.admin.reset();
      expect((await c.raw('packages')).status).toBe(500);
    } finally {
      await faulty.close();
    }
  });

  it('the README documents exactly the fault kinds the simulator accepts', () => {
    // FAULT_KINDS is the source of truth (isFault accepts these and no other); the README's tables
    // must name each of them and nothing else, so a kind cannot be added or dropped undocumented.
    const readme = readFileSync(new URL('../../../tools/panel-sim/README.md', import.meta.url), 'utf8');
    const documented = [...readme.matchAll(/^\| `\{ kind: '(\w+)' \}`/gm)].map((m) => m[1]);
    expect([...new Set(documented)].sort()).toEqual([...FAULT_KINDS].sort());
    for (const kind of FAULT_KINDS) expect(isFault({ kind }), kind).toBe(true);
    expect(isFault({ kind: 'notAFault' })).toBe(false);
  });
});
