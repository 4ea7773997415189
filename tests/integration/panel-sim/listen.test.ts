// A simulator's server goes on loopback at a free port, or at the port asked for; a port already
// taken is a refusal the caller sees, not a start that never ends.
import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { listenOnLoopback } from '../../../tools/panel-sim/listen';

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) if (s.listening) await new Promise((resolve) => s.close(resolve));
});
const answering = (): Server => {
  const server = createServer((_req, res) => res.end('here'));
  servers.push(server);
  return server;
};

describe('listenOnLoopback', () => {
  it('answers the base URL of a free loopback port, where the server answers', async () => {
    const url = await listenOnLoopback(answering());
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await (await fetch(url)).text()).toBe('here');
  });

  it('listens at the port asked for: one already taken rejects', async () => {
    const port = Number(new URL(await listenOnLoopback(answering())).port);
    await expect(listenOnLoopback(answering(), port)).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });
});
