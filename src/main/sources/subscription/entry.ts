// One server entry of a client config (a Clash proxy, a sing-box outbound) -> the export model. The
// two formats carry the same protocols with the same parts: a place, credentials, a transport and TLS.
// This module reads what they share and checks each protocol once; an EntryFormat says where its
// format keeps each field (clash.ts, singbox.ts), under that format's own names.

import {
  failed,
  parsed,
  type ParseResult,
  type Protocol,
  type Security,
  type TlsSecurity,
  type Transport,
} from '../../export/model/types';
import { buildSecurity, buildTransport, tlsOnly, type TransportInput } from '../../export/model/options';
import { name, port, text, type Plain } from './fields';

/** The TLS options of an entry, read from wherever its format keeps them. */
export interface TlsFields {
  sni: string;
  alpn: string[];
  fingerprint: string;
  allowInsecure: boolean;
}

/** A stream protocol's security (vless, vmess, trojan): TLS options, and Reality's when it is on. */
export interface SecurityFields extends TlsFields {
  security: 'none' | 'tls' | 'reality';
  publicKey: string;
  shortId: string;
}

export type StreamProtocol = 'vless' | 'vmess' | 'trojan';

export interface EntryFormat {
  /** What the format calls one entry, in reasons: "the proxy has no server". */
  noun: string;
  /** The format's type names (aliases included) for the model's protocols. */
  protocols: ReadonlyMap<string, Protocol>;
  keys: {
    /** The entry's remark. */
    name: string;
    port: string;
    /** vless `encryption`, 'none' when absent. */
    encryption: readonly string[];
    alterId: readonly string[];
    /** vmess's cipher. */
    vmessCipher: readonly string[];
    /** shadowsocks's method; the first name is the word reasons use. */
    method: readonly string[];
    hysteria2Password: readonly string[];
    congestionControl: readonly string[];
    udpRelayMode: readonly string[];
  };
  /** Said after "tuic <noun> without a uuid" (a format with an older uuid-less tuic says so). */
  tuicWithoutUuid: string;
  transport(entry: Plain): Transport | string;
  security(entry: Plain, protocol: StreamProtocol): SecurityFields;
  /** The TLS of a QUIC protocol (hysteria2, tuic), which is always on. */
  quicTls(entry: Plain): TlsFields;
  /** The SIP003 plugin string ('' for none), or null for a plugin the model cannot carry. */
  shadowsocksPlugin(entry: Plain): string | null;
  /** hysteria2's obfuscation: its type ('' for none) and password. */
  hysteria2Obfs(entry: Plain): { type: string; password: string };
}

const NO_TRANSPORT_OPTIONS: Omit<TransportInput, 'network'> = {
  headerType: '',
  host: '',
  path: '',
  serviceName: '',
  mode: '',
  seed: '',
};

/** A transport from its network and the options a format gives; the others empty. */
export function transportOf(
  network: string,
  options: Partial<Omit<TransportInput, 'network'>> = {},
): Transport | string {
  return buildTransport({ ...NO_TRANSPORT_OPTIONS, ...options, network });
}

export function securityOf(fields: SecurityFields): Security | string {
  return buildSecurity(
    {
      security: fields.security,
      sni: fields.sni,
      alpn: fields.alpn.join(','),
      fingerprint: fields.fingerprint,
      allowInsecure: fields.allowInsecure,
      publicKey: fields.publicKey,
      shortId: fields.shortId,
      spiderX: '',
    },
    'none',
  );
}

export function tlsOf(fields: TlsFields): TlsSecurity {
  return {
    type: 'tls',
    sni: fields.sni,
    alpn: fields.alpn,
    fingerprint: fields.fingerprint,
    allowInsecure: fields.allowInsecure,
  };
}

function stream(
  entry: Plain,
  format: EntryFormat,
  protocol: StreamProtocol,
): { transport: Transport; security: Security } | string {
  const transport = format.transport(entry);
  if (typeof transport === 'string') return transport;
  const security = securityOf(format.security(entry, protocol));
  if (typeof security === 'string') return security;
  return { transport, security };
}

/** One entry as a model, or why not. */
export function fromEntry(entry: Plain, format: EntryFormat): ParseResult {
  const { keys, noun } = format;
  const type = text(entry, 'type').toLowerCase();
  const remark = name(entry, keys.name);
  const host = text(entry, 'server').replace(/^\[|\]$/g, '');
  const serverPort = port(entry, keys.port);
  if (host === '') return failed(`the ${noun} has no server`);
  if (serverPort === null) return failed(`the port "${text(entry, keys.port)}" is not valid`);
  const place = { remark, host, port: serverPort };
  const protocol = format.protocols.get(type);
  const without = (what: string): ParseResult => failed(`${protocol} ${noun} without ${what}`);
  switch (protocol) {
    case 'vless': {
      const uuid = text(entry, 'uuid');
      if (uuid === '') return without('a uuid');
      const parts = stream(entry, format, protocol);
      if (typeof parts === 'string') return failed(parts);
      return parsed({
        protocol,
        ...place,
        uuid,
        flow: text(entry, 'flow'),
        encryption: text(entry, ...keys.encryption) || 'none',
        ...parts,
      });
    }
    case 'vmess': {
      const uuid = text(entry, 'uuid');
      if (uuid === '') return without('a uuid');
      const parts = stream(entry, format, protocol);
      if (typeof parts === 'string') return failed(parts);
      const tls = tlsOnly(parts.security);
      if (typeof tls === 'string') return failed(tls);
      return parsed({
        protocol,
        ...place,
        uuid,
        alterId: Number(text(entry, ...keys.alterId)) || 0,
        cipher: text(entry, ...keys.vmessCipher) || 'auto',
        transport: parts.transport,
        security: tls,
      });
    }
    case 'trojan': {
      const password = text(entry, 'password');
      if (password === '') return without('a password');
      const parts = stream(entry, format, protocol);
      if (typeof parts === 'string') return failed(parts);
      return parsed({ protocol, ...place, password, ...parts });
    }
    case 'shadowsocks': {
      const method = text(entry, ...keys.method).toLowerCase();
      const password = text(entry, 'password');
      if (method === '' || password === '') return without(`a ${keys.method[0]} or password`);
      const plugin = format.shadowsocksPlugin(entry);
      if (plugin === null)
        return failed(`the shadowsocks plugin "${text(entry, 'plugin')}" is not supported`);
      return parsed({ protocol, ...place, method, password, plugin });
    }
    case 'hysteria2': {
      const password = text(entry, ...keys.hysteria2Password);
      if (password === '') return without('a password');
      const obfs = format.hysteria2Obfs(entry);
      const obfsType = obfs.type.toLowerCase();
      if (obfsType !== '' && obfsType !== 'salamander')
        return failed(`hysteria2 obfs "${obfsType}" is not supported`);
      return parsed({
        protocol,
        ...place,
        password,
        tls: tlsOf(format.quicTls(entry)),
        obfs: obfsType === 'salamander' ? { type: 'salamander', password: obfs.password } : null,
      });
    }
    case 'tuic': {
      const uuid = text(entry, 'uuid');
      if (uuid === '') return without(`a uuid${format.tuicWithoutUuid}`);
      return parsed({
        protocol,
        ...place,
        uuid,
        password: text(entry, 'password'),
        tls: tlsOf(format.quicTls(entry)),
        congestionControl: text(entry, ...keys.congestionControl) || 'bbr',
        udpRelayMode: text(entry, ...keys.udpRelayMode) || 'native',
      });
    }
    default:
      return failed(`the ${noun} type "${type || '(none)'}" is not supported`);
  }
}
