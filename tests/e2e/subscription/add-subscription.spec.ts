// Adding a subscription-link profile in the window, end to end against the subscription simulator:
// by pasting the link, by the clipboard offer (main reads the clipboard; the window sees only a
// shortened form until the user accepts), and by the app's own link (delivered through the same
// core entry point the shell calls with an OS-delivered URL; the window always asks first). Also a
// refused link (the panel's words and the HTTP status, nothing typed lost), and the dashboard with a
// subscription profile, in light, dark and Persian.
import type { Page } from '@playwright/test';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from '../harness';
import {
  DEMO_SUB_TOKEN,
  startSubscriptionSim,
  type SubscriptionSim,
} from '../../../tools/panel-sim/subscription';

let subs: SubscriptionSim;
test.beforeAll(async () => {
  subs = await startSubscriptionSim();
});
test.afterAll(async () => {
  await subs.close();
});
test.beforeEach(() => {
  subs.clearFaults();
  subs.resetRequests();
  subs.patchUser(DEMO_SUB_TOKEN, { status: 'active' });
});

/** The page never shows the token that gives the servers away. */
async function expectNoToken(page: Page) {
  expect(await page.locator('body').innerText()).not.toContain(DEMO_SUB_TOKEN);
}

/** The window in Persian, as the Settings page would set it. */
async function inPersian(page: Page) {
  await page.evaluate(() => window.xmplus.settingsSet({ language: 'fa' }));
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
}

async function chooseLink(page: Page) {
  await page.locator('#add-choice-link').click();
  await expect(page.locator('#sublink-link').or(page.locator('.link-accepted'))).toBeVisible();
}

test('by paste: the two ways first, then the link, its usage on the dashboard', async ({ app }) => {
  const { page } = app;
  await app.open();
  await expect(page.getByRole('heading', { name: 'Add your plan' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Paste your subscription link' })).toBeFocused();
  await expect(page.getByRole('button', { name: 'Sign in to your XMPlus panel' })).toBeVisible();
  await expect(
    page.getByRole('button', { name: 'Paste your subscription link' }),
  ).toHaveAccessibleDescription(/^Any provider: the link you put in your proxy app/);
  await expect(
    page.getByRole('button', { name: 'Sign in to your XMPlus panel' }),
  ).toHaveAccessibleDescription(/^With the panel address and the client API key/);
  await app.screenshot('add-choice');

  await page.getByRole('button', { name: 'Paste your subscription link' }).click();
  await expect(page.getByRole('heading', { name: 'Paste your subscription link' })).toBeVisible();
  await expect(page.getByLabel('Subscription link', { exact: true })).toBeFocused();
  await page.getByLabel('Subscription link', { exact: true }).fill('sub.example.com/link/abc');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByText('A subscription link starts with https:// (or http://).')).toBeVisible();

  await page.getByLabel('Subscription link', { exact: true }).fill(subs.link('marzban'));
  await page.getByLabel(/^Name/).fill('Home VPN');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  await expect(page.locator('article.service-card').first()).toBeVisible();
  await expect(page.getByRole('button', { name: /^Profiles/ })).toContainText('Home VPN');
  await expectNoToken(page);
  // Nor is the link in any file of the app's folder (settings, cache): it is in the keychain.
  for (const name of readdirSync(app.configDir)) {
    const file = join(app.configDir, name);
    if (statSync(file).isFile()) expect(readFileSync(file, 'utf8'), name).not.toContain(DEMO_SUB_TOKEN);
  }
  await app.screenshot('subscription-dashboard');

  // Renew and Top up open the provider's page: its profile-web-page-url is plain http here, so the
  // https support-url.
  await page.getByRole('button', { name: /^Details for/ }).click();
  const renew = page
    .getByRole('button', { name: 'Renew' })
    .and(page.locator('[aria-describedby^="provider-page-"]'));
  await expect(renew).toHaveAccessibleDescription(
    /On your provider’s page: \W?support\.sim-provider\.example/,
  );
  await renew.click();
  await expect.poll(() => app.desktop.opened).toContain('https://support.sim-provider.example/help');
  await app.screenshot('subscription-service');
});

test('a refused link: the panel’s words and the status; the typed link and name stay', async ({ app }) => {
  const { page } = app;
  subs.patchUser(DEMO_SUB_TOKEN, { status: 'limited' });
  await app.open();
  await chooseLink(page);
  const link = subs.link('xboard');
  await page.getByLabel('Subscription link', { exact: true }).fill(link);
  await page.getByLabel(/^Name/).fill('Backup');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText(
    'The provider refused the link (HTTP 403): “Account unavailable”',
  );
  await expect(page.getByLabel('Subscription link', { exact: true })).toHaveValue(link);
  await expect(page.getByLabel(/^Name/)).toHaveValue('Backup');
  await app.screenshot('add-link-refused');

  // Once the provider serves it again, the same form adds it.
  subs.patchUser(DEMO_SUB_TOKEN, { status: 'active' });
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
});

test('a refused link in Persian: the status and the panel’s words in a Persian sentence', async ({ app }) => {
  const { page } = app;
  subs.patchUser(DEMO_SUB_TOKEN, { status: 'limited' });
  await app.open();
  await inPersian(page);
  await chooseLink(page);
  await page.locator('#sublink-link').fill(subs.link('xboard'));
  await page.locator('form button[type="submit"]').click();
  await expect(page.getByRole('alert')).toContainText(
    'ارائه‌دهنده لینک را نپذیرفت (HTTP 403): «Account unavailable»',
  );
  await app.screenshot('add-link-refused-fa');
});

test('by the clipboard offer: shortened until accepted, then added', async ({ app }) => {
  const { page } = app;
  const link = subs.link('remnawave');
  app.desktop.clipboard.push(link);
  await page.emulateMedia({ colorScheme: 'dark' });
  await app.open();
  await chooseLink(page);
  const offer = page.locator('.link-offer');
  await expect(offer).toContainText('Your clipboard holds a link:');
  await expect(offer).toContainText(`${new URL(link).protocol}//${new URL(link).host}/…`);
  await expectNoToken(page);
  // Until accepted, nothing the window received holds the link.
  expect(JSON.stringify(app.ipcResults)).not.toContain(DEMO_SUB_TOKEN);
  await app.screenshot('add-link-clipboard-dark');

  await page.getByRole('button', { name: 'Use this link' }).click();
  await expect(page.locator('.link-accepted')).toContainText('Link:');
  await expect(page.getByLabel(/^Name/)).toBeFocused();
  await expectNoToken(page);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  await expect(page.locator('article.service-card').first()).toBeVisible();
  await app.screenshot('subscription-dashboard-dark');
});

test('the clipboard offer on the first step: one press, and the link form has it', async ({ app }) => {
  const { page } = app;
  app.desktop.clipboard.push(subs.link('marzban'));
  await app.open();
  await expect(page.getByRole('heading', { name: 'Add your plan' })).toBeVisible();
  await expect(page.locator('.link-offer')).toContainText('Your clipboard holds a link:');
  await expectNoToken(page);
  await app.screenshot('add-choice-clipboard');
  await page.getByRole('button', { name: 'Use this link' }).click();
  await expect(page.getByRole('heading', { name: 'Paste your subscription link' })).toBeVisible();
  await expect(page.locator('.link-accepted')).toContainText('Link:');
  await expectNoToken(page);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
});

test('a clipboard that holds no link offers nothing', async ({ app }) => {
  const { page } = app;
  app.desktop.clipboard.push('just some words');
  await app.open();
  await chooseLink(page);
  await expect(page.locator('.link-offer')).toHaveCount(0);
});

test('by the app’s own link: the window asks first, naming the host and the shortened link', async ({
  app,
}) => {
  const { page } = app;
  const link = subs.link('pasarguard');
  await app.open();
  await expect(page.getByRole('heading', { name: 'Add your plan' })).toBeVisible();
  // What the shell does with a link from second-instance or open-url.
  const received = app.core.actions.receiveAppLink(
    `xmplus-tray://add?url=${encodeURIComponent(link)}&name=${encodeURIComponent('From the panel')}`,
  );
  expect(received.accepted).toBe(true);
  const dialog = page.getByRole('dialog', { name: 'Add this subscription?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(new URL(link).host);
  await expect(dialog.getByLabel(/^Name/)).toHaveValue('From the panel');
  // Cancel is where the keyboard starts: nothing is added by pressing Enter.
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await expectNoToken(page);
  expect(subs.requests()).toEqual([]);
  await app.screenshot('add-link-confirm');

  await dialog.getByRole('button', { name: 'Add subscription' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Profiles/ })).toContainText('From the panel');
});

test('an app link that opened the app waits for the window; Cancel adds nothing', async ({ app }) => {
  const { page } = app;
  app.core.actions.receiveAppLink(`xmplus-tray://add?url=${encodeURIComponent(subs.link('marzban'))}`);
  await app.open();
  await inPersian(page);
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await app.screenshot('add-link-confirm-fa');
  await dialog.locator('.dialog-actions button').first().click();
  await expect(dialog).toBeHidden();
  const profiles = await page.evaluate(() =>
    (window as unknown as { xmplus: { profilesList(): Promise<unknown> } }).xmplus.profilesList(),
  );
  expect(profiles).toMatchObject({ ok: true, value: { profiles: [] } });
});

test('the dashboard with a subscription profile in Persian', async ({ app }) => {
  const { page } = app;
  await app.open();
  await inPersian(page);
  await chooseLink(page);
  await page.locator('#sublink-link').fill(subs.link('marzban'));
  await page.locator('form button[type="submit"]').click();
  await expect(page.locator('article.service-card').first()).toBeVisible();
  await expectNoToken(page);
  await app.screenshot('subscription-dashboard-fa');
});
