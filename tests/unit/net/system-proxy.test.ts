// The system proxy from Chromium's PAC-format answer: the entry types it writes (Chromium's
// net/docs/proxy.md), the first usable one wins, DIRECT means none, unusable entries are skipped.
import { describe, expect, it } from 'vitest';
import { parsePacAnswer, systemProxyFromPac } from '../../../src/main/net/system-proxy';

describe('PAC answers', () => {
  it('reads PROXY, HTTPS and SOCKS5 entries in order, with DIRECT as an entry of its own', () => {
    expect(
      parsePacAnswer('PROXY 127.0.0.1:7890; SOCKS5 127.0.0.1:7891;HTTPS proxy.example.com:443; DIRECT'),
    ).toEqual([
      {
        text: 'PROXY 127.0.0.1:7890',
        proxy: { kind: 'http', href: 'http://127.0.0.1:7890', display: 'http://127.0.0.1:7890' },
      },
      {
        text: 'SOCKS5 127.0.0.1:7891',
        proxy: { kind: 'socks5', href: 'socks5://127.0.0.1:7891', display: 'socks5://127.0.0.1:7891' },
      },
      {
        text: 'HTTPS proxy.example.com:443',
        proxy: {
          kind: 'https',
          href: 'https://proxy.example.com:443',
          display: 'https://proxy.example.com:443',
        },
      },
      { text: 'DIRECT', proxy: null },
    ]);
  });

  it('takes the first entry the transport can use', () => {
    expect(systemProxyFromPac('PROXY 127.0.0.1:10809; DIRECT')?.display).toBe('http://127.0.0.1:10809');
    expect(systemProxyFromPac('SOCKS5 [::1]:2080')?.display).toBe('socks5://[::1]:2080');
    // SOCKS and SOCKS4 mean version 4, which undici does not speak; QUIC neither: the next entry applies.
    expect(systemProxyFromPac('SOCKS 127.0.0.1:1080; PROXY 127.0.0.1:8080')?.display).toBe(
      'http://127.0.0.1:8080',
    );
    expect(systemProxyFromPac('QUIC proxy.example.com:443; SOCKS4 h:1; SOCKS5 h:2')?.display).toBe(
      'socks5://h:2',
    );
    // An entry without a port takes the scheme's usual one; lower case is read too.
    expect(systemProxyFromPac('proxy corp.example')?.display).toBe('http://corp.example:80');
  });

  it('means no system proxy for DIRECT, an empty answer, or nothing usable', () => {
    expect(systemProxyFromPac('DIRECT')).toBeNull();
    expect(systemProxyFromPac('DIRECT; PROXY 127.0.0.1:7890')).toBeNull();
    expect(systemProxyFromPac('')).toBeNull();
    expect(systemProxyFromPac(null)).toBeNull();
    expect(systemProxyFromPac('SOCKS 127.0.0.1:1080')).toBeNull();
    expect(systemProxyFromPac('PROXY')).toBeNull();
    expect(systemProxyFromPac('PROXY a:1 b:2')).toBeNull();
    expect(systemProxyFromPac('PROXY 127.0.0.1:99999')).toBeNull();
  });
});
