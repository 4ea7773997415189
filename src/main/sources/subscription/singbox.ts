// sing-box `outbounds` entries -> the export model. Field names follow sing-box's outbound
// documentation (server, server_port, uuid / password, tls { server_name, insecure, alpn, utls,
// reality }, transport { type, path, headers, service_name }). Groups and built-ins (selector,
// urltest, direct, block, dns) are not servers and are passed over without a note.

import {
  failed,
  parsed,
  type ParseResult,
  type Security,
  type TlsSecurity,
  type Transport,
} from '../../export/model/types';
import { buildSecurity, buildTransport, tlsOnly } from '../../export/model/options';
import { child, flag, header, list, name, port, text, type Plain } from './fields';

/** Outbound types that route traffic rather than name a server. */
export const SINGBOX_NON_SERVERS = new Set(['selector', 'urltest', 'direct', 'block', 'dns']);

function singboxTransport(o: Plain): Transport | string {
  const t = child(o, 'transport');
  const type = text(t, 'type').toLowerCase();
  const host = header(child(t, 'headers'), 'host') || text(t, 'host');
  switch (type) {
    case '':
      return buildTransport({
        network: 'tcp',
        headerType: '',
        host: '',
        path: '',
        serviceName: '',
        mode: '',
        seed: '',
      });
    case 'ws':
    case 'httpupgrade':
      return buildTransport({
        network: type,
        headerType: '',
        host,
        path: text(t, 'path'),
        serviceName: '',
        mode: '',
        seed: '',
      });
    case 'grpc':
      return buildTransport({
        network: 'grpc',
        headerType: '',
        host: '',
        path: '',
        serviceName: text(t, 'service_name'),
        mode: '',
        seed: '',
      });
    default:
      return `the ${type} transport is not supported`;
  }
}

function singboxSecurity(o: Plain): Security | string {
  const tls = child(o, 'tls');
  const reality = child(tls, 'reality');
  const realityOn = flag(reality, 'enabled');
  return buildSecurity(
    {
      security: realityOn ? 'reality' : flag(tls, 'enabled') ? 'tls' : 'none',
      sni: text(tls, 'server_name'),
      alpn: list(tls, 'alpn').join(','),
      fingerprint: text(child(tls, 'utls'), 'fingerprint'),
      allowInsecure: flag(tls, 'insecure'),
      publicKey: text(reality, 'public_key'),
      shortId: text(reality, 'short_id'),
      spiderX: '',
    },
    'none',
  );
}

function singboxTls(o: Plain): TlsSecurity {
  const tls = child(o, 'tls');
  return {
    type: 'tls',
    sni: text(tls, 'server_name'),
    alpn: list(tls, 'alpn'),
    fingerprint: text(child(tls, 'utls'), 'fingerprint'),
    allowInsecure: flag(tls, 'insecure'),
  };
}

/** One sing-box outbound as a model, or why not. */
export function fromSingboxOutbound(raw: Plain): ParseResult {
  const type = text(raw, 'type').toLowerCase();
  const remark = name(raw, 'tag');
  const host = text(raw, 'server').replace(/^\[|\]$/g, '');
  const serverPort = port(raw, 'server_port');
  if (host === '') return failed('the outbound has no server');
  if (serverPort === null) return failed(`the port "${text(raw, 'server_port')}" is not valid`);
  const place = { remark, host, port: serverPort };
  switch (type) {
    case 'vless': {
      const uuid = text(raw, 'uuid');
      if (uuid === '') return failed('vless outbound without a uuid');
      const transport = singboxTransport(raw);
      if (typeof transport === 'string') return failed(transport);
      const security = singboxSecurity(raw);
      if (typeof security === 'string') return failed(security);
      return parsed({
        protocol: 'vless',
        ...place,
        uuid,
        flow: text(raw, 'flow'),
        encryption: 'none',
        transport,
        security,
      });
    }
    case 'vmess': {
      const uuid = text(raw, 'uuid');
      if (uuid === '') return failed('vmess outbound without a uuid');
      const transport = singboxTransport(raw);
      if (typeof transport === 'string') return failed(transport);
      const security = singboxSecurity(raw);
      if (typeof security === 'string') return failed(security);
      const tls = tlsOnly(security);
      if (typeof tls === 'string') return failed(tls);
      return parsed({
        protocol: 'vmess',
        ...place,
        uuid,
        alterId: Number(text(raw, 'alter_id')) || 0,
        cipher: text(raw, 'security') || 'auto',
        transport,
        security: tls,
      });
    }
    case 'trojan': {
      const password = text(raw, 'password');
      if (password === '') return failed('trojan outbound without a password');
      const transport = singboxTransport(raw);
      if (typeof transport === 'string') return failed(transport);
      const security = singboxSecurity(raw);
      if (typeof security === 'string') return failed(security);
      return parsed({ protocol: 'trojan', ...place, password, transport, security });
    }
    case 'shadowsocks': {
      const method = text(raw, 'method').toLowerCase();
      const password = text(raw, 'password');
      if (method === '' || password === '')
        return failed('shadowsocks outbound without a method or password');
      const plugin = text(raw, 'plugin');
      if (plugin !== '' && plugin !== 'obfs-local')
        return failed(`the shadowsocks plugin "${plugin}" is not supported`);
      const opts = text(raw, 'plugin_opts');
      return parsed({
        protocol: 'shadowsocks',
        ...place,
        method,
        password,
        plugin: plugin === '' ? '' : opts === '' ? plugin : `${plugin};${opts}`,
      });
    }
    case 'hysteria2': {
      const password = text(raw, 'password');
      if (password === '') return failed('hysteria2 outbound without a password');
      const obfs = child(raw, 'obfs');
      const obfsType = text(obfs, 'type').toLowerCase();
      if (obfsType !== '' && obfsType !== 'salamander')
        return failed(`hysteria2 obfs "${obfsType}" is not supported`);
      return parsed({
        protocol: 'hysteria2',
        ...place,
        password,
        tls: singboxTls(raw),
        obfs: obfsType === 'salamander' ? { type: 'salamander', password: text(obfs, 'password') } : null,
      });
    }
    case 'tuic': {
      const uuid = text(raw, 'uuid');
      if (uuid === '') return failed('tuic outbound without a uuid');
      return parsed({
        protocol: 'tuic',
        ...place,
        uuid,
        password: text(raw, 'password'),
        tls: singboxTls(raw),
        congestionControl: text(raw, 'congestion_control') || 'bbr',
        udpRelayMode: text(raw, 'udp_relay_mode') || 'native',
      });
    }
    default:
      return failed(`the outbound type "${type || '(none)'}" is not supported`);
  }
}
