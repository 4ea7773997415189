// What a failed panel request becomes: undici's and Node's error codes (timeouts, TLS, DNS, resets,
// SOCKS5 replies) mapped to an AppError with a sentence a person can act on, naming the proxy it
// went through; and which failures may be sent to a panel's next address (its mirrors).
import type { AppError } from '../../shared/errors';
import { appError } from '../../shared/errors';
import type { ProxyChoice } from './proxy';
import { describeProxy, proxyAdvice } from './proxy';
import type { Timeouts } from './transport';

function seconds(ms: number): string {
  const s = ms / 1000;
  return Number.isInteger(s) ? `${s} s` : `${s.toFixed(1)} s`;
}

function errorCodes(thrown: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = thrown;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    current = (current as { cause?: unknown }).cause;
  }
  return codes;
}

const TLS_CODE =
  /CERT|SELF_SIGNED|DEPTH_ZERO|UNABLE_TO_(GET|VERIFY)|ALTNAME|ERR_SSL|ERR_TLS|EPROTO|HOSTNAME_MISMATCH/;

/** SOCKS5 reply codes (RFC 1928 section 6) as undici reports them, in words. */
const SOCKS_REPLIES: Readonly<Record<string, string>> = {
  UND_ERR_SOCKS5_REPLY_1: 'general failure',
  UND_ERR_SOCKS5_REPLY_2: 'not allowed by its rules',
  UND_ERR_SOCKS5_REPLY_3: 'network unreachable',
  UND_ERR_SOCKS5_REPLY_4: 'host unreachable',
  UND_ERR_SOCKS5_REPLY_5: 'connection refused',
  UND_ERR_SOCKS5_REPLY_6: 'timed out',
};

/** Map what undici / Node throws into an AppError with an actionable sentence. */
export function transportError(
  thrown: unknown,
  host: string,
  timeouts: Timeouts,
  proxy: ProxyChoice | null,
): AppError {
  const codes = errorCodes(thrown);
  const has = (...wanted: string[]) => codes.some((c) => wanted.includes(c));
  const code = codes[0] ?? 'unknown';
  const message = thrown instanceof Error ? thrown.message : '';
  const through = proxy ? ` (through ${describeProxy(proxy)})` : '';
  const advice = (direct: string) => (proxy ? proxyAdvice(proxy) : direct);
  const named = proxy ? describeProxy(proxy) : '';
  const Named = named.charAt(0).toUpperCase() + named.slice(1);
  const error = (kind: 'network' | 'timeout', sentence: string) => appError(kind, sentence, { detail: code });

  if (proxy) {
    const reply = codes.find((c) => c in SOCKS_REPLIES);
    if (reply) {
      return error(
        'network',
        `${Named} could not reach the panel at ${host} (${SOCKS_REPLIES[reply]}). The panel may be down, or blocked for the proxy too; try again later or ask your provider.`,
      );
    }
    if (
      has('UND_ERR_SOCKS5_AUTH_REJECTED', 'UND_ERR_SOCKS5_AUTH_FAILED') ||
      /username and password/i.test(message)
    ) {
      return error(
        'network',
        `${Named} refused the user name and password, or asks for them. Check the proxy address in Settings (socks5://user:password@host:port).`,
      );
    }
    if (codes.some((c) => c.startsWith('UND_ERR_SOCKS5'))) {
      return error(
        'network',
        `${Named} did not answer like a SOCKS5 proxy (${code}). Check the proxy's type: socks5:// or http://.`,
      );
    }
    const tunnel = /Proxy response \((\d{3})\)/.exec(message);
    if (tunnel?.[1] === '407') {
      return error(
        'network',
        `${Named} asks for a user name and password. Add them to the proxy address in Settings (http://user:password@host:port).`,
      );
    }
    if (tunnel || /proxy/i.test(message) || has('UND_ERR_PRX_TLS')) {
      return error(
        'network',
        `${Named} did not let the request through to ${host}${tunnel ? ` (HTTP ${tunnel[1]})` : ''}. ${proxyAdvice(proxy)}`,
      );
    }
  }
  if (has('UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT')) {
    return error(
      'timeout',
      `Could not connect to the panel at ${host}${through} within ${seconds(timeouts.connectMs)}. ${advice('Check your connection, or try again later.')}`,
    );
  }
  if (has('UND_ERR_HEADERS_TIMEOUT')) {
    return error(
      'timeout',
      `The panel at ${host}${through} did not answer within ${seconds(timeouts.headersMs)}. Check your connection or try again later.`,
    );
  }
  if (has('UND_ERR_BODY_TIMEOUT')) {
    return error(
      'timeout',
      `The panel at ${host}${through} stopped sending its answer for ${seconds(timeouts.bodyMs)}. Check your connection or try again later.`,
    );
  }
  if (has('ECONNREFUSED')) {
    return error(
      'network',
      proxy
        ? `${Named} refused the connection. ${proxyAdvice(proxy)}`
        : `The panel at ${host} refused the connection. Check the panel address, or try again later.`,
    );
  }
  if (has('ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME')) {
    return error(
      'network',
      proxy
        ? `The host of ${named} could not be found. ${proxyAdvice(proxy)}`
        : `The address ${host} could not be found. Check the panel address and your internet connection.`,
    );
  }
  if (codes.some((c) => TLS_CODE.test(c))) {
    return error(
      'network',
      `The panel at ${host}${through} presented a security certificate that could not be verified (${code}). The app only talks to panels with a valid certificate; ask your provider.`,
    );
  }
  if (has('ECONNRESET', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'EPIPE', 'ECONNABORTED')) {
    return error(
      'network',
      `The connection to the panel at ${host}${through} was cut off before it answered. Try again in a moment.`,
    );
  }
  if (has('ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN')) {
    return error(
      'network',
      proxy
        ? `This computer cannot reach ${named}. ${proxyAdvice(proxy)}`
        : `This computer cannot reach ${host}. Check your internet connection.`,
    );
  }
  return error(
    'network',
    `Could not talk to the panel at ${host}${through} (${code}). ${advice('Check your connection or try again later.')}`,
  );
}

/**
 * Failures where the request cannot have reached the panel's code (no connection, no tunnel, no
 * trusted TLS session): safe to send again to another address, whatever the request does.
 */
function neverArrived(error: AppError): boolean {
  const code = error.detail ?? '';
  if (error.kind === 'timeout') return code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT';
  if (error.kind !== 'network') return false;
  return !['UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'EPIPE', 'ECONNABORTED', 'UND_ERR_BODY_TIMEOUT'].includes(
    code,
  );
}

/**
 * Panel endpoints that only read (the client API, docs/architecture.md): sending one again after it timed out
 * or was cut off changes nothing. Creating an invoice, renewing, paying, registering or sending an
 * e-mail is never repeated on another address, as the first panel may have done it already.
 */
const REPEATABLE_ENDPOINT =
  /\/api\/client\/(token|account\/info|packages|packages\/traffic|package\/info|service\/info|gateways|invoices|invoice\/view)$/;

/** Does this failure mean "try the panel's next address"? Never for an answer from the panel. */
export function shouldFailOver(error: AppError, path: string): boolean {
  if (error.kind !== 'network' && error.kind !== 'timeout') return false;
  return neverArrived(error) || REPEATABLE_ENDPOINT.test(path);
}
