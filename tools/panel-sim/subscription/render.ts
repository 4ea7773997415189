// Bodies a subscription server renders from a list of simulated servers: share links (plain or
// base64), Clash / mihomo YAML with `proxies`, sing-box JSON with `outbounds`, SIP008 JSON. Written
// here, apart from the app's exporters, so tests read what an independent renderer printed.
import { stringify } from 'yaml';
import { shareLink } from '../servers';
import type { SimServer } from '../types';

export const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

export function linksBody(servers: readonly SimServer[], extraFirst: readonly string[] = []): string {
  return [...extraFirst, ...servers.map((s) => s.uri || shareLink(s))].join('\n');
}

/** A placeholder server whose name carries plan info (the shape XMPlus, Xboard and others use). */
export function pseudoLink(label: string, host = '127.0.0.1', port = 1): string {
  const h = host.includes(':') ? `[${host}]` : host;
  return `vless://00000000-0000-0000-0000-000000000000@${h}:${port}?encryption=none&type=tcp#${encodeURIComponent(label)}`;
}

function clashProxy(s: SimServer): Record<string, unknown> {
  const base = { name: s.remark, server: s.address, port: s.port, udp: true };
  const sni = s.sni || undefined;
  const tls = { tls: s.security === 'tls' || s.security === 'reality', servername: sni };
  const transport: Record<string, unknown> = {};
  if (s.network === 'ws')
    transport['ws-opts'] = { path: s.path ?? '/', headers: { Host: s.host ?? s.address } };
  if (s.network === 'grpc') transport['grpc-opts'] = { 'grpc-service-name': s.servicename ?? '' };
  /** vless, vmess and trojan: their own fields, the network, TLS, the transport's options, then any extra. */
  const stream = (
    type: string,
    fields: Record<string, unknown>,
    security: Record<string, unknown> = {},
    extra: Record<string, unknown> = {},
  ): Record<string, unknown> => ({
    ...base,
    type,
    ...fields,
    network: s.network,
    ...security,
    ...transport,
    ...extra,
  });
  switch (s.type) {
    case 'vless':
      return stream(
        'vless',
        { uuid: s.password, flow: s.flow || undefined },
        tls,
        s.security === 'reality'
          ? {
              'reality-opts': { 'public-key': s.publickey, 'short-id': s.shortid },
              'client-fingerprint': s.fingerprint,
            }
          : {},
      );
    case 'vmess':
      return stream('vmess', { uuid: s.password, alterId: 0, cipher: 'auto' }, tls);
    case 'trojan':
      // mihomo's trojan is always TLS, with no `tls` key; its server name is `sni` (docs/config.yaml).
      return stream('trojan', { password: s.password, sni });
    case 'shadowsocks':
      return { ...base, type: 'ss', cipher: s.method ?? s.encryption, password: s.password };
    case 'hysteria2':
      return {
        ...base,
        type: 'hysteria2',
        password: s.password,
        sni,
        obfs: s.obfs,
        'obfs-password': s.obfs_password,
      };
    case 'tuic':
      return {
        ...base,
        type: 'tuic',
        uuid: s.uuid,
        password: s.password,
        sni,
        alpn: s.alpn ? [s.alpn] : undefined,
        'congestion-controller': s.congestion_control,
      };
  }
}

/** Clash YAML; `pseudo` names become placeholder proxies first, as Xboard's Clash output does. */
export function clashBody(
  servers: readonly SimServer[],
  pseudo: readonly { name: string; server: string }[] = [],
): string {
  const proxies = [
    ...pseudo.map((p) => ({
      name: p.name,
      type: 'ss',
      server: p.server,
      port: 1,
      cipher: 'aes-128-gcm',
      password: 'x',
    })),
    ...servers.map(clashProxy),
  ];
  // yaml drops undefined values, so optional fields simply do not appear.
  return stringify({
    'mixed-port': 7890,
    mode: 'rule',
    proxies,
    'proxy-groups': [{ name: 'Proxy', type: 'select', proxies: proxies.map((p) => p.name) }],
    rules: ['MATCH,Proxy'],
  });
}

function singboxOutbound(s: SimServer): Record<string, unknown> {
  const base = { tag: s.remark, server: s.address, server_port: s.port };
  const tls =
    s.security === 'tls' || s.security === 'reality' || s.type === 'hysteria2' || s.type === 'tuic'
      ? {
          tls: {
            enabled: true,
            server_name: s.sni || undefined,
            utls: s.fingerprint ? { enabled: true, fingerprint: s.fingerprint } : undefined,
            reality:
              s.security === 'reality'
                ? { enabled: true, public_key: s.publickey, short_id: s.shortid }
                : undefined,
            alpn: s.alpn ? [s.alpn] : undefined,
          },
        }
      : {};
  const transport =
    s.network === 'ws'
      ? { transport: { type: 'ws', path: s.path ?? '/', headers: { Host: s.host ?? s.address } } }
      : s.network === 'grpc'
        ? { transport: { type: 'grpc', service_name: s.servicename ?? '' } }
        : {};
  switch (s.type) {
    case 'vless':
      return { type: 'vless', ...base, uuid: s.password, flow: s.flow || undefined, ...tls, ...transport };
    case 'vmess':
      return { type: 'vmess', ...base, uuid: s.password, security: 'auto', ...tls, ...transport };
    case 'trojan':
      return { type: 'trojan', ...base, password: s.password, ...tls, ...transport };
    case 'shadowsocks':
      return { type: 'shadowsocks', ...base, method: s.method ?? s.encryption, password: s.password };
    case 'hysteria2':
      return {
        type: 'hysteria2',
        ...base,
        password: s.password,
        obfs: s.obfs ? { type: s.obfs, password: s.obfs_password } : undefined,
        ...tls,
      };
    case 'tuic':
      return {
        type: 'tuic',
        ...base,
        uuid: s.uuid,
        password: s.password,
        congestion_control: s.congestion_control,
        ...tls,
      };
  }
}

export function singboxBody(servers: readonly SimServer[]): string {
  const outbounds = servers.map(singboxOutbound);
  return JSON.stringify(
    {
      outbounds: [
        { type: 'selector', tag: 'proxy', outbounds: outbounds.map((o) => o.tag) },
        ...outbounds,
        { type: 'direct', tag: 'direct' },
      ],
      route: { final: 'proxy' },
    },
    null,
    2,
  );
}

/** SIP008 as SSPanel serves it: a JSON array around one document. Shadowsocks servers only. */
export function sip008Body(servers: readonly SimServer[]): string {
  const list = servers
    .filter((s) => s.type === 'shadowsocks' && !(s.method ?? s.encryption).startsWith('2022-'))
    .map((s) => ({
      server: s.address,
      server_port: s.port,
      password: s.password,
      method: s.method ?? s.encryption,
      remarks: s.remark,
    }));
  return JSON.stringify([{ version: 1, servers: list }]);
}
