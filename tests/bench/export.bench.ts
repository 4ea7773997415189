// Bench: does export scale linearly? Times buildExport for every text format (links, base64,
// clash, sing-box, xray; QR is left out: it is per-server image work) over 1,000 and 10,000
// synthetic panel servers of every protocol and transport, after a warm-up, taking medians.
// A ratio near 10 is linear; far above 10 means something quadratic (name de-duplication, ...).

import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { PanelServer } from '../../src/shared/domain';
import { buildExport, TEXT_FORMATS } from '../../src/main/export/index';
import { toShareLink } from '../../src/main/export/model';
import type { ServerModel, Transport } from '../../src/main/export/model';

const TRANSPORTS: Transport[] = [
  { type: 'tcp', headerType: 'none', host: '', path: '' },
  { type: 'ws', path: '/ws', host: 'cdn.example.com' },
  { type: 'grpc', serviceName: 'svc', multiMode: false },
  { type: 'httpupgrade', path: '/up', host: 'up.example.com' },
  { type: 'xhttp', path: '/xh', host: '', mode: 'auto' },
];

function syntheticModel(i: number): ServerModel {
  // Repeating remarks on purpose: every format must de-duplicate names.
  const remark = `🇩🇪 Node ${i % 700}`;
  const host = i % 5 === 0 ? `2001:db8::${(i % 65535).toString(16)}` : `n${i}.example.com`;
  const transport = TRANSPORTS[i % TRANSPORTS.length]!;
  const uuid = `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
  switch (i % 6) {
    case 0:
      return {
        protocol: 'vless',
        remark,
        host,
        port: 443,
        uuid,
        flow: 'xtls-rprx-vision',
        encryption: 'none',
        transport: TRANSPORTS[0]!,
        security: {
          type: 'reality',
          sni: 'www.example.com',
          fingerprint: 'chrome',
          publicKey: '7xhH4b_VkliBxGulljcyPOH-bYUA2dl-XAdZAsfhk04',
          shortId: '6ba85179',
          spiderX: '',
        },
      };
    case 1:
      return {
        protocol: 'vmess',
        remark,
        host,
        port: 443,
        uuid,
        alterId: 0,
        cipher: 'auto',
        transport,
        security: { type: 'tls', sni: host, alpn: ['h2'], fingerprint: 'chrome', allowInsecure: false },
      };
    case 2:
      return {
        protocol: 'trojan',
        remark,
        host,
        port: 443,
        password: `pw${i}`,
        transport,
        security: { type: 'tls', sni: '', alpn: [], fingerprint: '', allowInsecure: false },
      };
    case 3:
      return {
        protocol: 'shadowsocks',
        remark,
        host,
        port: 8388,
        method: i % 2 ? 'aes-256-gcm' : '2022-blake3-aes-128-gcm',
        password: `p${i}`,
        plugin: '',
      };
    case 4:
      return {
        protocol: 'hysteria2',
        remark,
        host,
        port: 443,
        password: `h${i}`,
        tls: { type: 'tls', sni: '', alpn: [], fingerprint: '', allowInsecure: false },
        obfs: null,
      };
    default:
      return {
        protocol: 'tuic',
        remark,
        host,
        port: 443,
        uuid,
        password: `t${i}`,
        tls: { type: 'tls', sni: '', alpn: ['h3'], fingerprint: '', allowInsecure: false },
        congestionControl: 'bbr',
        udpRelayMode: 'native',
      };
  }
}

function syntheticServers(count: number): PanelServer[] {
  return Array.from({ length: count }, (_, i) => {
    const model = syntheticModel(i);
    return {
      type: model.protocol,
      remark: model.remark,
      address: model.host,
      port: model.port,
      network: 'transport' in model ? model.transport.type : 'tcp',
      security: 'security' in model ? model.security.type : 'tls',
      uri: toShareLink(model),
      fields: {},
    };
  });
}

/** A way to collect garbage between runs, so one run's garbage is not billed to the next. */
function findGc(): (() => void) | null {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (typeof exposed === 'function') return exposed;
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    return typeof gc === 'function' ? (gc as () => void) : null;
  } catch {
    return null;
  }
}

async function timeAllFormats(servers: PanelServer[], gc: (() => void) | null): Promise<number> {
  gc?.();
  const start = performance.now();
  for (const format of TEXT_FORMATS) {
    const result = await buildExport(servers, format);
    if (result.format === 'qr' || result.text.length === 0) throw new Error(`${format} produced nothing`);
  }
  return performance.now() - start;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

export async function run(): Promise<{ name: string; value: number; unit: string; target?: string }[]> {
  const gc = findGc();
  const small = syntheticServers(1_000);
  const large = syntheticServers(10_000);
  // Warm-up: let the JIT compile the hot paths at both sizes before measuring.
  for (let i = 0; i < 3; i += 1) await timeAllFormats(small, gc);
  await timeAllFormats(large, gc);
  // Alternate the sizes so a change in machine load hits both alike; several small runs per
  // large one keep the small figure's median stable.
  const smallTimes: number[] = [];
  const largeTimes: number[] = [];
  for (let round = 0; round < 5; round += 1) {
    for (let i = 0; i < 3; i += 1) smallTimes.push(await timeAllFormats(small, gc));
    largeTimes.push(await timeAllFormats(large, gc));
  }
  return [
    {
      name: 'export_scaling',
      value: median(largeTimes) / median(smallTimes),
      unit: 'ratio',
      target: '<= 11',
    },
  ];
}
