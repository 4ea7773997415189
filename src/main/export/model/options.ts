// Transport and security from named values, whoever names them: the share-link parameters (Xray's
// names) and the panel's JSON fields both come here, so both read a transport the same way.

import type { NoSecurity, Security, TlsSecurity, Transport, TransportType } from './types';
import { splitList } from './text';

export function normalizeNetwork(raw: string): TransportType | string {
  const net = raw.trim().toLowerCase();
  if (net === '' || net === 'tcp' || net === 'raw') return 'tcp';
  if (net === 'ws' || net === 'websocket') return 'ws';
  if (net === 'grpc' || net === 'gun') return 'grpc';
  if (net === 'httpupgrade') return 'httpupgrade';
  if (net === 'xhttp' || net === 'splithttp') return 'xhttp';
  if (net === 'kcp' || net === 'mkcp') return 'kcp';
  return `unsupported transport "${raw}"`;
}
const TRANSPORTS = new Set<string>(['tcp', 'ws', 'grpc', 'httpupgrade', 'xhttp', 'kcp']);
const isTransportType = (value: string): value is TransportType => TRANSPORTS.has(value);

export interface TransportInput {
  network: string;
  headerType: string;
  host: string;
  path: string;
  serviceName: string;
  mode: string;
  seed: string;
}

export function buildTransport(input: TransportInput): Transport | string {
  const net = normalizeNetwork(input.network);
  if (!isTransportType(net)) return net;
  const path = input.path === '' ? '/' : input.path;
  switch (net) {
    case 'tcp': {
      const http = input.headerType.toLowerCase() === 'http';
      return http
        ? { type: 'tcp', headerType: 'http', host: input.host, path }
        : { type: 'tcp', headerType: 'none', host: '', path: '' };
    }
    case 'ws':
      return { type: 'ws', path, host: input.host };
    case 'httpupgrade':
      return { type: 'httpupgrade', path, host: input.host };
    case 'xhttp':
      return { type: 'xhttp', path, host: input.host, mode: input.mode === '' ? 'auto' : input.mode };
    case 'grpc':
      return {
        type: 'grpc',
        serviceName: input.serviceName !== '' ? input.serviceName : input.path,
        multiMode: input.mode.toLowerCase() === 'multi',
      };
    case 'kcp':
      return {
        type: 'kcp',
        headerType: input.headerType === '' ? 'none' : input.headerType,
        seed: input.seed,
      };
  }
}

export interface SecurityInput {
  security: string;
  sni: string;
  alpn: string;
  fingerprint: string;
  allowInsecure: boolean;
  publicKey: string;
  shortId: string;
  spiderX: string;
}

export function buildSecurity(input: SecurityInput, fallback: 'none' | 'tls'): Security | string {
  const kind = input.security.trim().toLowerCase() || fallback;
  if (kind === 'none') return { type: 'none' };
  if (kind === 'tls' || kind === 'xtls') {
    return {
      type: 'tls',
      sni: input.sni,
      alpn: splitList(input.alpn),
      fingerprint: input.fingerprint,
      allowInsecure: input.allowInsecure,
    };
  }
  if (kind === 'reality') {
    if (input.publicKey === '') return 'reality without a public key';
    return {
      type: 'reality',
      sni: input.sni,
      fingerprint: input.fingerprint,
      publicKey: input.publicKey,
      shortId: input.shortId,
      spiderX: input.spiderX,
    };
  }
  return `unsupported security "${input.security}"`;
}

export function tlsOnly(security: Security): NoSecurity | TlsSecurity | string {
  return security.type === 'reality' ? 'vmess cannot use reality' : security;
}
