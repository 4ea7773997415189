// Loopback hosts: this computer. A panel may be spoken to in plain http only here (development, the
// panel simulator), and requests to it never go through a proxy. One rule for the setup form and the
// main process: 127.0.0.0/8 is loopback as a whole (RFC 1122, 3.2.1.3), and ::1 for IPv6.

const NAMES = new Set(['localhost', '::1', '[::1]']);

/** True for a URL's hostname that names this computer (localhost, 127.x.x.x, [::1]). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return NAMES.has(host) || /^127(?:\.\d{1,3}){3}$/.test(host);
}
