// Which proxy a panel request goes through, and how a person is told about it: the environment's
// proxy variables (with NO_PROXY), the profile's address checked as typed, and the words that name
// a proxy in errors (never its user name or password). The transport (transport.ts) uses these.
import type { Result } from '../../shared/errors';
import { appError, fail, ok } from '../../shared/errors';
import type { ProxyAddress, ProxyUrlProblem } from '../../shared/proxy-url';
import { isLoopbackHost } from '../../shared/loopback';
import { checkProxyUrl } from '../../shared/proxy-url';

export { isLoopbackHost } from '../../shared/loopback';

export type ProxyEnv = Readonly<Record<string, string | undefined>>;

/** Does NO_PROXY exclude this host? Entries: host, .suffix, *.suffix, host:port, or "*". */
export function noProxyMatches(url: URL, noProxy: string): boolean {
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  for (const raw of noProxy.split(/[\s,]+/)) {
    let entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '*') return true;
    let entryPort: string | null = null;
    const portMatch = /^(.*[^:]):(\d+)$/.exec(entry);
    if (portMatch && !entry.startsWith('[') && (entry.match(/:/g) ?? []).length === 1) {
      entry = portMatch[1] ?? entry;
      entryPort = portMatch[2] ?? null;
    }
    entry = entry.replace(/^\[|\]$/g, '').replace(/^\*\./, '.');
    if (entryPort && entryPort !== port) continue;
    if (entry.startsWith('.')) {
      if (host.endsWith(entry) || host === entry.slice(1)) return true;
    } else if (host === entry || host.endsWith(`.${entry}`)) {
      return true;
    }
  }
  return false;
}

/** Where the proxy of a request came from, for messages ("the system proxy ..."). */
export type ProxySource = 'profile' | 'system' | 'environment';

export interface ProxyChoice extends ProxyAddress {
  source: ProxySource;
  /** For the environment: the variable it came from (HTTPS_PROXY, all_proxy, ...). */
  variable?: string;
}

const ENV_PROXY_VARIABLES = {
  'https:': ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'ALL_PROXY', 'all_proxy'],
  'http:': ['HTTP_PROXY', 'http_proxy', 'ALL_PROXY', 'all_proxy'],
} as const;

/**
 * The environment's proxy for a panel: HTTPS_PROXY / https_proxy / HTTP_PROXY / http_proxy, then
 * ALL_PROXY / all_proxy (where shells often put a socks5:// address), unless NO_PROXY excludes the
 * host. Loopback panels never use an environment proxy (a corporate proxy cannot reach this computer).
 */
export function environmentProxy(
  target: URL,
  env: ProxyEnv = process.env,
): { variable: string; value: string } | null {
  if (isLoopbackHost(target.hostname)) return null;
  const names = target.protocol === 'https:' ? ENV_PROXY_VARIABLES['https:'] : ENV_PROXY_VARIABLES['http:'];
  for (const variable of names) {
    const value = env[variable]?.trim();
    if (!value) continue;
    const noProxy = env.NO_PROXY ?? env.no_proxy ?? '';
    if (noProxy && noProxyMatches(target, noProxy)) return null;
    return { variable, value };
  }
  return null;
}

/**
 * Which proxy address, as text, panel requests go through without a system proxy: an explicit one
 * (the profile's) always wins; otherwise the environment's.
 */
export function resolveProxy(
  target: URL,
  explicit: string | null | undefined,
  env: ProxyEnv = process.env,
): string | null {
  if (explicit && explicit.trim()) return explicit.trim();
  return environmentProxy(target, env)?.value ?? null;
}

const PROXY_PROBLEMS: Readonly<Record<ProxyUrlProblem, string>> = {
  'no-scheme':
    'Start the proxy address with its type, for example socks5://127.0.0.1:7890 or http://127.0.0.1:7890.',
  scheme: 'Only http://, https:// and socks5:// proxies are supported for panel requests.',
  socks4: 'SOCKS4 proxies are not supported; use socks5:// (local proxy apps offer SOCKS5 on the same port).',
  host: 'The proxy address has no valid host name or IP address.',
  port: 'Add the port of the proxy (1 to 65535), for example socks5://127.0.0.1:7890.',
  path: 'Remove everything after the port from the proxy address (no path, "?" or "#").',
};

/** Check a proxy address someone typed: scheme, host and port, nothing after the port. */
export function validateProxyUrl(
  input: string,
  options: { path?: string; lenient?: boolean } = {},
): Result<ProxyAddress> {
  const checked = checkProxyUrl(input, { lenient: options.lenient ?? false });
  if (checked.ok) return ok(checked.proxy);
  const message = PROXY_PROBLEMS[checked.problem];
  return fail(
    appError('validation', message, {
      detail: checked.problem,
      issues: [{ path: options.path ?? 'proxyUrl', message }],
    }),
  );
}

/** How an error names the proxy a request went through. */
export function describeProxy(choice: ProxyChoice): string {
  switch (choice.source) {
    case 'profile':
      return `this profile's proxy ${choice.display}`;
    case 'system':
      return `the system proxy ${choice.display}`;
    case 'environment':
      return `the proxy ${choice.display} from ${choice.variable ?? 'the environment'}`;
  }
}

/** What a person can do about a proxy that failed, by where it came from. */
export function proxyAdvice(choice: ProxyChoice): string {
  switch (choice.source) {
    case 'profile':
      return 'Check that your proxy app is running, or change the proxy in Settings.';
    case 'system':
      return 'Check that your proxy app is running, or set a proxy for this profile in Settings.';
    case 'environment':
      return `Check that the proxy is running, or change ${choice.variable ?? 'the proxy environment variables'}.`;
  }
}
