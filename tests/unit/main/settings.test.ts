import { mkdtempSync, readdirSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openFileStore, memoryStore } from '../../../src/main/settings/store';
import {
  readSettings,
  writeSettings,
  upsertProfile,
  readProfiles,
  removeProfile,
  readActiveProfileId,
  setActiveProfileId,
} from '../../../src/main/settings/settings';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings';
import { createCore } from '../../../src/main/core';
import { createRouter } from '../../../src/main/router';
import { makePlatform } from '../../support/platform';

describe('settings store', () => {
  it('persists settings and reads them back', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xmplus-settings-'));
    const { store } = openFileStore(join(dir, 'config.json'));
    writeSettings(store, { theme: 'dark', refreshMinutes: 30 });
    const again = openFileStore(join(dir, 'config.json'));
    expect(readSettings(again.store)).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark', refreshMinutes: 30 });
  });

  it.each([['{"settings": {"theme": "da'], ['\u0000\u0000\u0000'], ['[1,2,3]'], ['']])(
    'moves a corrupt file (%j) aside and starts from defaults',
    (content) => {
      const dir = mkdtempSync(join(tmpdir(), 'xmplus-settings-'));
      const file = join(dir, 'config.json');
      writeFileSync(file, content);
      const opened = openFileStore(file);
      expect(opened.movedAside).toMatch(/config\.json\.corrupt-/);
      expect(readFileSync(opened.movedAside!, 'utf8')).toBe(content);
      expect(readSettings(opened.store)).toEqual(DEFAULT_SETTINGS);
      expect(readdirSync(dir).some((f) => f.startsWith('config.json.corrupt-'))).toBe(true);
    },
  );

  it('keeps good values when one value is bad', () => {
    const store = memoryStore({ settings: { theme: 'dark', refreshMinutes: -4 } });
    expect(readSettings(store)).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark' });
  });

  it('refuses invalid patches', () => {
    const store = memoryStore();
    expect(() => writeSettings(store, { refreshMinutes: 2 })).toThrow();
    expect(() => writeSettings(store, { serversRefreshHours: 0 })).toThrow();
    expect(() => writeSettings(store, { serversRefreshHours: 73 })).toThrow();
    expect(readSettings(store)).toEqual(DEFAULT_SETTINGS);
  });

  it('the servers interval defaults to 6 hours and reads back what was saved', () => {
    const store = memoryStore({ settings: { serversRefreshHours: 1.5 } });
    expect(readSettings(store).serversRefreshHours).toBe(6);
    writeSettings(store, { serversRefreshHours: 12 });
    expect(readSettings(store).serversRefreshHours).toBe(12);
  });
});

describe('profiles', () => {
  it('adds, updates in place, removes and moves the active profile', () => {
    const store = memoryStore();
    const a = upsertProfile(store, { panelUrl: 'https://a.example', email: 'me@a.example' });
    const b = upsertProfile(store, {
      panelUrl: 'https://b.example',
      email: 'me@b.example',
      displayName: 'B',
    });
    const a2 = upsertProfile(store, {
      panelUrl: 'https://a.example',
      email: 'ME@a.example',
      options: { proxyUrl: 'http://127.0.0.1:8080', timeZone: '' },
    });
    expect(a2.id).toBe(a.id);
    expect(readProfiles(store)).toHaveLength(2);
    setActiveProfileId(store, a.id);
    removeProfile(store, a.id);
    expect(readActiveProfileId(store)).toBe(b.id);
    removeProfile(store, b.id);
    expect(readActiveProfileId(store)).toBeNull();
  });
});

describe('settings channels through the router', () => {
  it('get, set (validated) and emit the change', async () => {
    const desktop = makePlatform({ memory: true, version: '1.2.3', locale: 'en', now: () => 0 });
    const router = createRouter(createCore(desktop.platform).handlers);
    expect(await router.dispatch('app.info', {})).toMatchObject({
      ok: true,
      value: { version: '1.2.3', name: 'xmplus-tray' },
    });
    const set = await router.dispatch('settings.set', { theme: 'light', startAtLogin: true });
    expect(set).toMatchObject({ ok: true, value: { theme: 'light', startAtLogin: true } });
    expect(desktop.events.filter((e) => e.event === 'settings')).toEqual([
      { event: 'settings', payload: expect.objectContaining({ theme: 'light', startAtLogin: true }) },
    ]);
    expect(desktop.startAtLogin).toEqual([true]);
    expect(await router.dispatch('settings.get', {})).toMatchObject({ ok: true, value: { theme: 'light' } });
  });
});
