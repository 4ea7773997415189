// sing-box JSON: one outbound per server with sing-box's field names, a selector and a urltest
// over them, a direct outbound, a mixed inbound on 127.0.0.1:2080 and a route whose final is
// the selector, so `sing-box run -c <file>` starts as is.

import type { ServerModel, Security, TlsSecurity, Transport } from '../model';
import { cannot, renderAll, rendered, SS_MODERN_CIPHERS } from './common';
import type { FormatOutput, Rendered } from './common';

export const SINGBOX_SELECTOR = 'proxy';
export const SINGBOX_URLTEST = 'auto';
export const SINGBOX_DIRECT = 'direct';
const RESERVED = [SINGBOX_SELECTOR, SINGBOX_URLTEST, SINGBOX_DIRECT, 'mixed-in'];

type Json = Record<string, unknown>;

/** sing-box's shadowsocks methods (AEAD, 2022, and the stream ciphers it keeps). */
const SINGBOX_SS_CIPHERS = new Set([
  ...SS_MODERN_CIPHERS,
  'aes-128-ctr',
  'aes-192-ctr',
  'aes-256-ctr',
  'aes-128-cfb',
  'aes-192-cfb',
  'aes-256-cfb',
  'rc4-md5',
  'chacha20-ietf',
  'xchacha20',
]);

/** Xray-style early data lives in the ws path ("/p?ed=2048"); sing-box wants it as fields. */
function wsEarlyData(path: string): { path: string; extra: Json } {
  const match = /[?&]ed=(\d+)/.exec(path);
  if (!match) return { path, extra: {} };
  const cleaned = path.replace(/([?&])ed=\d+&?/, '$1').replace(/[?&]$/, '');
  return {
    path: cleaned === '' ? '/' : cleaned,
    extra: { max_early_data: Number(match[1]), early_data_header_name: 'Sec-WebSocket-Protocol' },
  };
}

function transportField(transport: Transport): Rendered<Json> {
  switch (transport.type) {
    case 'tcp':
      return transport.headerType === 'none'
        ? rendered({})
        : cannot('sing-box has no TCP HTTP header obfuscation (its http transport is a different protocol)');
    case 'ws': {
      const { path, extra } = wsEarlyData(transport.path);
      return rendered({
        transport: {
          type: 'ws',
          path,
          ...(transport.host !== '' ? { headers: { Host: transport.host } } : {}),
          ...extra,
        },
      });
    }
    case 'httpupgrade':
      return rendered({
        transport: {
          type: 'httpupgrade',
          path: transport.path,
          ...(transport.host !== '' ? { host: transport.host } : {}),
        },
      });
    case 'grpc':
      return rendered({ transport: { type: 'grpc', service_name: transport.serviceName } });
    case 'xhttp':
      return cannot('sing-box does not support the xhttp transport');
    case 'kcp':
      return cannot('sing-box does not support the mKCP transport');
  }
}

function tlsField(security: Security | TlsSecurity): Json {
  switch (security.type) {
    case 'none':
      return {};
    case 'tls':
      return {
        tls: {
          enabled: true,
          ...(security.sni !== '' ? { server_name: security.sni } : {}),
          insecure: security.allowInsecure,
          ...(security.alpn.length > 0 ? { alpn: security.alpn } : {}),
          ...(security.fingerprint !== ''
            ? { utls: { enabled: true, fingerprint: security.fingerprint } }
            : {}),
        },
      };
    case 'reality':
      return {
        tls: {
          enabled: true,
          ...(security.sni !== '' ? { server_name: security.sni } : {}),
          // sing-box refuses reality without uTLS.
          utls: { enabled: true, fingerprint: security.fingerprint !== '' ? security.fingerprint : 'chrome' },
          reality: {
            enabled: true,
            public_key: security.publicKey,
            ...(security.shortId !== '' ? { short_id: security.shortId } : {}),
          },
        },
      };
  }
}

/** QUIC protocols take TLS settings but no uTLS: the fingerprint does not apply. */
function quicTlsField(tls: TlsSecurity, defaultAlpn: string[]): Json {
  return {
    tls: {
      enabled: true,
      ...(tls.sni !== '' ? { server_name: tls.sni } : {}),
      insecure: tls.allowInsecure,
      ...(tls.alpn.length > 0 ? { alpn: tls.alpn } : defaultAlpn.length > 0 ? { alpn: defaultAlpn } : {}),
    },
  };
}

export function singboxOutbound(model: ServerModel, tag: string): Rendered<Json> {
  const base = { tag, server: model.host, server_port: model.port };
  switch (model.protocol) {
    case 'vless': {
      if (model.encryption !== 'none' && model.encryption !== '')
        return cannot(`sing-box does not support VLESS encryption "${model.encryption}"`);
      const transport = transportField(model.transport);
      if (!transport.ok) return transport;
      return rendered({
        type: 'vless',
        ...base,
        uuid: model.uuid,
        ...(model.flow !== '' ? { flow: model.flow } : {}),
        packet_encoding: 'xudp',
        ...tlsField(model.security),
        ...transport.value,
      });
    }
    case 'vmess': {
      const transport = transportField(model.transport);
      if (!transport.ok) return transport;
      return rendered({
        type: 'vmess',
        ...base,
        uuid: model.uuid,
        security: model.cipher,
        alter_id: model.alterId,
        ...tlsField(model.security),
        ...transport.value,
      });
    }
    case 'trojan': {
      const transport = transportField(model.transport);
      if (!transport.ok) return transport;
      return rendered({
        type: 'trojan',
        ...base,
        password: model.password,
        ...tlsField(model.security),
        ...transport.value,
      });
    }
    case 'shadowsocks':
      if (model.plugin !== '') return cannot('shadowsocks plugins are not exported to sing-box');
      if (!SINGBOX_SS_CIPHERS.has(model.method))
        return cannot(`sing-box does not know the cipher "${model.method}"`);
      return rendered({ type: 'shadowsocks', ...base, method: model.method, password: model.password });
    case 'hysteria2':
      return rendered({
        type: 'hysteria2',
        ...base,
        password: model.password,
        ...(model.obfs ? { obfs: { type: 'salamander', password: model.obfs.password } } : {}),
        ...quicTlsField(model.tls, []),
      });
    case 'tuic':
      return rendered({
        type: 'tuic',
        ...base,
        uuid: model.uuid,
        password: model.password,
        congestion_control: model.congestionControl,
        udp_relay_mode: model.udpRelayMode,
        ...quicTlsField(model.tls, ['h3']),
      });
  }
}

export function renderSingbox(models: readonly ServerModel[]): FormatOutput {
  const { entries, skipped } = renderAll(models, RESERVED, singboxOutbound);
  const tags = entries.map((entry) => entry.label);
  const groups: Json[] =
    tags.length === 0
      ? [{ type: 'selector', tag: SINGBOX_SELECTOR, outbounds: [SINGBOX_DIRECT], default: SINGBOX_DIRECT }]
      : [
          {
            type: 'selector',
            tag: SINGBOX_SELECTOR,
            outbounds: [SINGBOX_URLTEST, ...tags, SINGBOX_DIRECT],
            default: SINGBOX_URLTEST,
          },
          {
            type: 'urltest',
            tag: SINGBOX_URLTEST,
            outbounds: tags,
            url: 'https://www.gstatic.com/generate_204',
            interval: '3m',
          },
        ];
  const config = {
    log: { level: 'info' },
    inbounds: [{ type: 'mixed', tag: 'mixed-in', listen: '127.0.0.1', listen_port: 2080 }],
    outbounds: [...groups, ...entries.map((entry) => entry.value), { type: 'direct', tag: SINGBOX_DIRECT }],
    route: { final: SINGBOX_SELECTOR, auto_detect_interface: true },
  };
  return { text: `${JSON.stringify(config, null, 2)}\n`, skipped };
}
