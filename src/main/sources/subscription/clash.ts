// Clash / mihomo `proxies` entries -> the export model. Field names follow mihomo's proxy
// documentation (type, server, port, uuid / password, network, tls, servername / sni, ws-opts,
// grpc-opts, http-opts, xhttp-opts, reality-opts, client-fingerprint). A proxy the model cannot
// carry (ssr, socks5, wireguard, h2, ...) comes back with a reason instead.

import type { ParseResult, Transport } from '../../export/model/types';
import { fromEntry, transportOf, type EntryFormat, type TlsFields } from './entry';
import { child, first, flag, header, list, text, type Plain } from './fields';

function clashTransport(p: Plain): Transport | string {
  const network = text(p, 'network').toLowerCase() || 'tcp';
  if (network === 'ws') {
    const ws = child(p, 'ws-opts');
    // mihomo writes HTTPUpgrade as ws with `v2ray-http-upgrade: true`.
    return transportOf(flag(ws, 'v2ray-http-upgrade') ? 'httpupgrade' : 'ws', {
      host: header(child(ws, 'headers'), 'host'),
      path: text(ws, 'path'),
    });
  }
  if (network === 'grpc') {
    const grpc = child(p, 'grpc-opts');
    return transportOf('grpc', {
      serviceName: text(grpc, 'grpc-service-name', 'serviceName'),
      mode: text(grpc, 'grpc-mode', 'mode'),
    });
  }
  if (network === 'http') {
    // mihomo's `http` network is tcp with HTTP/1.1 header obfuscation.
    const http = child(p, 'http-opts');
    return transportOf('tcp', {
      headerType: 'http',
      host: header(child(http, 'headers'), 'host'),
      path: first(http, 'path'),
    });
  }
  if (network === 'xhttp' || network === 'splithttp') {
    const xh = child(p, 'xhttp-opts');
    return transportOf('xhttp', { host: text(xh, 'host'), path: text(xh, 'path'), mode: text(xh, 'mode') });
  }
  if (network === 'tcp') return transportOf('tcp');
  return `the ${network} transport is not supported`;
}

/** The TLS options, the SNI read first from `sniKeys` (vless and vmess say servername, the rest sni). */
function clashTls(p: Plain, ...sniKeys: string[]): TlsFields {
  return {
    sni: text(p, ...sniKeys),
    alpn: list(p, 'alpn'),
    fingerprint: text(p, 'client-fingerprint'),
    allowInsecure: flag(p, 'skip-cert-verify'),
  };
}

/** SIP003 plugin string for the plugins the model's exporters and share links understand. */
function ssPlugin(p: Plain): string | null {
  const plugin = text(p, 'plugin').toLowerCase();
  if (plugin === '') return '';
  const opts = child(p, 'plugin-opts');
  if (plugin === 'obfs' || plugin === 'simple-obfs' || plugin === 'obfs-local') {
    const mode = text(opts, 'mode') || 'http';
    const host = text(opts, 'host');
    return `obfs-local;obfs=${mode}${host !== '' ? `;obfs-host=${host}` : ''}`;
  }
  return null;
}

const CLASH: EntryFormat = {
  noun: 'proxy',
  protocols: new Map([
    ['vless', 'vless'],
    ['vmess', 'vmess'],
    ['trojan', 'trojan'],
    ['ss', 'shadowsocks'],
    ['shadowsocks', 'shadowsocks'],
    ['hysteria2', 'hysteria2'],
    ['hy2', 'hysteria2'],
    ['tuic', 'tuic'],
  ]),
  keys: {
    name: 'name',
    port: 'port',
    encryption: ['encryption'],
    alterId: ['alterId', 'alter-id'],
    vmessCipher: ['cipher'],
    method: ['cipher', 'method'],
    hysteria2Password: ['password', 'auth'],
    congestionControl: ['congestion-controller'],
    udpRelayMode: ['udp-relay-mode'],
  },
  tuicWithoutUuid: ' (tuic v4 tokens are not supported)',
  transport: clashTransport,
  security(p, protocol) {
    const reality = child(p, 'reality-opts');
    const publicKey = text(reality, 'public-key');
    // mihomo's trojan has no `tls` key: it is always TLS (mihomo docs/config.yaml, the trojan proxies).
    const tls = protocol === 'trojan' || flag(p, 'tls');
    return {
      ...clashTls(p, 'servername', 'sni'),
      security: publicKey !== '' ? 'reality' : tls ? 'tls' : 'none',
      publicKey,
      shortId: text(reality, 'short-id'),
    };
  },
  quicTls: (p) => clashTls(p, 'sni', 'servername'),
  shadowsocksPlugin: ssPlugin,
  hysteria2Obfs: (p) => ({ type: text(p, 'obfs'), password: text(p, 'obfs-password') }),
};

/** One Clash proxy as a model, or why not. */
export function fromClashProxy(raw: Plain): ParseResult {
  return fromEntry(raw, CLASH);
}
