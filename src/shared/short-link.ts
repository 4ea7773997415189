// A link shown without its secret part. A subscription link is a credential (anyone holding it gets
// the servers), so the window, the tray and every message show only its scheme, host and the last
// four characters of its token: enough to tell two links apart, never enough to use one. Both
// processes use it, and so does the subscription source for its messages.

/**
 * `https://sub.example.com/…x7Qa`: the last four characters of the longest path segment or query
 * value (the token, on every panel); '…' when the text is not a URL.
 */
export function shortLink(url: string | URL): string {
  let u: URL;
  try {
    u = typeof url === 'string' ? new URL(url) : url;
  } catch {
    return '…';
  }
  const parts = [...u.pathname.split('/'), ...u.searchParams.values()];
  const longest = parts.reduce((a, b) => (b.length > a.length ? b : a), '');
  const tail = longest.length > 8 ? longest.slice(-4) : '';
  return `${u.protocol}//${u.host}/…${tail}`;
}

/** The host a link points at (`sub.example.com:8443`), or '' when the text is not a URL. */
export function linkHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

/** Whether text, trimmed, is one http(s) URL with a host and no spaces inside. */
export function isHttpLink(text: string): boolean {
  const t = text.trim();
  if (t === '' || t.length > 4096 || /\s/.test(t)) return false;
  try {
    const u = new URL(t);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.hostname !== '';
  } catch {
    return false;
  }
}
