// The shortened link both processes and the subscription source show never carries enough of the
// token to use it.
import { describe, expect, it } from 'vitest';
import { isHttpLink, linkHost, shortLink } from '../../../src/shared/short-link';

const LINKS = [
  'https://sub.example.com/api/v1/client/subscribe?token=5f1c9a0e7b2d4c8a',
  'https://panel.example.org:2096/sub/AbCdEfGh12345678',
  'http://10.0.0.2/link/9a8b7c6d5e4f3a2b?client=meta',
  'https://s.example/x',
  'not a link',
];

describe('shortLink', () => {
  it('keeps the scheme, host and the last four characters of the token only', () => {
    expect(shortLink(LINKS[0]!)).toBe('https://sub.example.com/…4c8a');
    expect(shortLink(LINKS[1]!)).toBe('https://panel.example.org:2096/…5678');
    expect(shortLink(LINKS[0]!)).not.toContain('5f1c9a0e');
    expect(shortLink(LINKS[2]!)).toBe('http://10.0.0.2/…3a2b');
    expect(shortLink(LINKS[3]!)).toBe('https://s.example/…');
    expect(shortLink(LINKS[4]!)).toBe('…');
  });
});

describe('isHttpLink and linkHost', () => {
  it.each([
    ['https://sub.example.com/x', true],
    ['  http://10.0.0.2:2096/sub/x\n', true],
    ['https://a.example/one two', false],
    ['ftp://a.example/x', false],
    ['vless://id@host:443', false],
    ['words', false],
  ])('%j is an http(s) link: %s', (text, expected) => {
    expect(isHttpLink(text)).toBe(expected);
  });
  it('names the host', () => {
    expect(linkHost(LINKS[1]!)).toBe('panel.example.org:2096');
    expect(linkHost('nope')).toBe('');
  });
});
