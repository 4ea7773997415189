// A profile's own settings end to end: "Watch this profile" and its refresh interval (the global one
// or its own), saved through profiles.update and read back; a profile that is not watched says so in
// the Dashboard's overview while another profile is the current one. And the window's pages follow
// the current profile's capabilities: no Billing or Invoices for a subscription-link profile.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { startPanelSim, type PanelSim } from '../../../tools/panel-sim/index';
import { test, expect, type AppFixture } from '../harness';
import { openPage, pageView, signInDemo } from '../steps';

async function activeId(page: Page): Promise<string> {
  const listed = await page.evaluate(() => window.xmplus.profilesList());
  if (!listed.ok || !listed.value.activeId) throw new Error('no active profile');
  return listed.value.activeId;
}

async function profileOf(page: Page, id: string) {
  const listed = await page.evaluate(() => window.xmplus.profilesList());
  if (!listed.ok) throw new Error(listed.error.message);
  return listed.value.profiles.find((p) => p.id === id);
}

test.describe('per-profile settings', () => {
  let work: PanelSim;
  test.beforeEach(async () => {
    work = await startPanelSim();
  });
  test.afterEach(async () => {
    await work.close();
  });

  test('watch and refresh interval per profile; the thresholds stay global', async ({ app }) => {
    const { page } = app;
    await signInDemo(app, 'Home');
    const home = await activeId(page);
    const added = await page.evaluate(
      (input) => window.xmplus.authSignIn({ ...input, remember: true, displayName: 'Work' }),
      { panelUrl: work.url, apiKey: work.apiKey, email: work.demo.email, password: work.demo.password },
    );
    expect(added.ok).toBe(true);
    await page.evaluate((id) => window.xmplus.profilesSwitch({ id }), home);
    await expect(page.getByRole('button', { name: /^Profiles/ })).toContainText('Home');

    await openPage(page, 'settings');
    const card = page.locator('form[aria-labelledby="profile-title"]');
    const watch = card.getByLabel('Watch this profile');
    const interval = card.getByLabel('Refresh interval');
    await expect(watch).toBeChecked();
    await expect(interval).toHaveValue('global');
    await expect(interval.locator('option:checked')).toHaveText('The global interval (every 15 min)');
    await expect(card.getByLabel('Refresh this profile every (minutes)')).toHaveCount(0);
    await expect(card).toContainText('The warning thresholds in General apply to every profile.');

    // Its own interval, checked before it is sent.
    await interval.selectOption('own');
    const minutes = card.getByLabel('Refresh this profile every (minutes)');
    await minutes.fill('3');
    await card.getByRole('button', { name: 'Save' }).click();
    await expect(card.getByText('Enter a whole number from 5 to 1440.')).toBeVisible();
    await expect(minutes).toBeFocused();
    expect((await profileOf(page, home))?.refreshMinutes).toBeNull();

    await minutes.fill('45');
    await watch.uncheck();
    await card.getByRole('button', { name: 'Save' }).click();
    await expect(card.locator('.form-status')).toHaveText('Saved.');
    const saved = await profileOf(page, home);
    expect(saved?.watch).toBe(false);
    expect(saved?.refreshMinutes).toBe(45);
    // The other profile and the global settings are untouched.
    const other = await profileOf(page, added.ok ? added.value.activeId! : '');
    expect(other?.watch).toBe(true);
    expect(other?.refreshMinutes).toBeNull();
    const settings = await page.evaluate(() => window.xmplus.settingsGet());
    expect(settings.ok && settings.value.refreshMinutes).toBe(15);
    await app.screenshot('settings-profile-watch');

    // Read back after a reload.
    await page.reload();
    await openPage(page, 'settings');
    await expect(watch).not.toBeChecked();
    await expect(interval).toHaveValue('own');
    await expect(card.getByLabel('Refresh this profile every (minutes)')).toHaveValue('45');

    // Unwatched and not the current profile: nothing refreshes it, and the overview says so.
    await page.evaluate((id) => window.xmplus.profilesSwitch({ id }), other!.id);
    await openPage(page, 'dashboard');
    const note = page
      .getByTestId('overview')
      .getByRole('list', { name: 'Profiles not up to date' })
      .getByRole('listitem')
      .filter({ hasText: 'Home' });
    await expect(note).toContainText('Not watched: it is refreshed only while it is the current profile.');

    // Back to the global interval and watched.
    await page.evaluate((id) => window.xmplus.profilesSwitch({ id }), home);
    await openPage(page, 'settings');
    await interval.selectOption('global');
    await watch.check();
    await card.getByRole('button', { name: 'Save' }).click();
    await expect(card.locator('.form-status')).toHaveText('Saved.');
    const restored = await profileOf(page, home);
    expect(restored?.watch).toBe(true);
    expect(restored?.refreshMinutes).toBeNull();
  });
});

/**
 * Stores a subscription-link profile as the app's subscription sign-up stores one (its record, and
 * its first snapshot in the cache: the Home profile's plans, as a link reports them, without an
 * account), then restarts the core on those files. Its link is not in the keychain here, so it is
 * signed out and shows its cached data.
 */
async function storeSubscriptionProfile(app: AppFixture, copyOf: string): Promise<string> {
  const id = 'subscription-profile';
  const configFile = join(app.configDir, 'config.json');
  const cacheFile = join(app.configDir, 'cache.json');
  const config = JSON.parse(readFileSync(configFile, 'utf8')) as { profiles: Record<string, unknown>[] };
  config.profiles.push({
    id,
    kind: 'subscription',
    watch: true,
    refreshMinutes: null,
    panelUrl: 'https://sub.example.net',
    email: 'sub.example.net/link/…',
    displayName: 'Link',
    options: { proxyUrl: '', timeZone: '' },
    remember: true,
    createdAt: Date.now(),
  });
  writeFileSync(configFile, JSON.stringify(config));
  const cache = JSON.parse(readFileSync(cacheFile, 'utf8')) as { snapshots: Record<string, object> };
  cache.snapshots[id] = {
    ...cache.snapshots[copyOf],
    profileId: id,
    kind: 'subscription',
    account: null,
    fetchedAt: Date.now() - 2 * 3_600_000,
  };
  writeFileSync(cacheFile, JSON.stringify(cache));
  await app.restart();
  await app.page.reload();
  return id;
}

test('a profile whose source has no billing: no Billing or Invoices, no balance, and no way there', async ({
  app,
}) => {
  const { page } = app;
  await signInDemo(app, 'Home');
  const home = await activeId(page);
  const link = await storeSubscriptionProfile(app, home);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Billing' })).toBeVisible();

  const view = await profileOf(page, link);
  expect(view?.kind).toBe('subscription');
  expect(view?.capabilities.billing).toBe(false);
  expect(view?.capabilities.invoices).toBe(false);

  // Switch through the sidebar's profile list.
  const switcher = page.getByRole('button', { name: /^Profiles/ });
  await switcher.click();
  await page.getByRole('button', { name: 'Switch to Link' }).click();
  await expect(switcher).toContainText('Link');
  await expect(nav.getByRole('link', { name: 'Billing' })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: 'Invoices' })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: 'Export' })).toBeVisible();
  // Its plans show (the last known ones), without a balance.
  await expect(page.locator('article.service-card').first()).toBeVisible();
  await expect(page.getByTestId('balance')).toHaveCount(0);
  await app.screenshot('capabilities-no-billing');

  // A service's page offers no Renew or Top up.
  await page
    .locator('article.service-card')
    .first()
    .getByRole('button', { name: /^Details for/ })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Copy subscription link' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Renew' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Top up' })).toHaveCount(0);

  // A navigation to Billing (a notification's "Renew") opens the Dashboard instead.
  await app.emit('navigate', { page: 'billing', serviceId: 4, action: 'renew' });
  await expect(pageView(page, 'dashboard').locator('[data-page-title]')).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Dashboard' })).toHaveAttribute('aria-current', 'page');
  await expect(pageView(page, 'billing')).toHaveCount(0);
  await app.emit('navigate', { page: 'invoices' });
  await expect(nav.getByRole('link', { name: 'Dashboard' })).toHaveAttribute('aria-current', 'page');
  await expect(pageView(page, 'invoices')).toHaveCount(0);

  // Back on the XMPlus profile, Billing is there again.
  await switcher.click();
  await page.getByRole('button', { name: 'Switch to Home' }).click();
  await expect(nav.getByRole('link', { name: 'Billing' })).toBeVisible();
  await openPage(page, 'billing');
  await expect(page.getByTestId('billing-balance')).toContainText('49.00');
});
