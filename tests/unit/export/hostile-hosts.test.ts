// Server addresses from a hostile panel: a link's host is percent-decoded, so "%0A" or "%20" in it
// would put a new line (another server, of the attacker's choosing) into link and base64 exports, or
// dress a placeholder address up past the pseudo-server filter. Only a host name or an IP literal is
// a host; everything else is refused where the link is read, and nothing injected reaches a format.
import { describe, expect, it } from 'vitest';
import { buildExport, EXPORT_FORMATS } from '../../../src/main/export/index';
import {
  collectServers,
  fromPanelServer,
  hostForUrl,
  parseShareLink,
  toShareLink,
} from '../../../src/main/export/model';
import { normalizeHost } from '../../../src/main/export/model/text';
import { seedServer, SEED_URI } from './fixtures';

const UUID = '4a6f9231-710e-5602-a410-c8a755cc3a2f';
/** A second server, smuggled in through the first one's host. */
const SMUGGLED = 'vless://ffffffff-ffff-4fff-8fff-ffffffffffff@attacker.example:443?security=none#free';
const injectedHost = (glue: string) => `good.example${glue}${encodeURIComponent(SMUGGLED)}`;

function hostile(host: string, address = 'good.example') {
  return seedServer({
    address,
    uri: SEED_URI.replace('@google.com:443', `@${host}:443`),
  });
}

describe('a host that is not a host', () => {
  it.each([
    ['a newline', injectedHost('%0A')],
    ['a carriage return and newline', injectedHost('%0D%0A')],
    ['a space', injectedHost('%20')],
    ['a tab', 'good.example%09x'],
    ['a slash', 'good.example%2Fpath'],
    ['an at sign', 'user%40good.example'],
    ['a zone id', '[fe80::1%25eth0]'],
    ['a malformed IPv4 address', '10.0.0.256'],
    ['an empty label', 'good..example'],
  ])('with %s is refused in a share link', (_what, host) => {
    const parsed = parseShareLink(`vless://${UUID}@${host}:443?security=none#x`);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.reason).toMatch(/not a host name or an IP address/);
  });

  it('is refused in the base64 JSON form of vmess and in the panel fields', () => {
    const json = { v: '2', ps: 'x', add: `good.example\n${SMUGGLED}`, port: '443', id: UUID, net: 'tcp' };
    const vmess = `vmess://${Buffer.from(JSON.stringify(json)).toString('base64')}`;
    expect(parseShareLink(vmess).ok).toBe(false);
    const fields = fromPanelServer(seedServer({ uri: '', address: `good.example\n${SMUGGLED}` }));
    expect(fields.ok).toBe(false);
  });

  it('host names, IDN names and IP literals are still hosts', () => {
    expect(normalizeHost('Node-1.Example.COM')).toBe('node-1.example.com');
    expect(normalizeHost('сервер.example')).toBe(new URL('https://сервер.example').hostname);
    expect(normalizeHost('сервер.example')).toMatch(/^xn--[a-z0-9-]+\.example$/);
    expect(normalizeHost('_acme.example')).toBe('_acme.example');
    expect(normalizeHost('203.0.113.9')).toBe('203.0.113.9');
    expect(normalizeHost('2001:DB8::1')).toBe('2001:db8::1');
    expect(normalizeHost('[2001:db8::1]')).toBe('2001:db8::1');
    const v6 = parseShareLink(`vless://${UUID}@[2001:db8::1]:443?security=none#x`);
    expect(v6.ok && toShareLink(v6.model)).toContain('@[2001:db8::1]:443');
  });

  it('renders a host that bypassed parsing percent-encoded, never raw', () => {
    expect(hostForUrl('good.example\nevil')).toBe('good.example%0Aevil');
    expect(hostForUrl('2001:db8::1')).toBe('[2001:db8::1]');
  });
});

describe('a hostile panel through every export format', () => {
  // The link's host is refused; the server is then built from the panel's own fields.
  const servers = [hostile(injectedHost('%0A')), hostile(injectedHost('%0D%0A'))];

  it.each(EXPORT_FORMATS.filter((f) => f !== 'qr'))('%s carries no smuggled server', async (format) => {
    const result = await buildExport(servers, format);
    if (result.format === 'qr') throw new Error('unexpected qr');
    const text = format === 'base64' ? Buffer.from(result.text, 'base64').toString('utf8') : result.text;
    expect(text).not.toContain('attacker.example');
    expect(text).toContain('good.example');
    if (format === 'links' || format === 'base64') {
      const lines = text.split('\n').filter((line) => line !== '');
      expect(lines).toHaveLength(2);
      for (const line of lines) expect(line).toMatch(/^vless:\/\/[^\s]+@good\.example:443\?/);
    }
  });

  it('QR codes encode the clean link only', async () => {
    const result = await buildExport(servers, 'qr');
    if (result.format !== 'qr') throw new Error('expected qr');
    for (const code of result.codes) {
      expect(code.link).not.toMatch(/\s|attacker/);
    }
  });
});

describe('the pseudo-server filter', () => {
  it("looks at the exported link's host, not only at the panel's address field", () => {
    const { models, dropped } = collectServers([
      hostile('127.0.0.1', 'real.example'),
      hostile('[::1]', 'real.example'),
      hostile('LOCALHOST', 'real.example'),
    ]);
    expect(models).toEqual([]);
    expect(dropped.map((d) => d.reason)).toEqual(
      Array(3).fill('placeholder address, not a reachable server'),
    );
  });

  it('a placeholder dressed up with a newline or a space is not exported as a server', () => {
    const { models, dropped } = collectServers([
      hostile('127.0.0.1%0A', 'real.example'),
      hostile('0.0.0.0%20', 'real.example'),
    ]);
    // The links are refused; what is exported comes from the panel's fields, with their address.
    expect(models.map((m) => m.host)).toEqual(['real.example', 'real.example']);
    expect(dropped).toEqual([]);
  });
});
