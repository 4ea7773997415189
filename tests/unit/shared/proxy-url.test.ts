// Proxy addresses for panel requests: the schemes the transport speaks, host and port rules, nothing
// after the port, credentials kept for connecting but never in what is shown.
import { describe, expect, it } from 'vitest';
import {
  checkProxyUrl,
  joinProxyPassword,
  redactProxyUrl,
  splitProxyPassword,
} from '../../../src/shared/proxy-url';

const problem = (text: string, lenient = false) => {
  const r = checkProxyUrl(text, { lenient });
  return r.ok ? null : r.problem;
};

describe('checkProxyUrl', () => {
  it('accepts the local ports of common proxy apps in http, https and SOCKS5 form', () => {
    // mihomo 7890, v2rayN 10808 (socks) / 10809 (http), sing-box 2080.
    expect(checkProxyUrl('socks5://127.0.0.1:7890')).toEqual({
      ok: true,
      proxy: { kind: 'socks5', href: 'socks5://127.0.0.1:7890', display: 'socks5://127.0.0.1:7890' },
    });
    expect(checkProxyUrl(' http://127.0.0.1:10809/ ')).toEqual({
      ok: true,
      proxy: { kind: 'http', href: 'http://127.0.0.1:10809', display: 'http://127.0.0.1:10809' },
    });
    expect(checkProxyUrl('HTTPS://Proxy.Example.COM:8443')).toMatchObject({
      ok: true,
      proxy: { kind: 'https', display: 'https://proxy.example.com:8443' },
    });
    expect(checkProxyUrl('socks5://[::1]:2080')).toMatchObject({
      ok: true,
      proxy: { display: 'socks5://[::1]:2080' },
    });
  });

  it('reads socks5h (names resolved by the proxy) as the SOCKS5 the app always uses that way', () => {
    expect(checkProxyUrl('socks5h://localhost:10808')).toMatchObject({
      ok: true,
      proxy: { kind: 'socks5', href: 'socks5://localhost:10808' },
    });
  });

  it('keeps user name and password for connecting, never in the display form', () => {
    const r = checkProxyUrl('socks5://alice:pa%40ss@127.0.0.1:1080');
    expect(r).toMatchObject({
      ok: true,
      proxy: { href: 'socks5://alice:pa%40ss@127.0.0.1:1080', display: 'socks5://127.0.0.1:1080' },
    });
    expect(redactProxyUrl('http://bob:hunter2@proxy.example.com:3128')).toBe('http://proxy.example.com:3128');
    // Even an address that cannot be used loses its credentials in a message.
    expect(redactProxyUrl('socks4://bob:hunter2@proxy:1')).not.toContain('hunter2');
    expect(redactProxyUrl('bob:hunter2@proxy')).not.toContain('hunter2');
  });

  it('names what is wrong with an address it cannot use', () => {
    expect(problem('127.0.0.1:7890')).toBe('no-scheme');
    expect(problem('ftp://127.0.0.1:21')).toBe('scheme');
    expect(problem('quic://127.0.0.1:443')).toBe('scheme');
    expect(problem('socks://127.0.0.1:1080')).toBe('socks4');
    expect(problem('socks4a://127.0.0.1:1080')).toBe('socks4');
    expect(problem('socks5://:1080')).toBe('host');
    expect(problem('socks5://exa mple.com:1080')).toBe('host');
    expect(problem('socks5://127.0.0.1')).toBe('port');
    expect(problem('socks5://127.0.0.1:')).toBe('port');
    expect(problem('http://127.0.0.1:0')).toBe('port');
    expect(problem('http://127.0.0.1:65536')).toBe('port');
    expect(problem('http://127.0.0.1:80a')).toBe('port');
    expect(problem('http://127.0.0.1:8080/proxy')).toBe('path');
    expect(problem('http://127.0.0.1:8080?x=1')).toBe('path');
    expect(problem('http://127.0.0.1:8080#top')).toBe('path');
  });

  it('reads environment values the way curl does: http:// and the usual port when left out', () => {
    expect(checkProxyUrl('proxy.corp:3128', { lenient: true })).toMatchObject({
      ok: true,
      proxy: { kind: 'http', display: 'http://proxy.corp:3128' },
    });
    expect(checkProxyUrl('http://proxy.corp', { lenient: true })).toMatchObject({
      ok: true,
      proxy: { display: 'http://proxy.corp:80' },
    });
    expect(checkProxyUrl('socks5://127.0.0.1', { lenient: true })).toMatchObject({
      ok: true,
      proxy: { display: 'socks5://127.0.0.1:1080' },
    });
    expect(problem('http://proxy.corp:3128/x', true)).toBe('path');
  });
});

describe('splitProxyPassword / joinProxyPassword', () => {
  it('keeps the user name in the address and the password apart, as typed (percent-encoded)', () => {
    const typed = 'socks5://alice:p%40ss:w0rd@127.0.0.1:1080';
    const split = splitProxyPassword(typed);
    expect(split).toEqual({ address: 'socks5://alice@127.0.0.1:1080', password: 'p%40ss:w0rd' });
    expect(joinProxyPassword(split.address, split.password)).toBe(typed);
    expect(checkProxyUrl(split.address).ok).toBe(true);
  });

  it('leaves an address without a password whole', () => {
    for (const text of ['socks5://127.0.0.1:1080', 'http://bob@proxy.corp:3128', '', 'not a url']) {
      expect(splitProxyPassword(text)).toEqual({ address: text, password: null });
      expect(joinProxyPassword(text, null)).toBe(text);
    }
  });

  it('splits an empty user name and an empty password too', () => {
    expect(splitProxyPassword('socks5://:secret@h:1')).toEqual({
      address: 'socks5://@h:1',
      password: 'secret',
    });
    expect(joinProxyPassword('socks5://@h:1', 'secret')).toBe('socks5://:secret@h:1');
    expect(splitProxyPassword('socks5://u:@h:1')).toEqual({ address: 'socks5://u@h:1', password: '' });
  });
});
