// A branded build's client API key goes only to the provider's own panel and its mirrors: never to
// an address a user types, a look-alike "mirror" included (a simulator stands in for it and counts
// the token requests it receives). A provider.json with apiKey and no panelUrl is refused both by
// the build (build/check-provider.mjs, run from electron.vite.config.ts) and when the app reads it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startPanelSim, type PanelSim } from '../../../tools/panel-sim/index';
import { checkProviderFile, providerCheck, providerProblems } from '../../../build/check-provider.mjs';
import viteConfig from '../../../electron.vite.config';
import { loadProvider, providerKeyFor, UNBRANDED, type ProviderConfig } from '../../../src/main/provider';
import type { ProfilesState } from '../../../src/shared/contract';
import { makeCoreRig } from '../../support/core-rig';
import { expectErr, expectOk } from '../../support/expect';

const KEY = 'branded-secret-key';
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function sim(apiKey = KEY): Promise<PanelSim> {
  const started = await startPanelSim({ apiKey });
  closers.push(() => started.close());
  return started;
}

const writeProvider = (content: unknown) => {
  const file = join(mkdtempSync(join(tmpdir(), 'xmplus-provider-')), 'provider.json');
  writeFileSync(file, JSON.stringify(content));
  return file;
};

const tokenRequests = (panel: PanelSim) => panel.admin.stats().requests['/api/client/token'] ?? 0;

describe('the branded key and the panel it belongs to', () => {
  it('is chosen only for the provider panel and its mirrors, by origin and path', () => {
    const provider: ProviderConfig = {
      ...UNBRANDED,
      info: { ...UNBRANDED.info, panelUrl: 'https://panel.example.com', hasApiKey: true },
      apiKey: KEY,
      mirrors: ['https://mirror.example.net/panel'],
    };
    expect(providerKeyFor(provider, 'https://panel.example.com')).toBe(KEY);
    expect(providerKeyFor(provider, 'https://panel.example.com/')).toBe(KEY);
    expect(providerKeyFor(provider, 'https://mirror.example.net/panel')).toBe(KEY);
    expect(providerKeyFor(provider, 'https://mirror.example.net')).toBeNull();
    expect(providerKeyFor(provider, 'https://panel.example.com.evil.test')).toBeNull();
    expect(providerKeyFor(provider, 'https://evil.test')).toBeNull();
    expect(
      providerKeyFor({ ...provider, info: { ...provider.info, panelUrl: null } }, 'https://evil.test'),
    ).toBeNull();
  });

  it('is not taken from a provider.json that names no panel', () => {
    const provider = loadProvider(writeProvider({ name: 'Brand', apiKey: KEY }));
    expect(provider.apiKey).toBeNull();
    expect(provider.info.hasApiKey).toBe(false);
    const full = loadProvider(
      writeProvider({ name: 'Brand', apiKey: KEY, panelUrl: 'https://panel.example.com' }),
    );
    expect(full.apiKey).toBe(KEY);
  });

  it('never reaches a panel address the user types when the provider key is not for it', async () => {
    const own = await sim();
    const fake = await sim();
    // A key with no panel address (as a file the build would refuse, put in place afterwards).
    const provider = loadProvider(writeProvider({ name: 'Brand', apiKey: KEY }));
    const h = await makeCoreRig({ provider });
    closers.push(() => h.dispose());
    const check = await h.call('provider.check', { panelUrl: fake.url });
    expect(expectErr(check)).toMatchObject({ kind: 'auth', reason: 'apiKeyMissing' });
    expect(tokenRequests(fake)).toBe(0);

    // A key tied to its panel: that panel signs in with it; a typed look-alike gets nothing.
    const tied: ProviderConfig = {
      ...UNBRANDED,
      info: { ...UNBRANDED.info, name: 'Brand', panelUrl: own.url, hasApiKey: true },
      apiKey: KEY,
      mirrors: [],
    };
    expect(providerKeyFor(tied, fake.url)).toBeNull();
    const branded = await makeCoreRig({ provider: tied });
    closers.push(() => branded.dispose());
    const signed = await branded.call<ProfilesState>('auth.signIn', {
      panelUrl: fake.url,
      email: own.demo.email,
      password: own.demo.password,
      remember: true,
    });
    // The build fixes the address: the form's text is not where the key goes.
    expect(expectOk(signed).profiles[0]?.panelUrl).toBe(own.url);
    expect(tokenRequests(own)).toBeGreaterThan(0);
    expect(tokenRequests(fake)).toBe(0);
  });
});

describe('the build-time check of provider.json', () => {
  it('names an apiKey without panelUrl, and mirrors without it', () => {
    expect(providerProblems({ apiKey: KEY })).toEqual([expect.stringContaining('apiKey without panelUrl')]);
    expect(providerProblems({ mirrors: ['https://m.example'] })).toEqual([
      expect.stringContaining('mirrors without panelUrl'),
    ]);
    expect(providerProblems({ apiKey: KEY, panelUrl: 'https://panel.example.com' })).toEqual([]);
    expect(providerProblems({})).toEqual([]);
    expect(providerProblems([])).toHaveLength(1);
  });

  it('fails the build for such a file, passes a good one and an unbranded build', () => {
    expect(() => checkProviderFile(writeProvider({ apiKey: KEY }))).toThrow(/apiKey without panelUrl/);
    expect(() => providerCheck(writeProvider({ apiKey: KEY })).buildStart()).toThrow(
      /apiKey without panelUrl/,
    );
    expect(() =>
      checkProviderFile(writeProvider({ apiKey: KEY, panelUrl: 'https://p.example' })),
    ).not.toThrow();
    expect(() => checkProviderFile(join(tmpdir(), 'no-such-folder', 'provider.json'))).not.toThrow();
  });

  it("runs in the main process build, on the repository's provider.json", () => {
    const config = viteConfig as { main?: { plugins?: { name?: string }[] } };
    expect(config.main?.plugins?.map((p) => p.name)).toContain('xmplus-provider-check');
    expect(() =>
      checkProviderFile(join(import.meta.dirname, '../../../resources/provider.json')),
    ).not.toThrow();
  });
});
