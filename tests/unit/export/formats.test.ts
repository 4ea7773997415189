// Each export format against a schema of its client's documented field names and types
// (mihomo, sing-box, Xray), written here as strict zod schemas: a misspelt or misplaced field
// fails. Plus the cross-references a client checks on load (group members exist, tags unique).

import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parse as parseYaml } from 'yaml';
import { renderLinks } from '../../../src/main/export/model';
import { renderBase64 } from '../../../src/main/export/formats/base64';
import { renderClash } from '../../../src/main/export/formats/clash';
import { renderSingbox } from '../../../src/main/export/formats/singbox';
import { renderXray } from '../../../src/main/export/formats/xray';
import { parseShareLink, toShareLink } from '../../../src/main/export/model';
import type { ServerModel } from '../../../src/main/export/model';
import { modelMatrix, UUID } from './fixtures';

const models = modelMatrix();
const port = z.number().int().min(1).max(65535);
const str = z.string();
const strList = z.array(z.string().min(1)).min(1);
const FINGERPRINTS = [
  'chrome',
  'firefox',
  'safari',
  'ios',
  'android',
  'edge',
  '360',
  'qq',
  'random',
  'randomized',
] as const;

// ---- mihomo (wiki.metacubex.one: proxies, transport, tls fields) -------------------------------
const mihomoTls = {
  tls: z.boolean().optional(),
  'skip-cert-verify': z.boolean().optional(),
  alpn: strList.optional(),
  'client-fingerprint': z.enum(FINGERPRINTS).optional(),
  'reality-opts': z.strictObject({ 'public-key': str.min(1), 'short-id': str.optional() }).optional(),
};
const mihomoTransport = {
  network: z.enum(['tcp', 'http', 'h2', 'grpc', 'ws', 'xhttp']).optional(),
  'ws-opts': z
    .strictObject({
      path: str.optional(),
      headers: z.record(str, str).optional(),
      'max-early-data': z.number().int().optional(),
      'early-data-header-name': str.optional(),
      'v2ray-http-upgrade': z.boolean().optional(),
      'v2ray-http-upgrade-fast-open': z.boolean().optional(),
    })
    .optional(),
  'http-opts': z
    .strictObject({
      method: str.optional(),
      path: strList.optional(),
      headers: z.record(str, z.array(str)).optional(),
    })
    .optional(),
  'grpc-opts': z.strictObject({ 'grpc-service-name': str }).optional(),
  'xhttp-opts': z
    .strictObject({
      path: str.optional(),
      host: str.optional(),
      mode: z.enum(['stream-one', 'stream-up', 'packet-up']).optional(),
    })
    .optional(),
};
const mihomoCommon = { name: str.min(1), server: str.min(1), port, udp: z.boolean().optional() };
const mihomoProxy = z.discriminatedUnion('type', [
  z.strictObject({
    ...mihomoCommon,
    ...mihomoTls,
    ...mihomoTransport,
    type: z.literal('vless'),
    uuid: str.min(1),
    flow: z.literal('xtls-rprx-vision').optional(),
    servername: str.optional(),
    encryption: str.optional(),
  }),
  z.strictObject({
    ...mihomoCommon,
    ...mihomoTls,
    ...mihomoTransport,
    type: z.literal('vmess'),
    uuid: str.min(1),
    alterId: z.number().int().min(0),
    cipher: z.enum(['auto', 'none', 'zero', 'aes-128-gcm', 'chacha20-poly1305']),
    servername: str.optional(),
  }),
  z.strictObject({
    ...mihomoCommon,
    ...mihomoTls,
    ...mihomoTransport,
    type: z.literal('trojan'),
    password: str.min(1),
    sni: str.optional(),
  }),
  z.strictObject({ ...mihomoCommon, type: z.literal('ss'), cipher: str.min(1), password: str.min(1) }),
  z.strictObject({
    ...mihomoCommon,
    type: z.literal('hysteria2'),
    password: str.min(1),
    sni: str.optional(),
    'skip-cert-verify': z.boolean().optional(),
    alpn: strList.optional(),
    obfs: z.literal('salamander').optional(),
    'obfs-password': str.optional(),
  }),
  z.strictObject({
    ...mihomoCommon,
    type: z.literal('tuic'),
    uuid: str.min(1),
    password: str,
    sni: str.optional(),
    'skip-cert-verify': z.boolean().optional(),
    alpn: strList.optional(),
    'congestion-controller': z.enum(['cubic', 'new_reno', 'bbr']),
    'udp-relay-mode': z.enum(['native', 'quic']),
  }),
]);
const mihomoConfig = z.strictObject({
  'mixed-port': port,
  'allow-lan': z.boolean(),
  mode: z.enum(['rule', 'global', 'direct']),
  'log-level': z.enum(['silent', 'error', 'warning', 'info', 'debug']),
  proxies: z.array(mihomoProxy),
  'proxy-groups': z.array(
    z.strictObject({
      name: str.min(1),
      type: z.enum(['select', 'url-test', 'fallback', 'load-balance']),
      proxies: strList,
    }),
  ),
  rules: z.array(str.regex(/^[A-Z0-9-]+,/)),
});

// ---- sing-box (sing-box.sagernet.org: outbound/*, shared/tls, shared/v2ray-transport) ---------
const sbTls = z
  .strictObject({
    enabled: z.literal(true),
    server_name: str.optional(),
    insecure: z.boolean().optional(),
    alpn: strList.optional(),
    utls: z.strictObject({ enabled: z.literal(true), fingerprint: z.enum(FINGERPRINTS) }).optional(),
    reality: z
      .strictObject({ enabled: z.literal(true), public_key: str.min(1), short_id: str.optional() })
      .optional(),
  })
  .refine((tls) => !tls.reality || tls.utls, 'reality needs utls');
const sbTransport = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('ws'),
    path: str.optional(),
    headers: z.record(str, str).optional(),
    max_early_data: z.number().int().optional(),
    early_data_header_name: str.optional(),
  }),
  z.strictObject({ type: z.literal('grpc'), service_name: str.optional() }),
  z.strictObject({
    type: z.literal('httpupgrade'),
    host: str.optional(),
    path: str.optional(),
    headers: z.record(str, str).optional(),
  }),
]);
const sbServer = { tag: str.min(1), server: str.min(1), server_port: port };
const sbOutbound = z.discriminatedUnion('type', [
  z.strictObject({
    ...sbServer,
    type: z.literal('vless'),
    uuid: str.min(1),
    flow: z.literal('xtls-rprx-vision').optional(),
    packet_encoding: z.enum(['xudp', 'packetaddr']).optional(),
    tls: sbTls.optional(),
    transport: sbTransport.optional(),
  }),
  z.strictObject({
    ...sbServer,
    type: z.literal('vmess'),
    uuid: str.min(1),
    security: z.enum(['auto', 'none', 'zero', 'aes-128-gcm', 'chacha20-poly1305', 'aes-128-ctr']),
    alter_id: z.number().int().min(0),
    tls: sbTls.optional(),
    transport: sbTransport.optional(),
  }),
  z.strictObject({
    ...sbServer,
    type: z.literal('trojan'),
    password: str.min(1),
    tls: sbTls.optional(),
    transport: sbTransport.optional(),
  }),
  z.strictObject({ ...sbServer, type: z.literal('shadowsocks'), method: str.min(1), password: str.min(1) }),
  z.strictObject({
    ...sbServer,
    type: z.literal('hysteria2'),
    password: str.min(1),
    obfs: z.strictObject({ type: z.literal('salamander'), password: str }).optional(),
    tls: sbTls,
  }),
  z.strictObject({
    ...sbServer,
    type: z.literal('tuic'),
    uuid: str.min(1),
    password: str,
    congestion_control: z.enum(['cubic', 'new_reno', 'bbr']),
    udp_relay_mode: z.enum(['native', 'quic']),
    tls: sbTls,
  }),
  z.strictObject({
    type: z.literal('selector'),
    tag: str.min(1),
    outbounds: strList,
    default: str.optional(),
  }),
  z.strictObject({
    type: z.literal('urltest'),
    tag: str.min(1),
    outbounds: strList,
    url: z.url().optional(),
    interval: str.regex(/^\d+[smh]$/).optional(),
  }),
  z.strictObject({ type: z.literal('direct'), tag: str.min(1) }),
]);
const singboxConfig = z.strictObject({
  log: z.strictObject({ level: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'panic']) }),
  inbounds: z.array(
    z.strictObject({
      type: z.literal('mixed'),
      tag: str.min(1),
      listen: z.literal('127.0.0.1'),
      listen_port: z.literal(2080),
    }),
  ),
  outbounds: z.array(sbOutbound),
  route: z.strictObject({ final: str.min(1), auto_detect_interface: z.boolean().optional() }),
});

// ---- Xray (xtls.github.io: outbounds/*, transport) ------------------------------------------
const xrayStream = z
  .strictObject({
    network: z.enum(['tcp', 'raw', 'ws', 'grpc', 'httpupgrade', 'xhttp', 'kcp']),
    security: z.enum(['none', 'tls', 'reality']),
    tlsSettings: z
      .strictObject({
        serverName: str.optional(),
        allowInsecure: z.boolean().optional(),
        alpn: strList.optional(),
        fingerprint: str.optional(),
      })
      .optional(),
    realitySettings: z
      .strictObject({
        serverName: str,
        fingerprint: z.enum(FINGERPRINTS),
        publicKey: str.min(1),
        shortId: str,
        spiderX: str,
      })
      .optional(),
    tcpSettings: z
      .strictObject({
        header: z.strictObject({
          type: z.literal('http'),
          request: z.strictObject({
            version: str,
            method: str,
            path: strList,
            headers: z.record(str, z.array(str)),
          }),
        }),
      })
      .optional(),
    wsSettings: z.strictObject({ path: str, host: str.optional() }).optional(),
    grpcSettings: z.strictObject({ serviceName: str, multiMode: z.boolean().optional() }).optional(),
    httpupgradeSettings: z.strictObject({ path: str, host: str.optional() }).optional(),
    xhttpSettings: z
      .strictObject({
        path: str,
        host: str.optional(),
        mode: z.enum(['auto', 'packet-up', 'stream-up', 'stream-one']).optional(),
      })
      .optional(),
    kcpSettings: z
      .strictObject({
        header: z.strictObject({
          type: z.enum(['none', 'srtp', 'utp', 'wechat-video', 'dtls', 'wireguard', 'dns']),
        }),
        seed: str.optional(),
      })
      .optional(),
  })
  .refine((s) => (s.security === 'tls') === (s.tlsSettings !== undefined), 'tlsSettings iff security tls')
  .refine(
    (s) => (s.security === 'reality') === (s.realitySettings !== undefined),
    'realitySettings iff reality',
  );
const vnext = (user: z.ZodType) =>
  z.strictObject({
    vnext: z.array(z.strictObject({ address: str.min(1), port, users: z.array(user).length(1) })).length(1),
  });
const xrayOutbound = z.discriminatedUnion('protocol', [
  z.strictObject({
    tag: str.min(1),
    protocol: z.literal('vless'),
    settings: vnext(z.strictObject({ id: str.min(1), encryption: str, flow: str.optional() })),
    streamSettings: xrayStream,
  }),
  z.strictObject({
    tag: str.min(1),
    protocol: z.literal('vmess'),
    settings: vnext(z.strictObject({ id: str.min(1), alterId: z.number().int(), security: str })),
    streamSettings: xrayStream,
  }),
  z.strictObject({
    tag: str.min(1),
    protocol: z.literal('trojan'),
    settings: z.strictObject({
      servers: z.array(z.strictObject({ address: str, port, password: str.min(1) })).length(1),
    }),
    streamSettings: xrayStream,
  }),
  z.strictObject({
    tag: str.min(1),
    protocol: z.literal('shadowsocks'),
    settings: z.strictObject({
      servers: z
        .array(z.strictObject({ address: str, port, method: str.min(1), password: str.min(1) }))
        .length(1),
    }),
  }),
  z.strictObject({ tag: str.min(1), protocol: z.literal('freedom'), settings: z.strictObject({}) }),
]);
const xraySniffing = z.strictObject({
  enabled: z.boolean(),
  destOverride: z.array(z.enum(['http', 'tls', 'quic', 'fakedns'])),
});
const xrayConfig = z.strictObject({
  log: z.strictObject({ loglevel: z.enum(['debug', 'info', 'warning', 'error', 'none']) }),
  inbounds: z.tuple([
    z.strictObject({
      tag: str,
      protocol: z.literal('socks'),
      listen: z.literal('127.0.0.1'),
      port: z.literal(10808),
      settings: z.strictObject({ auth: z.enum(['noauth', 'password']), udp: z.boolean() }),
      sniffing: xraySniffing,
    }),
    z.strictObject({
      tag: str,
      protocol: z.literal('http'),
      listen: z.literal('127.0.0.1'),
      port: z.literal(10809),
      settings: z.strictObject({}),
      sniffing: xraySniffing,
    }),
  ]),
  outbounds: z.array(xrayOutbound).min(1),
  routing: z.strictObject({
    domainStrategy: z.enum(['AsIs', 'IPIfNonMatch', 'IPOnDemand']),
    rules: z.array(z.strictObject({ type: z.literal('field'), ip: strList, outboundTag: str })),
  }),
});

const unique = (values: string[]): boolean => new Set(values).size === values.length;

describe('links and base64 subscription', () => {
  it('writes one canonical link per line, every one readable back', () => {
    const out = renderLinks(models);
    const lines = out.text.split('\n');
    expect(lines).toHaveLength(models.length);
    expect(out.skipped).toEqual([]);
    lines.forEach((line, i) => expect(parseShareLink(line)).toEqual({ ok: true, model: models[i] }));
  });

  it('base64 is standard base64 of the links joined by \\n', () => {
    const out = renderBase64(models);
    expect(out.text).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(out.text, 'base64').toString('utf8')).toBe(models.map(toShareLink).join('\n'));
  });
});

describe('Clash Meta / mihomo YAML', () => {
  const out = renderClash(models);
  const config = mihomoConfig.parse(parseYaml(out.text));

  it('matches the mihomo schema, with unique names and one select group of every proxy + DIRECT', () => {
    const names = config.proxies.map((p) => p.name);
    expect(unique(names)).toBe(true);
    expect(config['proxy-groups']).toEqual([
      { name: 'PROXY', type: 'select', proxies: [...names, 'DIRECT'] },
    ]);
    expect(config.rules.at(-1)).toBe('MATCH,PROXY');
    expect(config.proxies.length + out.skipped.length).toBe(models.length);
  });

  it('maps the fields mihomo names differently', () => {
    const reality = config.proxies.find((p) => p.type === 'vless' && p['reality-opts']);
    expect(reality).toMatchObject({
      tls: true,
      servername: 'www.lovelive-anime.jp',
      'client-fingerprint': 'firefox',
      flow: 'xtls-rprx-vision',
    });
    const up = config.proxies.find((p) => p.type === 'vless' && p['ws-opts']?.['v2ray-http-upgrade']);
    expect(up).toMatchObject({
      network: 'ws',
      'ws-opts': { path: '/up', headers: { Host: 'up.example.com' } },
    });
    const http = config.proxies.find((p) => p.type === 'vmess' && p.network === 'http');
    expect(http).toMatchObject({
      'http-opts': { path: ['/x', '/y'], headers: { Host: ['a.example.com', 'b.example.com'] } },
    });
    expect(config.proxies.find((p) => p.type === 'trojan')).not.toHaveProperty('tls');
  });

  it('skips what mihomo cannot express, with a reason, never silently', () => {
    const reasons = out.skipped.map((s) => s.reason);
    expect(reasons.some((r) => r.includes('mKCP'))).toBe(true);
    expect(reasons.some((r) => r.includes('xhttp only for vless'))).toBe(true);
    expect(reasons.some((r) => r.includes('plugins'))).toBe(true);
    // trojan without TLS is refused first, for that reason instead
    const kcpModels = models.filter(
      (m) =>
        'transport' in m &&
        m.transport.type === 'kcp' &&
        !(m.protocol === 'trojan' && m.security.type === 'none'),
    );
    expect(out.skipped.filter((s) => s.reason.includes('mKCP'))).toHaveLength(kcpModels.length);
  });

  it('quotes names YAML would misread', () => {
    const odd: ServerModel = { ...models[0]!, remark: '- &a *b: #c "d" @e' };
    const multiline: ServerModel = { ...models[0]!, remark: 'line one\n  line two: x' };
    const parsed = mihomoConfig.parse(parseYaml(renderClash([odd, odd, multiline]).text));
    expect(parsed.proxies.map((p) => p.name)).toEqual([
      '- &a *b: #c "d" @e',
      '- &a *b: #c "d" @e (2)',
      'line one\n  line two: x',
    ]);
    expect(parsed['proxy-groups'][0]?.proxies).toHaveLength(4);
  });
});

describe('sing-box JSON', () => {
  const out = renderSingbox(models);
  const config = singboxConfig.parse(JSON.parse(out.text));
  const tags = config.outbounds.map((o) => o.tag);

  it('matches the sing-box schema; every referenced tag exists and tags are unique', () => {
    expect(unique(tags)).toBe(true);
    for (const o of config.outbounds) {
      if (o.type === 'selector' || o.type === 'urltest')
        for (const t of o.outbounds) expect(tags).toContain(t);
    }
    expect(tags).toContain(config.route.final);
    expect(config.outbounds[0]).toMatchObject({ type: 'selector', tag: config.route.final });
    expect(config.outbounds.length - 3 + out.skipped.length).toBe(models.length);
  });

  it('moves ws early data from the path into max_early_data', () => {
    const ws = config.outbounds.find(
      (o) => o.type === 'vless' && o.transport?.type === 'ws' && o.transport.max_early_data,
    );
    expect(ws).toMatchObject({
      transport: { path: '/ws', max_early_data: 2048, early_data_header_name: 'Sec-WebSocket-Protocol' },
    });
  });

  it('skips xhttp, kcp and tcp http obfuscation with reasons', () => {
    const reasons = out.skipped.map((s) => s.reason);
    expect(reasons.filter((r) => r.includes('xhttp')).length).toBe(
      models.filter((m) => 'transport' in m && m.transport.type === 'xhttp').length,
    );
    expect(reasons.some((r) => r.includes('mKCP'))).toBe(true);
    expect(reasons.some((r) => r.includes('HTTP header obfuscation'))).toBe(true);
  });

  it('still starts with no exportable server: selector over direct', () => {
    const empty = singboxConfig.parse(JSON.parse(renderSingbox([]).text));
    expect(empty.outbounds.map((o) => o.type)).toEqual(['selector', 'direct']);
  });
});

describe('Xray JSON', () => {
  const out = renderXray(models);
  const config = xrayConfig.parse(JSON.parse(out.text));

  it('matches the Xray schema; first outbound is the first server; direct is freedom', () => {
    const tags = config.outbounds.map((o) => o.tag);
    expect(unique(tags)).toBe(true);
    expect(config.outbounds[0]?.tag).toBe(models[0]?.remark);
    expect(config.outbounds.at(-1)).toEqual({ tag: 'direct', protocol: 'freedom', settings: {} });
    for (const rule of config.routing.rules) expect(tags).toContain(rule.outboundTag);
    expect(config.outbounds.length - 1 + out.skipped.length).toBe(models.length);
  });

  it('keeps each network with its own settings block', () => {
    for (const o of config.outbounds) {
      if (!('streamSettings' in o)) continue;
      const s = o.streamSettings;
      const key = {
        tcp: 'tcpSettings',
        raw: 'rawSettings',
        ws: 'wsSettings',
        grpc: 'grpcSettings',
        httpupgrade: 'httpupgradeSettings',
        xhttp: 'xhttpSettings',
        kcp: 'kcpSettings',
      }[s.network];
      for (const other of [
        'wsSettings',
        'grpcSettings',
        'httpupgradeSettings',
        'xhttpSettings',
        'kcpSettings',
      ])
        if (other !== key) expect(s).not.toHaveProperty(other);
    }
  });

  it('skips hysteria2 and tuic with a reason', () => {
    const skippedKinds = out.skipped.map((s) => s.reason);
    expect(skippedKinds.filter((r) => r.includes('hysteria2')).length).toBe(
      models.filter((m) => m.protocol === 'hysteria2').length,
    );
    expect(skippedKinds.filter((r) => r.includes('tuic')).length).toBe(
      models.filter((m) => m.protocol === 'tuic').length,
    );
  });

  it('writes reality settings with Xray names', () => {
    const reality = config.outbounds.find(
      (o) => o.protocol === 'vless' && o.streamSettings.security === 'reality',
    );
    expect(reality).toMatchObject({
      settings: { vnext: [{ users: [{ id: UUID, flow: 'xtls-rprx-vision', encryption: 'none' }] }] },
      streamSettings: {
        realitySettings: {
          publicKey: '7xhH4b_VkliBxGulljcyPOH-bYUA2dl-XAdZAsfhk04',
          shortId: '6ba85179e30d4fc2',
          spiderX: '/path?q=1',
        },
      },
    });
  });
});
