// Share links in: one parser per scheme, each a link -> ServerModel or a reason. The links follow
// the Xray share-link proposal for vless/trojan (and the Xray URL form of vmess), v2rayN's base64
// JSON for vmess, SIP002 / SIP022 for shadowsocks, the official hysteria2 URI and the de-facto
// tuic URI. Nothing here throws: a link that cannot be read comes back with a reason.

import { failed, parsed, type ParseResult, type Security, type TlsSecurity, type Transport } from './types';
import { decodeBase64Text, decodePart, normalizeHost, parsePort, splitList, truthy } from './text';
import { buildSecurity, buildTransport, normalizeNetwork, tlsOnly } from './options';

const NOT_A_HOST = 'the address is not a host name or an IP address';

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
  const decoded = decodePart(host);
  if (decoded === '') return 'the address is empty';
  const checked = normalizeHost(decoded);
  if (checked === null) return NOT_A_HOST;
  const port = parsePort(portText);
  if (port === null) return `the port "${portText}" is not a single port between 1 and 65535`;
  return { scheme, userinfo, host: checked, port, query, fragment };
}

type Params = Map<string, string>;
const param = (q: Params, ...keys: string[]): string => {
  for (const key of keys) {
    const value = q.get(key.toLowerCase());
    if (value !== undefined && value !== '') return value;
  }
  return '';
};

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

/** Where a link points and what it is called, as every scheme's model carries it. */
const place = (parts: SplitLink) => ({ remark: parts.fragment, host: parts.host, port: parts.port });

/**
 * What the URL forms of vless, vmess and trojan share: a credential in the userinfo and Xray's
 * parameters for transport and security (`fallback` when the link names no security).
 */
function credentialLink(
  parts: SplitLink,
  missing: string,
  fallback: 'none' | 'tls',
): { secret: string; transport: Transport; security: Security } | string {
  const secret = decodePart(parts.userinfo ?? '');
  if (secret === '') return missing;
  const transport = transportFromQuery(parts.query);
  if (typeof transport === 'string') return transport;
  const security = securityFromQuery(parts.query, fallback);
  if (typeof security === 'string') return security;
  return { secret, transport, security };
}

function parseVless(parts: SplitLink): ParseResult {
  const link = credentialLink(parts, 'vless link without a user id', 'none');
  if (typeof link === 'string') return failed(link);
  const { secret: uuid, transport, security } = link;
  const flow = param(parts.query, 'flow');
  const encryption = param(parts.query, 'encryption') || 'none';
  return parsed({ protocol: 'vless', ...place(parts), uuid, flow, encryption, transport, security });
}

function parseVmessUrl(parts: SplitLink): ParseResult {
  const link = credentialLink(parts, 'vmess link without a user id', 'none');
  if (typeof link === 'string') return failed(link);
  const tls = tlsOnly(link.security);
  if (typeof tls === 'string') return failed(tls);
  return parsed({
    protocol: 'vmess',
    ...place(parts),
    uuid: link.secret,
    alterId: Number(param(parts.query, 'alterId', 'aid')) || 0,
    cipher: param(parts.query, 'encryption', 'scy') || 'auto',
    transport: link.transport,
    security: tls,
  });
}

function parseTrojan(parts: SplitLink): ParseResult {
  // Trojan is TLS by design: a link without `security` means tls.
  const link = credentialLink(parts, 'trojan link without a password', 'tls');
  if (typeof link === 'string') return failed(link);
  const { secret: password, transport, security } = link;
  return parsed({ protocol: 'trojan', ...place(parts), password, transport, security });
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
  const add = get('add');
  const host = normalizeHost(add);
  const port = parsePort(get('port'));
  const uuid = get('id');
  if (add === '') return failed('vmess link without an address');
  if (host === null) return failed(`vmess link: ${NOT_A_HOST}`);
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
  return parsed({
    protocol: 'vmess',
    remark: get('ps'),
    host,
    port,
    uuid,
    alterId: Number(get('aid')) || 0,
    cipher: get('scy') || 'auto',
    transport,
    security: tls,
  });
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
    return parsed({
      protocol: 'shadowsocks',
      remark: parts.fragment,
      host: parts.host,
      port: parts.port,
      method: creds.method,
      password: creds.password,
      plugin: param(parts.query, 'plugin'),
    });
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
  return parsed({
    protocol: 'shadowsocks',
    remark,
    host: inner.host,
    port: inner.port,
    method: creds.method,
    password: creds.password,
    plugin: '',
  });
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
  return parsed({
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
  });
}

function parseTuic(parts: SplitLink): ParseResult {
  const info = parts.userinfo ?? '';
  const colon = info.indexOf(':');
  const uuid = decodePart(colon >= 0 ? info.slice(0, colon) : info);
  const password = colon >= 0 ? decodePart(info.slice(colon + 1)) : '';
  if (uuid === '') return failed('tuic link without a user id');
  return parsed({
    protocol: 'tuic',
    remark: parts.fragment,
    host: parts.host,
    port: parts.port,
    uuid,
    password,
    tls: tlsFromQuery(parts.query, []),
    congestionControl: param(parts.query, 'congestion_control', 'congestion') || 'bbr',
    udpRelayMode: param(parts.query, 'udp_relay_mode') || 'native',
  });
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
