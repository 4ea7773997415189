// The desktop's proxy answer kept per origin for a minute: counted on a fake resolver, and through the
// real transport through a real SOCKS5 proxy (tests/support/socks5-server.ts), which asks before
// every request which proxy to use (Chromium's PAC resolution in the app).
import { afterEach, describe, expect, it } from 'vitest';
import { cachePerOrigin, SYSTEM_PROXY_CACHE_MS } from '../../../src/main/net/system-proxy';
import { createTransport, validatePanelUrl } from '../../../src/main/net/transport';
import { startSocks5Server, type Socks5Server } from '../../support/socks5-server';
import { expectErr, expectOk } from '../../support/expect';

/** A resolver that counts its questions and answers with a numbered PAC entry. */
function counting() {
  const asked: string[] = [];
  const resolve = async (url: string) => {
    asked.push(url);
    return `PROXY 127.0.0.1:${7000 + asked.length}`;
  };
  return { asked, resolve };
}

describe('cachePerOrigin', () => {
  it('asks once per origin within a minute, and again after it', async () => {
    const clock = { now: 0 };
    const { asked, resolve } = counting();
    const cached = cachePerOrigin(resolve, () => clock.now);
    expect(await cached('https://panel.example.com/api/client/token')).toBe('PROXY 127.0.0.1:7001');
    expect(await cached('https://panel.example.com/api/client/account/info')).toBe('PROXY 127.0.0.1:7001');
    expect(await cached('https://mirror.example.com/api/client/token')).toBe('PROXY 127.0.0.1:7002');
    clock.now = SYSTEM_PROXY_CACHE_MS - 1;
    expect(await cached('https://panel.example.com/')).toBe('PROXY 127.0.0.1:7001');
    expect(asked).toHaveLength(2);
    clock.now = SYSTEM_PROXY_CACHE_MS;
    expect(await cached('https://panel.example.com/')).toBe('PROXY 127.0.0.1:7003');
    expect(asked).toEqual([
      'https://panel.example.com/api/client/token',
      'https://mirror.example.com/api/client/token',
      'https://panel.example.com/',
    ]);
  });

  it('shares one question among callers asking at once', async () => {
    const { asked, resolve } = counting();
    const cached = cachePerOrigin(resolve, () => 0);
    const answers = await Promise.all(Array.from({ length: 5 }, () => cached('https://panel.example.com/')));
    expect(new Set(answers).size).toBe(1);
    expect(asked).toHaveLength(1);
  });

  it('does not keep a question that failed', async () => {
    let calls = 0;
    const cached = cachePerOrigin(async () => {
      calls += 1;
      if (calls === 1) throw new Error('no session yet');
      return 'DIRECT';
    });
    await expect(cached('https://panel.example.com/')).rejects.toThrow('no session yet');
    expect(await cached('https://panel.example.com/')).toBe('DIRECT');
    expect(calls).toBe(2);
  });
});

describe('through the transport', () => {
  let proxy: Socks5Server | null = null;
  afterEach(async () => {
    await proxy?.close();
  });

  it('ten panel requests ask the desktop once', async () => {
    // The proxy cannot reach the made-up panel: each request goes through it and fails, which is
    // enough to count how often the transport asked which proxy to use.
    proxy = await startSocks5Server();
    const asked: string[] = [];
    const t = expectOk(
      createTransport({
        panelUrl: expectOk(validatePanelUrl('https://panel.blocked.test')),
        env: {},
        systemProxy: cachePerOrigin(async (url) => {
          asked.push(url);
          return `SOCKS5 127.0.0.1:${proxy!.port}`;
        }),
      }),
    );
    try {
      for (let i = 0; i < 10; i++) expectErr(await t.post('/api/client/account/info', {}));
    } finally {
      await t.close();
    }
    expect(proxy.connects.length).toBeGreaterThanOrEqual(10);
    expect(asked).toEqual(['https://panel.blocked.test/']);
  });
});
