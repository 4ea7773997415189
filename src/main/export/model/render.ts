// Share links out: the canonical link of a model, and the links format (one per line, what v2rayN,
// v2rayNG, Hiddify and NekoBox import by paste). Every model has a link, so nothing is skipped.

import type { FormatOutput } from '../formats/common';
import type { Security, ServerModel, Transport, VmessModel } from './types';
import { base64Url, enc, hostForUrl, wellFormed } from './text';

type QueryPairs = [string, string][];
function renderQuery(pairs: QueryPairs): string {
  const kept = pairs.filter(([, value]) => value !== '');
  return kept.length === 0 ? '' : `?${kept.map(([k, v]) => `${k}=${enc(v)}`).join('&')}`;
}
const fragment = (remark: string): string => (remark === '' ? '' : `#${enc(remark)}`);

function transportPairs(transport: Transport): QueryPairs {
  switch (transport.type) {
    case 'tcp':
      return transport.headerType === 'http'
        ? [
            ['type', 'tcp'],
            ['headerType', 'http'],
            ['host', transport.host],
            ['path', transport.path],
          ]
        : [['type', 'tcp']];
    case 'ws':
    case 'httpupgrade':
      return [
        ['type', transport.type],
        ['host', transport.host],
        ['path', transport.path],
      ];
    case 'xhttp':
      return [
        ['type', 'xhttp'],
        ['host', transport.host],
        ['path', transport.path],
        ['mode', transport.mode],
      ];
    case 'grpc':
      return [
        ['type', 'grpc'],
        ['serviceName', transport.serviceName],
        ['mode', transport.multiMode ? 'multi' : 'gun'],
      ];
    case 'kcp':
      return [
        ['type', 'kcp'],
        ['headerType', transport.headerType],
        ['seed', transport.seed],
      ];
  }
}

function securityPairs(security: Security): QueryPairs {
  switch (security.type) {
    case 'none':
      return [['security', 'none']];
    case 'tls':
      return [
        ['security', 'tls'],
        ['sni', security.sni],
        ['alpn', security.alpn.join(',')],
        ['fp', security.fingerprint],
        ['allowInsecure', security.allowInsecure ? '1' : ''],
      ];
    case 'reality':
      return [
        ['security', 'reality'],
        ['sni', security.sni],
        ['fp', security.fingerprint],
        ['pbk', security.publicKey],
        ['sid', security.shortId],
        ['spx', security.spiderX],
      ];
  }
}

const SS_PLAIN_USERINFO = /^2022-blake3-/;

function vmessJsonTransport(t: Transport): [type: string, host: string, path: string] {
  switch (t.type) {
    case 'tcp':
      return [t.headerType, t.host, t.path];
    case 'ws':
    case 'httpupgrade':
      return ['none', t.host, t.path];
    case 'xhttp':
      return [t.mode, t.host, t.path];
    case 'grpc':
      return [t.multiMode ? 'multi' : 'gun', '', t.serviceName];
    case 'kcp':
      return [t.headerType, '', t.seed];
  }
}

/** vmess as v2rayN's base64 JSON; `type` carries header type (tcp/kcp) or mode (grpc/xhttp). */
function renderVmessJson(model: VmessModel): string {
  const t = model.transport;
  const [type, host, path] = vmessJsonTransport(t);
  const s = model.security;
  const json: Record<string, string> = {
    v: '2',
    ps: model.remark,
    add: model.host,
    port: String(model.port),
    id: model.uuid,
    aid: String(model.alterId),
    scy: model.cipher,
    net: t.type,
    type,
    host,
    path,
    tls: s.type === 'tls' ? 'tls' : '',
    sni: s.type === 'tls' ? s.sni : '',
    alpn: s.type === 'tls' ? s.alpn.join(',') : '',
    fp: s.type === 'tls' ? s.fingerprint : '',
  };
  // Not in v2rayN's schema (it ignores unknown keys); kept so our own round trip loses nothing.
  if (s.type === 'tls' && s.allowInsecure) json.allowInsecure = '1';
  return `vmess://${Buffer.from(wellFormed(JSON.stringify(json)), 'utf8').toString('base64')}`;
}

/**
 * The canonical share link of a model.
 * vmess is written as v2rayN's base64 JSON: every v2rayN release, v2rayNG, Hiddify, NekoBox and
 * Shadowrocket import it, while the Xray URL form of vmess is read by fewer clients (older
 * v2rayN builds and several mobile clients reject it). parseShareLink reads both forms.
 */
export function toShareLink(model: ServerModel): string {
  const authority = `${hostForUrl(model.host)}:${model.port}`;
  switch (model.protocol) {
    case 'vless':
      return `vless://${enc(model.uuid)}@${authority}${renderQuery([
        ...transportPairs(model.transport).slice(0, 1),
        ['encryption', model.encryption],
        ...securityPairs(model.security),
        ['flow', model.flow],
        ...transportPairs(model.transport).slice(1),
      ])}${fragment(model.remark)}`;
    case 'vmess':
      return renderVmessJson(model);
    case 'trojan':
      return `trojan://${enc(model.password)}@${authority}${renderQuery([
        ...transportPairs(model.transport).slice(0, 1),
        ...securityPairs(model.security),
        ...transportPairs(model.transport).slice(1),
      ])}${fragment(model.remark)}`;
    case 'shadowsocks': {
      const userinfo = SS_PLAIN_USERINFO.test(model.method)
        ? `${enc(model.method)}:${enc(model.password)}`
        : base64Url(`${model.method}:${model.password}`);
      const query = model.plugin === '' ? '' : `/${renderQuery([['plugin', model.plugin]])}`;
      return `ss://${userinfo}@${authority}${query}${fragment(model.remark)}`;
    }
    case 'hysteria2':
      return `hysteria2://${enc(model.password)}@${authority}/${renderQuery([
        ['sni', model.tls.sni],
        ['insecure', model.tls.allowInsecure ? '1' : ''],
        ['alpn', model.tls.alpn.join(',')],
        ['fp', model.tls.fingerprint],
        ['obfs', model.obfs ? 'salamander' : ''],
        ['obfs-password', model.obfs ? model.obfs.password : ''],
      ])}${fragment(model.remark)}`;
    case 'tuic':
      return `tuic://${enc(model.uuid)}:${enc(model.password)}@${authority}${renderQuery([
        ['congestion_control', model.congestionControl],
        ['udp_relay_mode', model.udpRelayMode],
        ['sni', model.tls.sni],
        ['alpn', model.tls.alpn.join(',')],
        ['fp', model.tls.fingerprint],
        ['allow_insecure', model.tls.allowInsecure ? '1' : ''],
      ])}${fragment(model.remark)}`;
  }
}

export function renderLinks(models: readonly ServerModel[]): FormatOutput {
  return { text: models.map((model) => toShareLink(model)).join('\n'), skipped: [] };
}
