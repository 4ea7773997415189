// The transport's bounds on a panel's answer, against real loopback HTTP servers: a body that
// trickles a byte at a time (never idle long enough for the body timeout) ends at the request's
// deadline; an endless or oversized body is cut off at the cap and the connection dropped. Each ends
// with an error of a clear kind. The deadlines are short configured values; nothing is timed.
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Transport, TransportOptions } from '../../../src/main/net/transport';
import {
  API_BODY_LIMIT,
  createTransport,
  SUBSCRIPTION_BODY_LIMIT,
  validatePanelUrl,
} from '../../../src/main/net/transport';
import { expectErr, expectOk } from '../../support/expect';

const servers: Server[] = [];
const transports: Transport[] = [];
const intervals: ReturnType<typeof setInterval>[] = [];
afterEach(async () => {
  for (const i of intervals.splice(0)) clearInterval(i);
  for (const t of transports.splice(0)) await t.close();
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function transport(url: string, extra: Partial<TransportOptions> = {}): Transport {
  const t = expectOk(createTransport({ panelUrl: expectOk(validatePanelUrl(url)), env: {}, ...extra }));
  transports.push(t);
  return t;
}

/** Sends one byte every 10 ms, forever: each gap is far below the body timeout. */
function trickle(_req: IncomingMessage, res: ServerResponse) {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.write('{');
  intervals.push(setInterval(() => res.write(' '), 10));
}

/** Writes 64 KiB chunks as fast as the client reads them, forever; tells when the client hangs up. */
function endless(onClosed: () => void) {
  return (_req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    const chunk = Buffer.alloc(64 * 1024, 'A');
    const pump = () => {
      while (!res.destroyed && res.write(chunk));
    };
    res.on('drain', pump);
    res.on('close', onClosed);
    pump();
  };
}

describe('the deadline of a whole request', () => {
  it('ends a body that trickles forever with a timeout, though no gap reaches the body timeout', async () => {
    const url = await serve(trickle);
    const t = transport(url, { timeouts: { bodyMs: 30_000, totalMs: 300 } });
    const error = expectErr(await t.post('/api/client/account/info', {}), 'timeout');
    expect(error.detail).toBe('DEADLINE');
    expect(error.message).toMatch(/did not finish its answer within/);
  });

  it('ends every request waiting on the same trickling panel (nothing waits forever)', async () => {
    const url = await serve(trickle);
    const t = transport(url, { timeouts: { bodyMs: 30_000, totalMs: 300 } });
    const results = await Promise.all([
      t.post('/api/client/token', undefined),
      t.post('/api/client/account/info', {}),
      t.get('/link/abc?client=meta'),
    ]);
    for (const r of results) expectErr(r, 'timeout');
  });

  it('a subscription GET may set its own deadline', async () => {
    const url = await serve(trickle);
    const t = transport(url, { timeouts: { bodyMs: 30_000, totalMs: 30_000 } });
    const error = expectErr(await t.get('/link/abc', {}, { deadlineMs: 200 }), 'timeout');
    expect(error.detail).toBe('DEADLINE');
  });
});

describe('the cap on a body', () => {
  it('cuts off an endless API answer at API_BODY_LIMIT and drops the connection', async () => {
    let hungUp = false;
    const url = await serve(endless(() => (hungUp = true)));
    const t = transport(url);
    const error = expectErr(await t.post('/api/client/account/info', {}), 'http');
    expect(error.detail).toBe('BODY_TOO_LARGE');
    expect(error.message).toContain(`larger than ${API_BODY_LIMIT / 1024 / 1024} MB`);
    await expect.poll(() => hungUp).toBe(true);
  });

  it('refuses a body whose declared length is over the cap before reading it', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': String(API_BODY_LIMIT + 1) });
      res.write('{');
      // The rest never comes: only the declared length can end this request.
    });
    const t = transport(url, { timeouts: { totalMs: 30_000, bodyMs: 30_000 } });
    expect(expectErr(await t.post('/api/client/packages', {}), 'http').detail).toBe('BODY_TOO_LARGE');
  });

  it('reads a body of exactly the cap, and not one byte more', async () => {
    const url = await serve((req, res) => {
      res.end('x'.repeat(req.url === '/at' ? 1000 : 1001));
    });
    const t = transport(url);
    expect(expectOk(await t.get('/at', {}, { maxBytes: 1000 })).text).toHaveLength(1000);
    expect(expectErr(await t.get('/over', {}, { maxBytes: 1000 }), 'http').detail).toBe('BODY_TOO_LARGE');
  });

  it('takes a subscription larger than an API answer when the caller passes SUBSCRIPTION_BODY_LIMIT', async () => {
    const size = API_BODY_LIMIT + 1024;
    const url = await serve((_req, res) => res.end(Buffer.alloc(size, 'v')));
    const t = transport(url);
    expectErr(await t.get('/link/abc'), 'http');
    const big = expectOk(await t.get('/link/abc', {}, { maxBytes: SUBSCRIPTION_BODY_LIMIT }));
    expect(big.text).toHaveLength(size);
  });

  it('an endless subscription ends at its own cap', async () => {
    let hungUp = false;
    const url = await serve(endless(() => (hungUp = true)));
    const t = transport(url);
    const error = expectErr(await t.get('/link/abc', {}, { maxBytes: 8 * 1024 * 1024 }), 'http');
    expect(error.message).toContain('larger than 8 MB');
    await expect.poll(() => hungUp).toBe(true);
  });
});
