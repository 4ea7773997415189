// The system proxy as the desktop shell reports it: Chromium's answer for a URL in PAC format
// ("PROXY 127.0.0.1:7890; SOCKS5 127.0.0.1:7891; DIRECT"), turned into the proxy address the panel
// transport can use. Plain Node: the shell only hands over the string.
import type { ProxyAddress } from '../../shared/proxy-url';
import { checkProxyUrl } from '../../shared/proxy-url';

/** Asks the desktop which proxy the system uses for a URL; resolves to a PAC answer, or null. */
export type SystemProxyResolver = (url: string) => Promise<string | null>;

/**
 * The PAC entry types Chromium writes (net/docs/proxy.md in the Chromium tree): PROXY (http), HTTPS,
 * SOCKS and SOCKS4 (version 4), SOCKS5, QUIC, DIRECT. The transport speaks http, https and SOCKS5;
 * SOCKS4 and QUIC entries are skipped in favour of the next entry.
 */
const PAC_SCHEMES: Readonly<Record<string, 'http' | 'https' | 'socks5' | null>> = {
  PROXY: 'http',
  HTTP: 'http',
  HTTPS: 'https',
  SOCKS5: 'socks5',
  SOCKS: null,
  SOCKS4: null,
  QUIC: null,
};

export interface PacEntry {
  /** The entry as written, e.g. "SOCKS5 127.0.0.1:7891". */
  text: string;
  /** The proxy to use; null for DIRECT. */
  proxy: ProxyAddress | null;
}

/**
 * The entries of a PAC answer the transport can use, in order. DIRECT is an entry (proxy null);
 * entries of a type the app does not speak, or with a malformed address, are left out.
 */
export function parsePacAnswer(answer: string): PacEntry[] {
  const entries: PacEntry[] = [];
  for (const raw of answer.split(';')) {
    const text = raw.trim().replace(/\s+/g, ' ');
    if (!text) continue;
    const [type = '', address = '', ...extra] = text.split(' ');
    const upper = type.toUpperCase();
    if (upper === 'DIRECT') {
      if (!address) entries.push({ text, proxy: null });
      continue;
    }
    if (!address || extra.length > 0) continue;
    const scheme = PAC_SCHEMES[upper];
    if (!scheme) continue;
    // PAC addresses are host:port; an entry without a port takes the scheme's usual one.
    const checked = checkProxyUrl(`${scheme}://${address}`, { lenient: true });
    if (checked.ok) entries.push({ text, proxy: checked.proxy });
  }
  return entries;
}

/**
 * The system proxy for panel requests: the first entry of the answer the app can use. DIRECT (or an
 * answer with nothing usable) means no system proxy, and the environment's proxy, if any, applies.
 */
export function systemProxyFromPac(answer: string | null | undefined): ProxyAddress | null {
  if (!answer) return null;
  const first = parsePacAnswer(answer)[0];
  return first?.proxy ?? null;
}

/** How long the desktop's answer for an origin is reused. */
export const SYSTEM_PROXY_CACHE_MS = 60_000;

/**
 * The resolver asked once per origin a minute instead of before every request: Chromium runs the PAC
 * script (or WPAD) each time it is asked, and a refresh sends several requests to one panel. Callers
 * asking at the same time share one question. A rejected question is not kept.
 */
export function cachePerOrigin(
  resolve: SystemProxyResolver,
  now: () => number = Date.now,
  ttlMs: number = SYSTEM_PROXY_CACHE_MS,
): SystemProxyResolver {
  const answers = new Map<string, { at: number; answer: Promise<string | null> }>();
  return (url) => {
    let origin: string;
    try {
      origin = new URL(url).origin;
    } catch {
      return resolve(url);
    }
    const kept = answers.get(origin);
    if (kept && now() - kept.at < ttlMs) return kept.answer;
    const answer = resolve(url);
    answers.set(origin, { at: now(), answer });
    answer.catch(() => {
      if (answers.get(origin)?.answer === answer) answers.delete(origin);
    });
    return answer;
  };
}
