// A corrupt or truncated config.json / cache.json: the core still starts, defaults are restored, the
// user gets a notice through app.notices, and the damaged file is kept aside byte for byte. Files that
// are valid JSON objects with wrongly typed values are repaired key by key, silently, in place.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../src/shared/settings';
import type { DataState, Notice, ProfilesState } from '../../src/shared/contract';
import { makeCoreRig, recordUnhandled, type CoreRig } from '../support/core-rig';

const rigs: CoreRig[] = [];
afterEach(async () => {
  for (const rig of rigs.splice(0)) await rig.dispose();
});

const validSettings = JSON.stringify({
  settings: { ...DEFAULT_SETTINGS, refreshMinutes: 30, theme: 'dark' },
});

const DAMAGE: [string, string | Buffer][] = [
  ['garbage text', 'this is not json at all { ] ,'],
  ['truncated JSON', validSettings.slice(0, Math.floor(validSettings.length / 2))],
  ['binary zeros', Buffer.alloc(4096, 0)],
  ['random binary', Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 7919 + 13) % 256))],
  ['a JSON array', '[{"settings":{"theme":"dark"}}]'],
  ['a JSON string', '"settings"'],
  ['JSON null', 'null'],
  ['an empty file', ''],
  ['a UTF-8 BOM before the object', `\ufeff${validSettings}`],
];

async function startWith(files: { config?: string | Buffer; cache?: string | Buffer }) {
  const dir = mkdtempSync(join(tmpdir(), 'xmplus-corrupt-'));
  if (files.config !== undefined) writeFileSync(join(dir, 'config.json'), files.config);
  if (files.cache !== undefined) writeFileSync(join(dir, 'cache.json'), files.cache);
  const unhandled = recordUnhandled();
  const rig = await makeCoreRig({ dir });
  rigs.push(rig);
  unhandled.stop();
  expect(unhandled.reasons).toEqual([]);
  return { dir, rig };
}

describe.each(['config.json', 'cache.json'] as const)('a damaged %s', (file) => {
  it.each(DAMAGE)(
    '%s: starts with defaults, lists a notice, keeps the file aside',
    async (_label, content) => {
      const { dir, rig } = await startWith(file === 'config.json' ? { config: content } : { cache: content });

      const settings = await rig.call<Settings>('settings.get');
      expect(settings.ok && settings.value).toEqual(DEFAULT_SETTINGS);
      const data = await rig.call<DataState>('data.get');
      expect(data.ok && data.value.snapshot).toBeNull();
      const profiles = await rig.call<ProfilesState>('profiles.list');
      expect(profiles.ok && profiles.value.profiles).toEqual([]);

      const aside = readdirSync(dir).filter((f) => f.startsWith(`${file}.corrupt-`));
      expect(aside).toHaveLength(1);
      const asidePath = join(dir, aside[0]!);
      expect(readFileSync(asidePath)).toEqual(Buffer.from(content));

      const notices = await rig.call<Notice[]>('app.notices');
      expect(notices.ok).toBe(true);
      if (!notices.ok) return;
      expect(notices.value).toHaveLength(1);
      expect(notices.value[0]).toMatchObject({ level: 'warning' });
      expect(notices.value[0]?.message).toContain(asidePath);
      expect(notices.value[0]?.message).toMatch(/defaults were restored/);

      // The app writes a good file again, and a restart does not complain twice.
      const set = await rig.call<Settings>('settings.set', { refreshMinutes: 45 });
      expect(set.ok).toBe(true);
      expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'))).toMatchObject({
        settings: { refreshMinutes: 45 },
      });
      await rig.dispose();
      const again = await makeCoreRig({ dir });
      rigs.push(again);
      const notices2 = await again.call<Notice[]>('app.notices');
      expect(notices2.ok && notices2.value).toEqual([]);
      expect((await again.call<Settings>('settings.get')).ok).toBe(true);
      expect(rig.internalErrors).toEqual([]);
    },
  );
});

describe('valid JSON with wrongly typed values', () => {
  it('settings fall back key by key; bad profiles are dropped; no file is moved', async () => {
    const { dir, rig } = await startWith({
      config: JSON.stringify({
        settings: {
          refreshMinutes: 'often',
          theme: 'dark',
          notifications: 'yes',
          trafficThresholds: [50, 'x'],
        },
        profiles: [{ id: 5 }, 'nope', null],
        activeProfileId: { id: 'x' },
      }),
    });
    const settings = await rig.call<Settings>('settings.get');
    expect(settings.ok && settings.value).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark' });
    const profiles = await rig.call<ProfilesState>('profiles.list');
    expect(profiles.ok && profiles.value).toMatchObject({ profiles: [], activeId: null });
    expect(readdirSync(dir).some((f) => f.includes('.corrupt-'))).toBe(false);
    expect(existsSync(join(dir, 'config.json'))).toBe(true);
    expect(rig.internalErrors).toEqual([]);
  });

  it('a cache with broken snapshots, history, alert state and payment watches: the core starts and answers', async () => {
    const profileId = '11111111-2222-3333-4444-555555555555';
    const { rig } = await startWith({
      config: JSON.stringify({
        profiles: [
          {
            id: profileId,
            panelUrl: 'http://127.0.0.1:9',
            email: 'a@example.com',
            displayName: 'A',
            options: { proxyUrl: '', timeZone: '' },
            remember: true,
            createdAt: 1,
          },
        ],
        activeProfileId: profileId,
      }),
      cache: JSON.stringify({
        snapshots: { [profileId]: { fetchedAt: 1, account: 'x', services: [{ id: 'four' }, null, 7] } },
        history: { [profileId]: { version: 1, services: { '4': 'lots' } } },
        alerts: { [profileId]: [1, 2, 3] },
        'billing.watches': { nope: true },
      }),
    });
    for (const channel of ['data.get', 'profiles.list', 'billing.watches', 'app.notices']) {
      const r = await rig.call(channel);
      expect(r.ok, channel).toBe(true);
    }
    const preview = await rig.call('export.preview', { serviceId: null, format: 'links' });
    expect(preview.ok || preview.error.kind !== 'internal').toBe(true);
    const history = await rig.call('service.history', { serviceId: 4 });
    expect(history.ok || history.error.kind !== 'internal').toBe(true);
    expect(rig.internalErrors).toEqual([]);
  });
});

describe('start-up notices follow the language', () => {
  it('words the moved-aside and memory-only notices in the system language, and again after a change', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xmplus-corrupt-'));
    writeFileSync(join(dir, 'config.json'), '{"settings": {"theme": "da');
    const rig = await makeCoreRig({ dir, locale: 'ru-RU' });
    rigs.push(rig);
    const russian = await rig.call<Notice[]>('app.notices');
    expect(russian.ok).toBe(true);
    if (!russian.ok) return;
    expect(russian.value).toHaveLength(1);
    expect(russian.value[0]!.message).toMatch(/Повреждённый файл настроек/);
    expect(russian.value[0]!.message).toContain(join(dir, 'config.json.corrupt-'));
    await rig.call('settings.set', { language: 'zh-CN' });
    const chinese = await rig.call<Notice[]>('app.notices');
    expect(chinese.ok && chinese.value[0]!.message).toMatch(/损坏的设置文件/);
    const dismissed = await rig.call<Notice[]>('app.dismissNotice', { id: russian.value[0]!.id });
    expect(dismissed.ok && dismissed.value).toEqual([]);
  });
});
