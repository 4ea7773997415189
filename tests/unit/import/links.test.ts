// Every client's import link, built and then read back the way that client parses it (each reader
// follows the client's own source or docs, cited in its test name): the flagged subscription URL and
// the profile name must come back exactly, also with emoji, spaces, #, % and & in them.
import { describe, expect, it } from 'vitest';
import {
  buildImportLink,
  clientFlag,
  flaggedSublink,
  isImportLink,
  CLIENT_SCHEMES,
} from '../../../src/main/import/links';
import { IMPORT_CLIENT_IDS, IMPORT_CLIENTS, type ImportClientId } from '../../../src/shared/import-clients';

const SUBLINKS = [
  'https://panel.example/link/LpYnkaUyEsshJTyYMaOA2b8ll5DYag1U',
  'https://panel.example/link/AbC123?lang=en&x=1',
  'https://panel.example/sub/a%2Bb%25c+d',
  'https://panel.example:8443/link/Tok-en_1?client=clash',
];
const NAMES = ['StarterPack', '🇮🇷 Pro 200 #1 — 100% & more', 'Семья + друзья', 'خانواده'];

const canParse = (text: string) => {
  try {
    new URL(text);
    return true;
  } catch {
    return false;
  }
};

/** Form decoding (+ is a space), as Rust's query_pairs, URLSearchParams, Dart's queryParameters do. */
const formDecode = (text: string) => decodeURIComponent(text.replace(/\+/g, ' '));

interface ReadBack {
  url: string;
  name: string | null;
}

const READERS: Record<ImportClientId, { source: string; read(link: string): ReadBack }> = {
  'clash-verge': {
    source: 'clash-verge-rev src-tauri/src/utils/resolve/scheme.rs',
    read(link) {
      const parsed = new URL(link);
      expect(['clash:', 'clash-verge:']).toContain(parsed.protocol);
      const query = parsed.search.slice(1);
      // Everything after the first "url=", trimmed; decoded (at most twice) only while it does not parse.
      let raw = query.slice(query.indexOf('url=') + 4).trim();
      for (let i = 0; i < 2 && !canParse(raw); i += 1) raw = decodeURIComponent(raw);
      return { url: raw, name: new URLSearchParams(query).get('name') };
    },
  },
  'clash-party': {
    source: 'clash-party src/main/deeplink.ts',
    read(link) {
      expect(link.startsWith('clash://') || link.startsWith('mihomo://')).toBe(true);
      const parsed = new URL(link);
      expect(parsed.host).toBe('install-config');
      return { url: parsed.searchParams.get('url')!, name: parsed.searchParams.get('name') };
    },
  },
  flclash: {
    source: 'FlClash lib/common/link.dart',
    read(link) {
      const parsed = new URL(link);
      expect(['clash:', 'clashmeta:', 'flclash:']).toContain(parsed.protocol);
      expect(parsed.host).toBe('install-config');
      return { url: parsed.searchParams.get('url')!, name: null };
    },
  },
  'sing-box': {
    source: 'sing-box docs/clients/general.md',
    read(link) {
      const parsed = new URL(link);
      expect(parsed.protocol).toBe('sing-box:');
      expect(parsed.host).toBe('import-remote-profile');
      return { url: parsed.searchParams.get('url')!, name: decodeURIComponent(parsed.hash.slice(1)) };
    },
  },
  hiddify: {
    source: 'hiddify-app lib/utils/link_parsers.dart',
    read(link) {
      const parsed = new URL(link);
      expect(parsed.protocol).toBe('hiddify:');
      expect(parsed.host).toBe('import');
      const url = parsed.pathname.slice(1) + (parsed.search ? parsed.search : '');
      return { url, name: decodeURIComponent(parsed.hash.slice(1)) };
    },
  },
  v2rayng: {
    source: 'v2rayNG UrlSchemeActivity.kt',
    read(link) {
      const parsed = new URL(link);
      expect(parsed.protocol).toBe('v2rayng:');
      expect(['install-sub', 'install-config']).toContain(parsed.host);
      // Uri.getQueryParameter decodes once, then URLDecoder.decode a second time.
      const param = parsed.search
        .slice(1)
        .split('&')
        .find((pair) => pair.startsWith('url='))!
        .slice(4);
      const url = formDecode(formDecode(param));
      return { url, name: decodeURIComponent(parsed.hash.slice(1)) };
    },
  },
  karing: {
    source: 'karing lib/screens/scheme_handler.dart',
    read(link) {
      const parsed = new URL(link);
      expect(parsed.protocol).toBe('karing:');
      expect(parsed.host).toBe('install-config');
      return { url: parsed.searchParams.get('url')!, name: parsed.searchParams.get('name') };
    },
  },
  happ: {
    source: 'happ://add/<url> (happ.su docs)',
    read(link) {
      expect(link.startsWith('happ://add/')).toBe(true);
      return { url: link.slice('happ://add/'.length), name: null };
    },
  },
  streisand: {
    source: 'streisand://import/<url>#<name> (Marzban docs advanced/url-scheme.md)',
    read(link) {
      expect(link.startsWith('streisand://import/')).toBe(true);
      const rest = link.slice('streisand://import/'.length);
      const hash = rest.indexOf('#');
      return { url: rest.slice(0, hash), name: decodeURIComponent(rest.slice(hash + 1)) };
    },
  },
  shadowrocket: {
    source: 'Shadowrocket sub://<base64>#<remark>',
    read(link) {
      expect(link.startsWith('sub://')).toBe(true);
      const rest = link.slice('sub://'.length);
      const hash = rest.indexOf('#');
      const payload = rest.slice(0, hash);
      expect(payload).toMatch(/^[A-Za-z0-9_-]+$/);
      return {
        url: Buffer.from(payload, 'base64').toString('utf8'),
        name: decodeURIComponent(rest.slice(hash + 1)),
      };
    },
  },
};

describe('flaggedSublink', () => {
  it('adds ?client= to a link without a query', () => {
    expect(flaggedSublink('https://p.example/link/abc', 'meta')).toBe(
      'https://p.example/link/abc?client=meta',
    );
  });
  it('adds &client= to a link that has a query', () => {
    expect(flaggedSublink('https://p.example/link/abc?lang=en', 'singbox')).toBe(
      'https://p.example/link/abc?lang=en&client=singbox',
    );
  });
  it('replaces a client= the link already carries, keeping the rest as it was', () => {
    expect(flaggedSublink('https://p.example/link/abc?client=clash&a=b%20c', 'meta')).toBe(
      'https://p.example/link/abc?client=meta&a=b%20c',
    );
  });
  it('drops a fragment (it never reaches the panel)', () => {
    expect(flaggedSublink('https://p.example/link/abc#mine', 'latest')).toBe(
      'https://p.example/link/abc?client=latest',
    );
  });
  it('a space in the path travels percent-encoded', () => {
    expect(flaggedSublink('https://p.example/link/a b', 'latest')).toBe(
      'https://p.example/link/a%20b?client=latest',
    );
  });
  it('provider.json overrides the flag per client, the rest keep theirs', () => {
    const overrides = { 'clash-verge': 'clash' };
    expect(clientFlag('clash-verge', overrides)).toBe('clash');
    expect(clientFlag('clash-party', overrides)).toBe('meta');
    expect(clientFlag('shadowrocket')).toBe('shadowrocket');
  });
});

describe.each(IMPORT_CLIENT_IDS.map((id) => [id, READERS[id].source] as const))(
  '%s import link, read back as %s',
  (client, _source) => {
    const reader = READERS[client];
    const flag = IMPORT_CLIENTS[client].flag;
    it.each(SUBLINKS.flatMap((sublink) => NAMES.map((name) => [sublink, name] as const)))(
      'sublink %s with name %s',
      (sublink, name) => {
        const url = flaggedSublink(sublink, flag);
        expect(url).toContain(`client=${flag}`);
        const link = buildImportLink(client, { url, name });
        expect(isImportLink(link)).toBe(true);
        const back = reader.read(link);
        expect(back.url).toBe(url);
        if (back.name !== null) expect(back.name).toBe(name);
      },
    );

    it.each(CLIENT_SCHEMES[client].map((s) => s.scheme))('with its scheme %s', (scheme) => {
      const url = flaggedSublink(SUBLINKS[1]!, flag);
      const link = buildImportLink(client, { url, name: NAMES[1]!, scheme });
      expect(link.startsWith(`${scheme}://`)).toBe(true);
      // Every scheme a client registers is one the shell may open.
      expect(isImportLink(link)).toBe(true);
      expect(reader.read(link).url).toBe(url);
    });
  },
);

describe('Clash Verge Rev reads everything after url=, so url comes last', () => {
  it('a name containing "url=" and "&" does not cut the URL', () => {
    const url = flaggedSublink('https://p.example/link/abc?x=1', 'meta');
    const link = buildImportLink('clash-verge', { url, name: 'my url=fast & cheap' });
    expect(link.indexOf('url=')).toBeGreaterThan(link.indexOf('name='));
    expect(READERS['clash-verge'].read(link)).toEqual({ url, name: 'my url=fast & cheap' });
  });
});

describe('v2rayNG decodes twice', () => {
  it('a URL without % or + is encoded once (older releases decode once and read it too)', () => {
    const url = 'https://p.example/link/abc?client=latest';
    const link = buildImportLink('v2rayng', { url, name: 'x' });
    expect(link).toContain(`url=${encodeURIComponent(url)}#`);
  });
  it('a URL with % is encoded twice, so the second decoding gives it back', () => {
    const url = 'https://p.example/sub/a%2Bb?client=latest';
    const link = buildImportLink('v2rayng', { url, name: 'x' });
    expect(READERS.v2rayng.read(link).url).toBe(url);
    // Decoding only once would leave it encoded: the double encoding is needed.
    expect(formDecode(link.split('url=')[1]!.split('#')[0]!)).not.toBe(url);
  });
});

describe('isImportLink', () => {
  it.each(['https://x.example', 'clashx://install-config?url=a', 'vmess://abc', 'javascript:alert(1)'])(
    'refuses %s',
    (link) => expect(isImportLink(link)).toBe(false),
  );
  it('refuses whitespace and control characters', () => {
    expect(isImportLink('clash://install-config?url=a b')).toBe(false);
    expect(isImportLink('happ://add/https://x\r\n')).toBe(false);
  });
});
