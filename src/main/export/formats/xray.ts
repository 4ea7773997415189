// Xray JSON: one tagged outbound per server (the first is Xray's default), a freedom 'direct'
// outbound, socks (10808) and http (10809) inbounds on 127.0.0.1 and routing, so
// `xray run -c <file>` starts as is. Xray has no hysteria2/tuic client here: those are skipped.

import { splitList, type ServerModel, type Security, type Transport } from '../model';
import { cannot, renderAll, rendered } from './common';
import type { FormatOutput, Rendered } from './common';

export const XRAY_DIRECT = 'direct';
const RESERVED = [XRAY_DIRECT, 'socks-in', 'http-in', 'block'];

type Json = Record<string, unknown>;

const XRAY_SS_CIPHERS = new Set([
  'aes-128-gcm',
  'aes-256-gcm',
  'chacha20-poly1305',
  'chacha20-ietf-poly1305',
  'xchacha20-poly1305',
  'xchacha20-ietf-poly1305',
  '2022-blake3-aes-128-gcm',
  '2022-blake3-aes-256-gcm',
  '2022-blake3-chacha20-poly1305',
  'none',
  'plain',
]);

function transportSettings(transport: Transport): Json {
  switch (transport.type) {
    // "tcp" rather than the newer alias "raw": every Xray and v2ray release reads it.
    case 'tcp':
      return transport.headerType === 'none'
        ? { network: 'tcp' }
        : {
            network: 'tcp',
            tcpSettings: {
              header: {
                type: 'http',
                request: {
                  version: '1.1',
                  method: 'GET',
                  path: splitList(transport.path).length > 0 ? splitList(transport.path) : ['/'],
                  headers: transport.host !== '' ? { Host: splitList(transport.host) } : {},
                },
              },
            },
          };
    case 'ws':
      return {
        network: 'ws',
        wsSettings: { path: transport.path, ...(transport.host !== '' ? { host: transport.host } : {}) },
      };
    case 'httpupgrade':
      return {
        network: 'httpupgrade',
        httpupgradeSettings: {
          path: transport.path,
          ...(transport.host !== '' ? { host: transport.host } : {}),
        },
      };
    case 'grpc':
      return {
        network: 'grpc',
        grpcSettings: { serviceName: transport.serviceName, multiMode: transport.multiMode },
      };
    case 'xhttp':
      return {
        network: 'xhttp',
        xhttpSettings: {
          path: transport.path,
          ...(transport.host !== '' ? { host: transport.host } : {}),
          mode: transport.mode,
        },
      };
    case 'kcp':
      return {
        network: 'kcp',
        kcpSettings: {
          header: { type: transport.headerType },
          ...(transport.seed !== '' ? { seed: transport.seed } : {}),
        },
      };
  }
}

function securitySettings(security: Security): Json {
  switch (security.type) {
    case 'none':
      return { security: 'none' };
    case 'tls':
      return {
        security: 'tls',
        tlsSettings: {
          ...(security.sni !== '' ? { serverName: security.sni } : {}),
          allowInsecure: security.allowInsecure,
          ...(security.alpn.length > 0 ? { alpn: security.alpn } : {}),
          ...(security.fingerprint !== '' ? { fingerprint: security.fingerprint } : {}),
        },
      };
    case 'reality':
      return {
        security: 'reality',
        realitySettings: {
          serverName: security.sni,
          fingerprint: security.fingerprint !== '' ? security.fingerprint : 'chrome',
          publicKey: security.publicKey,
          shortId: security.shortId,
          spiderX: security.spiderX,
        },
      };
  }
}

function streamSettings(transport: Transport, security: Security): Json {
  return { ...transportSettings(transport), ...securitySettings(security) };
}

export function xrayOutbound(model: ServerModel, tag: string): Rendered<Json> {
  switch (model.protocol) {
    case 'vless':
      return rendered({
        tag,
        protocol: 'vless',
        settings: {
          vnext: [
            {
              address: model.host,
              port: model.port,
              users: [
                {
                  id: model.uuid,
                  encryption: model.encryption || 'none',
                  ...(model.flow !== '' ? { flow: model.flow } : {}),
                },
              ],
            },
          ],
        },
        streamSettings: streamSettings(model.transport, model.security),
      });
    case 'vmess':
      return rendered({
        tag,
        protocol: 'vmess',
        settings: {
          vnext: [
            {
              address: model.host,
              port: model.port,
              users: [{ id: model.uuid, alterId: model.alterId, security: model.cipher }],
            },
          ],
        },
        streamSettings: streamSettings(model.transport, model.security),
      });
    case 'trojan':
      return rendered({
        tag,
        protocol: 'trojan',
        settings: { servers: [{ address: model.host, port: model.port, password: model.password }] },
        streamSettings: streamSettings(model.transport, model.security),
      });
    case 'shadowsocks':
      if (model.plugin !== '') return cannot('Xray has no shadowsocks plugins');
      if (!XRAY_SS_CIPHERS.has(model.method))
        return cannot(`Xray does not support the cipher "${model.method}"`);
      return rendered({
        tag,
        protocol: 'shadowsocks',
        settings: {
          servers: [
            { address: model.host, port: model.port, method: model.method, password: model.password },
          ],
        },
      });
    case 'hysteria2':
      return cannot('the Xray export has no hysteria2 outbound; use the sing-box or mihomo export');
    case 'tuic':
      return cannot('Xray does not support tuic; use the sing-box or mihomo export');
  }
}

export function renderXray(models: readonly ServerModel[]): FormatOutput {
  const { entries, skipped } = renderAll(models, RESERVED, xrayOutbound);
  const config = {
    log: { loglevel: 'warning' },
    inbounds: [
      {
        tag: 'socks-in',
        protocol: 'socks',
        listen: '127.0.0.1',
        port: 10808,
        settings: { auth: 'noauth', udp: true },
        sniffing: { enabled: true, destOverride: ['http', 'tls'] },
      },
      {
        tag: 'http-in',
        protocol: 'http',
        listen: '127.0.0.1',
        port: 10809,
        settings: {},
        sniffing: { enabled: true, destOverride: ['http', 'tls'] },
      },
    ],
    // Xray sends unmatched traffic to the first outbound: the first server, else direct.
    outbounds: [
      ...entries.map((entry) => entry.value),
      { tag: XRAY_DIRECT, protocol: 'freedom', settings: {} },
    ],
    routing: {
      domainStrategy: 'AsIs',
      // Plain CIDRs, not geoip:private, so the config needs no geoip.dat.
      rules: [
        {
          type: 'field',
          ip: ['127.0.0.0/8', '10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '::1/128', 'fc00::/7'],
          outboundTag: XRAY_DIRECT,
        },
      ],
    },
  };
  return { text: `${JSON.stringify(config, null, 2)}\n`, skipped };
}
