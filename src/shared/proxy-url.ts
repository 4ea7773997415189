// Proxy addresses for panel requests: which ones the app can use (http, https, SOCKS5) and, for one
// it cannot, the reason. One rule set for the settings form, which words the reason in the user's
// language, and for the main process, which checks again before any request goes out.

export type ProxyKind = 'http' | 'https' | 'socks5';

/** Why a typed proxy address cannot be used. */
export type ProxyUrlProblem =
  /** No "scheme://" in front: the app cannot guess between http and SOCKS5. */
  | 'no-scheme'
  /** A scheme the app does not speak (ftp://, quic://, ...). */
  | 'scheme'
  /** SOCKS4 / SOCKS4a, or a bare socks:// (which means SOCKS4 to curl and Chromium). */
  | 'socks4'
  | 'host'
  /** Missing, not a number, or outside 1-65535. */
  | 'port'
  /** Anything after host:port (a path, "?query" or "#fragment"). */
  | 'path';

export interface ProxyAddress {
  kind: ProxyKind;
  /** What the transport connects with, credentials included (never shown or logged). */
  href: string;
  /** The same without user name and password: safe for messages and logs. */
  display: string;
}

export type ProxyUrlCheck = { ok: true; proxy: ProxyAddress } | { ok: false; problem: ProxyUrlProblem };

const KINDS: Readonly<Record<string, ProxyKind>> = {
  http: 'http',
  https: 'https',
  socks5: 'socks5',
  // socks5h asks the proxy to resolve host names (curl's spelling). The app always sends names to a
  // SOCKS5 proxy, which is what users behind a blocked DNS need, so both mean the same here.
  socks5h: 'socks5',
};

const SOCKS4 = new Set(['socks', 'socks4', 'socks4a']);

const DEFAULT_PORTS: Readonly<Record<ProxyKind, string>> = { http: '80', https: '443', socks5: '1080' };

export interface ProxyUrlOptions {
  /**
   * For values from the environment (HTTPS_PROXY=proxy:3128): a missing scheme means http:// and a
   * missing port the scheme's usual one, as curl reads them. A typed address must say both.
   */
  lenient?: boolean;
}

/** Check a proxy address: scheme://[user:password@]host:port, nothing after the port. */
export function checkProxyUrl(input: string, options: ProxyUrlOptions = {}): ProxyUrlCheck {
  let text = input.trim();
  const problem = (why: ProxyUrlProblem): ProxyUrlCheck => ({ ok: false, problem: why });
  let match = /^([a-z][a-z0-9+.-]*):\/\/(.*)$/i.exec(text);
  if (!match) {
    if (!options.lenient) return problem('no-scheme');
    text = `http://${text}`;
    match = /^([a-z][a-z0-9+.-]*):\/\/(.*)$/i.exec(text);
    if (!match) return problem('no-scheme');
  }
  const scheme = (match[1] ?? '').toLowerCase();
  const rest = match[2] ?? '';
  if (SOCKS4.has(scheme)) return problem('socks4');
  const kind = KINDS[scheme];
  if (!kind) return problem('scheme');

  // The authority ends at the first "/", "?" or "#"; one trailing "/" is harmless, anything else is not.
  const end = rest.search(/[/?#]/);
  const authority = end < 0 ? rest : rest.slice(0, end);
  const after = end < 0 ? '' : rest.slice(end);
  if (after && after !== '/') return problem('path');

  const at = authority.lastIndexOf('@');
  const userinfo = at < 0 ? '' : authority.slice(0, at);
  const hostPort = at < 0 ? authority : authority.slice(at + 1);
  const parts = /^(\[[^\]]*\]|[^:[\]]*)(?::([^:]*))?$/.exec(hostPort);
  if (!parts) return problem(hostPort.includes(':') ? 'port' : 'host');
  const rawHost = parts[1] ?? '';
  const rawPort = parts[2];
  if (!rawHost) return problem('host');

  let port: string;
  if (rawPort === undefined || rawPort === '') {
    if (!options.lenient) return problem('port');
    port = DEFAULT_PORTS[kind];
  } else {
    if (!/^\d{1,5}$/.test(rawPort)) return problem('port');
    const value = Number(rawPort);
    if (value < 1 || value > 65_535) return problem('port');
    port = String(value);
  }

  // WHATWG URL does the host rules (IDN to punycode, IPv4 forms, bracketed IPv6, bad characters).
  let host: string;
  try {
    host = new URL(`http://${rawHost}`).hostname;
  } catch {
    return problem('host');
  }
  if (!host) return problem('host');

  const display = `${kind}://${host}:${port}`;
  const href = `${kind}://${userinfo ? `${userinfo}@` : ''}${host}:${port}`;
  return { ok: true, proxy: { kind, href, display } };
}

/** A proxy address without its user name and password, for a message; never throws. */
export function redactProxyUrl(input: string): string {
  const checked = checkProxyUrl(input, { lenient: true });
  if (checked.ok) return checked.proxy.display;
  // Not a usable address, but it may still carry credentials: cut everything before "@".
  return input.trim().replace(/^([a-z][a-z0-9+.-]*:\/\/)?[^/@]*@/i, '$1');
}

/**
 * Splits a proxy address into what may be stored and shown (scheme://user@host:port) and its password
 * (kept in the keychain), as typed: the password stays percent-encoded, so joining it back gives the
 * address the user typed. Text with no password comes back whole, with password null.
 */
export function splitProxyPassword(input: string): { address: string; password: string | null } {
  const text = input.trim();
  const match = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)(.*)$/is.exec(text);
  if (!match) return { address: text, password: null };
  const [, scheme = '', authority = '', after = ''] = match;
  const at = authority.lastIndexOf('@');
  if (at < 0) return { address: text, password: null };
  const userinfo = authority.slice(0, at);
  const colon = userinfo.indexOf(':');
  if (colon < 0) return { address: text, password: null };
  const user = userinfo.slice(0, colon);
  return {
    address: `${scheme}${user}@${authority.slice(at + 1)}${after}`,
    password: userinfo.slice(colon + 1),
  };
}

/** The address to connect with: `address` (as splitProxyPassword gave it) with `password` put back. */
export function joinProxyPassword(address: string, password: string | null): string {
  if (password === null) return address;
  const match = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#@]*)@(.*)$/is.exec(address.trim());
  if (!match) return address;
  const [, scheme = '', user = '', rest = ''] = match;
  return `${scheme}${user}:${password}@${rest}`;
}
