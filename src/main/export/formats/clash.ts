// Clash Meta / mihomo YAML: proxies with mihomo's field names, one select group holding every
// proxy plus DIRECT, and a minimal rule set ending in MATCH. Loads in Clash Verge Rev,
// Clash Meta for Android, FlClash and mihomo itself.

import { stringify } from 'yaml';
import { splitList, type ServerModel, type Transport, type Security } from '../model';
import { cannot, renderAll, rendered, SS_MODERN_CIPHERS } from './common';
import type { FormatOutput, Rendered } from './common';

export const CLASH_GROUP = 'PROXY';
const RESERVED = [CLASH_GROUP, 'DIRECT', 'REJECT', 'REJECT-DROP', 'PASS', 'COMPATIBLE', 'GLOBAL'];

type Yamlish = Record<string, unknown>;

// Every string double-quoted: no YAML 1.1 reading of "on", "no", "0x1f" or "null" in a
// password or remark can turn it into another type. Also twice as fast to emit as plain style.
const YAML_OPTIONS = {
  lineWidth: 0,
  indentSeq: false,
  aliasDuplicateObjects: false,
  defaultStringType: 'QUOTE_DOUBLE',
  defaultKeyType: 'PLAIN',
} as const;

/** mihomo also speaks the older stream ciphers; only these are worth exporting. */
const CLASH_SS_CIPHERS = new Set([
  ...SS_MODERN_CIPHERS,
  'aes-128-cfb',
  'aes-192-cfb',
  'aes-256-cfb',
  'aes-128-ctr',
  'aes-192-ctr',
  'aes-256-ctr',
  'rc4-md5',
  'chacha20-ietf',
  'xchacha20',
]);

function transportFields(transport: Transport, protocol: 'vless' | 'vmess' | 'trojan'): Rendered<Yamlish> {
  switch (transport.type) {
    case 'tcp':
      if (transport.headerType === 'none') return rendered({ network: 'tcp' });
      if (protocol === 'trojan') return cannot('mihomo trojan has no TCP HTTP header obfuscation');
      // mihomo's `http` network is v2ray's tcp transport with the HTTP header.
      return rendered({
        network: 'http',
        'http-opts': {
          method: 'GET',
          path: splitList(transport.path).length > 0 ? splitList(transport.path) : ['/'],
          ...(transport.host !== '' ? { headers: { Host: splitList(transport.host) } } : {}),
        },
      });
    case 'ws':
    case 'httpupgrade':
      return rendered({
        network: 'ws',
        'ws-opts': {
          path: transport.path,
          ...(transport.host !== '' ? { headers: { Host: transport.host } } : {}),
          ...(transport.type === 'httpupgrade' ? { 'v2ray-http-upgrade': true } : {}),
        },
      });
    case 'grpc':
      return rendered({ network: 'grpc', 'grpc-opts': { 'grpc-service-name': transport.serviceName } });
    case 'xhttp':
      if (protocol !== 'vless') return cannot(`mihomo supports xhttp only for vless, not ${protocol}`);
      return rendered({
        network: 'xhttp',
        'xhttp-opts': {
          path: transport.path,
          ...(transport.host !== '' ? { host: transport.host } : {}),
          ...(transport.mode !== 'auto' && transport.mode !== '' ? { mode: transport.mode } : {}),
        },
      });
    case 'kcp':
      return cannot('mihomo has no mKCP transport');
  }
}

/** TLS fields; vmess/vless name the SNI `servername`, trojan names it `sni`. */
function securityFields(security: Security, sniKey: 'servername' | 'sni'): Yamlish {
  switch (security.type) {
    case 'none':
      return {};
    case 'tls':
      return {
        tls: true,
        ...(security.sni !== '' ? { [sniKey]: security.sni } : {}),
        ...(security.alpn.length > 0 ? { alpn: security.alpn } : {}),
        ...(security.fingerprint !== '' ? { 'client-fingerprint': security.fingerprint } : {}),
        'skip-cert-verify': security.allowInsecure,
      };
    case 'reality':
      return {
        tls: true,
        ...(security.sni !== '' ? { [sniKey]: security.sni } : {}),
        // REALITY needs a uTLS ClientHello; chrome is what Xray clients default to.
        'client-fingerprint': security.fingerprint !== '' ? security.fingerprint : 'chrome',
        'reality-opts': {
          'public-key': security.publicKey,
          ...(security.shortId !== '' ? { 'short-id': security.shortId } : {}),
        },
      };
  }
}

export function clashProxy(model: ServerModel, name: string): Rendered<Yamlish> {
  const base = { name, server: model.host, port: model.port };
  switch (model.protocol) {
    case 'vless': {
      const transport = transportFields(model.transport, 'vless');
      if (!transport.ok) return transport;
      return rendered({
        ...base,
        type: 'vless',
        uuid: model.uuid,
        udp: true,
        ...(model.flow !== '' ? { flow: model.flow } : {}),
        ...(model.encryption !== 'none' && model.encryption !== '' ? { encryption: model.encryption } : {}),
        ...transport.value,
        ...securityFields(model.security, 'servername'),
      });
    }
    case 'vmess': {
      const transport = transportFields(model.transport, 'vmess');
      if (!transport.ok) return transport;
      return rendered({
        ...base,
        type: 'vmess',
        uuid: model.uuid,
        alterId: model.alterId,
        cipher: model.cipher,
        udp: true,
        ...transport.value,
        ...securityFields(model.security, 'servername'),
      });
    }
    case 'trojan': {
      if (model.security.type === 'none')
        return cannot('mihomo trojan always uses TLS; this server has none');
      const transport = transportFields(model.transport, 'trojan');
      if (!transport.ok) return transport;
      const { tls: _tls, ...security } = securityFields(model.security, 'sni');
      return rendered({
        ...base,
        type: 'trojan',
        password: model.password,
        udp: true,
        ...transport.value,
        ...security,
      });
    }
    case 'shadowsocks':
      if (model.plugin !== '') return cannot('shadowsocks plugins are not exported to mihomo');
      if (!CLASH_SS_CIPHERS.has(model.method))
        return cannot(`mihomo does not know the cipher "${model.method}"`);
      return rendered({ ...base, type: 'ss', cipher: model.method, password: model.password, udp: true });
    case 'hysteria2':
      return rendered({
        ...base,
        type: 'hysteria2',
        password: model.password,
        ...(model.tls.sni !== '' ? { sni: model.tls.sni } : {}),
        'skip-cert-verify': model.tls.allowInsecure,
        ...(model.tls.alpn.length > 0 ? { alpn: model.tls.alpn } : {}),
        ...(model.obfs ? { obfs: 'salamander', 'obfs-password': model.obfs.password } : {}),
      });
    case 'tuic':
      return rendered({
        ...base,
        type: 'tuic',
        uuid: model.uuid,
        password: model.password,
        ...(model.tls.sni !== '' ? { sni: model.tls.sni } : {}),
        'skip-cert-verify': model.tls.allowInsecure,
        alpn: model.tls.alpn.length > 0 ? model.tls.alpn : ['h3'],
        'congestion-controller': model.congestionControl,
        'udp-relay-mode': model.udpRelayMode,
      });
  }
}

export function renderClash(models: readonly ServerModel[]): FormatOutput {
  const { entries, skipped } = renderAll(models, RESERVED, clashProxy);
  const names = entries.map((entry) => entry.label);
  const head = {
    'mixed-port': 7890,
    'allow-lan': false,
    mode: 'rule',
    'log-level': 'info',
  };
  const tail = {
    'proxy-groups': [{ name: CLASH_GROUP, type: 'select', proxies: [...names, 'DIRECT'] }],
    // No GEOIP/GEOSITE rules: they would make mihomo download databases on first start.
    rules: [
      'IP-CIDR,127.0.0.0/8,DIRECT,no-resolve',
      'IP-CIDR,10.0.0.0/8,DIRECT,no-resolve',
      'IP-CIDR,172.16.0.0/12,DIRECT,no-resolve',
      'IP-CIDR,192.168.0.0/16,DIRECT,no-resolve',
      'IP-CIDR6,::1/128,DIRECT,no-resolve',
      'IP-CIDR6,fc00::/7,DIRECT,no-resolve',
      `MATCH,${CLASH_GROUP}`,
    ],
  };
  // Each proxy is stringified on its own and the pieces joined: the same YAML as one big
  // document, but time stays linear in the number of proxies and no anchors/aliases appear.
  const proxies =
    entries.length === 0
      ? 'proxies: []\n'
      : `proxies:\n${entries.map((entry) => stringify([entry.value], YAML_OPTIONS)).join('')}`;
  return { text: `${stringify(head, YAML_OPTIONS)}${proxies}${stringify(tail, YAML_OPTIONS)}`, skipped };
}
