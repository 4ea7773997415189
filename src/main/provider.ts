// A provider's branded build: resources/provider.json names the brand, the panel URL and its mirrors
// (other addresses of the same panel, for users where one gets blocked), the client API key, a
// support link and an update feed. The key stays in the main process; the renderer only learns
// whether there is one. It may also name the app's own link scheme (`urlScheme`, for "Add to <brand>"
// links) and turn adding by subscription link off (`subscriptionLinks: false`).
import { readFileSync } from 'node:fs';
import { dirname, resolve, extname } from 'node:path';
import { z } from 'zod';
import type { ProviderInfo } from '../shared/contract';
import { panelBase, validatePanelUrl } from './net/transport';
import { DEFAULT_URL_SCHEME, isValidUrlScheme } from './app-link';

export interface ProviderConfig {
  info: ProviderInfo;
  /** Secret: never sent to the renderer. */
  apiKey: string | null;
  updateFeed: string | null;
  /** The panel's client= flag per import client id, where the provider's panel differs. */
  clientFlags?: Partial<Record<string, string>>;
  /** Other addresses of the provider's panel (valid panel URLs, without the main one), in order. */
  mirrors?: readonly string[];
  /** The scheme of the app's own links (`<scheme>://add?url=…`); DEFAULT_URL_SCHEME when unset. */
  urlScheme?: string;
}

/** The scheme the app registers and answers. */
export const urlSchemeOf = (provider: ProviderConfig): string => provider.urlScheme ?? DEFAULT_URL_SCHEME;

const fileSchema = z.object({
  name: z.string().trim().max(80).optional(),
  logo: z.string().trim().max(512).optional(),
  panelUrl: z.string().trim().max(2048).optional(),
  mirrors: z.array(z.string().trim().max(2048)).max(16).optional(),
  apiKey: z.string().trim().max(512).optional(),
  supportUrl: z.string().trim().max(2048).optional(),
  updateFeed: z.string().trim().max(2048).optional(),
  clientFlags: z
    .record(
      z.string().max(32),
      z
        .string()
        .trim()
        .regex(/^[A-Za-z0-9_.-]{1,32}$/),
    )
    .optional(),
  // Checked again at build time (build/after-pack.mjs) against the schemes the package registers.
  urlScheme: z.string().trim().refine(isValidUrlScheme).optional(),
  /** false: only the panel's sign-in is offered (no "Paste your subscription link", no app links). */
  subscriptionLinks: z.boolean().optional(),
});

export const UNBRANDED: ProviderConfig = {
  info: {
    name: 'XMPlus',
    logo: null,
    panelUrl: null,
    hasApiKey: false,
    supportUrl: null,
    subscriptionLinks: true,
  },
  apiKey: null,
  updateFeed: null,
  mirrors: [],
};

const httpsOnly = (url: string | undefined): string | null => {
  if (!url) return null;
  try {
    return new URL(url).protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
};

/**
 * The mirrors that can be used: valid panel addresses (https, or loopback http), each once, not the
 * main address again. Only with a main address, which they are the alternatives of.
 */
function mirrorsOf(panelUrl: string | undefined, listed: readonly string[] | undefined): string[] {
  if (!panelUrl || !listed) return [];
  const main = validatePanelUrl(panelUrl);
  if (!main.ok) return [];
  const seen = new Set([panelBase(main.value)]);
  const mirrors: string[] = [];
  for (const raw of listed) {
    const url = validatePanelUrl(raw);
    if (!url.ok) continue;
    const base = panelBase(url.value);
    if (seen.has(base)) continue;
    seen.add(base);
    mirrors.push(base);
  }
  return mirrors;
}

const MIME: Record<string, string> = { '.png': 'image/png', '.svg': 'image/svg+xml', '.jpg': 'image/jpeg' };

/** Reads provider.json; a missing or invalid file means an unbranded build. */
export function loadProvider(file: string): ProviderConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return UNBRANDED;
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) return UNBRANDED;
  const p = parsed.data;
  let logo: string | null = null;
  if (p.logo && MIME[extname(p.logo).toLowerCase()]) {
    try {
      const bytes = readFileSync(resolve(dirname(file), p.logo));
      logo = `data:${MIME[extname(p.logo).toLowerCase()]};base64,${bytes.toString('base64')}`;
    } catch {
      logo = null;
    }
  }
  return {
    info: {
      name: p.name || UNBRANDED.info.name,
      logo,
      panelUrl: p.panelUrl || null,
      hasApiKey: Boolean(p.apiKey),
      supportUrl: httpsOnly(p.supportUrl),
      subscriptionLinks: p.subscriptionLinks ?? true,
    },
    apiKey: p.apiKey || null,
    updateFeed: httpsOnly(p.updateFeed),
    ...(p.clientFlags ? { clientFlags: p.clientFlags } : {}),
    mirrors: mirrorsOf(p.panelUrl, p.mirrors),
    ...(p.urlScheme ? { urlScheme: p.urlScheme } : {}),
  };
}
