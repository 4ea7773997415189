// Recognises a panel of the 2026 XMPlus generation (Laravel 12 + Nuxt 4). Its documented API is
// /api/config (public settings, with `app_name`), /api/auth/login and /api/auth/register
// (XMPlusDev/XMPlusDocs content/en/06.api); it need not answer the legacy /api/client/ API. When
// the client API refuses in a way that is not the panel's own answer, one POST to /api/config tells
// whether the address is such a panel, so setup can say so instead of showing a bare HTTP 404.
import type { AppError } from '../../../shared/errors';
import { appError } from '../../../shared/errors';
import { extractJson } from './parse';
import type { Transport } from '../../net/transport';

/** The `reason` of the error for a new-generation panel; its `detail` is the panel's name. */
export const NEW_PANEL_GENERATION = 'newPanelGeneration';

/** Whether a failed token request is worth the probe: no panel answer (no `code`), not unreachable. */
export function mayBeNewGeneration(error: AppError): boolean {
  if (error.code !== undefined) return false;
  if (error.kind === 'http' || error.kind === 'schema') return true;
  return error.kind === 'auth' && (error.status === 401 || error.status === 403);
}

/** The panel's `app_name` when the address answers /api/config like a new-generation panel; else null. */
export async function newGenerationName(transport: Transport): Promise<string | null> {
  const answer = await transport.post('/api/config', {}, { accept: 'application/json' });
  if (!answer.ok || answer.value.status < 200 || answer.value.status >= 300) return null;
  const extracted = extractJson(answer.value.text);
  if (extracted.kind !== 'json') return null;
  const value = extracted.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const name = (value as { app_name?: unknown }).app_name;
  return typeof name === 'string' && name.trim() ? name.trim().slice(0, 80) : null;
}

export function newGenerationError(host: string, appName: string, status: number | undefined): AppError {
  return appError(
    'http',
    `"${appName}" at ${host} is a panel of the new XMPlus generation. This app does not support that generation's client API yet, so it cannot connect to it. Ask your provider whether a panel address with the classic client API (/api/client) is available, or when this panel will be supported.`,
    { reason: NEW_PANEL_GENERATION, detail: appName, ...(status !== undefined ? { status } : {}) },
  );
}
