// The app's own links: `xmplus-tray://add?url=<encoded>&name=<encoded>` lets a panel page or a message
// offer "Add to XMPlus Tray". A branded build answers its own scheme (provider.json `urlScheme`).
// Parsed strictly: only the `add` action, one http(s) `url`, an optional short `name`, nothing else.
// A link that is not that is refused with a reason that never repeats the link (it may carry a
// subscription link, which is a credential). Pure functions: the shell delivers the text.
import { isHttpLink } from '../shared/short-link';

export const DEFAULT_URL_SCHEME = 'xmplus-tray';

/**
 * A scheme the app may register: lower-case letters first, then letters, digits, `+`, `-` or `.`
 * (RFC 3986 §3.1), 3 to 40 characters. Kept in step with build/after-pack.mjs, which checks a
 * branded build's provider.json at build time.
 */
export const URL_SCHEME_PATTERN = /^[a-z][a-z0-9+.-]{2,39}$/;

/** Schemes the browser, the OS or the app itself already means something by. */
const RESERVED_SCHEMES = new Set([
  'http',
  'https',
  'file',
  'ftp',
  'ws',
  'wss',
  'data',
  'blob',
  'javascript',
  'about',
  'mailto',
  'app',
  'chrome',
  'devtools',
  'view-source',
  // The proxy clients' import schemes: the app opens these, it must never answer them.
  'clash',
  'sing-box',
  'v2rayn',
  'v2rayng',
  'hiddify',
  'happ',
  'streisand',
  'shadowrocket',
]);

export function isValidUrlScheme(scheme: string): boolean {
  return URL_SCHEME_PATTERN.test(scheme) && !RESERVED_SCHEMES.has(scheme);
}

export const MAX_APP_LINK_LENGTH = 8192;
export const MAX_LINK_NAME_LENGTH = 80;

/** What an app link asks for: add the subscription at `url`, named `name` when given. */
export interface AddLinkRequest {
  url: string;
  name: string | null;
}

export type ParsedAppLink = { ok: true; request: AddLinkRequest } | { ok: false; why: string };

const refuse = (why: string): ParsedAppLink => ({ ok: false, why });

/** Reads an app link; `why` says what was wrong without quoting any of it. */
export function parseAppLink(raw: string, scheme: string): ParsedAppLink {
  if (typeof raw !== 'string' || raw.length > MAX_APP_LINK_LENGTH) return refuse('too long or not text');
  let link: URL;
  try {
    link = new URL(raw.trim());
  } catch {
    return refuse('not a URL');
  }
  if (link.protocol !== `${scheme}:`) return refuse('another scheme');
  if (link.username !== '' || link.password !== '' || link.port !== '') return refuse('unexpected parts');
  // `scheme://add?…`: the action is the host. Some browsers on Windows add a slash before the query.
  if (link.hostname.toLowerCase() !== 'add') return refuse('unknown action');
  if (link.pathname !== '' && link.pathname !== '/') return refuse('unexpected path');
  const keys = [...link.searchParams.keys()];
  if (keys.some((key) => key !== 'url' && key !== 'name')) return refuse('unknown parameter');
  const urls = link.searchParams.getAll('url');
  const names = link.searchParams.getAll('name');
  if (urls.length !== 1 || names.length > 1) return refuse('url missing or repeated');
  const url = urls[0]!.trim();
  if (!isHttpLink(url)) return refuse('url is not an http(s) link');
  const name = (names[0] ?? '').trim();
  if (name.length > MAX_LINK_NAME_LENGTH) return refuse('name too long');
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(name)) return refuse('control characters in name');
  return { ok: true, request: { url, name: name === '' ? null : name } };
}

/**
 * The app link in a command line, or null. Windows and Linux start the app (or a second instance,
 * whose argv reaches the first through `second-instance`) with the link as an argument; Chromium
 * inserts its own switches before it (`--allow-file-access-from-files`, `--original-process-start-
 * time=…`), so the link is looked for by its scheme, not by its position. The last one wins.
 */
export function appLinkInArgv(argv: readonly string[], scheme: string): string | null {
  const prefix = `${scheme}:`;
  for (let i = argv.length - 1; i >= 0; i--) {
    const arg = argv[i];
    if (typeof arg === 'string' && arg.toLowerCase().startsWith(prefix)) return arg;
  }
  return null;
}
