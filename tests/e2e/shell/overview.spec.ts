// The Dashboard's overview of every profile, end to end: three profiles on three simulators, their
// services in one table, most urgent first (light, dark, Persian), a row opening its profile's
// service; a profile whose panel is down keeping its last data with its age and the reason while the
// others refresh; a notification of another profile switching to it.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { startPanelSim, type PanelSim } from '../../../tools/panel-sim/index';
import { test, expect, type AppFixture } from '../harness';
import { GB, openPage, signInDemo } from '../steps';

const HOUR = 3_600_000;
const RANK: Record<string, number> = { expired: 3, critical: 2, warning: 1, ok: 0 };

/** Signs in to a simulator's demo account through the window's bridge (the new profile becomes the current one). */
async function addProfile(page: Page, sim: PanelSim, name: string): Promise<string> {
  const result = await page.evaluate((input) => window.xmplus.authSignIn({ ...input, remember: true }), {
    panelUrl: sim.url,
    apiKey: sim.apiKey,
    email: sim.demo.email,
    password: sim.demo.password,
    displayName: name,
  });
  if (!result.ok) throw new Error(`sign-in to ${name} failed: ${result.error.message}`);
  return result.value.activeId!;
}

/** Home (the harness's simulator), Work and Travel, each with the demo seed's three plans. */
async function threeProfiles(app: AppFixture, others: PanelSim[]) {
  const { page } = app;
  await signInDemo(app, 'Home');
  const listed = await page.evaluate(() => window.xmplus.profilesList());
  if (!listed.ok || !listed.value.activeId) throw new Error('no active profile after the sign-in');
  const home = listed.value.activeId;
  const [workSim, travelSim] = others as [PanelSim, PanelSim];
  // Work has nearly used up its StarterPack; Travel has barely touched it.
  workSim.admin.setUsage(4, { usedBytes: 149 * GB });
  travelSim.admin.setUsage(4, { usedBytes: 20 * GB });
  const work = await addProfile(page, workSim, 'Work');
  const travel = await addProfile(page, travelSim, 'Travel');
  const back = await page.evaluate((id) => window.xmplus.profilesSwitch({ id }), home);
  expect(back.ok).toBe(true);
  return { home, work, travel };
}

const overview = (page: Page) => page.getByTestId('overview');
const rows = (page: Page) => overview(page).locator('tbody tr');

/** Each row's level and share of traffic left, in the order shown. */
async function shownOrder(page: Page) {
  return rows(page).evaluateAll((trs) =>
    trs.map((tr) => ({
      level: /level-(\w+)/.exec(tr.className)?.[1] ?? '',
      left: Number(tr.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow') ?? 101),
      profile: tr.getAttribute('data-profile-id'),
      service: Number(tr.getAttribute('data-service-id')),
    })),
  );
}

test.describe('overview of every profile', () => {
  let others: PanelSim[] = [];
  test.beforeEach(async () => {
    others = [await startPanelSim(), await startPanelSim()];
  });
  test.afterEach(async () => {
    await Promise.all(others.map((s) => s.close()));
  });

  test('three profiles on three panels: one table, most urgent first, in light, dark and Persian', async ({
    app,
  }) => {
    const { page } = app;
    const ids = await threeProfiles(app, others);
    await expect(rows(page)).toHaveCount(9, { timeout: 20_000 });
    await expect(overview(page).getByRole('heading', { name: 'All profiles' })).toBeVisible();
    await expect(
      overview(page).getByRole('table', { name: "Every profile's services, most urgent first" }),
    ).toBeVisible();
    await expect(overview(page).getByRole('columnheader')).toHaveText([
      'Service',
      'Profile',
      'Traffic left',
      'Days left',
      'Status',
    ]);

    // Work's StarterPack (1 GB of 150 GB left) is the most urgent of all nine.
    const first = rows(page).first();
    await expect(first).toHaveAttribute('data-profile-id', ids.work);
    await expect(first).toHaveAttribute('data-service-id', '4');
    await expect(first).toHaveClass(/level-critical/);
    const bar = first.getByRole('progressbar', { name: 'Traffic left: StarterPack (Work)' });
    await expect(bar).toHaveAttribute('aria-valuenow', '1');
    await expect(bar).toHaveAttribute('aria-valuetext', '1 GB of 150 GB left (1%)');
    await expect(first).toContainText('Urgent');

    // Most urgent first: levels never rise down the table, and within a level the traffic left never falls.
    const order = await shownOrder(page);
    for (let i = 1; i < order.length; i++) {
      const [a, b] = [order[i - 1]!, order[i]!];
      expect(RANK[a.level]! >= RANK[b.level]!, `row ${i}: ${a.level} before ${b.level}`).toBe(true);
      if (a.level === b.level) expect(a.left <= b.left, `row ${i}: ${a.left}% before ${b.left}%`).toBe(true);
    }
    expect(new Set(order.map((r) => r.profile))).toEqual(new Set([ids.home, ids.work, ids.travel]));
    // The active profile's detail follows below, under its name.
    await expect(page.getByRole('heading', { name: 'Services of Home' })).toBeVisible();
    await expect(overview(page).getByText('Current')).toHaveCount(3);
    // The pointer away from the table, so that no row shows hovered in the pictures.
    await page.mouse.move(0, 0);
    await app.screenshot('overview-light');

    await page.evaluate(() => window.xmplus.settingsSet({ theme: 'dark' }));
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await app.screenshot('overview-dark');

    await page.evaluate(() => window.xmplus.settingsSet({ theme: 'light', language: 'fa' }));
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(overview(page).getByRole('heading', { name: 'همه نمایه‌ها' })).toBeVisible();
    await expect(rows(page).first().getByRole('progressbar')).toHaveAttribute(
      'aria-label',
      'ترافیک باقی‌مانده: StarterPack (Work)',
    );
    await expect(rows(page).first()).toContainText('فوری');
    await app.screenshot('overview-fa');
  });

  test('a row opens its service, switching to its profile; by keyboard too', async ({ app }) => {
    const { page } = app;
    const ids = await threeProfiles(app, others);
    await expect(rows(page)).toHaveCount(9, { timeout: 20_000 });

    // A click anywhere on Travel's StarterPack row.
    await overview(page)
      .locator(`tr[data-profile-id="${ids.travel}"][data-service-id="4"] td`)
      .first()
      .click();
    await expect(page.locator('nav a[href="#services"]')).toHaveAttribute('aria-current', 'page');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('StarterPack');
    await expect(page.getByRole('button', { name: /^Profiles/ })).toContainText('Travel');
    // Travel's own numbers (20 GB used), not another profile's StarterPack.
    await expect(page.locator('main').getByRole('progressbar')).toHaveAttribute('aria-valuenow', '13');
    const active = await page.evaluate(() => window.xmplus.profilesList());
    expect(active.ok && active.value.activeId).toBe(ids.travel);

    // Back on the Dashboard, the keyboard: the row's button, named after service and profile.
    await openPage(page, 'dashboard');
    const open = overview(page).getByRole('button', { name: 'Open Pro 200 of Work' }).first();
    await open.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Pro 200');
    await expect(page.getByRole('button', { name: /^Profiles/ })).toContainText('Work');
  });

  test('a panel that is down: its profile keeps its last data with age and reason, the others refresh', async ({
    app,
  }) => {
    const { page } = app;
    const ids = await threeProfiles(app, others);
    await expect(rows(page)).toHaveCount(9, { timeout: 20_000 });

    // Work's data was fetched three hours ago; since then its panel answers only with errors.
    const cacheFile = join(app.configDir, 'cache.json');
    const cache = JSON.parse(readFileSync(cacheFile, 'utf8')) as {
      snapshots: Record<string, { fetchedAt: number }>;
    };
    const work = cache.snapshots[ids.work]!;
    work.fetchedAt = Date.now() - 3 * HOUR;
    writeFileSync(cacheFile, JSON.stringify(cache));
    others[0]!.admin.setFault('*', { kind: 'http502' });
    // The others' usage moves on meanwhile.
    app.sim.admin.setUsage(9, { usedBytes: 150 * GB });
    await app.restart();
    await page.reload();

    const notes = overview(page).getByRole('list', { name: 'Profiles not up to date' });
    const workNote = notes.getByRole('listitem').filter({ hasText: 'Work' });
    await expect(workNote).toContainText('Work: data from 3 hours ago.', { timeout: 20_000 });
    await expect(workNote).toContainText('HTTP 502');
    // Its rows stay, with their age; the others are fresh (no age) and Home shows its new usage.
    await expect(rows(page)).toHaveCount(9);
    const workRows = overview(page).locator(`tr[data-profile-id="${ids.work}"]`);
    await expect(workRows).toHaveCount(3);
    await expect(workRows.first()).toContainText('Data from 3 hours ago');
    await expect(
      overview(page).locator(`tr[data-profile-id="${ids.home}"][data-service-id="9"]`),
    ).toContainText('50 GB of 200 GB', { timeout: 20_000 });
    await expect
      .poll(
        async () =>
          overview(page)
            .locator(
              `tr[data-profile-id="${ids.travel}"] .overview-age, tr[data-profile-id="${ids.home}"] .overview-age`,
            )
            .count(),
        { timeout: 20_000 },
      )
      .toBe(0);
    await expect(notes.getByRole('listitem')).toHaveCount(1);
    await app.screenshot('overview-panel-down');

    // In Russian the failure is the window's own sentence, with the English under Details.
    await page.evaluate(() => window.xmplus.settingsSet({ language: 'ru' }));
    const ruNote = overview(page)
      .getByRole('list', { name: 'Профили с устаревшими данными' })
      .getByRole('listitem')
      .filter({ hasText: 'Work' });
    await expect(ruNote).toContainText('Work: данные 3 часа назад.');
    await expect(ruNote).toContainText('Панель ответила ошибкой (HTTP 502).');
    await expect(ruNote.getByText('Подробности (на английском)')).toBeVisible();
  });

  test('a notification of another profile opens that profile and its service', async ({ app }) => {
    const { page } = app;
    const ids = await threeProfiles(app, others);
    await expect(rows(page)).toHaveCount(9, { timeout: 20_000 });

    // As the shell does on a click: the core switches and tells the window where to go.
    app.core.actions.navigate({ page: 'services', serviceId: 7, profileId: ids.work });
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Pro 200');
    await expect(page.getByRole('button', { name: /^Profiles/ })).toContainText('Work');

    // The window switches by itself when only the navigation reaches it.
    await app.emit('navigate', { page: 'services', serviceId: 4, profileId: ids.travel });
    await expect(page.getByRole('heading', { level: 1 })).toContainText('StarterPack');
    await expect(page.getByRole('button', { name: /^Profiles/ })).toContainText('Travel');
    await expect(page.locator('main').getByRole('progressbar')).toHaveAttribute('aria-valuenow', '13');
    const active = await page.evaluate(() => window.xmplus.profilesList());
    expect(active.ok && active.value.activeId).toBe(ids.travel);
  });
});
