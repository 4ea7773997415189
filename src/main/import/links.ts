// One-click import links: the service's subscription link with the panel's client flag, wrapped in
// the deep link each proxy client parses. Every builder follows how that client reads its own link
// (cited per client); the unit tests read each link back the same way.
import type { ImportClientId } from '../../shared/import-clients';
import { IMPORT_CLIENTS } from '../../shared/import-clients';

/**
 * Schemes to ask the OS about, in order. A scheme several clients register (clash://) only counts
 * for a client when the application the OS names for it looks like that client.
 */
const SCHEMES_BY_CLIENT = {
  // Clash Verge Rev registers clash and clash-verge (tauri deep-link schemes); its Linux .desktop
  // file only clash (src-tauri/src/utils/desktop/clash-verge-scheme.desktop).
  'clash-verge': [{ scheme: 'clash-verge' }, { scheme: 'clash', appName: /verge/i }],
  // Clash Party answers clash:// and mihomo:// (mihomo-party-org/clash-party src/main/deeplink.ts).
  'clash-party': [{ scheme: 'mihomo' }, { scheme: 'clash', appName: /party/i }],
  // FlClash registers clash, clashmeta and flclash (chen08209/FlClash lib/common/protocol.dart).
  flclash: [{ scheme: 'flclash' }, { scheme: 'clash', appName: /flclash/i }],
  'sing-box': [{ scheme: 'sing-box' }],
  hiddify: [{ scheme: 'hiddify' }],
  v2rayng: [{ scheme: 'v2rayng' }],
  karing: [{ scheme: 'karing' }],
  happ: [{ scheme: 'happ' }],
  streisand: [{ scheme: 'streisand' }],
  shadowrocket: [{ scheme: 'sub' }],
} as const satisfies Record<ImportClientId, readonly { scheme: string; appName?: RegExp }[]>;

/** A URL scheme one of the clients registers. */
export type ImportScheme = (typeof SCHEMES_BY_CLIENT)[ImportClientId][number]['scheme'];

export const CLIENT_SCHEMES: Readonly<
  Record<ImportClientId, readonly { scheme: ImportScheme; appName?: RegExp }[]>
> = SCHEMES_BY_CLIENT;

/** The URL schemes the shell may open for an import (every client's), and nothing else besides https. */
export const IMPORT_SCHEMES: readonly ImportScheme[] = [
  ...new Set(Object.values(CLIENT_SCHEMES).flatMap((entries) => entries.map((entry) => entry.scheme))),
];

export function isImportScheme(scheme: string): scheme is ImportScheme {
  return (IMPORT_SCHEMES as readonly string[]).includes(scheme);
}

/** The flag a provider.json may set per client, else the client's own. */
export function clientFlag(client: ImportClientId, overrides?: Partial<Record<string, string>>): string {
  return overrides?.[client] ?? IMPORT_CLIENTS[client].flag;
}

/**
 * The sublink with `client=<flag>`: added with `?` or `&` depending on whether the link already has a
 * query, or replacing a `client=` it already carries. The fragment is dropped: it never reaches the
 * panel, and several clients end their link at the first `#`.
 */
export function flaggedSublink(sublink: string, flag: string): string {
  let normalized = sublink.trim();
  try {
    // The WHATWG form: spaces and non-ASCII in the path percent-encoded, the host in punycode.
    const parsed = new URL(normalized);
    parsed.hash = '';
    normalized = parsed.href;
  } catch {
    // Not a URL: flagged as it is; the probe says it cannot be fetched.
  }
  const hashAt = normalized.indexOf('#');
  const base = hashAt >= 0 ? normalized.slice(0, hashAt) : normalized;
  const value = encodeURIComponent(flag);
  if (/[?&]client=[^&]*/.test(base)) return base.replace(/([?&])client=[^&]*/, `$1client=${value}`);
  if (!base.includes('?')) return `${base}?client=${value}`;
  return base.endsWith('?') || base.endsWith('&') ? `${base}client=${value}` : `${base}&client=${value}`;
}

const enc = encodeURIComponent;

/** URL-safe base64 without padding: nothing in it needs escaping inside a URI. */
const base64Url = (text: string): string => Buffer.from(text, 'utf8').toString('base64url');

export interface ImportLinkInput {
  /** The flagged subscription URL. */
  url: string;
  /** The profile name the client should show (the service's name). */
  name: string;
  /** Which of the client's schemes to use; the first by default. */
  scheme?: ImportScheme;
}

type Builder = (url: string, name: string, scheme: ImportScheme) => string;

const BUILDERS: Record<ImportClientId, Builder> = {
  // Clash Verge Rev takes everything after the first `url=` of the query as the URL (decoding it
  // when it does not parse as is), so `url` comes last; `name` is a query pair
  // (clash-verge-rev/clash-verge-rev src-tauri/src/utils/resolve/scheme.rs).
  'clash-verge': (url, name, scheme) => `${scheme}://install-config?name=${enc(name)}&url=${enc(url)}`,
  // Clash Party: new URL(link).searchParams.get('url') and .get('name')
  // (mihomo-party-org/clash-party src/main/deeplink.ts).
  'clash-party': (url, name, scheme) => `${scheme}://install-config?url=${enc(url)}&name=${enc(name)}`,
  // FlClash: uri.host == 'install-config', uri.queryParameters['url']; it reads no name
  // (chen08209/FlClash lib/common/link.dart).
  flclash: (url, _name, scheme) => `${scheme}://install-config?url=${enc(url)}`,
  // sing-box graphical clients: sing-box://import-remote-profile?url=urlEncodedURL#urlEncodedName
  // (SagerNet/sing-box docs/clients/general.md).
  'sing-box': (url, name, scheme) => `${scheme}://import-remote-profile?url=${enc(url)}#${enc(name)}`,
  // Hiddify: for host "import" the URL is the path after the first slash plus the query, the name the
  // fragment (hiddify/hiddify-app lib/utils/link_parsers.dart; hiddify/hiddify.com docs/app/URL-Scheme.md).
  hiddify: (url, name, scheme) => `${scheme}://import/${url}#${enc(name)}`,
  // v2rayNG: install-sub, getQueryParameter("url") and then URLDecoder.decode once more, the name from
  // the fragment (2dust/v2rayNG V2rayNG/app/src/main/java/com/v2ray/ang/ui/UrlSchemeActivity.kt). A
  // URL with no % or + is the same after either decoding, so it is encoded once (what older releases,
  // which decode once, read too); otherwise twice, so the second decoding gives it back exactly.
  v2rayng: (url, name, scheme) =>
    `${scheme}://install-sub?url=${/[%+]/.test(url) ? enc(enc(url)) : enc(url)}#${enc(name)}`,
  // Karing: install-config, uri.queryParameters['url'] and ['name']
  // (KaringX/karing lib/screens/scheme_handler.dart).
  karing: (url, name, scheme) => `${scheme}://install-config?url=${enc(url)}&name=${enc(name)}`,
  // Happ: happ://add/<subscription URL>; the name comes from the subscription's profile-title header
  // (happ.su docs; subscription pages of Remnawave-style panels link it the same way).
  happ: (url, _name, scheme) => `${scheme}://add/${url}`,
  // Streisand: streisand://import/<URL>#<name> (Marzban docs, advanced/url-scheme.md).
  streisand: (url, name, scheme) => `${scheme}://import/${url}#${enc(name)}`,
  // Shadowrocket: sub:// followed by the URL in base64 (URL-safe, no padding, as v2board's theme
  // builds it), the remark after #.
  shadowrocket: (url, name, scheme) => `${scheme}://${base64Url(url)}#${enc(name)}`,
};

/** The deep link that hands `url` (already flagged) to `client` under the profile name `name`. */
export function buildImportLink(client: ImportClientId, input: ImportLinkInput): string {
  const scheme = input.scheme ?? CLIENT_SCHEMES[client][0]!.scheme;
  return BUILDERS[client](input.url, input.name, scheme);
}

/** True for a link the shell may open as an import: one of the clients' schemes, no credentials. */
export function isImportLink(link: string): boolean {
  const match = /^([a-z][a-z0-9+.-]*):\/\/./i.exec(link);
  if (!match || !isImportScheme(match[1]!.toLowerCase())) return false;
  // Control characters and whitespace never belong in a built link (and could split a shell line).
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  return !/[\u0000-\u0020\u007f]/.test(link) && link.length <= 8192;
}
