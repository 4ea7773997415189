// A provider's branded build: resources/provider.json names the brand, the panel URL and its mirrors
// (other addresses of the same panel, for users where one gets blocked), the client API key and a
// support link. The key stays in the main process; the renderer only learns whether there is one.
// It may also name the app's own link scheme (`urlScheme`, for "Add to <brand>" links) and turn
// adding by subscription link off (`subscriptionLinks: false`). Its "updateFeed" is read by the
// build, not here: build/update-config.mjs pins it into the app with the key the updates must be
// signed with.
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
  /** Read by the build only (build/update-config.mjs); accepted here so the same file parses. */
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
  // A key is the provider's for its own panel only: without a panel address it would go to any
  // address typed (the build refuses such a file too: build/check-provider.mjs).
  const apiKey = p.apiKey && p.panelUrl ? p.apiKey : null;
  return {
    info: {
      name: p.name || UNBRANDED.info.name,
      logo,
      panelUrl: p.panelUrl || null,
      hasApiKey: apiKey !== null,
      supportUrl: httpsOnly(p.supportUrl),
      subscriptionLinks: p.subscriptionLinks ?? true,
    },
    apiKey,
    ...(p.clientFlags ? { clientFlags: p.clientFlags } : {}),
    mirrors: mirrorsOf(p.panelUrl, p.mirrors),
    ...(p.urlScheme ? { urlScheme: p.urlScheme } : {}),
  };
}

/**
 * The branded key for a request to `panelUrl`: only when that is the provider's panel or one of its
 * mirrors (same origin and path), so md5(key) never reaches an address the provider did not name.
 */
export function providerKeyFor(provider: ProviderConfig, panelUrl: string): string | null {
  if (!provider.apiKey || !provider.info.panelUrl) return null;
  const target = validatePanelUrl(panelUrl);
  const main = validatePanelUrl(provider.info.panelUrl);
  if (!target.ok || !main.ok) return null;
  const base = panelBase(target.value);
  const own = [panelBase(main.value), ...(provider.mirrors ?? [])];
  return own.includes(base) ? provider.apiKey : null;
}
