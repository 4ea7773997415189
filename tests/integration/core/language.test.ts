// The main process speaks the user's language: after a real refresh against the panel simulator,
// the tray tooltip, its menu words and the alert notifications (with their action buttons) come in
// zh-CN, fa (Persian digits) or ru; 'system' follows the OS locale; a change of the language
// setting re-renders the tray at once; export notifications follow too.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startPanelSim, type PanelSim } from '../../../tools/panel-sim/index';
import { makeCoreRig, signInDemo, type CoreRig } from '../../support/core-rig';
import { expectOk } from '../../support/expect';

let sim: PanelSim;
const rigs: CoreRig[] = [];

beforeAll(async () => {
  sim = await startPanelSim();
});
afterEach(async () => {
  for (const rig of rigs.splice(0)) await rig.dispose();
});
afterAll(async () => {
  await sim.close();
});

/** A signed-in rig in a language, refreshed once (the demo seed fires traffic and expiry alerts). */
async function refreshedIn(
  language: string | null,
  locale = 'en-US',
  os: NodeJS.Platform = 'linux',
): Promise<CoreRig> {
  const rig = await makeCoreRig({ memory: true, locale, os });
  rigs.push(rig);
  if (language !== null) expectOk(await rig.call('settings.set', { language }));
  await signInDemo(rig, sim, { remember: false, refresh: true });
  expect(rig.notifications.length).toBeGreaterThan(0);
  return rig;
}

const LATIN_DIGIT_TEXT = /\d+ ?(GB|MB|days?|h|min)\b/;

describe('main-process language', () => {
  it('English stays English (tooltip, menu words, alerts with Top up / Renew)', async () => {
    const rig = await refreshedIn(null);
    const tray = rig.trays.at(-1)!;
    expect(tray.tooltip).toMatch(/^XMPlus\n.+ GB of .+ GB used/);
    // No limit on Linux: a line per service, then the age, as `status --waybar` shows it.
    expect(tray.tooltip.split('\n')).toHaveLength(1 + tray.services.length + 1);
    expect(tray.labels).toMatchObject({ refresh: 'Refresh now', quit: 'Quit', open: 'Open xmplus-tray' });
    const labels = rig.notifications.flatMap((n) => n.actions.map((a) => a.label));
    expect(labels.every((l) => l === 'Top up' || l === 'Renew')).toBe(true);
  });

  it('zh-CN: tooltip, menu words and alert notifications', async () => {
    const rig = await refreshedIn('zh-CN', 'en-US', 'win32');
    const tray = rig.trays.at(-1)!;
    expect(tray.tooltip).toMatch(/已用 .+ GB \/ .+ GB/);
    // Windows keeps 127 units: the most urgent plans in whole lines, the others counted.
    expect(tray.tooltip.length).toBeLessThanOrEqual(127);
    expect(tray.tooltip).toMatch(/\n另有 \d+ 个(\n|$)/);
    expect(tray.tooltip).not.toContain('…');
    expect(tray.labels).toMatchObject({ refresh: '立即刷新', copySublink: '复制订阅链接', quit: '退出' });
    expect(tray.services[0]?.label).toMatch(/剩余 \d+ (天|小时)|已过期/);
    const traffic = rig.notifications.find((n) => n.title.includes('流量已用'));
    expect(traffic?.title).toMatch(/：流量已用 \d+%$/);
    expect(traffic?.actions).toEqual([{ id: 'topup', label: '购买流量' }]);
    const expiry = rig.notifications.find((n) => n.actions[0]?.id === 'renew');
    expect(expiry?.actions[0]?.label).toBe('续费');
    expect(expiry?.body).toMatch(/续费后可(继续|再次)使用。$/);
  });

  it('fa: Persian words and Persian digits, no Latin numbers', async () => {
    const rig = await refreshedIn('fa');
    const tray = rig.trays.at(-1)!;
    expect(tray.tooltip).toMatch(/[۰-۹]+(٫[۰-۹])? گیگابایت از [۰-۹]+ گیگابایت مصرف شده/);
    expect(tray.tooltip).not.toMatch(LATIN_DIGIT_TEXT);
    expect(tray.labels).toMatchObject({ refresh: 'به‌روزرسانی اکنون', quit: 'خروج' });
    const traffic = rig.notifications.find((n) => n.actions[0]?.id === 'topup');
    expect(traffic?.title).toMatch(/[۰-۹]+٪ از ترافیک مصرف شد$/);
    expect(traffic?.body).toMatch(/^[۰-۹]/);
    expect(traffic?.actions[0]?.label).toBe('افزایش ترافیک');
    for (const n of rig.notifications) expect(`${n.title} ${n.body}`).not.toMatch(LATIN_DIGIT_TEXT);
  });

  it('ru: Russian words with plural forms', async () => {
    const rig = await refreshedIn('ru');
    const tray = rig.trays.at(-1)!;
    expect(tray.tooltip).toMatch(/использовано [\d,]+ ГБ из [\d,]+ ГБ/);
    expect(tray.services.map((s) => s.label).join('\n')).toMatch(
      /осталось \d+ (дня|дней)|остался \d+ день|истекла/,
    );
    expect(tray.labels).toMatchObject({ notSignedIn: 'Вход не выполнен', export: 'Экспорт…', quit: 'Выйти' });
    const traffic = rig.notifications.find((n) => n.actions[0]?.id === 'topup');
    expect(traffic?.title).toMatch(/: израсходовано \d+\u00a0% трафика$/);
    expect(traffic?.actions[0]?.label).toBe('Докупить трафик');
    const expiry = rig.notifications.find((n) => n.actions[0]?.id === 'renew');
    expect(expiry?.title).toMatch(/: срок (истекает (сегодня|через \d+ (день|дня|дней))|истёк)$/);
    expect(expiry?.actions[0]?.label).toBe('Продлить');
  });

  it("ru: a failed refresh is said in Russian in the tray (the panel's HTTP status kept), not in main's English", async () => {
    const rig = await refreshedIn('ru');
    sim.admin.setFault('*', { kind: 'http502' });
    try {
      await rig.call('data.refresh');
    } finally {
      sim.admin.clearFaults();
    }
    const tray = rig.trays.at(-1)!;
    expect(tray.tooltip).toContain('Панель ответила ошибкой (HTTP 502)');
    expect(tray.profiles[0]?.note).toContain('Панель ответила ошибкой');
    expect(`${tray.tooltip}\n${tray.profiles[0]?.note ?? ''}`).not.toMatch(/[A-Za-z]{4,} [a-z]{3,}/);
  });

  it("'system' follows Platform.app.locale, English when the OS language is not supported", async () => {
    const ru = await refreshedIn(null, 'ru-RU');
    expect(ru.trays.at(-1)?.labels.quit).toBe('Выйти');
    expect(ru.notifications[0]?.actions[0]?.label).toMatch(/^(Продлить|Докупить трафик)$/);
    const fa = await refreshedIn('system', 'fa-IR');
    expect(fa.trays.at(-1)?.labels.quit).toBe('خروج');
    const de = await refreshedIn('system', 'de-DE');
    expect(de.trays.at(-1)?.labels.quit).toBe('Quit');
    expect(de.trays.at(-1)?.tooltip).toMatch(/ GB of .+ GB used/);
  });

  it('changing the language re-renders the tray at once; the next export notification follows it', async () => {
    const rig = await refreshedIn('en');
    const before = rig.trays.length;
    expectOk(await rig.call('settings.set', { language: 'ru' }));
    expect(rig.trays.length).toBeGreaterThan(before);
    const tray = rig.trays.at(-1)!;
    expect(tray.labels.refresh).toBe('Обновить сейчас');
    expect(tray.tooltip).toContain('использовано');
    expect(tray.services[0]?.label).toMatch(/использовано/);

    const shown = rig.notifications.length;
    const titles: string[] = [];
    const choose = rig.platform.chooseFolder;
    rig.platform.chooseFolder = (title) => {
      titles.push(title);
      return choose(title);
    };
    await rig.core.actions.exportAll(null);
    expect(titles).toEqual(['Выберите папку для экспортированных конфигураций']);
    const note = rig.notifications.slice(shown).at(-1);
    expect(note?.title).toBe('Экспорт сохранён');
    expect(note?.body).toMatch(/^\d+ (файл|файла|файлов) в папке /);
  });
});
