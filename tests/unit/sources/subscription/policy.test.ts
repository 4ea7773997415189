// The subscription link's rules: which links are accepted, how they are shown, how redirects are
// followed, what Retry-After asks, and how a refusal keeps the panel's words.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  MAX_REDIRECTS,
  nextHop,
  panelWords,
  parseSubscriptionLink,
  scrubLink,
  refusalError,
  retryAfterMs,
  shortLink,
} from '../../../../src/main/sources/subscription/policy';

describe('links', () => {
  it('accepts https and http links, drops a fragment', () => {
    const parsed = parseSubscriptionLink('  https://sub.example.com/api/sub/AbCd1234#My%20VPN ');
    expect(parsed.ok && parsed.value.toString()).toBe('https://sub.example.com/api/sub/AbCd1234');
    expect(parseSubscriptionLink('http://1.2.3.4:2096/sub/x').ok).toBe(true);
  });

  it('refuses what is not an http(s) link, with a sentence', () => {
    for (const bad of ['', 'vless://x@y:1', 'not a link', 'ftp://a.example/x', 'javascript:alert(1)']) {
      const r = parseSubscriptionLink(bad);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.kind).toBe('validation');
    }
  });

  it('shows a link shortened: host and the last four characters, never the token', () => {
    const token = 'a1b2c3d4e5f6g7h8i9j0';
    const short = shortLink(`https://sub.example.com/api/sub/${token}`);
    expect(short).toBe('https://sub.example.com/…i9j0');
    expect(short).not.toContain(token.slice(0, 8));
    expect(shortLink('https://p.example.com/api/v1/client/subscribe?token=0123456789abcdef')).toBe(
      'https://p.example.com/…cdef',
    );
    // XMPlus: the token is in the path, the client flag after it.
    expect(shortLink('https://x.example.com/link/Zq81nB7xYt55?client=latest')).toBe(
      'https://x.example.com/…Yt55',
    );
  });
});

describe('redirects', () => {
  const from = new URL('https://a.example.com/sub/x');

  it('follows a relative or absolute location', () => {
    const rel = nextHop(from, '/sub/y?z=1', 0);
    expect(rel.ok && rel.next.toString()).toBe('https://a.example.com/sub/y?z=1');
    const abs = nextHop(from, 'https://b.example.com/s', 4);
    expect(abs.ok && abs.next.host).toBe('b.example.com');
  });

  it(`stops after ${MAX_REDIRECTS} hops`, () => {
    const r = nextHop(from, '/again', MAX_REDIRECTS);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/more than 5 times/);
  });

  it('never goes from https to http', () => {
    const r = nextHop(from, 'http://a.example.com/sub/x', 0);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/https to plain http/);
    expect(nextHop(new URL('http://a.example.com/'), 'https://a.example.com/', 0).ok).toBe(true);
  });

  it('refuses other schemes and an empty location', () => {
    expect(nextHop(from, 'file:///etc/passwd', 0).ok).toBe(false);
    expect(nextHop(from, undefined, 0).ok).toBe(false);
  });
});

describe('redirects, any location (property)', () => {
  it('never leads from https to anything but https, nor past the hop limit', () => {
    const location = fc.oneof(
      fc.string(),
      fc.webUrl(),
      fc.webUrl().map((u) => u.replace(/^https:/, 'http:')),
      fc.constantFrom(
        '//evil.example/x',
        '/relative',
        'javascript:alert(1)',
        'data:text/plain,x',
        'HTTP://A.EXAMPLE/',
      ),
    );
    fc.assert(
      fc.property(location, fc.nat({ max: 8 }), (loc, hops) => {
        const step = nextHop(new URL('https://sub.example.com/s/tok'), loc, hops);
        if (step.ok) {
          expect(step.next.protocol).toBe('https:');
          expect(hops).toBeLessThan(MAX_REDIRECTS);
        } else {
          expect(step.error.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('Retry-After', () => {
  const now = Date.UTC(2026, 0, 1);
  it('reads seconds and HTTP dates, bounded to a day', () => {
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs(new Date(now + 90_000).toUTCString(), now)).toBe(90_000);
    expect(retryAfterMs('999999', now)).toBe(86_400_000);
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs(undefined, now)).toBeNull();
  });
});

describe('refusals keep the panel’s words', () => {
  it('Xboard {"message"}, PasarGuard {"detail"}, SSPanel {"msg"}, 3x-ui plain text', () => {
    expect(panelWords('{"message":"Account unavailable"}')).toBe('Account unavailable');
    expect(panelWords('{"detail":"Client not supported"}')).toBe('Client not supported');
    expect(panelWords('{"ret":0,"msg":"订阅链接无效"}')).toBe('订阅链接无效');
    expect(panelWords('Error!')).toBe('Error!');
  });

  it('an HTML page gives its title; nothing readable gives nothing', () => {
    expect(panelWords('<html><head><title>403 Forbidden</title></head></html>', 'text/html')).toBe(
      '403 Forbidden',
    );
    expect(panelWords('')).toBe('');
  });

  it('a page that echoes the token loses it', () => {
    const link = new URL('https://p.example.com/api/v1/client/subscribe?token=0123456789abcdef&flag=meta');
    expect(scrubLink('No user for token 0123456789abcdef.', link)).toBe('No user for token ….');
    expect(scrubLink('Error!', link)).toBe('Error!');
    const path = new URL('https://s.example.com/sub/Zq81nB7xYt55%2Bq');
    expect(scrubLink('bad sub Zq81nB7xYt55+q', path)).toBe('bad sub …');
  });

  it('the error carries the status and the words', () => {
    const e = refusalError(403, 'Account unavailable');
    expect(e).toMatchObject({ kind: 'http', status: 403, detail: 'Account unavailable' });
    expect(e.message).toContain('HTTP 403');
    expect(e.message).toContain('Account unavailable');
    expect(refusalError(404, '').message).toMatch(/revoked/);
  });
});
