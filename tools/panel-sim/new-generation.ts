// A panel of the 2026 generation (Laravel 12 + Nuxt 4), as its documentation describes it
// (XMPlusDev/XMPlusDocs content/en/06.api): POST /api/config answers the public settings with
// `app_name`, POST /api/auth/login a Sanctum-style token ("132|...") with an ISO `expires_at`, errors
// are HTTP statuses; the legacy /api/client/ API is not there (Laravel's 404 page).
import { randomBytes } from 'node:crypto';

export interface NewGenerationAnswer {
  status: number;
  body: string;
  type: string;
}

const JSON_TYPE = 'application/json';
const HTML_TYPE = 'text/html; charset=UTF-8';

function json(status: number, value: unknown): NewGenerationAnswer {
  return { status, body: JSON.stringify(value), type: JSON_TYPE };
}

const NOT_FOUND_PAGE =
  '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Not Found</title>\n</head>\n' +
  '<body class="antialiased"><div class="flex items-center">404 | Not Found</div></body>\n</html>\n';

/** The answer of a new-generation panel at `path`, or null where it has none of its own (sublinks). */
export function answerNewGeneration(
  path: string,
  method: string,
  body: Record<string, unknown>,
  demo: { email: string; password: string },
  appName: string,
  now: number,
): NewGenerationAnswer | null {
  if (path === '/api/config') {
    if (method !== 'POST' && method !== 'GET') return json(405, { message: 'Method Not Allowed' });
    return json(200, {
      force_https: false,
      maintainance_mode: false,
      app_name: appName,
      app_description: 'Network Optimizer',
      app_timezone: 'UTC',
      app_locale: 'en',
      telegram_contact: '@support',
      mail_contact: 'support@example.com',
      default_currency_code: 'USD',
      default_currency_symbol: '$',
      registration_status: true,
      legacy_sublink: true,
    });
  }
  if (path === '/api/auth/login') {
    if (method !== 'POST') return json(405, { message: 'Method Not Allowed' });
    if (typeof body.email !== 'string' || typeof body.password !== 'string' || body.type !== 'local') {
      return json(422, {
        message: 'The given data was invalid.',
        errors: { type: ['The type field is required.'] },
      });
    }
    if (body.email !== demo.email || body.password !== demo.password) {
      return json(401, { message: 'These credentials do not match our records.' });
    }
    return json(200, {
      message: 'Sign in successful',
      ip: '127.0.0.1',
      token: `132|${randomBytes(24).toString('base64url')}`,
      userid: 1,
      username: 'demo',
      expires_at: new Date(now + 30 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, '+00:00'),
    });
  }
  if (path.startsWith('/api/')) return { status: 404, body: NOT_FOUND_PAGE, type: HTML_TYPE };
  return null;
}
