// The simulator's subscription link, GET /link/<token>[?client=flag]: the format the panel's client
// flag asks for (XMPlus docs: meta / clash / stash give Clash YAML, singbox a sing-box config, latest,
// shadowrocket and the rest base64 share links), with the headers clients read:
// subscription-userinfo, profile-update-interval, profile-title, content-disposition. A panel may
// serve only some formats (older ones ignore flags they do not know and answer base64), and a
// sublink may fail; both are settable for tests.
import type { ServerResponse } from 'node:http';
import { stringify } from 'yaml';
import { formatDate, formatSize, unixSeconds } from './format';
import type { Panel } from './panel';
import type { SimServer, SimService } from './types';

export type SublinkFormat = 'base64' | 'clash' | 'singbox';
export const SUBLINK_FORMATS: readonly SublinkFormat[] = ['base64', 'clash', 'singbox'];
export type SublinkFault = 'http500' | 'reset' | 'hang';

export interface SublinkControl {
  /** Formats the panel serves; a flag for another falls back to base64, or 404 when base64 is off too. */
  setFormats(formats: readonly SublinkFormat[] | null): void;
  setFault(fault: SublinkFault | null): void;
  /** Requests per client flag ('' for none) since the start or resetRequests(). */
  requests(): Record<string, number>;
  resetRequests(): void;
}

export function formatForFlag(flag: string): SublinkFormat {
  const f = flag.toLowerCase();
  if (f === 'meta' || f === 'clash' || f === 'stash' || f === 'clashmeta') return 'clash';
  if (f === 'singbox' || f === 'sing-box') return 'singbox';
  return 'base64';
}

const CLASH_TYPES: Record<SimServer['type'], string> = {
  vless: 'vless',
  vmess: 'vmess',
  trojan: 'trojan',
  shadowsocks: 'ss',
  hysteria2: 'hysteria2',
  tuic: 'tuic',
};

function clashProxy(s: SimServer): Record<string, unknown> {
  const base = { name: s.remark, type: CLASH_TYPES[s.type], server: s.address, port: s.port };
  switch (s.type) {
    case 'vless':
    case 'vmess':
      return { ...base, uuid: s.password, network: s.network, tls: s.security !== 'none' };
    case 'tuic':
      return { ...base, uuid: s.uuid ?? s.password, password: s.password };
    case 'shadowsocks':
      return { ...base, cipher: s.method ?? 'aes-256-gcm', password: s.password };
    default:
      return { ...base, password: s.password };
  }
}

function singboxOutbound(s: SimServer): Record<string, unknown> {
  const base = { type: s.type, tag: s.remark, server: s.address, server_port: s.port };
  switch (s.type) {
    case 'vless':
    case 'vmess':
      return { ...base, uuid: s.password };
    case 'tuic':
      return { ...base, uuid: s.uuid ?? s.password, password: s.password };
    case 'shadowsocks':
      return { ...base, method: s.method ?? 'aes-256-gcm', password: s.password };
    default:
      return { ...base, password: s.password };
  }
}

export function renderSublink(
  service: SimService,
  format: SublinkFormat,
  timeZone: string,
): { body: string; type: string; ext: string } {
  if (format === 'clash') {
    const proxies = service.servers.map(clashProxy);
    const doc = {
      'mixed-port': 7890,
      mode: 'rule',
      proxies,
      'proxy-groups': [{ name: 'Proxy', type: 'select', proxies: proxies.map((p) => p.name) }],
      rules: ['MATCH,Proxy'],
    };
    return { body: stringify(doc), type: 'text/yaml; charset=utf-8', ext: 'yaml' };
  }
  if (format === 'singbox') {
    const outbounds = service.servers.map(singboxOutbound);
    const doc = {
      outbounds: [
        { type: 'selector', tag: 'proxy', outbounds: outbounds.map((o) => o.tag) },
        ...outbounds,
        { type: 'direct', tag: 'direct' },
      ],
      route: { final: 'proxy' },
    };
    return { body: JSON.stringify(doc, null, 2), type: 'application/json; charset=utf-8', ext: 'json' };
  }
  const pseudo = (label: string) =>
    `vless://00000000-0000-0000-0000-000000000000@127.0.0.1:1?encryption=none&type=tcp#${encodeURIComponent(label)}`;
  const lines = [
    pseudo(`Total: ${formatSize(service.trafficBytes)} Used: ${formatSize(service.usedBytes)}`),
    pseudo(`Expire: ${formatDate(service.expiresAt, timeZone)}`),
    ...service.servers.map((s) => s.uri),
  ];
  return {
    body: Buffer.from(lines.join('\n'), 'utf8').toString('base64'),
    type: 'text/plain; charset=utf-8',
    ext: 'txt',
  };
}

export interface SublinkServer extends SublinkControl {
  handle(res: ServerResponse, token: string, query: URLSearchParams): void;
}

export function createSublinkServer(options: {
  panel: Panel;
  timeZone: string;
  formats?: readonly SublinkFormat[];
  send(res: ServerResponse, status: number, body: string, type?: string): void;
}): SublinkServer {
  let formats: Set<SublinkFormat> = new Set(options.formats ?? SUBLINK_FORMATS);
  let fault: SublinkFault | null = null;
  let counts: Record<string, number> = {};

  function handle(res: ServerResponse, token: string, query: URLSearchParams): void {
    const flag = query.get('client') ?? '';
    counts[flag] = (counts[flag] ?? 0) + 1;
    if (fault === 'reset') {
      res.socket?.destroy();
      return;
    }
    if (fault === 'hang') return;
    if (fault === 'http500') {
      options.send(res, 500, '<html><body><h1>500 Internal Server Error</h1></body></html>', 'text/html');
      return;
    }
    const service = options.panel.state.services.find((s) => s.sublinkToken === token);
    if (!service) {
      options.send(res, 404, 'Not Found', 'text/plain; charset=utf-8');
      return;
    }
    options.panel.refresh();
    let format = formatForFlag(flag);
    if (!formats.has(format)) format = 'base64';
    if (!formats.has(format)) {
      options.send(res, 404, 'Not Found', 'text/plain; charset=utf-8');
      return;
    }
    const packageName =
      options.panel.state.packages.find((p) => p.id === service.packageid)?.name ?? `Service ${service.sid}`;
    const rendered = renderSublink(service, format, options.timeZone);
    res.setHeader(
      'subscription-userinfo',
      `upload=0; download=${service.usedBytes}; total=${service.trafficBytes}; expire=${unixSeconds(service.expiresAt)}`,
    );
    res.setHeader('profile-update-interval', '12');
    res.setHeader('profile-title', `base64:${Buffer.from(`Sim Panel · ${packageName}`).toString('base64')}`);
    res.setHeader(
      'content-disposition',
      `attachment; filename*=UTF-8''${encodeURIComponent(`${packageName}.${rendered.ext}`)}`,
    );
    options.send(res, 200, rendered.body, rendered.type);
  }

  return {
    handle,
    setFormats(next) {
      formats = new Set(next ?? SUBLINK_FORMATS);
    },
    setFault(next) {
      fault = next;
    },
    requests: () => ({ ...counts }),
    resetRequests() {
      counts = {};
    },
  };
}

/** The same controls over HTTP: POST /__sim/sublinkFormats {"formats":[...]|null}, /__sim/sublinkFault. */
export function sublinkOperations(
  control: SublinkControl,
): Record<string, (args: Record<string, unknown>) => unknown> {
  return {
    sublinkFormats: (args) => {
      const formats = args.formats;
      if (formats === null || formats === undefined) return control.setFormats(null);
      const list = Array.isArray(formats) ? formats : String(formats).split(',');
      control.setFormats(
        list.filter((f): f is SublinkFormat => SUBLINK_FORMATS.includes(f as SublinkFormat)),
      );
    },
    sublinkFault: (args) => {
      const fault = args.fault;
      control.setFault(fault === 'http500' || fault === 'reset' || fault === 'hang' ? fault : null);
    },
    sublinkRequests: () => control.requests(),
  };
}
