// The proxy clients a subscription can be imported into with one link: their stable ids (the CLI's
// --client), product names, the panel's client flag that makes it serve that client's format, the
// format the client reads, and where the client runs. Shared by main (links, probes) and the renderer.

export const IMPORT_CLIENT_IDS = [
  'clash-verge',
  'clash-party',
  'flclash',
  'sing-box',
  'hiddify',
  'v2rayng',
  'karing',
  'happ',
  'streisand',
  'shadowrocket',
] as const;

export type ImportClientId = (typeof IMPORT_CLIENT_IDS)[number];

/** What the client reads from the subscription URL. */
export type SubscriptionFormat = 'mihomo' | 'singbox' | 'base64';

/** The app's own export that stands in when the panel does not serve the client's format. */
export type FallbackExport = 'clash' | 'singbox' | 'base64';

export interface ImportClientInfo {
  id: ImportClientId;
  /** Product name, the same in every language. */
  name: string;
  /** The panel's `client=` value (XMPlus docs: meta, clash, singbox, latest, shadowrocket, ...). */
  flag: string;
  format: SubscriptionFormat;
  fallback: FallbackExport;
  /** Where the client runs: desktop clients can be opened here, phone-only ones get a QR code. */
  desktop: boolean;
}

export const IMPORT_CLIENTS: Readonly<Record<ImportClientId, ImportClientInfo>> = {
  'clash-verge': {
    id: 'clash-verge',
    name: 'Clash Verge Rev',
    flag: 'meta',
    format: 'mihomo',
    fallback: 'clash',
    desktop: true,
  },
  'clash-party': {
    id: 'clash-party',
    name: 'Clash Party',
    flag: 'meta',
    format: 'mihomo',
    fallback: 'clash',
    desktop: true,
  },
  flclash: {
    id: 'flclash',
    name: 'FlClash',
    flag: 'meta',
    format: 'mihomo',
    fallback: 'clash',
    desktop: true,
  },
  'sing-box': {
    id: 'sing-box',
    name: 'sing-box',
    flag: 'singbox',
    format: 'singbox',
    fallback: 'singbox',
    desktop: true,
  },
  hiddify: {
    id: 'hiddify',
    name: 'Hiddify',
    flag: 'singbox',
    format: 'singbox',
    fallback: 'singbox',
    desktop: true,
  },
  v2rayng: {
    id: 'v2rayng',
    name: 'v2rayNG',
    flag: 'latest',
    format: 'base64',
    fallback: 'base64',
    desktop: false,
  },
  karing: {
    id: 'karing',
    name: 'Karing',
    flag: 'singbox',
    format: 'singbox',
    fallback: 'singbox',
    desktop: true,
  },
  happ: { id: 'happ', name: 'Happ', flag: 'latest', format: 'base64', fallback: 'base64', desktop: true },
  streisand: {
    id: 'streisand',
    name: 'Streisand',
    flag: 'latest',
    format: 'base64',
    fallback: 'base64',
    desktop: false,
  },
  shadowrocket: {
    id: 'shadowrocket',
    name: 'Shadowrocket',
    flag: 'shadowrocket',
    format: 'base64',
    fallback: 'base64',
    desktop: false,
  },
};

export function isImportClientId(value: string): value is ImportClientId {
  return (IMPORT_CLIENT_IDS as readonly string[]).includes(value);
}
