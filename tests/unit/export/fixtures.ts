// Shared fixtures for the export tests: the panel seed server and a matrix of models covering
// every protocol x transport x security combination the model can hold.

import type { PanelServer } from '../../../src/shared/domain';
import type { Security, ServerModel, TlsSecurity, Transport } from '../../../src/main/export/model';
import { toShareLink } from '../../../src/main/export/model';

export const SEED_URI =
  'vless://4a6f9231-710e-5602-a410-c8a755cc3a2f@google.com:443?encryption=none&headerType=none&type=tcp&security=reality&sni=www.lovelive-anime.jp&fp=chrome&pbk=7xhH4b_VkliBxGulljcyPOH-bYUA2dl-XAdZAsfhk04&sid=6ba85179e30d4fc2&flow=xtls-rprx-vision&xtls=2#%F0%9F%87%BA%F0%9F%87%B8%20Test';

/** service/info's server, as the panel client normalizes it (see src/shared/domain.ts). */
export function seedServer(overrides: Partial<PanelServer> = {}): PanelServer {
  return {
    type: 'vless',
    remark: '🇺🇸 Test',
    address: 'google.com',
    port: 443,
    network: 'tcp',
    security: 'reality',
    uri: SEED_URI,
    fields: {
      password: '4a6f9231-710e-5602-a410-c8a755cc3a2f',
      encryption: 'none',
      sni: 'www.lovelive-anime.jp',
      allowinsecure: false,
      header: 'none',
      fingerprint: 'chrome',
      flow: 'xtls-rprx-vision',
      shortid: '6ba85179e30d4fc2',
      spiderx: '',
      publickey: '7xhH4b_VkliBxGulljcyPOH-bYUA2dl-XAdZAsfhk04',
    },
    ...overrides,
  };
}

export const UUID = 'b831381d-6324-4d53-ad4f-8cda48b30811';

export const TRANSPORTS: Transport[] = [
  { type: 'tcp', headerType: 'none', host: '', path: '' },
  { type: 'tcp', headerType: 'http', host: 'a.example.com,b.example.com', path: '/x,/y' },
  { type: 'ws', path: '/ws?ed=2048', host: 'cdn.example.com' },
  { type: 'ws', path: '/', host: '' },
  { type: 'grpc', serviceName: 'svc-name', multiMode: false },
  { type: 'grpc', serviceName: 'multi', multiMode: true },
  { type: 'httpupgrade', path: '/up', host: 'up.example.com' },
  { type: 'xhttp', path: '/xh', host: 'xh.example.com', mode: 'packet-up' },
  { type: 'xhttp', path: '/', host: '', mode: 'auto' },
  { type: 'kcp', headerType: 'wechat-video', seed: 's33d' },
  { type: 'kcp', headerType: 'none', seed: '' },
];

export const TLS_FULL: TlsSecurity = {
  type: 'tls',
  sni: 'sni.example.com',
  alpn: ['h2', 'http/1.1'],
  fingerprint: 'chrome',
  allowInsecure: true,
};
export const TLS_BARE: TlsSecurity = {
  type: 'tls',
  sni: '',
  alpn: [],
  fingerprint: '',
  allowInsecure: false,
};
export const REALITY: Security = {
  type: 'reality',
  sni: 'www.lovelive-anime.jp',
  fingerprint: 'firefox',
  publicKey: '7xhH4b_VkliBxGulljcyPOH-bYUA2dl-XAdZAsfhk04',
  shortId: '6ba85179e30d4fc2',
  spiderX: '/path?q=1',
};
export const SECURITIES: Security[] = [{ type: 'none' }, TLS_FULL, TLS_BARE, REALITY];

export const HOSTS = ['node.example.com', '203.0.113.9', '2001:db8::1'];

/** Every combination: protocols x transports x securities (where the protocol allows it) x hosts. */
export function modelMatrix(): ServerModel[] {
  const models: ServerModel[] = [];
  let n = 0;
  for (const host of HOSTS) {
    for (const transport of TRANSPORTS) {
      for (const security of SECURITIES) {
        n += 1;
        const remark = `m${n} ${transport.type}/${security.type}`;
        models.push({
          protocol: 'vless',
          remark,
          host,
          port: 443,
          uuid: UUID,
          flow: security.type === 'reality' ? 'xtls-rprx-vision' : '',
          encryption: 'none',
          transport,
          security,
        });
        models.push({
          protocol: 'trojan',
          remark,
          host,
          port: 8443,
          password: 'tr@jan pass#1',
          transport,
          security,
        });
        if (security.type !== 'reality') {
          models.push({
            protocol: 'vmess',
            remark,
            host,
            port: 10086,
            uuid: UUID,
            alterId: n % 2,
            cipher: n % 3 === 0 ? 'aes-128-gcm' : 'auto',
            transport,
            security,
          });
        }
      }
    }
    for (const method of [
      'aes-256-gcm',
      'chacha20-ietf-poly1305',
      '2022-blake3-aes-128-gcm',
      '2022-blake3-aes-256-gcm',
    ]) {
      models.push({
        protocol: 'shadowsocks',
        remark: `ss ${method}`,
        host,
        port: 8388,
        method,
        password: method.startsWith('2022') ? 'MTIzNDU2Nzg5MDEyMzQ1Ng==' : 'p@ss:w/rd+=',
        plugin: '',
      });
    }
    models.push({
      protocol: 'shadowsocks',
      remark: 'ss plugin',
      host,
      port: 8388,
      method: 'aes-128-gcm',
      password: 'pw',
      plugin: 'obfs-local;obfs=http;obfs-host=example.com',
    });
    models.push({
      protocol: 'hysteria2',
      remark: 'hy2',
      host,
      port: 443,
      password: 'hy2 p@ss',
      tls: TLS_FULL,
      obfs: null,
    });
    models.push({
      protocol: 'hysteria2',
      remark: 'hy2 obfs',
      host,
      port: 443,
      password: 'x',
      tls: { ...TLS_BARE, sni: 'h.example.com' },
      obfs: { type: 'salamander', password: 'ob&fs' },
    });
    models.push({
      protocol: 'tuic',
      remark: 'tuic',
      host,
      port: 443,
      uuid: UUID,
      password: 'tu:ic',
      tls: { ...TLS_FULL, alpn: ['h3'], fingerprint: '' },
      congestionControl: 'bbr',
      udpRelayMode: 'quic',
    });
  }
  return models;
}

/** A panel server whose uri is the model's canonical link (how a real panel hands it over). */
export function panelServerFor(model: ServerModel, uri: string): PanelServer {
  return {
    type: model.protocol,
    remark: model.remark,
    address: model.host,
    port: model.port,
    network: 'protocol' in model && 'transport' in model ? model.transport.type : 'tcp',
    security: 'security' in model ? model.security.type : 'tls',
    uri,
    fields: {},
  };
}

/**
 * A service's list as export meets it: a real server, a plan-info pseudo-server, two remarks that
 * differ only in case and are unsafe as file names, and a hysteria2 server (absent from some formats).
 */
export function mixedServers(): PanelServer[] {
  const hy2 = modelMatrix().find((m) => m.protocol === 'hysteria2');
  if (!hy2) throw new Error('the model matrix has no hysteria2 server');
  return [
    seedServer(),
    seedServer({ remark: 'Total: 100G Used: 3G' }),
    seedServer({ remark: 'a/b:c*?' }),
    seedServer({ remark: 'A/B:C*?' }),
    panelServerFor(hy2, toShareLink(hy2)),
  ];
}
