// Security constants shared by the Electron shell and the renderer test harness (which cannot load
// electron): the app:// origin and the Content-Security-Policy served with every renderer file.

/** The scheme that serves the production renderer (never file://). */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://renderer`;

/** No remote script, no eval, no inline script; the renderer talks to main only over IPC. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
