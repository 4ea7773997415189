// The subscription probe reaches the sublink the way panel requests do: with no proxy on the profile
// it asks the desktop's system proxy for the sublink's URL and goes through it (a real SOCKS5 server
// on loopback), and its failure names that proxy.
import { afterEach, describe, expect, it } from 'vitest';
import { probeSubscription } from '../../../src/main/import/probe';
import { startSocks5Server, type Socks5Server } from '../../support/socks5-server';

let proxy: Socks5Server | null = null;
afterEach(async () => {
  await proxy?.close();
  proxy = null;
});

describe('subscription probe and the system proxy', () => {
  it('asks the system proxy for the sublink and sends the request through it', async () => {
    proxy = await startSocks5Server();
    const asked: string[] = [];
    const port = proxy.port;
    const result = await probeSubscription('https://sub.blocked.test/link/abc?client=meta', 'mihomo', {
      systemProxy: async (url) => {
        asked.push(url);
        return `SOCKS5 127.0.0.1:${port}; DIRECT`;
      },
      env: {},
      now: () => 0,
    });
    expect(asked).toEqual(['https://sub.blocked.test/']);
    expect(proxy.connects).toEqual([{ addressType: 'domain', host: 'sub.blocked.test', port: 443 }]);
    expect(result.outcome.status).toBe('failed');
    expect(result.outcome.status === 'failed' && result.outcome.error.message).toContain(
      `system proxy ${proxy.url}`,
    );
  });
});
