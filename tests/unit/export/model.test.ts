// The server model: share-link parsing and rendering for every protocol / transport / security
// combination, the panel's uri + fields merge, and the pseudo-server filter.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  collectServers,
  decodeBase64Text,
  fromPanelServer,
  parseShareLink,
  pseudoServerReason,
  toShareLink,
} from '../../../src/main/export/model';
import type { ServerModel } from '../../../src/main/export/model';
import { modelMatrix, seedServer, SEED_URI, UUID } from './fixtures';

function parsed(link: string): ServerModel {
  const result = parseShareLink(link);
  if (!result.ok) throw new Error(`did not parse: ${result.reason} (${link})`);
  return result.model;
}

describe('share-link round trip', () => {
  const models = modelMatrix();

  it('covers every protocol, transport and security', () => {
    const kinds = new Set(models.map((m) => m.protocol));
    expect([...kinds].sort()).toEqual(['hysteria2', 'shadowsocks', 'trojan', 'tuic', 'vless', 'vmess']);
    const combos = new Set(
      models.flatMap((m) =>
        'transport' in m ? [`${m.protocol}/${m.transport.type}/${m.security.type}`] : [],
      ),
    );
    // vless and trojan: 6 transports x 3 securities; vmess: 6 x 2 (no reality)
    expect(combos.size).toBe(6 * 3 * 2 + 6 * 2);
  });

  it.each(models.map((m) => [`${m.protocol} ${m.remark} @${m.host}`, m] as const))(
    'model -> link -> model is lossless: %s',
    (_name, model) => {
      const link = toShareLink(model);
      expect(parsed(link)).toEqual(model);
      // and the canonical link is a fixed point
      expect(toShareLink(parsed(link))).toBe(link);
    },
  );

  it('puts IPv6 hosts in brackets and reads them back bare', () => {
    const model = models.find((m) => m.host === '2001:db8::1' && m.protocol === 'vless');
    if (!model) throw new Error('fixture missing');
    expect(toShareLink(model)).toContain('@[2001:db8::1]:443');
  });
});

describe('uri -> model -> uri -> model, from links written by other tools', () => {
  // Parameter order, aliases and spellings as panels and other clients write them.
  const foreign = [
    SEED_URI,
    `vless://${UUID}@[2001:db8::3]:443?security=tls&type=ws&path=%2Fws%3Fed%3D2048&host=cdn.example.com&sni=a.example.com&fp=safari&alpn=h2&allowInsecure=true#WS%20%F0%9F%87%A9%F0%9F%87%AA`,
    `vless://${UUID}@h.example.com:443?type=grpc&serviceName=svc&mode=multi&security=reality&pbk=7xhH4b_VkliBxGulljcyPOH-bYUA2dl-XAdZAsfhk04&sid=ab&spx=%2F&fp=chrome&sni=x.com`,
    `vless://${UUID}@h.example.com:443?type=splithttp&path=%2Fsh&host=h.example.com&security=tls`,
    `vless://${UUID}@h.example.com:8080?type=httpupgrade&path=%2Fhu&encryption=none`,
    `vless://${UUID}@h.example.com:80?type=tcp&headerType=http&host=a.com%2Cb.com&path=%2Fp`,
    `vless://${UUID}@h.example.com:4000?type=kcp&headerType=srtp&seed=abc`,
    `trojan://p%40ss%3Aword@t.example.com:443?peer=t.example.com&type=ws&path=%2Ft#T`,
    `trojan://pw@t.example.com:443?security=reality&pbk=7xhH4b_VkliBxGulljcyPOH-bYUA2dl-XAdZAsfhk04&sid=01&sni=r.com&type=tcp`,
    `vmess://${UUID}@v.example.com:443?type=grpc&serviceName=g&encryption=aes-128-gcm&security=tls&sni=v.example.com#V`,
    `ss://${Buffer.from('chacha20-ietf-poly1305:pw').toString('base64')}@[2001:db8::4]:8388#SS`,
    'ss://2022-blake3-aes-256-gcm:a2V5%3D@s.example.com:8388/?plugin=#S2022',
    'hy2://a%3Ab@h.example.com:443?insecure=0&sni=h.example.com&alpn=h3#H',
    `tuic://${UUID}:pw@t.example.com:443?alpn=h3&congestion_control=bbr&udp_relay_mode=native&allow_insecure=1&sni=t.example.com#TU`,
  ];

  it.each(foreign)('%s', (uri) => {
    const first = parsed(uri);
    const again = parsed(toShareLink(first));
    expect(again).toEqual(first);
  });

  it('the order of query parameters does not matter', () => {
    const links = modelMatrix()
      .map(toShareLink)
      .filter((l) => l.includes('?'));
    fc.assert(
      fc.property(fc.constantFrom(...links), fc.infiniteStream(fc.nat()), (link, seeds) => {
        const [head, rest] = [link.slice(0, link.indexOf('?')), link.slice(link.indexOf('?') + 1)];
        const [query, frag] = rest.includes('#')
          ? [rest.slice(0, rest.indexOf('#')), rest.slice(rest.indexOf('#'))]
          : [rest, ''];
        const params = query.split('&');
        // Fisher-Yates with the generated seeds
        const it = seeds[Symbol.iterator]();
        for (let i = params.length - 1; i > 0; i -= 1) {
          const j = (it.next().value as number) % (i + 1);
          [params[i], params[j]] = [params[j]!, params[i]!];
        }
        expect(parsed(`${head}?${params.join('&')}${frag}`)).toEqual(parsed(link));
      }),
      { numRuns: 300 },
    );
  });
});

describe('parseShareLink: real-world inputs', () => {
  it("reads the API document's vless reality uri", () => {
    expect(parsed(SEED_URI)).toEqual({
      protocol: 'vless',
      remark: '🇺🇸 Test',
      host: 'google.com',
      port: 443,
      uuid: '4a6f9231-710e-5602-a410-c8a755cc3a2f',
      flow: 'xtls-rprx-vision',
      encryption: 'none',
      transport: { type: 'tcp', headerType: 'none', host: '', path: '' },
      security: {
        type: 'reality',
        sni: 'www.lovelive-anime.jp',
        fingerprint: 'chrome',
        publicKey: '7xhH4b_VkliBxGulljcyPOH-bYUA2dl-XAdZAsfhk04',
        shortId: '6ba85179e30d4fc2',
        spiderX: '',
      },
    });
    // uri -> model -> uri -> model
    expect(parsed(toShareLink(parsed(SEED_URI)))).toEqual(parsed(SEED_URI));
  });

  it('reads vmess in both the v2rayN base64 JSON form and the Xray URL form, to the same model', () => {
    const json = {
      v: '2',
      ps: 'JP 01',
      add: 'jp.example.com',
      port: 443,
      id: UUID,
      aid: '0',
      scy: 'auto',
      net: 'ws',
      type: 'none',
      host: 'cdn.example.com',
      path: '/v',
      tls: 'tls',
      sni: 'jp.example.com',
      alpn: 'h2,http/1.1',
      fp: 'chrome',
    };
    const b64 = `vmess://${Buffer.from(JSON.stringify(json)).toString('base64')}`;
    const url = `vmess://${UUID}@jp.example.com:443?type=ws&encryption=auto&security=tls&sni=jp.example.com&alpn=h2%2Chttp%2F1.1&fp=chrome&host=cdn.example.com&path=%2Fv#JP%2001`;
    expect(parsed(b64)).toEqual(parsed(url));
    expect(parsed(b64)).toMatchObject({
      protocol: 'vmess',
      port: 443,
      cipher: 'auto',
      transport: { type: 'ws', path: '/v' },
    });
    // canonical output is the JSON form, and it reads back the same
    expect(toShareLink(parsed(url))).toMatch(/^vmess:\/\/[A-Za-z0-9+/=]+$/);
    expect(parsed(toShareLink(parsed(url)))).toEqual(parsed(url));
  });

  it('reads vmess base64 without padding and in url-safe alphabet', () => {
    const json = JSON.stringify({ v: 2, ps: '~?>', add: '1.2.3.4', port: '80', id: UUID, net: 'tcp' });
    const urlSafe = `vmess://${Buffer.from(json).toString('base64url')}`;
    expect(parsed(urlSafe)).toMatchObject({
      remark: '~?>',
      host: '1.2.3.4',
      port: 80,
      security: { type: 'none' },
    });
  });

  it('reads shadowsocks SIP002 (base64, base64url), SIP022 plain userinfo and the legacy form', () => {
    const std = Buffer.from('aes-256-gcm:a/b+c?d').toString('base64');
    expect(parsed(`ss://${std}@1.2.3.4:8388#std`)).toMatchObject({
      method: 'aes-256-gcm',
      password: 'a/b+c?d',
    });
    const urlsafe = Buffer.from('aes-256-gcm:a/b+c?d').toString('base64url');
    expect(parsed(`ss://${urlsafe}@1.2.3.4:8388/?plugin=v2ray-plugin%3Bmode%3Dwebsocket#u`)).toMatchObject({
      password: 'a/b+c?d',
      plugin: 'v2ray-plugin;mode=websocket',
    });
    expect(parsed('ss://2022-blake3-aes-256-gcm:YWJj%2BZGVm%3D@[2001:db8::2]:443#x')).toMatchObject({
      method: '2022-blake3-aes-256-gcm',
      password: 'YWJj+ZGVm=',
      host: '2001:db8::2',
    });
    const legacy = Buffer.from('chacha20-ietf-poly1305:p@ss@5.6.7.8:1234').toString('base64');
    expect(parsed(`ss://${legacy}#legacy`)).toMatchObject({
      host: '5.6.7.8',
      port: 1234,
      password: 'p@ss',
      remark: 'legacy',
    });
  });

  it('writes 2022 ciphers as plain userinfo and the others as base64url', () => {
    const ss2022 = parsed('ss://2022-blake3-aes-128-gcm:abc%2Bdef%3D@h.example.com:1#y');
    expect(toShareLink(ss2022)).toBe('ss://2022-blake3-aes-128-gcm:abc%2Bdef%3D@h.example.com:1#y');
    const aead = parsed(`ss://${Buffer.from('aes-128-gcm:pw').toString('base64')}@h.example.com:1`);
    expect(toShareLink(aead)).toBe(
      `ss://${Buffer.from('aes-128-gcm:pw').toString('base64url')}@h.example.com:1`,
    );
  });

  it('reads hysteria2 and hy2 links, and tuic', () => {
    const hy = parsed(
      'hy2://secret@h.example.com:8443/?sni=s.example.com&insecure=1&obfs=salamander&obfs-password=o#H',
    );
    expect(hy).toEqual(
      parsed(
        'hysteria2://secret@h.example.com:8443?sni=s.example.com&insecure=1&obfs=salamander&obfs-password=o#H',
      ),
    );
    expect(hy).toMatchObject({
      protocol: 'hysteria2',
      tls: { sni: 's.example.com', allowInsecure: true },
      obfs: { password: 'o' },
    });
    const tuic = parsed(
      `tuic://${UUID}:pw@[::1]:443?congestion_control=cubic&udp_relay_mode=quic&alpn=h3&allowInsecure=1#T`,
    );
    expect(tuic).toMatchObject({
      protocol: 'tuic',
      host: '::1',
      uuid: UUID,
      password: 'pw',
      congestionControl: 'cubic',
      udpRelayMode: 'quic',
    });
  });

  it('treats splithttp as xhttp, raw as tcp and trojan without security as tls', () => {
    expect(parsed(`vless://${UUID}@h:1?type=splithttp&path=%2Fs`)).toMatchObject({
      transport: { type: 'xhttp', path: '/s' },
    });
    expect(parsed(`vless://${UUID}@h:1?type=raw`)).toMatchObject({ transport: { type: 'tcp' } });
    expect(parsed('trojan://pw@h:443?sni=x#t')).toMatchObject({ security: { type: 'tls', sni: 'x' } });
  });

  it.each([
    ['garbage', 'not a share link'],
    ['vless://h.example.com:443', 'user id'],
    [`vless://${UUID}@h.example.com`, 'no port'],
    [`vless://${UUID}@h.example.com:70000`, 'port'],
    [`vless://${UUID}@h.example.com:443?type=h2`, 'unsupported transport'],
    [`vless://${UUID}@h.example.com:443?security=reality`, 'public key'],
    ['hysteria2://pw@h.example.com:443,5000-6000', 'port'],
    ['wireguard://x@h:1', 'unsupported link type'],
    ['vmess://bm90IGpzb24=', 'not JSON'],
  ])('refuses %s with a reason', (link, reason) => {
    const result = parseShareLink(link);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });
});

describe('fromPanelServer', () => {
  it("reads the API document's server from its uri, with the panel remark", () => {
    const result = fromPanelServer(seedServer());
    expect(result).toEqual({ ok: true, model: parsed(SEED_URI) });
  });

  it('builds the same model from the fields alone when the uri is missing or broken', () => {
    const fromUri = parsed(SEED_URI);
    expect(fromPanelServer(seedServer({ uri: '' }))).toEqual({ ok: true, model: fromUri });
    expect(fromPanelServer(seedServer({ uri: 'vless://broken' }))).toEqual({ ok: true, model: fromUri });
  });

  it('fills what the uri leaves out from the fields, and keeps what the uri says', () => {
    const uri = `vless://${UUID}@google.com:443?type=tcp&security=reality&pbk=7xhH4b_VkliBxGulljcyPOH-bYUA2dl-XAdZAsfhk04#x`;
    const result = fromPanelServer(
      seedServer({ uri, fields: { ...seedServer().fields, password: 'other-id' } }),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.model).toMatchObject({
      uuid: UUID, // from the uri
      flow: 'xtls-rprx-vision', // from the fields
      remark: '🇺🇸 Test',
      security: {
        type: 'reality',
        sni: 'www.lovelive-anime.jp',
        fingerprint: 'chrome',
        shortId: '6ba85179e30d4fc2',
      },
    });
  });

  it('builds vmess/trojan/ss models from fields of each kind', () => {
    const vmess = fromPanelServer({
      type: 'vmess',
      remark: 'V',
      address: 'v.example.com',
      port: 443,
      network: 'ws',
      security: 'tls',
      uri: '',
      fields: {
        password: UUID,
        path: '/ws',
        host: 'cdn.example.com',
        sni: 'v.example.com',
        allowinsecure: 1,
        alterid: '0',
      },
    });
    expect(vmess).toMatchObject({
      ok: true,
      model: {
        protocol: 'vmess',
        cipher: 'auto',
        transport: { type: 'ws', path: '/ws', host: 'cdn.example.com' },
        security: { type: 'tls', allowInsecure: true },
      },
    });
    const ss = fromPanelServer({
      type: 'shadowsocks',
      remark: 'S',
      address: '2001:db8::5',
      port: 8388,
      network: 'tcp',
      security: 'none',
      uri: '',
      fields: { password: 'k', cipher: '2022-blake3-aes-128-gcm' },
    });
    expect(ss).toMatchObject({
      ok: true,
      model: { protocol: 'shadowsocks', method: '2022-blake3-aes-128-gcm', host: '2001:db8::5' },
    });
    expect(fromPanelServer({ ...seedServer(), uri: '', type: 'wireguard' })).toMatchObject({ ok: false });
  });

  it('builds hysteria2 and tuic models from fields', () => {
    const base = { remark: 'Q', address: 'q.example.com', port: 443, network: '', security: 'tls', uri: '' };
    expect(
      fromPanelServer({
        ...base,
        type: 'hysteria2',
        fields: { password: 'pw', sni: 'q.example.com', obfs: 'salamander', 'obfs-password': 'ob' },
      }),
    ).toMatchObject({
      ok: true,
      model: {
        protocol: 'hysteria2',
        password: 'pw',
        obfs: { password: 'ob' },
        tls: { sni: 'q.example.com' },
      },
    });
    expect(
      fromPanelServer({ ...base, type: 'tuic', fields: { uuid: UUID, password: 'pw', alpn: 'h3' } }),
    ).toMatchObject({
      ok: true,
      model: {
        protocol: 'tuic',
        uuid: UUID,
        password: 'pw',
        tls: { alpn: ['h3'] },
        congestionControl: 'bbr',
      },
    });
    expect(fromPanelServer({ ...base, type: 'tuic', fields: { password: UUID } })).toMatchObject({
      ok: true,
      model: { uuid: UUID, password: UUID },
    });
  });
});

describe('pseudo-servers', () => {
  it.each([
    'Total: 150G Used: 3G',
    'Expire: 2026-01-01',
    'Expire 2026-01-01',
    'Expires in 5 days',
    'Total 150 GB, used 3.2 GB',
    'Days left: 12',
    'Remaining traffic 12 GB',
    'Traffic: 10GB / 100GB',
    '剩余流量：97.5 GB',
    '过期时间：2026-01-01',
    '套餐到期：长期有效',
    'حجم باقی مانده: 20GB',
    'تاریخ انقضا: ۱۴۰۵/۰۱/۰۱',
  ])('drops "%s"', (remark) => {
    expect(pseudoServerReason({ remark, address: 'example.com' })).not.toBeNull();
  });

  it.each([
    '🇺🇸 Test',
    'Germany 01',
    'Total Speed 1 Gbps node',
    'Usedom DE',
    'HK Traffic-Optimized',
    'Tokyo | reality',
    '香港 01',
    'آلمان ۱',
  ])('keeps the real server "%s"', (remark) => {
    expect(pseudoServerReason({ remark, address: 'example.com' })).toBeNull();
  });

  it('collectServers returns the models and says what it dropped and why', () => {
    const servers = [
      seedServer(),
      seedServer({ remark: 'Expire: 2026-01-01', uri: '' }),
      seedServer({ remark: 'placeholder', address: '127.0.0.1', uri: '' }),
      seedServer({ remark: 'unreadable', uri: 'vless://nope', type: 'socks' }),
    ];
    const { models, dropped } = collectServers(servers);
    expect(models).toHaveLength(1);
    expect(dropped.map((d) => d.remark)).toEqual(['Expire: 2026-01-01', 'placeholder', 'unreadable']);
    expect(dropped[0]?.reason).toContain('plan info');
    expect(dropped[2]?.reason).toContain('cannot read');
  });
});

describe('property: odd remarks and IPv6 hosts survive the round trip', () => {
  const oddPiece = fc.constantFrom(
    '🇺🇸',
    '👨‍👩‍👧',
    ' ',
    '  ',
    '#',
    '%',
    '%20',
    '&',
    '?',
    '=',
    '+',
    '/',
    '@',
    ':',
    '[',
    ']',
    'مرحبا',
    'שלום',
    '\u200f',
    '日本',
    '中文节点',
    '한국',
    'Ünïcödé',
    '\\',
    '"',
    "'",
  );
  const remark = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 20 }),
    fc.string({ unit: oddPiece, maxLength: 12 }),
  );
  const models = modelMatrix();
  const pick = fc.integer({ min: 0, max: models.length - 1 });

  it('keeps a remark that is the replacement character itself, in every protocol', () => {
    for (const base of models) {
      const model = { ...base, remark: 'node \uFFFD 1' } as ServerModel;
      expect(parsed(toShareLink(model))).toEqual(model);
    }
  });

  it('takes base64 whose bytes are not UTF-8 for something else', () => {
    expect(decodeBase64Text(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]).toString('base64'))).toBeNull();
    expect(decodeBase64Text(Buffer.from('{"ps":"\uFFFD"}').toString('base64'))).toBe('{"ps":"\uFFFD"}');
  });

  it('keeps any remark exactly, in every protocol', () => {
    fc.assert(
      fc.property(pick, remark, (index, text) => {
        const model = { ...models[index]!, remark: text } as ServerModel;
        expect(parsed(toShareLink(model))).toEqual(model);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps any IPv6 host, in every protocol', () => {
    fc.assert(
      fc.property(pick, fc.ipV6(), remark, (index, host, text) => {
        const model = { ...models[index]!, host, remark: text } as ServerModel;
        const link = toShareLink(model);
        if (model.protocol !== 'vmess') expect(link).toContain(`[${host}]:`);
        expect(parsed(link)).toEqual(model);
      }),
      { numRuns: 500 },
    );
  });
});
