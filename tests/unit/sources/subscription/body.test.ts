// The body reader: every body shape and body convention of docs/subscription-headers.md, named after
// the panel or client that serves or reads it; the whole reading (headers + body); and a property
// test: any body gives servers and notes, never a throw.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { collectServers } from '../../../../src/main/export/model';
import {
  parseSize,
  readBody,
  readSubscription,
  SERVERS_HIDDEN,
  toPanelServer,
} from '../../../../src/main/sources/subscription';

const UUID = '5f8a2b7c-1d3e-4f50-9a6b-7c8d9e0f1a2b';
const VLESS_REALITY = `vless://${UUID}@de1.example.com:443?encryption=none&flow=xtls-rprx-vision&security=reality&sni=www.example.com&fp=chrome&pbk=7xhH4b_VkliBxGulljcyPOH-bYUA2dl-XAdZAsfhk04&sid=6ba85179&type=tcp#%F0%9F%87%A9%F0%9F%87%AA%20Germany`;
const TROJAN_WS =
  'trojan://secret-pw@nl1.example.com:443?security=tls&sni=nl1.example.com&type=ws&path=%2Fws&host=cdn.example.com#NL%20WS';
const SS = `ss://${Buffer.from('aes-256-gcm:ss-pass').toString('base64url')}@jp1.example.com:8388#Japan`;
const HY2 =
  'hysteria2://hy-pass@sg1.example.com:443?sni=sg1.example.com&obfs=salamander&obfs-password=ob#Singapore';
const LINKS = [VLESS_REALITY, TROJAN_WS, SS, HY2];
const pseudoLink = (label: string, host = '127.0.0.1') =>
  `vless://00000000-0000-0000-0000-000000000000@${host}:1?encryption=none&type=tcp#${encodeURIComponent(label)}`;
const GB = 1024 ** 3;

describe('body formats', () => {
  it('3x-ui (subEncrypt off): plain share links, one per line', () => {
    const r = readBody(`${LINKS.join('\n')}\n`);
    expect(r.format).toBe('links');
    expect(r.servers.map((s) => s.protocol)).toEqual(['vless', 'trojan', 'shadowsocks', 'hysteria2']);
    expect(r.notes).toEqual([]);
  });

  it('Xboard: base64 of links ended by \\r\\n', () => {
    const r = readBody(Buffer.from(LINKS.map((l) => `${l}\r\n`).join('')).toString('base64'));
    expect(r.format).toBe('base64-links');
    expect(r.servers).toHaveLength(4);
  });

  it('base64 URL-safe, unpadded, wrapped at 76 columns', () => {
    const encoded = Buffer.from(LINKS.join('\n')).toString('base64url');
    const wrapped = encoded.replace(/(.{76})/g, '$1\n');
    const r = readBody(wrapped);
    expect(r.format).toBe('base64-links');
    expect(r.servers.map((s) => s.remark)).toEqual(['🇩🇪 Germany', 'NL WS', 'Japan', 'Singapore']);
  });

  it('a byte-order mark before the body is ignored', () => {
    expect(readBody(`\uFEFF${LINKS.join('\n')}`).servers).toHaveLength(4);
  });

  it('Marzban / PasarGuard clash-meta: YAML proxies of every protocol', () => {
    const doc = {
      'mixed-port': 7890,
      proxies: [
        {
          name: 'DE Reality',
          type: 'vless',
          server: 'de1.example.com',
          port: 443,
          uuid: UUID,
          flow: 'xtls-rprx-vision',
          network: 'tcp',
          tls: true,
          servername: 'www.example.com',
          'client-fingerprint': 'chrome',
          'reality-opts': { 'public-key': 'PUBKEY', 'short-id': '6ba8' },
        },
        {
          name: 'VM WS',
          type: 'vmess',
          server: 'vm.example.com',
          port: '8443',
          uuid: UUID,
          alterId: 0,
          cipher: 'auto',
          tls: true,
          network: 'ws',
          'ws-opts': { path: '/vm', headers: { Host: 'cdn.example.com' } },
        },
        {
          name: 'TJ gRPC',
          type: 'trojan',
          server: 'tj.example.com',
          port: 443,
          password: 'tpw',
          sni: 'tj.example.com',
          network: 'grpc',
          'grpc-opts': { 'grpc-service-name': 'svc' },
        },
        {
          name: 'SS',
          type: 'ss',
          server: '2001:db8::1',
          port: 8388,
          cipher: 'chacha20-ietf-poly1305',
          password: 'p',
        },
        {
          name: 'SS obfs',
          type: 'ss',
          server: 'o.example.com',
          port: 80,
          cipher: 'aes-128-gcm',
          password: 'p',
          plugin: 'obfs',
          'plugin-opts': { mode: 'http', host: 'bing.com' },
        },
        {
          name: 'HY2',
          type: 'hysteria2',
          server: 'hy.example.com',
          port: 443,
          password: 'h',
          obfs: 'salamander',
          'obfs-password': 'o',
        },
        {
          name: 'TUIC',
          type: 'tuic',
          server: 'tu.example.com',
          port: 443,
          uuid: UUID,
          password: 't',
          alpn: ['h3'],
        },
        {
          name: 'Upgrade',
          type: 'vless',
          server: 'u.example.com',
          port: 443,
          uuid: UUID,
          network: 'ws',
          tls: true,
          'ws-opts': { path: '/u', 'v2ray-http-upgrade': true },
        },
        { name: 'WG', type: 'wireguard', server: 'wg.example.com', port: 51820 },
      ],
      'proxy-groups': [{ name: 'Proxy', type: 'select', proxies: ['DE Reality'] }],
    };
    const r = readBody(stringify(doc));
    expect(r.format).toBe('clash');
    expect(r.servers.map((s) => s.remark)).toEqual([
      'DE Reality',
      'VM WS',
      'TJ gRPC',
      'SS',
      'SS obfs',
      'HY2',
      'TUIC',
      'Upgrade',
    ]);
    const [vless, vmess, trojan, ss, obfs, hy2, tuic, upgrade] = r.servers;
    expect(vless).toMatchObject({
      security: { type: 'reality', publicKey: 'PUBKEY', shortId: '6ba8', sni: 'www.example.com' },
    });
    expect(vmess).toMatchObject({
      port: 8443,
      transport: { type: 'ws', path: '/vm', host: 'cdn.example.com' },
      security: { type: 'tls' },
    });
    expect(trojan).toMatchObject({
      transport: { type: 'grpc', serviceName: 'svc' },
      security: { type: 'tls', sni: 'tj.example.com' },
    });
    expect(ss).toMatchObject({ host: '2001:db8::1', method: 'chacha20-ietf-poly1305' });
    expect(obfs).toMatchObject({ plugin: 'obfs-local;obfs=http;obfs-host=bing.com' });
    expect(hy2).toMatchObject({ obfs: { type: 'salamander', password: 'o' } });
    expect(tuic).toMatchObject({ tls: { alpn: ['h3'] } });
    expect(upgrade).toMatchObject({ transport: { type: 'httpupgrade', path: '/u' } });
    expect(r.notes).toEqual([
      { remark: 'WG', reason: 'cannot read this server: the proxy type "wireguard" is not supported' },
    ]);
  });

  it('Marzban sing-box: outbounds, groups and built-ins passed over', () => {
    const doc = {
      outbounds: [
        { type: 'selector', tag: 'proxy', outbounds: ['A', 'B'] },
        {
          type: 'vless',
          tag: 'A',
          server: 'a.example.com',
          server_port: 443,
          uuid: UUID,
          flow: 'xtls-rprx-vision',
          tls: {
            enabled: true,
            server_name: 'www.example.com',
            utls: { enabled: true, fingerprint: 'chrome' },
            reality: { enabled: true, public_key: 'PK', short_id: 'ab' },
          },
        },
        {
          type: 'trojan',
          tag: 'B',
          server: 'b.example.com',
          server_port: 443,
          password: 'pw',
          tls: { enabled: true, server_name: 'b.example.com' },
          transport: { type: 'ws', path: '/b', headers: { Host: 'cdn.example.com' } },
        },
        {
          type: 'shadowsocks',
          tag: 'C',
          server: 'c.example.com',
          server_port: 8388,
          method: 'aes-256-gcm',
          password: 'p',
        },
        {
          type: 'tuic',
          tag: 'D',
          server: 'd.example.com',
          server_port: 443,
          uuid: UUID,
          password: 'x',
          congestion_control: 'cubic',
          tls: { enabled: true, alpn: ['h3'] },
        },
        { type: 'direct', tag: 'direct' },
        { type: 'dns', tag: 'dns-out' },
      ],
    };
    const r = readBody(JSON.stringify(doc, null, 2));
    expect(r.format).toBe('singbox');
    expect(r.servers.map((s) => s.remark)).toEqual(['A', 'B', 'C', 'D']);
    expect(r.servers[0]).toMatchObject({
      security: { type: 'reality', publicKey: 'PK', fingerprint: 'chrome' },
    });
    expect(r.servers[1]).toMatchObject({ transport: { type: 'ws', host: 'cdn.example.com', path: '/b' } });
    expect(r.servers[3]).toMatchObject({ congestionControl: 'cubic' });
    expect(r.notes).toEqual([]);
  });

  it('SSPanel sip008: a JSON array around one SIP008 document', () => {
    const doc = [
      {
        version: 1,
        servers: [
          { server: 's.example.com', server_port: 443, password: 'p', method: 'aes-256-gcm', remarks: 'S1' },
        ],
      },
    ];
    const r = readBody(JSON.stringify(doc));
    expect(r.format).toBe('sip008');
    expect(r.servers).toMatchObject([
      { protocol: 'shadowsocks', remark: 'S1', host: 's.example.com', port: 443 },
    ]);
  });

  it('Remnawave (HWID limit): an empty body is empty, not an error', () => {
    const r = readBody('');
    expect(r.format).toBe('empty');
    expect(r.servers).toEqual([]);
    expect(r.notes).toEqual([]);
  });

  it('Hiddify: a line linking another subscription is noted, not fetched', () => {
    const r = readBody(`${VLESS_REALITY}\nhttps://other.example.com/sub/xyz`);
    expect(r.servers).toHaveLength(1);
    expect(r.notes).toEqual([
      { remark: 'entry 2', reason: 'a link to another subscription inside this one; it is not followed' },
    ]);
  });

  it('an unreadable link is noted by its remark, never dropped silently', () => {
    const r = readBody(`${TROJAN_WS}\nwireguard://abc@w.example.com:51820#WG%20Node`);
    expect(r.notes).toEqual([
      { remark: 'WG Node', reason: 'cannot read this server: unsupported link type "wireguard"' },
    ]);
  });

  it('an HTML page is not a subscription', () => {
    const r = readBody('<html><body>Welcome</body></html>');
    expect(r.format).toBe('unknown');
    expect(r.servers).toEqual([]);
    expect(r.notes).toHaveLength(1);
  });
});

describe('meta lines in the body', () => {
  it('Happ: #key: value lines at the top of a plain body', () => {
    const body = [
      '#profile-title: base64:' + Buffer.from('Happ Title').toString('base64'),
      '#subscription-userinfo: upload=0; download=5; total=10; expire=0',
      '#support-url: https://help.example',
      VLESS_REALITY,
    ].join('\n');
    const r = readBody(body);
    expect(r.meta.get('profile-title')).toMatch(/^base64:/);
    expect(r.meta.get('subscription-userinfo')).toBe('upload=0; download=5; total=10; expire=0');
    expect(r.servers).toHaveLength(1);
  });

  it('Hiddify: meta lines inside a base64 body, // prefix too', () => {
    const inner = ['//profile-update-interval: 6', '#announce: hello', TROJAN_WS].join('\n');
    const r = readBody(Buffer.from(inner).toString('base64'));
    expect(r.format).toBe('base64-links');
    expect(r.meta.get('profile-update-interval')).toBe('6');
    expect(r.meta.get('announce')).toBe('hello');
  });

  it('Happ: a happ://routing line among the meta lines is neither a server nor the end of the meta', () => {
    const body = [
      '#profile-title: T',
      'happ://routing/onadd/e30=',
      '#subscription-userinfo: upload=0; download=3; total=9; expire=0',
      TROJAN_WS,
    ].join('\n');
    const r = readBody(body);
    expect(r.meta.get('subscription-userinfo')).toBe('upload=0; download=3; total=9; expire=0');
    expect(r.servers).toHaveLength(1);
    expect(r.notes).toEqual([]);
  });

  it('HiddifyPanel: "# name" comment lines between links are skipped', () => {
    const r = readBody(['# vless reality de1', VLESS_REALITY, '', '# trojan ws nl1', TROJAN_WS].join('\n'));
    expect(r.servers).toHaveLength(2);
    expect(r.notes).toEqual([]);
  });

  it('meta lines below the first server are not meta', () => {
    const r = readBody([TROJAN_WS, '#profile-title: late'].join('\n'));
    expect(r.meta.size).toBe(0);
  });

  it('headers win over body meta lines; body lines fill the gaps', () => {
    const body = [
      '#profile-title: From Body',
      '#subscription-userinfo: upload=0; download=1; total=2; expire=0',
      '#support-url: https://body.example',
      TROJAN_WS,
    ].join('\n');
    const r = readSubscription({
      headers: { 'profile-title': 'From Header' },
      body,
      url: 'https://x.example/s',
    });
    expect(r.metadata.title).toBe('From Header');
    expect(r.metadata.supportUrl).toBe('https://body.example/');
    expect(r.usageSource).toBe('body');
    expect(r.usage).toMatchObject({ kind: 'reading', usedBytes: 1, totalBytes: 2 });
  });
});

describe('pseudo-servers', () => {
  it('XMPlus: "Total: … Used: …" and "Expire: …" give usage, never servers', () => {
    const body = Buffer.from(
      [pseudoLink('Total: 150 GB Used: 3.5 GB'), pseudoLink('Expire: 2026-12-31 23:59'), TROJAN_WS].join(
        '\n',
      ),
    ).toString('base64');
    const r = readSubscription({ headers: {}, body, url: 'https://panel.example/link/tok?client=latest' });
    expect(r.servers.map((s) => s.remark)).toEqual(['NL WS']);
    expect(r.notes.map((n) => n.remark)).toEqual(['Total: 150 GB Used: 3.5 GB', 'Expire: 2026-12-31 23:59']);
    expect(r.usageSource).toBe('pseudo-servers');
    expect(r.usage).toMatchObject({
      kind: 'reading',
      totalBytes: 150 * GB,
      usedBytes: Math.round(3.5 * GB),
      expiresAt: Date.UTC(2026, 11, 31, 23, 59),
    });
  });

  it('Xboard: 剩余流量 / 套餐到期 / 距离下次重置剩余 on copies of a real server (real address)', () => {
    const body = Buffer.from(
      [
        pseudoLink('剩余流量：12.5 GB', 'nl1.example.com'),
        pseudoLink('距离下次重置剩余：5 天', 'nl1.example.com'),
        pseudoLink('套餐到期：2027-01-31', 'nl1.example.com'),
        pseudoLink('过滤掉3条线路', 'nl1.example.com'),
        TROJAN_WS,
      ].join('\r\n'),
    ).toString('base64');
    const r = readBody(body);
    expect(r.servers).toHaveLength(1);
    expect(r.notes).toHaveLength(4);
    expect(r.plan).toEqual({
      remainingBytes: Math.round(12.5 * GB),
      resetInDays: 5,
      expiresAt: Date.UTC(2027, 0, 31),
    });
  });

  it('Xboard: 套餐到期：长期有效 is "never expires"', () => {
    const r = readBody(pseudoLink('套餐到期：长期有效', 'a.example.com'));
    expect(r.plan.expiresAt).toBeNull();
    expect('expiresAt' in r.plan).toBe(true);
  });

  it('3x-ui show info: remarks of real servers carry traffic and time left; they stay servers', () => {
    const link = `vless://${UUID}@x.example.com:443?type=tcp&security=none#${encodeURIComponent('alice-5.20GB📊-12D,6H⏳')}`;
    const r = readBody(link);
    expect(r.servers).toHaveLength(1);
    expect(r.plan.remainingBytes).toBe(Math.round(5.2 * GB));
    expect(r.plan.daysLeft).toBeCloseTo(12.25, 5);
  });

  it('sizes are 1024-based and read in every spelling panels print', () => {
    expect(parseSize('150G')).toBe(150 * GB);
    expect(parseSize('150 GB')).toBe(150 * GB);
    expect(parseSize('12.34 GiB')).toBe(Math.round(12.34 * GB));
    expect(parseSize('800 MB')).toBe(800 * 1024 ** 2);
    expect(parseSize('1,5 TB')).toBe(1.5 * 1024 ** 4);
    expect(parseSize('lots')).toBeNull();
  });
});

describe('the whole reading', () => {
  it('Remnawave HWID limit: usage header kept, empty body, and the reason there are no servers', () => {
    const r = readSubscription({
      headers: {
        'subscription-userinfo': 'upload=0; download=10; total=100; expire=1798761600',
        'x-hwid-active': 'true',
      },
      body: '',
      url: 'https://sub.example.com/abc',
    });
    expect(r.usage).toMatchObject({ kind: 'reading', usedBytes: 10 });
    expect(r.servers).toEqual([]);
    expect(r.serversHidden).toBe(SERVERS_HIDDEN);
  });

  it('Remnawave: x-hwid-limit marks servers hidden even with only placeholder remarks and no usage', () => {
    const r = readSubscription({
      headers: { 'x-hwid-limit': 'true' },
      body: Buffer.from(pseudoLink('Device limit reached', '0.0.0.0')).toString('base64'),
      url: 'https://sub.example.com/abc',
    });
    expect(r.servers).toEqual([]);
    expect(r.serversHidden).toBe(SERVERS_HIDDEN);
  });

  it('servers are not "hidden" when the panel simply lists none and says nothing', () => {
    expect(readSubscription({ headers: {}, body: '', url: 'https://x.example/' }).serversHidden).toBeNull();
  });

  it('servers go into the export model: as panel servers they export to the same models', () => {
    const r = readBody(LINKS.join('\n'));
    const back = collectServers(r.servers.map(toPanelServer));
    expect(back.dropped).toEqual([]);
    expect(back.models).toEqual(r.servers);
  });
});

describe('any body (property)', () => {
  const piece = fc.oneof(
    fc.string(),
    fc.constantFrom(
      ...LINKS,
      pseudoLink('Total: 1 GB Used: 2 GB'),
      '#profile-title: x',
      'proxies:',
      '- {type: vless}',
      '{"outbounds":[',
      '://',
      'vmess://e30=',
    ),
  );
  const body = fc.oneof(
    fc.string(),
    fc.array(piece, { maxLength: 12 }).map((p) => p.join('\n')),
    fc.array(piece, { maxLength: 12 }).map((p) => Buffer.from(p.join('\n')).toString('base64')),
    fc.jsonValue().map((v) => JSON.stringify(v)),
    fc.jsonValue().map((v) => stringify({ proxies: [v, v] })),
  );

  it('gives servers and notes, never throws', () => {
    fc.assert(
      fc.property(body, (b) => {
        const r = readSubscription({ headers: {}, body: b, url: 'https://x.example/s' });
        expect(Array.isArray(r.servers)).toBe(true);
        expect(Array.isArray(r.notes)).toBe(true);
        for (const n of r.notes) expect(n.reason.length).toBeGreaterThan(0);
        for (const s of r.servers) expect(s.port).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 400 },
    );
  });
});
