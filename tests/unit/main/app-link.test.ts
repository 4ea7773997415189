// The app's own links read strictly (only `add`, one http(s) url, a short name), found in a command
// line by their scheme wherever Chromium put its switches, and the schemes a build may name.
import { describe, expect, it } from 'vitest';
import {
  appLinkInArgv,
  isValidUrlScheme,
  parseAppLink,
  MAX_LINK_NAME_LENGTH,
} from '../../../src/main/app-link';
import { loadProvider, urlSchemeOf } from '../../../src/main/provider';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SUB = 'https://sub.example.com/link/AbCdEf123456?client=meta';
const enc = encodeURIComponent;

describe('parseAppLink', () => {
  it.each([
    [`xmplus-tray://add?url=${enc(SUB)}`, { url: SUB, name: null }],
    [`xmplus-tray://add?url=${enc(SUB)}&name=${enc('  Home  ')}`, { url: SUB, name: 'Home' }],
    [`xmplus-tray://add/?url=${enc(SUB)}&name=`, { url: SUB, name: null }], // Windows browsers add the slash
    [`XMPLUS-TRAY://ADD?url=${enc(SUB)}`, { url: SUB, name: null }], // schemes and hosts are case-blind
    [
      `xmplus-tray://add?name=${enc('家')}&url=${enc('http://10.0.0.2:2096/sub/x')}`,
      { url: 'http://10.0.0.2:2096/sub/x', name: '家' },
    ],
  ])('%s adds %j', (raw, request) => {
    expect(parseAppLink(raw, 'xmplus-tray')).toEqual({ ok: true, request });
  });

  it.each([
    ['not a link', 'not a URL'],
    [`https://add?url=${enc(SUB)}`, 'another scheme'],
    [`acmevpn://add?url=${enc(SUB)}`, 'another scheme'],
    [`xmplus-tray://remove?url=${enc(SUB)}`, 'unknown action'],
    [`xmplus-tray://add/profile?url=${enc(SUB)}`, 'unexpected path'],
    [`xmplus-tray://user:pw@add?url=${enc(SUB)}`, 'unexpected parts'],
    [`xmplus-tray://add?url=${enc(SUB)}&apiKey=x`, 'unknown parameter'],
    [`xmplus-tray://add?url=${enc(SUB)}&url=${enc(SUB)}`, 'url missing or repeated'],
    ['xmplus-tray://add?name=x', 'url missing or repeated'],
    [`xmplus-tray://add?url=${enc('javascript:alert(1)')}`, 'url is not an http(s) link'],
    [`xmplus-tray://add?url=${enc('file:///etc/passwd')}`, 'url is not an http(s) link'],
    [`xmplus-tray://add?url=${enc('https://a.example/x y')}`, 'url is not an http(s) link'],
    [`xmplus-tray://add?url=${enc(SUB)}&name=${'n'.repeat(MAX_LINK_NAME_LENGTH + 1)}`, 'name too long'],
    [`xmplus-tray://add?url=${enc(SUB)}&name=${enc('a\nb')}`, 'control characters in name'],
    [`xmplus-tray://add?url=${'a'.repeat(9000)}`, 'too long or not text'],
  ])('%s is refused: %s (the reason never repeats the link)', (raw, why) => {
    const parsed = parseAppLink(raw, 'xmplus-tray');
    expect(parsed).toEqual({ ok: false, why });
    if (!parsed.ok) expect(parsed.why).not.toContain('example');
  });
});

describe('appLinkInArgv', () => {
  const link = `xmplus-tray://add?url=${enc(SUB)}`;
  it.each([
    [['XMPlus Tray.exe', '--allow-file-access-from-files', '--original-process-start-time=1', link], link],
    [['xmplus-tray', link, '--no-sandbox'], link],
    [['electron', '/repo', link], link],
    [['xmplus-tray', '--hidden'], null],
    [['xmplus-tray', 'https://sub.example.com/x'], null],
  ])('%j -> %s', (argv, expected) => {
    expect(appLinkInArgv(argv, 'xmplus-tray')).toBe(expected);
  });
});

describe('the scheme a build answers', () => {
  it.each(['xmplus-tray', 'acmevpn', 'acme.vpn', 'acme+vpn-2'])('%s is a scheme a build may name', (s) => {
    expect(isValidUrlScheme(s)).toBe(true);
  });
  it.each(['', 'ab', 'Acme', '9vpn', 'acme vpn', 'acme_vpn', 'https', 'file', 'javascript', 'clash', 'app'])(
    '%j is not',
    (s) => {
      expect(isValidUrlScheme(s)).toBe(false);
    },
  );

  it('provider.json: urlScheme and subscriptionLinks are read, an invalid scheme makes an unbranded build', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xmplus-provider-'));
    const file = join(dir, 'provider.json');
    try {
      writeFileSync(file, JSON.stringify({ name: 'Acme', urlScheme: 'acmevpn', subscriptionLinks: false }));
      const branded = loadProvider(file);
      expect(urlSchemeOf(branded)).toBe('acmevpn');
      expect(branded.info.subscriptionLinks).toBe(false);
      writeFileSync(file, JSON.stringify({ name: 'Acme' }));
      expect(urlSchemeOf(loadProvider(file))).toBe('xmplus-tray');
      expect(loadProvider(file).info.subscriptionLinks).toBe(true);
      writeFileSync(file, JSON.stringify({ name: 'Acme', urlScheme: 'https' }));
      expect(loadProvider(file).info.name).toBe('XMPlus');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
