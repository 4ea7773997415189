// Servers the simulated services carry, and their standard share links: the Xray share-link
// standard for vless / vmess / trojan, v2rayN's base64 JSON for one vmess server, SIP002 for
// shadowsocks, and the hysteria2 and tuic URI schemes.
import { createHash } from 'node:crypto';
import type { SimServer } from './types';

/** Brackets an IPv6 literal for use as a URI host. */
export function uriHost(address: string): string {
  return address.includes(':') && !address.startsWith('[') ? `[${address}]` : address;
}

function query(params: [string, string | undefined][]): string {
  return params
    .filter((p): p is [string, string] => p[1] !== undefined && p[1] !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&');
}

/** The query of an Xray-standard vless / vmess / trojan link. */
function xrayParams(s: SimServer): string {
  const tcpLike = s.network === 'tcp' || s.network === 'raw' || s.network === 'kcp';
  return query([
    ['encryption', s.type === 'trojan' ? undefined : s.encryption],
    ['headerType', tcpLike ? s.header || 'none' : undefined],
    ['type', s.network],
    ['security', s.security],
    ['sni', s.sni],
    ['fp', s.fingerprint],
    ['alpn', s.alpn],
    ['allowInsecure', s.allowinsecure ? '1' : undefined],
    ['pbk', s.publickey],
    ['sid', s.shortid],
    ['spx', s.spiderx],
    ['flow', s.flow],
    ['host', s.host],
    ['path', s.path],
    ['serviceName', s.servicename],
    ['mode', s.mode],
  ]);
}

function v2rayNLink(s: SimServer): string {
  const json = {
    v: '2',
    ps: s.remark,
    add: s.address,
    port: String(s.port),
    id: s.password,
    aid: '0',
    scy: s.encryption,
    net: s.network,
    type: s.header || 'none',
    host: s.host ?? '',
    path: s.path ?? '',
    tls: s.security === 'none' ? '' : s.security,
    sni: s.sni,
    fp: s.fingerprint,
  };
  return `vmess://${Buffer.from(JSON.stringify(json), 'utf8').toString('base64')}`;
}

/** SIP002: base64url userinfo for AEAD ciphers, percent-encoded plain userinfo for 2022 ciphers. */
function shadowsocksLink(s: SimServer): string {
  const method = s.method ?? s.encryption;
  const userinfo = method.startsWith('2022-')
    ? `${encodeURIComponent(method)}:${encodeURIComponent(s.password)}`
    : Buffer.from(`${method}:${s.password}`, 'utf8').toString('base64url');
  return `ss://${userinfo}@${uriHost(s.address)}:${s.port}#${encodeURIComponent(s.remark)}`;
}

export function shareLink(s: SimServer): string {
  const hostPort = `${uriHost(s.address)}:${s.port}`;
  const fragment = `#${encodeURIComponent(s.remark)}`;
  switch (s.type) {
    case 'vmess':
      if (s.linkForm === 'v2rayn') return v2rayNLink(s);
      return `vmess://${encodeURIComponent(s.password)}@${hostPort}?${xrayParams(s)}${fragment}`;
    case 'vless':
    case 'trojan':
      return `${s.type}://${encodeURIComponent(s.password)}@${hostPort}?${xrayParams(s)}${fragment}`;
    case 'shadowsocks':
      return shadowsocksLink(s);
    case 'hysteria2':
      return `hysteria2://${encodeURIComponent(s.password)}@${hostPort}/?${query([
        ['sni', s.sni],
        ['insecure', s.allowinsecure ? '1' : undefined],
        ['obfs', s.obfs],
        ['obfs-password', s.obfs_password],
      ])}${fragment}`;
    case 'tuic':
      return `tuic://${encodeURIComponent(s.uuid ?? '')}:${encodeURIComponent(s.password)}@${hostPort}?${query(
        [
          ['congestion_control', s.congestion_control],
          ['alpn', s.alpn],
          ['sni', s.sni],
          ['allow_insecure', s.allowinsecure ? '1' : undefined],
        ],
      )}${fragment}`;
  }
}

/** Per-service secrets, derived from the sid so a seed is reproducible. */
export interface ServiceSecrets {
  uuid: string;
  password: string;
  /** base64 of 16 bytes: a 2022-blake3-aes-128-gcm key. */
  key128: string;
}

export function secretsFor(sid: number, salt = 'xmplus-sim'): ServiceSecrets {
  const digest = createHash('md5').update(`${salt}:${sid}`).digest();
  const hex = digest.toString('hex');
  // Shape the digest as a version-4-looking UUID.
  const uuid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  const password = createHash('sha256').update(`${salt}:pw:${sid}`).digest('base64url').slice(0, 16);
  return { uuid, password: `${password}+/`, key128: digest.toString('base64') };
}

const BLANK = {
  password: '',
  encryption: 'none',
  sni: '',
  security: 'none',
  allowinsecure: false,
  header: 'none',
  fingerprint: '',
  flow: '',
  shortid: '',
  spiderx: '',
  publickey: '',
  uri: '',
} as const;

/** The server set every simulated service carries, with that service's secrets. */
export function serversFor(secrets: ServiceSecrets): SimServer[] {
  const { uuid, password, key128 } = secrets;
  const servers: SimServer[] = [
    {
      ...BLANK,
      type: 'vless',
      remark: '🇺🇸 US Reality',
      address: 'us1.sim-panel.example',
      port: 443,
      network: 'tcp',
      password: uuid,
      sni: 'www.lovelive-anime.jp',
      security: 'reality',
      fingerprint: 'chrome',
      flow: 'xtls-rprx-vision',
      shortid: '6ba85179e30d4fc2',
      publickey: '7xhH4b_VkliBxGulljcyPOH-bYUA2dl-XAdZAsfhk04',
    },
    {
      ...BLANK,
      type: 'vless',
      remark: '🇩🇪 Frankfurt WS',
      address: 'de1.sim-panel.example',
      port: 443,
      network: 'ws',
      password: uuid,
      sni: 'de1.sim-panel.example',
      security: 'tls',
      fingerprint: 'chrome',
      path: '/vless-ws?ed=2048',
      host: 'de1.sim-panel.example',
    },
    {
      ...BLANK,
      type: 'vmess',
      remark: '🇯🇵 Tokyo VMess',
      address: 'jp1.sim-panel.example',
      port: 443,
      network: 'ws',
      password: uuid,
      encryption: 'auto',
      sni: 'jp1.sim-panel.example',
      security: 'tls',
      fingerprint: 'chrome',
      path: '/vmess',
      host: 'jp1.sim-panel.example',
      linkForm: 'url',
    },
    {
      ...BLANK,
      type: 'vmess',
      remark: '🇸🇬 Singapore VMess',
      address: 'sg1.sim-panel.example',
      port: 8443,
      network: 'ws',
      password: uuid,
      encryption: 'auto',
      sni: 'sg1.sim-panel.example',
      security: 'tls',
      fingerprint: 'chrome',
      path: '/sg-ws',
      host: 'sg1.sim-panel.example',
      linkForm: 'v2rayn',
    },
    {
      ...BLANK,
      type: 'trojan',
      remark: '🇬🇧 London gRPC',
      address: 'uk1.sim-panel.example',
      port: 443,
      network: 'grpc',
      password,
      encryption: '',
      sni: 'uk1.sim-panel.example',
      security: 'tls',
      header: '',
      fingerprint: 'chrome',
      servicename: 'trojan-grpc',
      mode: 'gun',
    },
    {
      ...BLANK,
      type: 'shadowsocks',
      remark: '🇳🇱 Amsterdam SS',
      address: 'nl1.sim-panel.example',
      port: 8388,
      network: 'tcp',
      password,
      encryption: 'aes-256-gcm',
      method: 'aes-256-gcm',
    },
    {
      ...BLANK,
      type: 'shadowsocks',
      remark: '🇫🇷 Paris SS2022',
      address: 'fr1.sim-panel.example',
      port: 8389,
      network: 'tcp',
      password: key128,
      encryption: '2022-blake3-aes-128-gcm',
      method: '2022-blake3-aes-128-gcm',
    },
    {
      ...BLANK,
      type: 'hysteria2',
      remark: '🇨🇦 Toronto Hysteria2',
      address: 'ca1.sim-panel.example',
      port: 443,
      network: 'udp',
      password,
      sni: 'ca1.sim-panel.example',
      security: 'tls',
      obfs: 'salamander',
      obfs_password: 'sim-obfs-secret',
    },
    {
      ...BLANK,
      type: 'tuic',
      remark: '🇰🇷 Seoul TUIC',
      address: 'kr1.sim-panel.example',
      port: 443,
      network: 'udp',
      password,
      uuid,
      sni: 'kr1.sim-panel.example',
      security: 'tls',
      congestion_control: 'bbr',
      alpn: 'h3',
    },
    {
      ...BLANK,
      type: 'vless',
      remark: '🇸🇪 Stockholm IPv6',
      address: '2001:db8::1',
      port: 443,
      network: 'tcp',
      password: uuid,
      sni: 'www.microsoft.com',
      security: 'reality',
      fingerprint: 'firefox',
      flow: 'xtls-rprx-vision',
      shortid: 'a1b2',
      spiderx: '/',
      publickey: 'Z84J2IelR9ch3k8VtlVhhs5ycBUlXA7wHBWcBrjqnAw',
    },
  ];
  return servers.map((s) => ({ ...s, uri: shareLink(s) }));
}
