// A panel whose token endpoint trickles its answer a byte at a time: the single-flight token fetch
// that every request of a refresh waits on ends with a timeout (the request's deadline), and so does
// each request waiting on it; nothing hangs. A short configured deadline; nothing here is timed.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createPanelSession, type PanelSession } from '../../../src/main/sources/xmplus/panel-session';
import { ok } from '../../../src/shared/errors';
import { expectErr, expectOk } from '../../support/expect';

const servers: Server[] = [];
const sessions: PanelSession[] = [];
const intervals: ReturnType<typeof setInterval>[] = [];
afterEach(async () => {
  for (const i of intervals.splice(0)) clearInterval(i);
  for (const s of sessions.splice(0)) await s.close();
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

describe('a trickling panel', () => {
  it('ends the single-flight token fetch and every refresh waiting on it with a timeout', async () => {
    let tokenRequests = 0;
    const server = createServer((req, res) => {
      if (req.url?.endsWith('/api/client/token')) tokenRequests += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"status":"success","code":100,"data":{"token":"');
      intervals.push(setInterval(() => res.write('a'), 10));
    });
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const session = expectOk(
      createPanelSession({
        panelUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        timeZone: 'UTC',
        getApiKey: async () => ok('client-api-key'),
        getCredentials: async () => ok({ email: 'demo@example.com', password: 'demo-pass-2026' }),
        timeouts: { bodyMs: 30_000, totalMs: 300 },
      }),
    );
    sessions.push(session);

    const results = await Promise.all([
      session.snapshot('p1'),
      session.snapshot('p1'),
      session.accountInfo(),
    ]);
    for (const result of results) expect(expectErr(result, 'timeout').detail).toBe('DEADLINE');
    // They shared one token request.
    expect(tokenRequests).toBe(1);
  });
});
