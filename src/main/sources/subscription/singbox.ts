// sing-box `outbounds` entries -> the export model. Field names follow sing-box's outbound
// documentation (server, server_port, uuid / password, tls { server_name, insecure, alpn, utls,
// reality }, transport { type, path, headers, service_name }). Groups and built-ins (selector,
// urltest, direct, block, dns) are not servers and are passed over without a note.

import type { ParseResult, Transport } from '../../export/model/types';
import { fromEntry, transportOf, type EntryFormat, type TlsFields } from './entry';
import { child, flag, header, list, text, type Plain } from './fields';

/** Outbound types that route traffic rather than name a server. */
export const SINGBOX_NON_SERVERS = new Set(['selector', 'urltest', 'direct', 'block', 'dns']);

function singboxTransport(o: Plain): Transport | string {
  const t = child(o, 'transport');
  const type = text(t, 'type').toLowerCase();
  switch (type) {
    case '':
      return transportOf('tcp');
    case 'ws':
    case 'httpupgrade':
      return transportOf(type, {
        host: header(child(t, 'headers'), 'host') || text(t, 'host'),
        path: text(t, 'path'),
      });
    case 'grpc':
      return transportOf('grpc', { serviceName: text(t, 'service_name') });
    default:
      return `the ${type} transport is not supported`;
  }
}

function singboxTls(o: Plain): TlsFields {
  const tls = child(o, 'tls');
  return {
    sni: text(tls, 'server_name'),
    alpn: list(tls, 'alpn'),
    fingerprint: text(child(tls, 'utls'), 'fingerprint'),
    allowInsecure: flag(tls, 'insecure'),
  };
}

const SINGBOX: EntryFormat = {
  noun: 'outbound',
  protocols: new Map([
    ['vless', 'vless'],
    ['vmess', 'vmess'],
    ['trojan', 'trojan'],
    ['shadowsocks', 'shadowsocks'],
    ['hysteria2', 'hysteria2'],
    ['tuic', 'tuic'],
  ]),
  keys: {
    name: 'tag',
    port: 'server_port',
    encryption: [],
    alterId: ['alter_id'],
    vmessCipher: ['security'],
    method: ['method'],
    hysteria2Password: ['password'],
    congestionControl: ['congestion_control'],
    udpRelayMode: ['udp_relay_mode'],
  },
  tuicWithoutUuid: '',
  transport: singboxTransport,
  security(o) {
    const tls = child(o, 'tls');
    const reality = child(tls, 'reality');
    return {
      ...singboxTls(o),
      security: flag(reality, 'enabled') ? 'reality' : flag(tls, 'enabled') ? 'tls' : 'none',
      publicKey: text(reality, 'public_key'),
      shortId: text(reality, 'short_id'),
    };
  },
  quicTls: singboxTls,
  shadowsocksPlugin(o) {
    const plugin = text(o, 'plugin');
    if (plugin === '') return '';
    if (plugin !== 'obfs-local') return null;
    const opts = text(o, 'plugin_opts');
    return opts === '' ? plugin : `${plugin};${opts}`;
  },
  hysteria2Obfs(o) {
    const obfs = child(o, 'obfs');
    return { type: text(obfs, 'type'), password: text(obfs, 'password') };
  },
};

/** One sing-box outbound as a model, or why not. */
export function fromSingboxOutbound(raw: Plain): ParseResult {
  return fromEntry(raw, SINGBOX);
}
