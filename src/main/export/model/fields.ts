// A panel server as a model: its `uri` is parsed first (the panel's own rendering, the most
// reliable source); the panel's JSON fields fill what the link leaves out, or stand in when the
// link is missing or broken.

import type { PanelServer } from '../../../shared/domain';
import { failed, parsed, type ParseResult, type Protocol, type ServerModel, type TlsSecurity } from './types';
import { normalizeHost, splitList, truthy } from './text';
import { buildSecurity, buildTransport, tlsOnly, type SecurityInput, type TransportInput } from './options';
import { parseShareLink } from './parse';

type FieldValue = string | number | boolean | null;

function fieldReader(server: PanelServer): (...keys: string[]) => FieldValue | undefined {
  const lower = new Map<string, FieldValue>();
  for (const [key, value] of Object.entries(server.fields)) lower.set(key.toLowerCase(), value);
  return (...keys) => {
    for (const key of keys) {
      const value = lower.get(key.toLowerCase());
      if (value !== undefined && value !== null && value !== '') return value;
    }
    return undefined;
  };
}

const asText = (value: FieldValue | undefined): string =>
  value === undefined || value === null ? '' : String(value).trim();

function normalizeProtocol(type: string): Protocol | null {
  const t = type.trim().toLowerCase();
  if (t === 'vless' || t === 'vmess' || t === 'trojan' || t === 'tuic') return t;
  if (t === 'shadowsocks' || t === 'ss') return 'shadowsocks';
  if (t === 'hysteria2' || t === 'hy2') return 'hysteria2';
  return null;
}

/** Builds a model from the panel's JSON fields alone (used when the uri is missing or broken). */
export function modelFromFields(server: PanelServer): ParseResult {
  const protocol = normalizeProtocol(server.type);
  if (protocol === null) return failed(`unsupported server type "${server.type}"`);
  const f = fieldReader(server);
  const address = server.address.trim();
  if (address === '') return failed('the server has no address');
  const host = normalizeHost(address);
  if (host === null) return failed('the address is not a host name or an IP address');
  const port = typeof server.port === 'number' && Number.isInteger(server.port) ? server.port : NaN;
  if (!(port >= 1 && port <= 65535)) return failed(`the port "${String(server.port)}" is not valid`);
  const remark = server.remark.trim();
  const secret = asText(f('password', 'uuid', 'id', 'passwd'));
  if (secret === '') return failed('the server has no password or user id');
  const tlsInput: SecurityInput = {
    security: server.security,
    sni: asText(f('sni', 'servername', 'peer')),
    alpn: asText(f('alpn')),
    fingerprint: asText(f('fingerprint', 'fp')),
    allowInsecure: truthy(f('allowinsecure', 'allow_insecure', 'insecure')),
    publicKey: asText(f('publickey', 'pbk')),
    shortId: asText(f('shortid', 'sid')),
    spiderX: asText(f('spiderx', 'spx')),
  };
  const transportInput: TransportInput = {
    network: server.network,
    headerType: asText(f('header', 'headertype')),
    host: asText(f('host')),
    path: asText(f('path')),
    serviceName: asText(f('servicename', 'service_name')),
    mode: asText(f('mode')),
    seed: asText(f('seed')),
  };
  const base = { remark, host, port };

  if (protocol === 'shadowsocks') {
    const method = asText(f('method', 'cipher', 'encryption')).toLowerCase();
    if (method === '') return failed('the shadowsocks server has no cipher');
    return parsed({ protocol, ...base, method, password: secret, plugin: asText(f('plugin')) });
  }
  if (protocol === 'hysteria2' || protocol === 'tuic') {
    const alpn = splitList(tlsInput.alpn);
    const tls: TlsSecurity = {
      type: 'tls',
      sni: tlsInput.sni,
      alpn,
      fingerprint: tlsInput.fingerprint,
      allowInsecure: tlsInput.allowInsecure,
    };
    if (protocol === 'hysteria2') {
      const obfs = asText(f('obfs')).toLowerCase();
      return parsed({
        protocol,
        ...base,
        password: secret,
        tls,
        obfs:
          obfs === 'salamander'
            ? { type: 'salamander', password: asText(f('obfs-password', 'obfspassword', 'obfs_password')) }
            : null,
      });
    }
    return parsed({
      protocol,
      ...base,
      uuid: asText(f('uuid', 'id')) || secret,
      // Panels that give one secret use it as both uuid and password (as their nodes do).
      password: asText(f('uuid', 'id')) !== '' ? asText(f('password')) || secret : secret,
      tls,
      congestionControl: asText(f('congestion_control', 'congestion', 'congestioncontrol')) || 'bbr',
      udpRelayMode: asText(f('udp_relay_mode', 'udprelaymode')) || 'native',
    });
  }

  const transport = buildTransport(transportInput);
  if (typeof transport === 'string') return failed(transport);
  const security = buildSecurity(tlsInput, protocol === 'trojan' ? 'tls' : 'none');
  if (typeof security === 'string') return failed(security);
  if (protocol === 'vless') {
    return parsed({
      protocol,
      ...base,
      uuid: secret,
      flow: asText(f('flow')),
      encryption: asText(f('encryption')) || 'none',
      transport,
      security,
    });
  }
  if (protocol === 'trojan') return parsed({ protocol, ...base, password: secret, transport, security });
  const tls = tlsOnly(security);
  if (typeof tls === 'string') return failed(tls);
  return parsed({
    protocol,
    ...base,
    uuid: secret,
    alterId: Number(asText(f('alterid', 'aid', 'alter_id'))) || 0,
    cipher: asText(f('cipher', 'scy')) || 'auto',
    transport,
    security: tls,
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Keeps every value of `primary`; takes `backup`'s where primary has '' or an empty list. */
function fillGaps(primary: unknown, backup: unknown): unknown {
  if (isRecord(primary) && isRecord(backup)) {
    // Different variants (tls vs reality, ws vs grpc): the uri's choice stands whole.
    if ('type' in primary && primary.type !== backup.type) return primary;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(primary)) out[key] = fillGaps(value, backup[key]);
    return out;
  }
  if (primary === '' && typeof backup === 'string') return backup;
  if (Array.isArray(primary) && primary.length === 0 && Array.isArray(backup)) return backup;
  if (primary === null && backup !== undefined) return backup;
  return primary;
}

/** A panel server as a model: the uri when it parses, the JSON fields filling its gaps. */
export function fromPanelServer(server: PanelServer): ParseResult {
  const fromFields = modelFromFields(server);
  const uri = typeof server.uri === 'string' ? server.uri.trim() : '';
  const fromUri = uri === '' ? failed('the server has no uri') : parseShareLink(uri);
  const remark = server.remark.trim();
  if (fromUri.ok) {
    let model = fromUri.model;
    if (fromFields.ok && fromFields.model.protocol === model.protocol) {
      model = fillGaps(model, fromFields.model) as ServerModel;
    }
    return parsed(remark === '' ? model : { ...model, remark });
  }
  if (fromFields.ok) return fromFields;
  return failed(`${fromUri.reason}; from the panel's fields: ${fromFields.reason}`);
}
