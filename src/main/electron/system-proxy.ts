// The system proxy for the plain-Node core: Chromium's own proxy resolution in the app's default
// session (system settings, PAC scripts and WPAD, or --proxy-server), asked per panel URL. The
// core turns the PAC-style answer into a proxy (net/system-proxy.ts).
import { session } from 'electron';

/** A resolution that takes longer (a PAC script that never loads) counts as no system proxy. */
export const SYSTEM_PROXY_TIMEOUT_MS = 3_000;

/** "PROXY 127.0.0.1:7890; DIRECT" for the URL, or null when Chromium cannot say in time. */
export async function resolveSystemProxy(url: string): Promise<string | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), SYSTEM_PROXY_TIMEOUT_MS);
  });
  try {
    const answer = session.defaultSession.resolveProxy(url).then(
      (text) => (typeof text === 'string' && text.trim() ? text : null),
      () => null,
    );
    return await Promise.race([answer, late]);
  } catch {
    // Before the app is ready there is no default session: no system proxy yet.
    return null;
  } finally {
    clearTimeout(timer);
  }
}
