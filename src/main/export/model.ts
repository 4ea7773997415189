// The server model every export format is rendered from, and the share-link codec around it.
// A panel's `uri` is parsed first (it is the panel's own rendering, the most reliable source);
// the panel's JSON fields fill what the link leaves out, or stand in when the link is broken.
// Share links follow the Xray share-link proposal for vless/trojan, SIP002 / SIP022 for
// shadowsocks, the official hysteria2 URI and the de-facto tuic URI. vmess is written in the
// v2rayN base64 JSON form (see toShareLink) and read in both forms.

import type { PanelServer } from '../../shared/domain';

export type Protocol = 'vless' | 'vmess' | 'trojan' | 'shadowsocks' | 'hysteria2' | 'tuic';

/** tcp is Xray's "raw"; headerType 'http' is the HTTP/1.1 header obfuscation of tcp. */
export interface TcpTransport {
  type: 'tcp';
  headerType: 'none' | 'http';
  /** Comma-separated, as in share links; only for headerType 'http'. */
  host: string;
  path: string;
}
export interface WsTransport {
  type: 'ws';
  path: string;
  host: string;
}
export interface GrpcTransport {
  type: 'grpc';
  serviceName: string;
  multiMode: boolean;
}
export interface HttpUpgradeTransport {
  type: 'httpupgrade';
  path: string;
  host: string;
}
/** xhttp, formerly splithttp. */
export interface XhttpTransport {
  type: 'xhttp';
  path: string;
  host: string;
  /** auto | packet-up | stream-up | stream-one */
  mode: string;
}
export interface KcpTransport {
  type: 'kcp';
  headerType: string;
  seed: string;
}
export type Transport =
  TcpTransport | WsTransport | GrpcTransport | HttpUpgradeTransport | XhttpTransport | KcpTransport;
export type TransportType = Transport['type'];

export interface NoSecurity {
  type: 'none';
}
export interface TlsSecurity {
  type: 'tls';
  sni: string;
  alpn: string[];
  fingerprint: string;
  allowInsecure: boolean;
}
export interface RealitySecurity {
  type: 'reality';
  sni: string;
  fingerprint: string;
  publicKey: string;
  shortId: string;
  spiderX: string;
}
export type Security = NoSecurity | TlsSecurity | RealitySecurity;

interface ModelBase {
  remark: string;
  /** Bare host: a name, an IPv4 address, or an IPv6 address without brackets. */
  host: string;
  port: number;
}
export interface VlessModel extends ModelBase {
  protocol: 'vless';
  uuid: string;
  flow: string;
  encryption: string;
  transport: Transport;
  security: Security;
}
export interface VmessModel extends ModelBase {
  protocol: 'vmess';
  uuid: string;
  alterId: number;
  cipher: string;
  transport: Transport;
  security: NoSecurity | TlsSecurity;
}
export interface TrojanModel extends ModelBase {
  protocol: 'trojan';
  password: string;
  transport: Transport;
  security: Security;
}
export interface ShadowsocksModel extends ModelBase {
  protocol: 'shadowsocks';
  method: string;
  password: string;
  /** SIP003 plugin string ("obfs-local;obfs=http"), '' when none. */
  plugin: string;
}
export interface Hysteria2Model extends ModelBase {
  protocol: 'hysteria2';
  password: string;
  tls: TlsSecurity;
  obfs: { type: 'salamander'; password: string } | null;
}
export interface TuicModel extends ModelBase {
  protocol: 'tuic';
  uuid: string;
  password: string;
  tls: TlsSecurity;
  congestionControl: string;
  udpRelayMode: string;
}
export type ServerModel =
  VlessModel | VmessModel | TrojanModel | ShadowsocksModel | Hysteria2Model | TuicModel;

export type ParseResult = { ok: true; model: ServerModel } | { ok: false; reason: string };

/** A server left out, with the sentence the user sees. */
export interface SkipNote {
  remark: string;
  reason: string;
}

const failed = (reason: string): ParseResult => ({ ok: false, reason });

// ---------------------------------------------------------------------------------------------
// Small helpers

function decodePart(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw; // a stray '%' in a remark is text, not an error
  }
}

export function decodeBase64Text(raw: string): string | null {
  const cleaned = raw.replace(/\s+/g, '').replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  if (cleaned === '' || !/^[A-Za-z0-9+/]+$/.test(cleaned) || cleaned.length % 4 === 1) return null;
  const text = Buffer.from(cleaned, 'base64').toString('utf8');
  return text.includes('\uFFFD') ? null : text;
}

const base64Url = (text: string): string => Buffer.from(wellFormed(text), 'utf8').toString('base64url');

/** Lone surrogates (seen in panel JSON) would make encodeURIComponent throw. */
function wellFormed(text: string): string {
  return text.replace(/\p{Cs}/gu, '\uFFFD');
}
const enc = (text: string): string => encodeURIComponent(wellFormed(text));

/** `host` ready for a URL authority: IPv6 gets its brackets. */
export function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

const TRUE_WORDS = new Set(['1', 'true', 'yes', 'on']);
function truthy(value: string | number | boolean | null | undefined): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  return typeof value === 'string' && TRUE_WORDS.has(value.trim().toLowerCase());
}

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

function parsePort(raw: string): number | null {
  if (!/^\d{1,5}$/.test(raw)) return null;
  const port = Number(raw);
  return port >= 1 && port <= 65535 ? port : null;
}

interface SplitLink {
  scheme: string;
  userinfo: string | null;
  host: string;
  port: number;
  query: Map<string, string>;
  fragment: string;
}

/**
 * Splits scheme://userinfo@host:port/path?query#fragment by hand: WHATWG URL treats these
 * schemes as opaque, turns '+' into spaces in queries and chokes on some userinfo.
 */
function splitLink(link: string): SplitLink | string {
  const schemeEnd = link.indexOf('://');
  if (schemeEnd <= 0) return 'not a link (no scheme://)';
  const scheme = link.slice(0, schemeEnd).toLowerCase();
  let rest = link.slice(schemeEnd + 3);
  let fragment = '';
  const hashAt = rest.indexOf('#');
  if (hashAt >= 0) {
    fragment = decodePart(rest.slice(hashAt + 1));
    rest = rest.slice(0, hashAt);
  }
  const query = new Map<string, string>();
  const queryAt = rest.indexOf('?');
  if (queryAt >= 0) {
    for (const pair of rest.slice(queryAt + 1).split('&')) {
      if (pair === '') continue;
      const eq = pair.indexOf('=');
      const key = decodePart(eq >= 0 ? pair.slice(0, eq) : pair).toLowerCase();
      const value = eq >= 0 ? decodePart(pair.slice(eq + 1)) : '';
      if (!query.has(key)) query.set(key, value);
    }
    rest = rest.slice(0, queryAt);
  }
  const at = rest.lastIndexOf('@');
  const userinfo = at >= 0 ? rest.slice(0, at) : null;
  let hostPort = at >= 0 ? rest.slice(at + 1) : rest;
  const slash = hostPort.indexOf('/');
  if (slash >= 0) hostPort = hostPort.slice(0, slash);

  let host: string;
  let portText: string;
  if (hostPort.startsWith('[')) {
    const close = hostPort.indexOf(']');
    if (close < 0 || hostPort[close + 1] !== ':') return 'the address has no port';
    host = hostPort.slice(1, close);
    portText = hostPort.slice(close + 2);
  } else {
    const colon = hostPort.lastIndexOf(':');
    if (colon < 0) return 'the address has no port';
    host = hostPort.slice(0, colon);
    portText = hostPort.slice(colon + 1);
  }
  host = decodePart(host);
  if (host === '') return 'the address is empty';
  const port = parsePort(portText);
  if (port === null) return `the port "${portText}" is not a single port between 1 and 65535`;
  return { scheme, userinfo, host, port, query, fragment };
}

// ---------------------------------------------------------------------------------------------
// Transport and security from share-link parameters (Xray share-link names)

type Params = Map<string, string>;
const param = (q: Params, ...keys: string[]): string => {
  for (const key of keys) {
    const value = q.get(key.toLowerCase());
    if (value !== undefined && value !== '') return value;
  }
  return '';
};

function normalizeNetwork(raw: string): TransportType | string {
  const net = raw.trim().toLowerCase();
  if (net === '' || net === 'tcp' || net === 'raw') return 'tcp';
  if (net === 'ws' || net === 'websocket') return 'ws';
  if (net === 'grpc' || net === 'gun') return 'grpc';
  if (net === 'httpupgrade') return 'httpupgrade';
  if (net === 'xhttp' || net === 'splithttp') return 'xhttp';
  if (net === 'kcp' || net === 'mkcp') return 'kcp';
  return `unsupported transport "${raw}"`;
}
const TRANSPORTS = new Set<string>(['tcp', 'ws', 'grpc', 'httpupgrade', 'xhttp', 'kcp']);
const isTransportType = (value: string): value is TransportType => TRANSPORTS.has(value);

interface TransportInput {
  network: string;
  headerType: string;
  host: string;
  path: string;
  serviceName: string;
  mode: string;
  seed: string;
}

function buildTransport(input: TransportInput): Transport | string {
  const net = normalizeNetwork(input.network);
  if (!isTransportType(net)) return net;
  const path = input.path === '' ? '/' : input.path;
  switch (net) {
    case 'tcp': {
      const http = input.headerType.toLowerCase() === 'http';
      return http
        ? { type: 'tcp', headerType: 'http', host: input.host, path }
        : { type: 'tcp', headerType: 'none', host: '', path: '' };
    }
    case 'ws':
      return { type: 'ws', path, host: input.host };
    case 'httpupgrade':
      return { type: 'httpupgrade', path, host: input.host };
    case 'xhttp':
      return { type: 'xhttp', path, host: input.host, mode: input.mode === '' ? 'auto' : input.mode };
    case 'grpc':
      return {
        type: 'grpc',
        serviceName: input.serviceName !== '' ? input.serviceName : input.path,
        multiMode: input.mode.toLowerCase() === 'multi',
      };
    case 'kcp':
      return {
        type: 'kcp',
        headerType: input.headerType === '' ? 'none' : input.headerType,
        seed: input.seed,
      };
  }
}

function transportFromQuery(q: Params): Transport | string {
  return buildTransport({
    network: param(q, 'type', 'net', 'network'),
    headerType: param(q, 'headerType'),
    host: param(q, 'host'),
    path: param(q, 'path'),
    serviceName: param(q, 'serviceName'),
    mode: param(q, 'mode'),
    seed: param(q, 'seed'),
  });
}

interface SecurityInput {
  security: string;
  sni: string;
  alpn: string;
  fingerprint: string;
  allowInsecure: boolean;
  publicKey: string;
  shortId: string;
  spiderX: string;
}

function buildSecurity(input: SecurityInput, fallback: 'none' | 'tls'): Security | string {
  const kind = input.security.trim().toLowerCase() || fallback;
  if (kind === 'none') return { type: 'none' };
  if (kind === 'tls' || kind === 'xtls') {
    return {
      type: 'tls',
      sni: input.sni,
      alpn: splitList(input.alpn),
      fingerprint: input.fingerprint,
      allowInsecure: input.allowInsecure,
    };
  }
  if (kind === 'reality') {
    if (input.publicKey === '') return 'reality without a public key';
    return {
      type: 'reality',
      sni: input.sni,
      fingerprint: input.fingerprint,
      publicKey: input.publicKey,
      shortId: input.shortId,
      spiderX: input.spiderX,
    };
  }
  return `unsupported security "${input.security}"`;
}

function securityFromQuery(q: Params, fallback: 'none' | 'tls'): Security | string {
  return buildSecurity(
    {
      security: param(q, 'security'),
      sni: param(q, 'sni', 'peer', 'serverName'),
      alpn: param(q, 'alpn'),
      fingerprint: param(q, 'fp', 'fingerprint'),
      allowInsecure: truthy(param(q, 'allowInsecure', 'insecure', 'allow_insecure')),
      publicKey: param(q, 'pbk', 'publicKey'),
      shortId: param(q, 'sid', 'shortId'),
      spiderX: param(q, 'spx', 'spiderX'),
    },
    fallback,
  );
}

function tlsOnly(security: Security): NoSecurity | TlsSecurity | string {
  return security.type === 'reality' ? 'vmess cannot use reality' : security;
}

// ---------------------------------------------------------------------------------------------
// Parsers per scheme

function parseVless(parts: SplitLink): ParseResult {
  const uuid = decodePart(parts.userinfo ?? '');
  if (uuid === '') return failed('vless link without a user id');
  const transport = transportFromQuery(parts.query);
  if (typeof transport === 'string') return failed(transport);
  const security = securityFromQuery(parts.query, 'none');
  if (typeof security === 'string') return failed(security);
  return {
    ok: true,
    model: {
      protocol: 'vless',
      remark: parts.fragment,
      host: parts.host,
      port: parts.port,
      uuid,
      flow: param(parts.query, 'flow'),
      encryption: param(parts.query, 'encryption') || 'none',
      transport,
      security,
    },
  };
}

function parseVmessUrl(parts: SplitLink): ParseResult {
  const uuid = decodePart(parts.userinfo ?? '');
  if (uuid === '') return failed('vmess link without a user id');
  const transport = transportFromQuery(parts.query);
  if (typeof transport === 'string') return failed(transport);
  const security = securityFromQuery(parts.query, 'none');
  if (typeof security === 'string') return failed(security);
  const tls = tlsOnly(security);
  if (typeof tls === 'string') return failed(tls);
  return {
    ok: true,
    model: {
      protocol: 'vmess',
      remark: parts.fragment,
      host: parts.host,
      port: parts.port,
      uuid,
      alterId: Number(param(parts.query, 'alterId', 'aid')) || 0,
      cipher: param(parts.query, 'encryption', 'scy') || 'auto',
      transport,
      security: tls,
    },
  };
}

type JsonValue = string | number | boolean | null | undefined | object;
function jsonText(value: JsonValue): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

/** v2rayN's form: vmess://base64({"v":"2","ps":...,"add":...,"port":...,"id":...}). */
function parseVmessJson(body: string): ParseResult {
  const text = decodeBase64Text(body);
  if (text === null) return failed('vmess link is neither a URL nor base64 JSON');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return failed('vmess link: the base64 part is not JSON');
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return failed('vmess link: JSON is not an object');
  const j = raw as Record<string, JsonValue>;
  // The remark keeps its spaces; every other value is trimmed.
  const get = (key: string): string => (key === 'ps' ? jsonText(j[key]) : jsonText(j[key]).trim());
  const host = get('add').replace(/^\[|\]$/g, '');
  const port = parsePort(get('port'));
  const uuid = get('id');
  if (host === '') return failed('vmess link without an address');
  if (port === null) return failed(`vmess link: the port "${get('port')}" is not valid`);
  if (uuid === '') return failed('vmess link without a user id');
  const net = get('net');
  const type = get('type');
  const transport = buildTransport({
    network: net,
    // `type` is the header type for tcp/kcp, the mode for grpc and xhttp
    headerType: type,
    host: get('host'),
    path: get('path'),
    serviceName: '',
    mode: type,
    seed: normalizeNetwork(net) === 'kcp' ? get('path') : '',
  });
  if (typeof transport === 'string') return failed(transport);
  const security = buildSecurity(
    {
      security: get('tls') === '' ? 'none' : get('tls'),
      sni: get('sni'),
      alpn: get('alpn'),
      fingerprint: get('fp'),
      allowInsecure: truthy(get('allowInsecure')) || truthy(get('insecure')),
      publicKey: get('pbk'),
      shortId: get('sid'),
      spiderX: get('spx'),
    },
    'none',
  );
  if (typeof security === 'string') return failed(security);
  const tls = tlsOnly(security);
  if (typeof tls === 'string') return failed(tls);
  return {
    ok: true,
    model: {
      protocol: 'vmess',
      remark: get('ps'),
      host,
      port,
      uuid,
      alterId: Number(get('aid')) || 0,
      cipher: get('scy') || 'auto',
      transport,
      security: tls,
    },
  };
}

function parseTrojan(parts: SplitLink): ParseResult {
  const password = decodePart(parts.userinfo ?? '');
  if (password === '') return failed('trojan link without a password');
  const transport = transportFromQuery(parts.query);
  if (typeof transport === 'string') return failed(transport);
  // Trojan is TLS by design: a link without `security` means tls.
  const security = securityFromQuery(parts.query, 'tls');
  if (typeof security === 'string') return failed(security);
  return {
    ok: true,
    model: {
      protocol: 'trojan',
      remark: parts.fragment,
      host: parts.host,
      port: parts.port,
      password,
      transport,
      security,
    },
  };
}

function splitMethodPassword(text: string): { method: string; password: string } | null {
  const colon = text.indexOf(':');
  if (colon <= 0) return null;
  return { method: text.slice(0, colon).toLowerCase(), password: text.slice(colon + 1) };
}

function parseShadowsocks(link: string, parts: SplitLink | string): ParseResult {
  if (typeof parts !== 'string' && parts.userinfo !== null) {
    const decoded = decodePart(parts.userinfo);
    // SIP022 userinfo is plain "method:password"; SIP002 is base64(url) of it (never has ':').
    const creds = splitMethodPassword(decoded.includes(':') ? decoded : (decodeBase64Text(decoded) ?? ''));
    if (creds === null || creds.password === '')
      return failed('shadowsocks link: cannot read method and password');
    return {
      ok: true,
      model: {
        protocol: 'shadowsocks',
        remark: parts.fragment,
        host: parts.host,
        port: parts.port,
        method: creds.method,
        password: creds.password,
        plugin: param(parts.query, 'plugin'),
      },
    };
  }
  // Legacy: ss://base64(method:password@host:port)#remark
  let body = link.slice(link.indexOf('://') + 3);
  let remark = '';
  const hashAt = body.indexOf('#');
  if (hashAt >= 0) {
    remark = decodePart(body.slice(hashAt + 1));
    body = body.slice(0, hashAt);
  }
  const queryAt = body.indexOf('?');
  if (queryAt >= 0) body = body.slice(0, queryAt);
  const decoded = decodeBase64Text(body.replace(/\/$/, ''));
  if (decoded === null) return failed('shadowsocks link: neither SIP002 nor legacy base64');
  const at = decoded.lastIndexOf('@');
  if (at < 0) return failed('shadowsocks link: legacy form without an address');
  const creds = splitMethodPassword(decoded.slice(0, at));
  const inner = splitLink(`ss://${decoded.slice(at + 1)}`);
  if (creds === null || creds.password === '')
    return failed('shadowsocks link: cannot read method and password');
  if (typeof inner === 'string') return failed(`shadowsocks link: ${inner}`);
  return {
    ok: true,
    model: {
      protocol: 'shadowsocks',
      remark,
      host: inner.host,
      port: inner.port,
      method: creds.method,
      password: creds.password,
      plugin: '',
    },
  };
}

function tlsFromQuery(q: Params, defaultAlpn: string[]): TlsSecurity {
  const alpn = splitList(param(q, 'alpn'));
  return {
    type: 'tls',
    sni: param(q, 'sni', 'peer'),
    alpn: alpn.length > 0 ? alpn : defaultAlpn,
    fingerprint: param(q, 'fp'),
    allowInsecure: truthy(param(q, 'insecure', 'allowInsecure', 'allow_insecure')),
  };
}

function parseHysteria2(parts: SplitLink): ParseResult {
  const password = decodePart(parts.userinfo ?? '');
  if (password === '') return failed('hysteria2 link without a password');
  const obfsType = param(parts.query, 'obfs').toLowerCase();
  if (obfsType !== '' && obfsType !== 'none' && obfsType !== 'salamander')
    return failed(`hysteria2 obfs "${obfsType}" is not supported`);
  return {
    ok: true,
    model: {
      protocol: 'hysteria2',
      remark: parts.fragment,
      host: parts.host,
      port: parts.port,
      password,
      tls: tlsFromQuery(parts.query, []),
      obfs:
        obfsType === 'salamander'
          ? { type: 'salamander', password: param(parts.query, 'obfs-password') }
          : null,
    },
  };
}

function parseTuic(parts: SplitLink): ParseResult {
  const info = parts.userinfo ?? '';
  const colon = info.indexOf(':');
  const uuid = decodePart(colon >= 0 ? info.slice(0, colon) : info);
  const password = colon >= 0 ? decodePart(info.slice(colon + 1)) : '';
  if (uuid === '') return failed('tuic link without a user id');
  return {
    ok: true,
    model: {
      protocol: 'tuic',
      remark: parts.fragment,
      host: parts.host,
      port: parts.port,
      uuid,
      password,
      tls: tlsFromQuery(parts.query, []),
      congestionControl: param(parts.query, 'congestion_control', 'congestion') || 'bbr',
      udpRelayMode: param(parts.query, 'udp_relay_mode') || 'native',
    },
  };
}

/** Parses one share link. Never throws: a link that cannot be read comes back with a reason. */
export function parseShareLink(uri: string): ParseResult {
  const link = uri.trim();
  const schemeEnd = link.indexOf('://');
  if (schemeEnd <= 0) return failed('not a share link');
  const scheme = link.slice(0, schemeEnd).toLowerCase();
  if (scheme === 'vmess') {
    const body = link.slice(schemeEnd + 3);
    const beforeFragment = body.split('#')[0] ?? '';
    if (/^[A-Za-z0-9+/=_\-\s]+$/.test(beforeFragment)) return parseVmessJson(beforeFragment);
    const parts = splitLink(link);
    return typeof parts === 'string' ? failed(`vmess link: ${parts}`) : parseVmessUrl(parts);
  }
  const parts = splitLink(link);
  if (scheme === 'ss') return parseShadowsocks(link, parts);
  if (typeof parts === 'string') return failed(`${scheme} link: ${parts}`);
  switch (scheme) {
    case 'vless':
      return parseVless(parts);
    case 'trojan':
      return parseTrojan(parts);
    case 'hysteria2':
    case 'hy2':
      return parseHysteria2(parts);
    case 'tuic':
      return parseTuic(parts);
    default:
      return failed(`unsupported link type "${scheme}"`);
  }
}

// ---------------------------------------------------------------------------------------------
// Rendering

type QueryPairs = [string, string][];
function renderQuery(pairs: QueryPairs): string {
  const kept = pairs.filter(([, value]) => value !== '');
  return kept.length === 0 ? '' : `?${kept.map(([k, v]) => `${k}=${enc(v)}`).join('&')}`;
}
const fragment = (remark: string): string => (remark === '' ? '' : `#${enc(remark)}`);

function transportPairs(transport: Transport): QueryPairs {
  switch (transport.type) {
    case 'tcp':
      return transport.headerType === 'http'
        ? [
            ['type', 'tcp'],
            ['headerType', 'http'],
            ['host', transport.host],
            ['path', transport.path],
          ]
        : [['type', 'tcp']];
    case 'ws':
    case 'httpupgrade':
      return [
        ['type', transport.type],
        ['host', transport.host],
        ['path', transport.path],
      ];
    case 'xhttp':
      return [
        ['type', 'xhttp'],
        ['host', transport.host],
        ['path', transport.path],
        ['mode', transport.mode],
      ];
    case 'grpc':
      return [
        ['type', 'grpc'],
        ['serviceName', transport.serviceName],
        ['mode', transport.multiMode ? 'multi' : 'gun'],
      ];
    case 'kcp':
      return [
        ['type', 'kcp'],
        ['headerType', transport.headerType],
        ['seed', transport.seed],
      ];
  }
}

function securityPairs(security: Security): QueryPairs {
  switch (security.type) {
    case 'none':
      return [['security', 'none']];
    case 'tls':
      return [
        ['security', 'tls'],
        ['sni', security.sni],
        ['alpn', security.alpn.join(',')],
        ['fp', security.fingerprint],
        ['allowInsecure', security.allowInsecure ? '1' : ''],
      ];
    case 'reality':
      return [
        ['security', 'reality'],
        ['sni', security.sni],
        ['fp', security.fingerprint],
        ['pbk', security.publicKey],
        ['sid', security.shortId],
        ['spx', security.spiderX],
      ];
  }
}

const SS_PLAIN_USERINFO = /^2022-blake3-/;

function vmessJsonTransport(t: Transport): [type: string, host: string, path: string] {
  switch (t.type) {
    case 'tcp':
      return [t.headerType, t.host, t.path];
    case 'ws':
    case 'httpupgrade':
      return ['none', t.host, t.path];
    case 'xhttp':
      return [t.mode, t.host, t.path];
    case 'grpc':
      return [t.multiMode ? 'multi' : 'gun', '', t.serviceName];
    case 'kcp':
      return [t.headerType, '', t.seed];
  }
}

/** vmess as v2rayN's base64 JSON; `type` carries header type (tcp/kcp) or mode (grpc/xhttp). */
function renderVmessJson(model: VmessModel): string {
  const t = model.transport;
  const [type, host, path] = vmessJsonTransport(t);
  const s = model.security;
  const json: Record<string, string> = {
    v: '2',
    ps: model.remark,
    add: model.host,
    port: String(model.port),
    id: model.uuid,
    aid: String(model.alterId),
    scy: model.cipher,
    net: t.type,
    type,
    host,
    path,
    tls: s.type === 'tls' ? 'tls' : '',
    sni: s.type === 'tls' ? s.sni : '',
    alpn: s.type === 'tls' ? s.alpn.join(',') : '',
    fp: s.type === 'tls' ? s.fingerprint : '',
  };
  // Not in v2rayN's schema (it ignores unknown keys); kept so our own round trip loses nothing.
  if (s.type === 'tls' && s.allowInsecure) json.allowInsecure = '1';
  return `vmess://${Buffer.from(wellFormed(JSON.stringify(json)), 'utf8').toString('base64')}`;
}

/**
 * The canonical share link of a model.
 * vmess is written as v2rayN's base64 JSON: every v2rayN release, v2rayNG, Hiddify, NekoBox and
 * Shadowrocket import it, while the Xray URL form of vmess is read by fewer clients (older
 * v2rayN builds and several mobile clients reject it). parseShareLink reads both forms.
 */
export function toShareLink(model: ServerModel): string {
  const authority = `${hostForUrl(model.host)}:${model.port}`;
  switch (model.protocol) {
    case 'vless':
      return `vless://${enc(model.uuid)}@${authority}${renderQuery([
        ...transportPairs(model.transport).slice(0, 1),
        ['encryption', model.encryption],
        ...securityPairs(model.security),
        ['flow', model.flow],
        ...transportPairs(model.transport).slice(1),
      ])}${fragment(model.remark)}`;
    case 'vmess':
      return renderVmessJson(model);
    case 'trojan':
      return `trojan://${enc(model.password)}@${authority}${renderQuery([
        ...transportPairs(model.transport).slice(0, 1),
        ...securityPairs(model.security),
        ...transportPairs(model.transport).slice(1),
      ])}${fragment(model.remark)}`;
    case 'shadowsocks': {
      const userinfo = SS_PLAIN_USERINFO.test(model.method)
        ? `${enc(model.method)}:${enc(model.password)}`
        : base64Url(`${model.method}:${model.password}`);
      const query = model.plugin === '' ? '' : `/${renderQuery([['plugin', model.plugin]])}`;
      return `ss://${userinfo}@${authority}${query}${fragment(model.remark)}`;
    }
    case 'hysteria2':
      return `hysteria2://${enc(model.password)}@${authority}/${renderQuery([
        ['sni', model.tls.sni],
        ['insecure', model.tls.allowInsecure ? '1' : ''],
        ['alpn', model.tls.alpn.join(',')],
        ['fp', model.tls.fingerprint],
        ['obfs', model.obfs ? 'salamander' : ''],
        ['obfs-password', model.obfs ? model.obfs.password : ''],
      ])}${fragment(model.remark)}`;
    case 'tuic':
      return `tuic://${enc(model.uuid)}:${enc(model.password)}@${authority}${renderQuery([
        ['congestion_control', model.congestionControl],
        ['udp_relay_mode', model.udpRelayMode],
        ['sni', model.tls.sni],
        ['alpn', model.tls.alpn.join(',')],
        ['fp', model.tls.fingerprint],
        ['allow_insecure', model.tls.allowInsecure ? '1' : ''],
      ])}${fragment(model.remark)}`;
  }
}

// ---------------------------------------------------------------------------------------------
// Panel servers: uri first, JSON fields fill the gaps

type FieldValue = string | number | boolean | null;

function fieldReader(server: PanelServer): (...keys: string[]) => FieldValue | undefined {
  const lower = new Map<string, FieldValue>();
  for (const [key, value] of Object.entries(server.fields)) lower.set(key.toLowerCase(), value);
  return (...keys) => {
    for (const key of keys) {
      const value = lower.get(key.toLowerCase());
      if (value !== undefined && value !== null && value !== '') return value;
    }
    return undefined;
  };
}

const asText = (value: FieldValue | undefined): string =>
  value === undefined || value === null ? '' : String(value).trim();

function normalizeProtocol(type: string): Protocol | null {
  const t = type.trim().toLowerCase();
  if (t === 'vless' || t === 'vmess' || t === 'trojan' || t === 'tuic') return t;
  if (t === 'shadowsocks' || t === 'ss') return 'shadowsocks';
  if (t === 'hysteria2' || t === 'hy2') return 'hysteria2';
  return null;
}

/** Builds a model from the panel's JSON fields alone (used when the uri is missing or broken). */
export function modelFromFields(server: PanelServer): ParseResult {
  const protocol = normalizeProtocol(server.type);
  if (protocol === null) return failed(`unsupported server type "${server.type}"`);
  const f = fieldReader(server);
  const host = server.address.trim().replace(/^\[|\]$/g, '');
  if (host === '') return failed('the server has no address');
  const port = typeof server.port === 'number' && Number.isInteger(server.port) ? server.port : NaN;
  if (!(port >= 1 && port <= 65535)) return failed(`the port "${String(server.port)}" is not valid`);
  const remark = server.remark.trim();
  const secret = asText(f('password', 'uuid', 'id', 'passwd'));
  if (secret === '') return failed('the server has no password or user id');
  const tlsInput: SecurityInput = {
    security: server.security,
    sni: asText(f('sni', 'servername', 'peer')),
    alpn: asText(f('alpn')),
    fingerprint: asText(f('fingerprint', 'fp')),
    allowInsecure: truthy(f('allowinsecure', 'allow_insecure', 'insecure')),
    publicKey: asText(f('publickey', 'pbk')),
    shortId: asText(f('shortid', 'sid')),
    spiderX: asText(f('spiderx', 'spx')),
  };
  const transportInput: TransportInput = {
    network: server.network,
    headerType: asText(f('header', 'headertype')),
    host: asText(f('host')),
    path: asText(f('path')),
    serviceName: asText(f('servicename', 'service_name')),
    mode: asText(f('mode')),
    seed: asText(f('seed')),
  };
  const base = { remark, host, port };

  if (protocol === 'shadowsocks') {
    const method = asText(f('method', 'cipher', 'encryption')).toLowerCase();
    if (method === '') return failed('the shadowsocks server has no cipher');
    return { ok: true, model: { protocol, ...base, method, password: secret, plugin: asText(f('plugin')) } };
  }
  if (protocol === 'hysteria2' || protocol === 'tuic') {
    const alpn = splitList(tlsInput.alpn);
    const tls: TlsSecurity = {
      type: 'tls',
      sni: tlsInput.sni,
      alpn,
      fingerprint: tlsInput.fingerprint,
      allowInsecure: tlsInput.allowInsecure,
    };
    if (protocol === 'hysteria2') {
      const obfs = asText(f('obfs')).toLowerCase();
      return {
        ok: true,
        model: {
          protocol,
          ...base,
          password: secret,
          tls,
          obfs:
            obfs === 'salamander'
              ? { type: 'salamander', password: asText(f('obfs-password', 'obfspassword', 'obfs_password')) }
              : null,
        },
      };
    }
    return {
      ok: true,
      model: {
        protocol,
        ...base,
        uuid: asText(f('uuid', 'id')) || secret,
        // Panels that give one secret use it as both uuid and password (as their nodes do).
        password: asText(f('uuid', 'id')) !== '' ? asText(f('password')) || secret : secret,
        tls,
        congestionControl: asText(f('congestion_control', 'congestion', 'congestioncontrol')) || 'bbr',
        udpRelayMode: asText(f('udp_relay_mode', 'udprelaymode')) || 'native',
      },
    };
  }

  const transport = buildTransport(transportInput);
  if (typeof transport === 'string') return failed(transport);
  const security = buildSecurity(tlsInput, protocol === 'trojan' ? 'tls' : 'none');
  if (typeof security === 'string') return failed(security);
  if (protocol === 'vless') {
    return {
      ok: true,
      model: {
        protocol,
        ...base,
        uuid: secret,
        flow: asText(f('flow')),
        encryption: asText(f('encryption')) || 'none',
        transport,
        security,
      },
    };
  }
  if (protocol === 'trojan')
    return { ok: true, model: { protocol, ...base, password: secret, transport, security } };
  const tls = tlsOnly(security);
  if (typeof tls === 'string') return failed(tls);
  return {
    ok: true,
    model: {
      protocol,
      ...base,
      uuid: secret,
      alterId: Number(asText(f('alterid', 'aid', 'alter_id'))) || 0,
      cipher: asText(f('cipher', 'scy')) || 'auto',
      transport,
      security: tls,
    },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Keeps every value of `primary`; takes `backup`'s where primary has '' or an empty list. */
function fillGaps(primary: unknown, backup: unknown): unknown {
  if (isRecord(primary) && isRecord(backup)) {
    // Different variants (tls vs reality, ws vs grpc): the uri's choice stands whole.
    if ('type' in primary && primary.type !== backup.type) return primary;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(primary)) out[key] = fillGaps(value, backup[key]);
    return out;
  }
  if (primary === '' && typeof backup === 'string') return backup;
  if (Array.isArray(primary) && primary.length === 0 && Array.isArray(backup)) return backup;
  if (primary === null && backup !== undefined) return backup;
  return primary;
}

/** A panel server as a model: the uri when it parses, the JSON fields filling its gaps. */
export function fromPanelServer(server: PanelServer): ParseResult {
  const fromFields = modelFromFields(server);
  const uri = typeof server.uri === 'string' ? server.uri.trim() : '';
  const fromUri = uri === '' ? failed('the server has no uri') : parseShareLink(uri);
  const remark = server.remark.trim();
  if (fromUri.ok) {
    let model = fromUri.model;
    if (fromFields.ok && fromFields.model.protocol === model.protocol) {
      model = fillGaps(model, fromFields.model) as ServerModel;
    }
    return { ok: true, model: remark === '' ? model : { ...model, remark } };
  }
  if (fromFields.ok) return fromFields;
  return failed(`${fromUri.reason}; from the panel's fields: ${fromFields.reason}`);
}

// ---------------------------------------------------------------------------------------------
// Pseudo-servers: panels list plan info (traffic left, expiry) as fake servers in sublinks.

const PSEUDO_PATTERNS: { pattern: RegExp; reason: string }[] = [
  {
    pattern: /\b(total|used|traffic|upload|download|expires?|expiry|expiration|expired|reset)\s*[:：=]/i,
    reason: 'plan info',
  },
  { pattern: /\bremaining\b|\bdays? left\b|\btraffic left\b/i, reason: 'plan info' },
  // Without a colon: "Expire 2026-01-01", "Expires in 5 days", "Total 150 GB"
  { pattern: /\bexpir\w*\b.*\d{4}[-/.]\d{1,2}|\bexpires?\s+in\b/i, reason: 'plan info' },
  { pattern: /\b(total|used)\b.*\d\s*(b|[kmgtp]i?b?)\b/i, reason: 'plan info' },
  { pattern: /剩余|流量|过期|到期|套餐|有效期|重置/, reason: 'plan info' },
  { pattern: /حجم|ترافیک|انقضا|باقی\s*‌?مانده|باقیمانده|اعتبار|روز\s+مانده/, reason: 'plan info' },
];
const PLACEHOLDER_HOSTS = new Set(['127.0.0.1', '0.0.0.0', 'localhost', '::1', '::']);

/** Why a panel entry is not a real server, or null when it is one. */
export function pseudoServerReason(server: Pick<PanelServer, 'remark' | 'address'>): string | null {
  for (const { pattern, reason } of PSEUDO_PATTERNS) {
    if (pattern.test(server.remark)) return `${reason} shown as a server entry, not a server`;
  }
  const address = server.address
    .trim()
    .replace(/^\[|\]$/g, '')
    .toLowerCase();
  if (PLACEHOLDER_HOSTS.has(address)) return 'placeholder address, not a reachable server';
  return null;
}

export interface CollectedServers {
  models: ServerModel[];
  dropped: SkipNote[];
}

/** Models for every real server; pseudo-servers and unreadable entries are dropped with a reason. */
export function collectServers(servers: readonly PanelServer[]): CollectedServers {
  const models: ServerModel[] = [];
  const dropped: SkipNote[] = [];
  for (const server of servers) {
    const pseudo = pseudoServerReason(server);
    if (pseudo !== null) {
      dropped.push({ remark: server.remark, reason: pseudo });
      continue;
    }
    const parsed = fromPanelServer(server);
    if (parsed.ok) models.push(parsed.model);
    else dropped.push({ remark: server.remark, reason: `cannot read this server: ${parsed.reason}` });
  }
  return { models, dropped };
}
