// One-click import end to end against the panel simulator's sublink: the Export page's primary
// "Import into …" for the client the (recorded) OS has, the "More clients" QR codes decoded by
// zbarimg, a client whose format the panel does not serve (its own export instead, saved and opened),
// no client installed, and the service card's button. Screenshots in light, dark and Persian.
import { existsSync, readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect } from '../harness';
import { openPage, saveSettings, signInDemo } from '../steps';
import { decodeQr } from '../export/steps';

async function chooseService(page: Page, label: string) {
  await page.getByRole('combobox', { name: 'Service' }).selectOption({ label });
  // The check for this service has answered: its own "Check again" is there (it reads "Checking…"
  // while a check runs), and nothing else is in flight.
  const panel = page.getByTestId('import-panel');
  await expect(panel.getByRole('button', { name: 'Check again' })).toBeVisible();
  await expect(panel).not.toHaveAttribute('aria-busy', 'true');
}

test('Export page: import into the installed client, phones scan the others', async ({ app }) => {
  const { page, desktop } = app;
  desktop.protocolHandlers.set('clash', 'Clash Verge');
  await signInDemo(app);
  await openPage(page, 'export');
  const panel = page.getByTestId('import-panel');
  await expect(panel.getByText('Choose one service above: each has its own subscription.')).toBeVisible();
  await chooseService(page, 'StarterPack #4');

  const primary = panel.getByRole('button', { name: 'Import StarterPack into Clash Verge Rev' });
  await expect(primary).toHaveText('Import into Clash Verge Rev');
  await expect(primary).toHaveAccessibleDescription('Opens Clash Verge on this computer.');
  await primary.click();
  await expect(
    panel.getByRole('status').filter({ hasText: 'Clash Verge Rev opened.' }).first(),
  ).toBeVisible();
  expect(desktop.opened).toHaveLength(1);
  const link = desktop.opened[0]!;
  expect(link).toMatch(/^clash:\/\/install-config\?name=XMPlus%20%C2%B7%20StarterPack&url=http%3A%2F%2F127/);
  // Clash Verge Rev reads everything after url=: the flagged sublink, whole.
  const url = decodeURIComponent(link.slice(link.indexOf('url=') + 4));
  expect(url).toMatch(/\/link\/[^?]+\?client=meta$/);

  const here = panel.getByRole('region', { name: 'On this computer' });
  await expect(here.getByRole('listitem')).toHaveCount(1);
  await expect(here.getByRole('button', { name: 'Open in Clash Verge' })).toBeVisible();
  await panel.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await app.screenshot('import-export-page');

  // More clients: every other client, each with a QR code of its own import link.
  const more = panel.locator('details.import-more');
  await more.locator('summary').click();
  const v2rayng = more.locator('[data-client="v2rayng"]');
  await expect(v2rayng.getByText('Not installed on this computer')).toBeVisible();
  const scanned = await decodeQr(v2rayng.getByRole('img', { name: 'QR code to import into v2rayNG' }));
  expect(scanned).toMatch(/^v2rayng:\/\/install-sub\?url=http%3A%2F%2F127.*client%3Dlatest#XMPlus/);
  await v2rayng.getByRole('button', { name: 'Copy the import link for v2rayNG' }).click();
  await expect(v2rayng.getByText('Import link copied.')).toBeVisible();
  expect(desktop.clipboard.at(-1)).toBe(scanned);
  await expect(more.locator('[data-client="shadowrocket"] img')).toBeVisible();
  await more.scrollIntoViewIfNeeded();
  await app.screenshot('import-more-clients');
});

test('a format the panel does not serve is not offered: the app’s own export instead', async ({ app }) => {
  const { page, desktop, sim } = app;
  sim.sublinks.setFormats(['base64']);
  desktop.protocolHandlers.set('clash', 'Clash Verge');
  await signInDemo(app);
  await openPage(page, 'export');
  await chooseService(page, 'StarterPack #4');
  const panel = page.getByTestId('import-panel');
  await expect(panel.getByTestId('import-none')).toBeVisible();
  await expect(panel.getByRole('button', { name: /^Import .* into / })).toHaveCount(0);
  const verge = panel.locator('[data-client="clash-verge"]');
  await expect(verge).toHaveAttribute('data-status', 'not-served');
  await expect(
    verge.getByText(
      'The panel does not serve a subscription Clash Verge Rev can read, so no import is offered.',
    ),
  ).toBeVisible();
  await expect(verge.getByRole('button', { name: /^Open in/ })).toHaveCount(0);
  await panel.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await app.screenshot('import-not-served');
  await verge.getByRole('button', { name: 'Save Clash YAML file and open it' }).click();
  await expect(verge.getByText(/^Saved .*StarterPack-4-clash\.yaml/)).toBeVisible();
  expect(desktop.openedFiles).toHaveLength(1);
  expect(existsSync(desktop.openedFiles[0]!)).toBe(true);
  expect(readFileSync(desktop.openedFiles[0]!, 'utf8')).toContain('proxies:');
  expect(desktop.opened).toEqual([]);
});

test('service card: the same primary action, or the way to the choice when nothing is installed', async ({
  app,
}) => {
  const { page, desktop } = app;
  await signInDemo(app);
  const card = page.locator('article[data-service-id="4"]');
  const choose = card.getByRole('button', { name: 'Import into a client…' });
  await expect(choose).toBeVisible();
  await choose.click();
  await expect(page.getByRole('heading', { name: 'Export', level: 1 })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Service' })).toHaveValue('4');
  await expect(page.getByTestId('import-none')).toBeVisible();

  desktop.protocolHandlers.set('sing-box', 'SFM');
  await openPage(page, 'dashboard');
  await page.getByRole('button', { name: 'Refresh', exact: true }).first().click();
  const button = page.locator('article[data-service-id="7"]').getByRole('button', {
    name: 'Import Pro 200 into sing-box',
  });
  await expect(button).toBeVisible();
  await app.screenshot('import-service-card');
  await button.click();
  await expect.poll(() => desktop.opened.length).toBe(1);
  expect(desktop.opened[0]).toMatch(
    /^sing-box:\/\/import-remote-profile\?url=http%3A%2F%2F.*client%3Dsingbox#XMPlus/,
  );
});

test('Persian, dark: the import panel reads right to left', async ({ app }) => {
  const { page, desktop } = app;
  desktop.protocolHandlers.set('hiddify', 'Hiddify');
  await signInDemo(app);
  await saveSettings(page, { language: 'fa', theme: 'dark' });
  await openPage(page, 'export');
  await page.locator('#export-service').selectOption('9');
  const panel = page.getByTestId('import-panel');
  await expect(panel.getByRole('heading', { name: 'افزودن به کلاینت شما' })).toBeVisible();
  await expect(panel.getByRole('button', { name: 'افزودن Pro 200 به Hiddify' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  // The preview under the panel is in the picture too: wait for it, not for time.
  await expect(page.getByTestId('export-preview')).toBeVisible();
  await panel.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await app.screenshot('import-fa-dark');
});
