// The server model every export format is rendered from: one type per protocol, with its transport
// and security, and the shapes a parse or a skip comes back in.

export type Protocol = 'vless' | 'vmess' | 'trojan' | 'shadowsocks' | 'hysteria2' | 'tuic';

/** tcp is Xray's "raw"; headerType 'http' is the HTTP/1.1 header obfuscation of tcp. */
export interface TcpTransport {
  type: 'tcp';
  headerType: 'none' | 'http';
  /** Comma-separated, as in share links; only for headerType 'http'. */
  host: string;
  path: string;
}
export interface WsTransport {
  type: 'ws';
  path: string;
  host: string;
}
export interface GrpcTransport {
  type: 'grpc';
  serviceName: string;
  multiMode: boolean;
}
export interface HttpUpgradeTransport {
  type: 'httpupgrade';
  path: string;
  host: string;
}
/** xhttp, formerly splithttp. */
export interface XhttpTransport {
  type: 'xhttp';
  path: string;
  host: string;
  /** auto | packet-up | stream-up | stream-one */
  mode: string;
}
export interface KcpTransport {
  type: 'kcp';
  headerType: string;
  seed: string;
}
export type Transport =
  TcpTransport | WsTransport | GrpcTransport | HttpUpgradeTransport | XhttpTransport | KcpTransport;
export type TransportType = Transport['type'];

export interface NoSecurity {
  type: 'none';
}
export interface TlsSecurity {
  type: 'tls';
  sni: string;
  alpn: string[];
  fingerprint: string;
  allowInsecure: boolean;
}
export interface RealitySecurity {
  type: 'reality';
  sni: string;
  fingerprint: string;
  publicKey: string;
  shortId: string;
  spiderX: string;
}
export type Security = NoSecurity | TlsSecurity | RealitySecurity;

interface ModelBase {
  remark: string;
  /** Bare host: a name, an IPv4 address, or an IPv6 address without brackets. */
  host: string;
  port: number;
}
export interface VlessModel extends ModelBase {
  protocol: 'vless';
  uuid: string;
  flow: string;
  encryption: string;
  transport: Transport;
  security: Security;
}
export interface VmessModel extends ModelBase {
  protocol: 'vmess';
  uuid: string;
  alterId: number;
  cipher: string;
  transport: Transport;
  security: NoSecurity | TlsSecurity;
}
export interface TrojanModel extends ModelBase {
  protocol: 'trojan';
  password: string;
  transport: Transport;
  security: Security;
}
export interface ShadowsocksModel extends ModelBase {
  protocol: 'shadowsocks';
  method: string;
  password: string;
  /** SIP003 plugin string ("obfs-local;obfs=http"), '' when none. */
  plugin: string;
}
export interface Hysteria2Model extends ModelBase {
  protocol: 'hysteria2';
  password: string;
  tls: TlsSecurity;
  obfs: { type: 'salamander'; password: string } | null;
}
export interface TuicModel extends ModelBase {
  protocol: 'tuic';
  uuid: string;
  password: string;
  tls: TlsSecurity;
  congestionControl: string;
  udpRelayMode: string;
}
export type ServerModel =
  VlessModel | VmessModel | TrojanModel | ShadowsocksModel | Hysteria2Model | TuicModel;

export type ParseResult = { ok: true; model: ServerModel } | { ok: false; reason: string };

/** A server left out, with the sentence the user sees. */
export interface SkipNote {
  remark: string;
  reason: string;
}

export const failed = (reason: string): ParseResult => ({ ok: false, reason });
export const parsed = (model: ServerModel): ParseResult => ({ ok: true, model });
