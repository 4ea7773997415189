// Scrubbing that keeps passwords, API keys, tokens and the credentials in URLs (subscription links,
// share links) out of every message and log line: used by every source's errors and by the log.
import type { AppError } from '../../shared/errors';

const MASK = '•••';
const HIDDEN = '[hidden]';

/** Characters of a token in a URL path or query (up to the next separator, quote or bracket). */
const TOKEN = String.raw`[^\s/?#&"'<>()\[\]{},;]`;

/**
 * Credentials that travel inside URLs, in any text: a URL's userinfo (`scheme://user:pass@`, and the
 * uuid or password before the `@` of a share link), share links that are base64 whole (v2rayN's
 * vmess, legacy ss / ssr), the token of the subscription paths panels serve, and server uuids. Each
 * rule matches only URL-shaped text, so a panel's sentence around it stays as it was written.
 */
const URL_SECRET_PATTERNS: readonly [RegExp, string][] = [
  // scheme://userinfo@ ; the userinfo holds no '/', so a path with '@' in it is not taken for one.
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@"'<>]+@/gi, `$1${HIDDEN}@`],
  // vmess://base64(JSON) and ss:// / ssr:// base64: the whole link is the credential.
  [/\b(vmess|ssr?):\/\/[A-Za-z0-9+/_=-]{12,}/gi, `$1://${HIDDEN}`],
  // Subscription paths: XMPlus and SSPanel /link/, Marzban, 3x-ui and PasarGuard /sub/, the 2026
  // XMPlus generation /subscribe/, Remnawave /api/sub/, Xboard's short /s/ (after a host only).
  [
    new RegExp(String.raw`(\/(?:link|sub|subscribe|subscription|api\/sub|getsub)\/)${TOKEN}{4,}`, 'gi'),
    `$1${HIDDEN}`,
  ],
  [new RegExp(String.raw`(?<=[\w\]]\/s\/)${TOKEN}{4,}`, 'gi'), HIDDEN],
  // V2Board / Xboard /api/v1/client/subscribe?token=…, and any token-like query parameter.
  [
    new RegExp(
      String.raw`([?&](?:token|access_token|auth|key|uuid|subid|sub_id|password|passwd|pwd)=)${TOKEN}+`,
      'gi',
    ),
    `$1${HIDDEN}`,
  ],
  // A server's uuid anywhere (vless, vmess, tuic, Hiddify's /<path>/<uuid>/ links).
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '[uuid]'],
];

/** `text` without the credentials URLs carry (see URL_SECRET_PATTERNS); other text is unchanged. */
export function scrubUrls(text: string): string {
  let out = text;
  for (const [pattern, replacement] of URL_SECRET_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/**
 * Replace every occurrence of the given secrets (and their common encodings) in the error's text,
 * and the credentials any URL in it carries (a panel's message may quote a subscription link).
 */
export function scrubError(error: AppError, secrets: readonly (string | undefined | null)[]): AppError {
  const needles = new Set<string>();
  for (const secret of secrets) {
    // Very short values would mask ordinary words; real passwords, keys and tokens are longer.
    if (!secret || secret.length < 4) continue;
    needles.add(secret);
    needles.add(encodeURIComponent(secret));
    needles.add(JSON.stringify(secret).slice(1, -1));
  }
  const clean = (text: string): string => {
    let out = text;
    for (const needle of needles) out = out.split(needle).join(MASK);
    return scrubUrls(out);
  };
  const scrubbed: AppError = { ...error, message: clean(error.message) };
  if (error.detail !== undefined) scrubbed.detail = clean(error.detail);
  if (error.issues) scrubbed.issues = error.issues.map((i) => ({ path: i.path, message: clean(i.message) }));
  return scrubbed;
}
