// Clash / mihomo `proxies` entries -> the export model. Field names follow mihomo's proxy
// documentation (type, server, port, uuid / password, network, tls, servername / sni, ws-opts,
// grpc-opts, http-opts, xhttp-opts, reality-opts, client-fingerprint). A proxy the model cannot
// carry (ssr, socks5, wireguard, h2, ...) comes back with a reason instead.

import {
  failed,
  parsed,
  type ParseResult,
  type Security,
  type TlsSecurity,
  type Transport,
} from '../../export/model/types';
import { buildSecurity, buildTransport, tlsOnly } from '../../export/model/options';
import { child, first, flag, header, list, name, port, text, type Plain } from './fields';

function clashTransport(p: Plain): Transport | string {
  const network = text(p, 'network').toLowerCase() || 'tcp';
  const ws = child(p, 'ws-opts');
  if (network === 'ws') {
    // mihomo writes HTTPUpgrade as ws with `v2ray-http-upgrade: true`.
    const upgrade = flag(ws, 'v2ray-http-upgrade');
    return buildTransport({
      network: upgrade ? 'httpupgrade' : 'ws',
      headerType: '',
      host: header(child(ws, 'headers'), 'host'),
      path: text(ws, 'path'),
      serviceName: '',
      mode: '',
      seed: '',
    });
  }
  if (network === 'grpc') {
    const grpc = child(p, 'grpc-opts');
    return buildTransport({
      network: 'grpc',
      headerType: '',
      host: '',
      path: '',
      serviceName: text(grpc, 'grpc-service-name', 'serviceName'),
      mode: text(grpc, 'grpc-mode', 'mode'),
      seed: '',
    });
  }
  if (network === 'http') {
    // mihomo's `http` network is tcp with HTTP/1.1 header obfuscation.
    const http = child(p, 'http-opts');
    return buildTransport({
      network: 'tcp',
      headerType: 'http',
      host: header(child(http, 'headers'), 'host'),
      path: first(http, 'path'),
      serviceName: '',
      mode: '',
      seed: '',
    });
  }
  if (network === 'xhttp' || network === 'splithttp') {
    const xh = child(p, 'xhttp-opts');
    return buildTransport({
      network: 'xhttp',
      headerType: '',
      host: text(xh, 'host'),
      path: text(xh, 'path'),
      serviceName: '',
      mode: text(xh, 'mode'),
      seed: '',
    });
  }
  if (network === 'tcp')
    return buildTransport({
      network: 'tcp',
      headerType: '',
      host: '',
      path: '',
      serviceName: '',
      mode: '',
      seed: '',
    });
  return `the ${network} transport is not supported`;
}

function clashSecurity(p: Plain, tlsByDefault: boolean): Security | string {
  const reality = child(p, 'reality-opts');
  const publicKey = text(reality, 'public-key');
  const tls = tlsByDefault || flag(p, 'tls');
  return buildSecurity(
    {
      security: publicKey !== '' ? 'reality' : tls ? 'tls' : 'none',
      sni: text(p, 'servername', 'sni'),
      alpn: list(p, 'alpn').join(','),
      fingerprint: text(p, 'client-fingerprint'),
      allowInsecure: flag(p, 'skip-cert-verify'),
      publicKey,
      shortId: text(reality, 'short-id'),
      spiderX: '',
    },
    'none',
  );
}

function clashTls(p: Plain): TlsSecurity {
  return {
    type: 'tls',
    sni: text(p, 'sni', 'servername'),
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

/** One Clash proxy as a model, or why not. */
export function fromClashProxy(raw: Plain): ParseResult {
  const type = text(raw, 'type').toLowerCase();
  const remark = name(raw, 'name');
  const host = text(raw, 'server').replace(/^\[|\]$/g, '');
  const serverPort = port(raw, 'port');
  if (host === '') return failed('the proxy has no server');
  if (serverPort === null) return failed(`the port "${text(raw, 'port')}" is not valid`);
  const place = { remark, host, port: serverPort };
  switch (type) {
    case 'vless': {
      const uuid = text(raw, 'uuid');
      if (uuid === '') return failed('vless proxy without a uuid');
      const transport = clashTransport(raw);
      if (typeof transport === 'string') return failed(transport);
      const security = clashSecurity(raw, false);
      if (typeof security === 'string') return failed(security);
      return parsed({
        protocol: 'vless',
        ...place,
        uuid,
        flow: text(raw, 'flow'),
        encryption: text(raw, 'encryption') || 'none',
        transport,
        security,
      });
    }
    case 'vmess': {
      const uuid = text(raw, 'uuid');
      if (uuid === '') return failed('vmess proxy without a uuid');
      const transport = clashTransport(raw);
      if (typeof transport === 'string') return failed(transport);
      const security = clashSecurity(raw, false);
      if (typeof security === 'string') return failed(security);
      const tls = tlsOnly(security);
      if (typeof tls === 'string') return failed(tls);
      return parsed({
        protocol: 'vmess',
        ...place,
        uuid,
        alterId: Number(text(raw, 'alterId', 'alter-id')) || 0,
        cipher: text(raw, 'cipher') || 'auto',
        transport,
        security: tls,
      });
    }
    case 'trojan': {
      const password = text(raw, 'password');
      if (password === '') return failed('trojan proxy without a password');
      const transport = clashTransport(raw);
      if (typeof transport === 'string') return failed(transport);
      const security = clashSecurity(raw, true);
      if (typeof security === 'string') return failed(security);
      return parsed({ protocol: 'trojan', ...place, password, transport, security });
    }
    case 'ss':
    case 'shadowsocks': {
      const method = text(raw, 'cipher', 'method').toLowerCase();
      const password = text(raw, 'password');
      if (method === '' || password === '') return failed('shadowsocks proxy without a cipher or password');
      const plugin = ssPlugin(raw);
      if (plugin === null) return failed(`the shadowsocks plugin "${text(raw, 'plugin')}" is not supported`);
      return parsed({ protocol: 'shadowsocks', ...place, method, password, plugin });
    }
    case 'hysteria2':
    case 'hy2': {
      const password = text(raw, 'password', 'auth');
      if (password === '') return failed('hysteria2 proxy without a password');
      const obfs = text(raw, 'obfs').toLowerCase();
      if (obfs !== '' && obfs !== 'salamander') return failed(`hysteria2 obfs "${obfs}" is not supported`);
      return parsed({
        protocol: 'hysteria2',
        ...place,
        password,
        tls: clashTls(raw),
        obfs: obfs === 'salamander' ? { type: 'salamander', password: text(raw, 'obfs-password') } : null,
      });
    }
    case 'tuic': {
      const uuid = text(raw, 'uuid');
      if (uuid === '') return failed('tuic proxy without a uuid (tuic v4 tokens are not supported)');
      return parsed({
        protocol: 'tuic',
        ...place,
        uuid,
        password: text(raw, 'password'),
        tls: clashTls(raw),
        congestionControl: text(raw, 'congestion-controller') || 'bbr',
        udpRelayMode: text(raw, 'udp-relay-mode') || 'native',
      });
    }
    default:
      return failed(`the proxy type "${type || '(none)'}" is not supported`);
  }
}
