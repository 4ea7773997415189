// One client-config entry -> the export model, the part Clash proxies and sing-box outbounds share:
// reasons in the format's own words, type names only from the format's table, transport and TLS
// options mapped once; and a property: one server written as a Clash proxy and as a sing-box
// outbound reads as the same model.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  fromEntry,
  securityOf,
  transportOf,
  type EntryFormat,
} from '../../../../src/main/sources/subscription/entry';
import { fromClashProxy, fromSingboxOutbound } from '../../../../src/main/sources/subscription';

const TLS = { sni: 's.example.com', alpn: ['h2', 'h3'], fingerprint: 'chrome', allowInsecure: false };

/** A format of its own words, to see which words come from the format. */
const NODE: EntryFormat = {
  noun: 'node',
  protocols: new Map([
    ['v', 'vless'],
    ['vm', 'vmess'],
    ['t', 'trojan'],
    ['s', 'shadowsocks'],
    ['h', 'hysteria2'],
    ['u', 'tuic'],
  ]),
  keys: {
    name: 'label',
    port: 'p',
    encryption: [],
    alterId: ['aid'],
    vmessCipher: ['scy'],
    method: ['algo'],
    hysteria2Password: ['secret'],
    congestionControl: ['cc'],
    udpRelayMode: ['relay'],
  },
  tuicWithoutUuid: ' (and no token either)',
  transport: (e) =>
    e.net === 'bad' ? 'the bad transport is not supported' : transportOf('ws', { path: '/n' }),
  security: (e, protocol) => ({
    ...TLS,
    security: protocol === 'trojan' || e.reality === true ? (e.reality === true ? 'reality' : 'tls') : 'none',
    publicKey: typeof e.pbk === 'string' ? e.pbk : '',
    shortId: '',
  }),
  quicTls: () => TLS,
  shadowsocksPlugin: (e) => (e.plugin === undefined ? '' : null),
  hysteria2Obfs: (e) => ({ type: typeof e.obfs === 'string' ? e.obfs : '', password: 'op' }),
};

const at = { server: 'n.example.com', p: 443, label: ' A  B ' };

describe('one entry, in its format’s words', () => {
  it('says the format’s noun and field names in every reason', () => {
    expect(fromEntry({ type: 'v', p: 1 }, NODE)).toEqual({ ok: false, reason: 'the node has no server' });
    expect(fromEntry({ type: 'v', server: 'x', port: 443 }, NODE)).toEqual({
      ok: false,
      reason: 'the port "" is not valid',
    });
    expect(fromEntry({ ...at, type: 'v' }, NODE)).toEqual({ ok: false, reason: 'vless node without a uuid' });
    expect(fromEntry({ ...at, type: 's', password: 'x' }, NODE)).toEqual({
      ok: false,
      reason: 'shadowsocks node without a algo or password',
    });
    expect(fromEntry({ ...at, type: 'u' }, NODE)).toEqual({
      ok: false,
      reason: 'tuic node without a uuid (and no token either)',
    });
    expect(fromEntry({ ...at, type: 'vless' }, NODE)).toEqual({
      ok: false,
      reason: 'the node type "vless" is not supported',
    });
  });

  it('knows a type only from the format’s table, never from an object’s own names', () => {
    for (const type of ['constructor', 'toString', '__proto__', 'hasOwnProperty'])
      expect(fromEntry({ ...at, type, uuid: 'u', password: 'p' }, NODE)).toEqual({
        ok: false,
        reason: `the node type "${type.toLowerCase()}" is not supported`,
      });
  });

  it('reads each protocol’s fields under the format’s keys', () => {
    expect(fromEntry({ ...at, type: 'VM', uuid: 'u', aid: '2', scy: 'aes-128-gcm' }, NODE)).toEqual({
      ok: true,
      model: {
        protocol: 'vmess',
        remark: 'A  B',
        host: 'n.example.com',
        port: 443,
        uuid: 'u',
        alterId: 2,
        cipher: 'aes-128-gcm',
        transport: { type: 'ws', path: '/n', host: '' },
        security: { type: 'none' },
      },
    });
    expect(fromEntry({ ...at, type: 'h', secret: 'pw', obfs: 'SALAMANDER' }, NODE)).toMatchObject({
      ok: true,
      model: { protocol: 'hysteria2', password: 'pw', obfs: { type: 'salamander', password: 'op' } },
    });
    expect(fromEntry({ ...at, type: 'u', uuid: 'u', cc: 'cubic' }, NODE)).toMatchObject({
      ok: true,
      model: { protocol: 'tuic', congestionControl: 'cubic', udpRelayMode: 'native', tls: { type: 'tls' } },
    });
  });

  it('hands the protocol to the format’s security, and stops at the first part that fails', () => {
    expect(fromEntry({ ...at, type: 't', password: 'p' }, NODE)).toMatchObject({
      ok: true,
      model: { security: { type: 'tls', sni: 's.example.com', alpn: ['h2', 'h3'] } },
    });
    expect(fromEntry({ ...at, type: 't', password: 'p', net: 'bad', reality: true }, NODE)).toEqual({
      ok: false,
      reason: 'the bad transport is not supported',
    });
    expect(fromEntry({ ...at, type: 'v', uuid: 'u', reality: true }, NODE)).toEqual({
      ok: false,
      reason: 'reality without a public key',
    });
    expect(fromEntry({ ...at, type: 'vm', uuid: 'u', reality: true, pbk: 'K' }, NODE)).toEqual({
      ok: false,
      reason: 'vmess cannot use reality',
    });
    expect(
      fromEntry({ ...at, type: 's', algo: 'AES-256-GCM', password: 'p', plugin: 'v2ray' }, NODE),
    ).toEqual({ ok: false, reason: 'the shadowsocks plugin "v2ray" is not supported' });
    expect(fromEntry({ ...at, type: 'h', secret: 'p', obfs: 'gost' }, NODE)).toEqual({
      ok: false,
      reason: 'hysteria2 obfs "gost" is not supported',
    });
  });
});

describe('transport and TLS options', () => {
  it('a transport takes the options given and leaves the others empty', () => {
    expect(transportOf('tcp')).toEqual({ type: 'tcp', headerType: 'none', host: '', path: '' });
    expect(transportOf('ws', { host: 'h' })).toEqual({ type: 'ws', path: '/', host: 'h' });
    expect(transportOf('grpc', { serviceName: 'svc', mode: 'multi' })).toEqual({
      type: 'grpc',
      serviceName: 'svc',
      multiMode: true,
    });
    expect(transportOf('h2')).toBe('unsupported transport "h2"');
  });

  it('security keeps Reality’s key and TLS’s options, and nothing of TLS when it is off', () => {
    const fields = { ...TLS, allowInsecure: true, publicKey: 'K', shortId: 'ab' };
    expect(securityOf({ ...fields, security: 'none' })).toEqual({ type: 'none' });
    expect(securityOf({ ...fields, security: 'tls' })).toEqual({ type: 'tls', ...TLS, allowInsecure: true });
    expect(securityOf({ ...fields, security: 'reality' })).toEqual({
      type: 'reality',
      sni: 's.example.com',
      fingerprint: 'chrome',
      publicKey: 'K',
      shortId: 'ab',
      spiderX: '',
    });
  });
});

describe('one server, as a Clash proxy and as a sing-box outbound (property)', () => {
  const word = fc.stringMatching(/^[a-z0-9][a-z0-9.-]{0,11}$/);
  const tls = fc.record({
    sni: fc.option(word, { nil: undefined }),
    alpn: fc.subarray(['h2', 'h3', 'http/1.1']),
    fingerprint: fc.option(fc.constantFrom('chrome', 'firefox'), { nil: undefined }),
    insecure: fc.boolean(),
  });
  const transport = fc.oneof(
    fc.constant({ type: 'tcp' as const }),
    fc.record({ type: fc.constant('ws' as const), path: fc.constantFrom('/', '/ws'), host: word }),
    fc.record({ type: fc.constant('grpc' as const), service: word }),
  );
  const server = fc.record({
    protocol: fc.constantFrom('vless', 'vmess', 'trojan', 'shadowsocks', 'hysteria2', 'tuic'),
    name: word,
    host: word,
    port: fc.integer({ min: 1, max: 65535 }),
    secret: word,
    method: fc.constantFrom('aes-256-gcm', '2022-blake3-aes-128-gcm'),
    transport,
    tls,
    tlsOn: fc.boolean(),
    obfs: fc.option(word, { nil: undefined }),
  });
  type Server = typeof server extends fc.Arbitrary<infer S> ? S : never;

  const asClash = (s: Server): Record<string, unknown> => ({
    name: s.name,
    type: s.protocol,
    server: s.host,
    port: s.port,
    uuid: s.secret,
    password: s.secret,
    cipher: s.protocol === 'shadowsocks' ? s.method : undefined,
    // A Clash trojan proxy is TLS without saying so; a sing-box one says it.
    tls: s.tlsOn || s.protocol === 'trojan',
    servername: s.tls.sni,
    sni: s.tls.sni,
    alpn: s.tls.alpn,
    'client-fingerprint': s.tls.fingerprint,
    'skip-cert-verify': s.tls.insecure,
    ...(s.obfs !== undefined ? { obfs: 'salamander', 'obfs-password': s.obfs } : {}),
    network: s.transport.type,
    ...(s.transport.type === 'ws'
      ? { 'ws-opts': { path: s.transport.path, headers: { Host: s.transport.host } } }
      : {}),
    ...(s.transport.type === 'grpc' ? { 'grpc-opts': { 'grpc-service-name': s.transport.service } } : {}),
  });
  const asSingbox = (s: Server): Record<string, unknown> => ({
    tag: s.name,
    type: s.protocol,
    server: s.host,
    server_port: s.port,
    uuid: s.secret,
    password: s.secret,
    method: s.method,
    tls: {
      enabled: s.tlsOn || s.protocol === 'trojan',
      server_name: s.tls.sni,
      alpn: s.tls.alpn,
      insecure: s.tls.insecure,
      utls: { enabled: s.tls.fingerprint !== undefined, fingerprint: s.tls.fingerprint },
    },
    ...(s.obfs !== undefined ? { obfs: { type: 'salamander', password: s.obfs } } : {}),
    ...(s.transport.type === 'ws'
      ? { transport: { type: 'ws', path: s.transport.path, headers: { Host: s.transport.host } } }
      : {}),
    ...(s.transport.type === 'grpc'
      ? { transport: { type: 'grpc', service_name: s.transport.service } }
      : {}),
  });

  it('reads as the same model from either format', () => {
    fc.assert(
      fc.property(server, (s) => {
        const clash = fromClashProxy(asClash(s));
        expect(clash.ok).toBe(true);
        expect(fromSingboxOutbound(asSingbox(s))).toEqual(clash);
      }),
      { numRuns: 300 },
    );
  });
});
