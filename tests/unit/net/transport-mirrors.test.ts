// A panel with several addresses (a provider's mirrors): requests go to the next address only when
// one cannot be reached (refused, timed out), never when the panel answered, whatever it said;
// requests that create something are not repeated after a timeout; one request at a time looks for
// an address that answers, and the one that did is used first from then on.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Transport, TransportOptions } from '../../../src/main/net/transport';
import { createTransport, validatePanelUrl } from '../../../src/main/net/transport';
import { expectErr, expectOk } from '../../support/expect';

const servers: Server[] = [];
const transports: Transport[] = [];

afterEach(async () => {
  for (const t of transports.splice(0)) await t.close();
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

interface Mirror {
  url: string;
  hits: string[];
}

async function mirror(
  name: string,
  handle?: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<Mirror> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? '');
    if (handle) return handle(req, res);
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ code: 100, from: name }));
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits };
}

/** An address nothing listens on. */
async function down(): Promise<string> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return `http://127.0.0.1:${port}`;
}

/** Accepts the request and never answers. */
const hung = () => undefined;

function transport(main: string, mirrors: string[], extra: Partial<TransportOptions> = {}): Transport {
  const t = expectOk(
    createTransport({ panelUrl: expectOk(validatePanelUrl(main)), mirrors, env: {}, ...extra }),
  );
  transports.push(t);
  return t;
}

const body = (r: Awaited<ReturnType<Transport['post']>>) => (r.ok ? r.value.text : r.error.message);

describe('panel mirrors', () => {
  it('moves on from an address that refuses, and remembers the one that answered', async () => {
    const dead = await down();
    const b = await mirror('b');
    const c = await mirror('c');
    const worked: string[] = [];
    const t = transport(dead, [b.url, c.url], { onAddressWorked: (base) => worked.push(base) });
    expect(t.addresses).toEqual([dead, b.url, c.url]);
    expect(body(await t.post('/api/client/account/info', {}))).toBe('{"code":100,"from":"b"}');
    expect(worked).toEqual([b.url]);
    expect(t.base).toBe(b.url);
    expect(t.host).toBe(new URL(b.url).host);
    // From now on b first: the dead address is not tried again while b answers.
    expect(body(await t.post('/api/client/invoice/create', {}))).toBe('{"code":100,"from":"b"}');
    expect(b.hits).toEqual(['/api/client/account/info', '/api/client/invoice/create']);
    expect(c.hits).toEqual([]);
    expect(worked).toEqual([b.url]);
  });

  it('starts with the address remembered from last time', async () => {
    const a = await mirror('a');
    const b = await mirror('b');
    const t = transport(a.url, [b.url], { preferred: b.url });
    expect(body(await t.post('/api/client/token', {}))).toBe('{"code":100,"from":"b"}');
    expect(a.hits).toEqual([]);
    // A remembered address that is no longer listed is ignored.
    const u = transport(a.url, [b.url], { preferred: 'https://gone.example.com' });
    expect(body(await u.post('/api/client/token', {}))).toBe('{"code":100,"from":"a"}');
  });

  it("never moves on when the panel answered: its own error, HTTP 500 or an HTML page are the panel's word", async () => {
    const a = await mirror('a', (req, res) => {
      if (req.url?.endsWith('/service/info')) {
        res.setHeader('content-type', 'application/json');
        return res.end('{"status":"error","code":208,"message":"Service not found"}');
      }
      res.writeHead(500, { 'content-type': 'text/html' });
      res.end('<html><body>Internal Server Error</body></html>');
    });
    const b = await mirror('b');
    const t = transport(a.url, [b.url]);
    const panelError = await t.post('/api/client/service/info', {});
    expect(expectOk(panelError).text).toContain('"code":208');
    const serverError = await t.post('/api/client/packages', {});
    expect(expectOk(serverError).status).toBe(500);
    expect(b.hits).toEqual([]);
    expect(t.base).toBe(a.url);
  });

  it('moves on from an address that hangs for a read, but does not repeat a request that creates something', async () => {
    const slow = await mirror('slow', hung);
    const b = await mirror('b');
    const t = transport(slow.url, [b.url], { timeouts: { headersMs: 300 } });
    // invoice/create may have been done by the panel that did not answer: it is not sent again.
    const create = await t.post('/api/client/invoice/create', { pid: 1 });
    expectErr(create, 'timeout');
    expect(b.hits).toEqual([]);
    // A read is safe to send to the next address.
    expect(body(await t.post('/api/client/account/info', {}))).toBe('{"code":100,"from":"b"}');
    expect(b.hits).toEqual(['/api/client/account/info']);
  });

  it('lets one request at a time look for an address, the others waiting for its outcome', async () => {
    const slow = await mirror('slow', hung);
    const slow2 = await mirror('slow2', hung);
    const b = await mirror('b');
    const c = await mirror('c');
    const t = transport(slow.url, [slow2.url, b.url, c.url], { timeouts: { headersMs: 300 } });
    const paths = ['account/info', 'service/info', 'service/info', 'gateways', 'invoices'].map(
      (p) => `/api/client/${p}`,
    );
    const results = await Promise.all(paths.map((p) => t.post(p, {})));
    expect(results.map(body)).toEqual(paths.map(() => '{"code":100,"from":"b"}'));
    // All five were on their way to the first address when it hung. One of them then tried the
    // second (hung as well) and found b; the other four waited for it and went straight to b.
    expect(slow.hits).toHaveLength(5);
    expect(slow2.hits).toHaveLength(1);
    expect(b.hits.toSorted()).toEqual(paths.toSorted());
    expect(c.hits).toEqual([]);
    // Requests started later go straight to b.
    expect(body(await t.post('/api/client/token', {}))).toBe('{"code":100,"from":"b"}');
    expect(slow.hits).toHaveLength(5);
  });

  it('says which addresses it tried when none can be reached', async () => {
    const a = await down();
    const b = await down();
    const t = transport(a, [b, 'http://panel.example.com', 'not a url']);
    // Invalid mirrors (plain http off this computer, not a URL) are left out.
    expect(t.addresses).toEqual([a, b]);
    const r = await t.post('/api/client/token', {});
    expect(expectErr(r)).toMatchObject({
      kind: 'network',
      detail: 'ECONNREFUSED',
      message: `The panel at ${new URL(a).host} refused the connection. Check the panel address, or try again later. The panel's other address (${new URL(b).host}) could not be reached either.`,
    });
  });
});
