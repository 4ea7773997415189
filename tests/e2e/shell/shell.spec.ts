// The signed-in shell end to end: profiles (add, switch, remove with the secrets warning), every
// locale rendered (Persian right-to-left), the dark theme, settings validation, notices, the
// stale-data banner, keyboard navigation, and the clipboard-clearing switch.
import { test, expect } from '../harness';
import { connectProvider, openPage, saveSettings, signInDemo } from '../steps';

test('profiles: add one by registering, switch between them, remove one after confirmation', async ({
  app,
}) => {
  const { page, sim } = app;
  await signInDemo(app, 'Demo');

  const switcher = page.getByRole('button', { name: /^Profiles/ });
  await switcher.click();
  await expect(switcher).toHaveAttribute('aria-expanded', 'true');
  await page.getByRole('button', { name: 'Add profile' }).click();

  await connectProvider(app);
  await page.getByRole('button', { name: 'Create an account' }).click();
  const email = 'second@example.com';
  await page.getByLabel('Name', { exact: true }).fill('Second');
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Send code' }).click();
  // The panel "emails" the code when the request lands: wait for it rather than race the click.
  await expect.poll(() => sim.admin.emailCodes(email).length).toBeGreaterThan(0);
  await page.getByLabel('Code from the email').fill(sim.admin.emailCodes(email).at(-1)!);
  await page.getByLabel('Password', { exact: true }).fill('second-password');
  await page.getByLabel('Confirm password').fill('second-password');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  await expect(switcher).toContainText('Second');
  await app.screenshot('profile-second-dashboard');
  // A new account has no services yet: the empty state shows.
  await expect(page.getByText('You have no services yet.')).toBeVisible();

  // Switch back to the demo profile.
  await switcher.click();
  await page.getByRole('button', { name: 'Switch to Demo' }).click();
  await expect(switcher).toContainText('Demo');
  await expect(page.locator('article.service-card').first()).toBeVisible();

  // Remove the second one: the dialog says the secrets are deleted; Cancel keeps it.
  await switcher.click();
  await page.getByRole('button', { name: 'Remove Second' }).click();
  const dialog = page.getByRole('dialog', { name: 'Remove this profile?' });
  await expect(dialog).toContainText('saved password and API key are deleted');
  await app.screenshot('profile-remove-dialog');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Remove Second' })).toBeVisible();

  await page.getByRole('button', { name: 'Remove Second' }).click();
  await dialog.getByRole('button', { name: 'Remove profile' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Remove Second' })).toHaveCount(0);
  const state = await page.evaluate(() => window.xmplus.profilesList());
  expect(state.ok && state.value.profiles.map((p) => p.email)).toEqual([sim.demo.email]);
});

const LOCALES = [
  { code: 'zh-CN', dir: 'ltr', dashboard: '概览' },
  { code: 'fa', dir: 'rtl', dashboard: 'پیشخوان' },
  { code: 'ru', dir: 'ltr', dashboard: 'Обзор' },
] as const;

test('every locale renders translated, Persian right to left', async ({ app }) => {
  const { page } = app;
  await signInDemo(app, 'Demo');
  await app.screenshot('locale-en-dashboard');
  for (const locale of LOCALES) {
    await saveSettings(page, { language: locale.code });
    await expect(page.locator('html')).toHaveAttribute('lang', locale.code);
    await expect(page.locator('html')).toHaveAttribute('dir', locale.dir);
    await openPage(page, 'dashboard');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(locale.dashboard);
    await app.screenshot(`locale-${locale.code}-dashboard`);
    if (locale.code === 'fa') {
      // Mirrored: the sidebar sits on the right, and digits are Persian.
      const sidebar = await page.locator('.sidebar').boundingBox();
      const main = await page.locator('main').boundingBox();
      expect(sidebar!.x).toBeGreaterThan(main!.x);
      await expect(page.locator('article.service-card').first()).toContainText(/[۰-۹]/);
      await openPage(page, 'settings');
      await app.screenshot('locale-fa-settings');
    }
  }
  await saveSettings(page, { language: 'en' });
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
});

test('dark theme, and system theme following prefers-color-scheme', async ({ app }) => {
  const { page } = app;
  await signInDemo(app, 'Demo');
  await saveSettings(page, { theme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await openPage(page, 'dashboard');
  await app.screenshot('theme-dark-dashboard');
  await openPage(page, 'settings');
  await app.screenshot('theme-dark-settings');

  await saveSettings(page, { theme: 'system' });
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});

test('settings: clearing copied links is on by default, explained, and can be turned off', async ({
  app,
}) => {
  const { page } = app;
  await signInDemo(app, 'Demo');
  await openPage(page, 'settings');
  const clear = page.getByRole('checkbox', { name: 'Clear copied links from the clipboard' });
  await expect(clear).toBeChecked();
  await expect(clear).toHaveAccessibleDescription(
    /A minute after the app copies a link or config, or when you quit before then/,
  );
  await clear.press('Space');
  await page.getByRole('button', { name: 'Save' }).first().click();
  await expect(page.getByText('Saved.').first()).toBeVisible();
  const settings = await page.evaluate(() => window.xmplus.settingsGet());
  expect(settings.ok && settings.value.clearClipboard).toBe(false);
});

test('settings: invalid thresholds are refused inline; valid ones are saved', async ({ app }) => {
  const { page } = app;
  await signInDemo(app, 'Demo');
  await openPage(page, 'settings');
  const traffic = page.getByLabel('Warn at traffic used (%)');
  await traffic.fill('80, 150');
  await page.getByLabel('Refresh every (minutes)').fill('2');
  await page.getByRole('button', { name: 'Save' }).first().click();
  await expect(traffic).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Use up to 8 whole numbers from 1 to 100')).toBeVisible();
  await expect(page.getByText('Enter a whole number from 5 to 1440.')).toBeVisible();
  // The cursor goes to the first field, in the form's order, that needs a change.
  await expect(page.getByLabel('Refresh every (minutes)')).toBeFocused();
  await app.screenshot('settings-invalid');

  await traffic.fill('95, 70');
  await page.getByLabel('Refresh every (minutes)').fill('30');
  await page.getByRole('button', { name: 'Save' }).first().click();
  await expect(page.getByText('Saved.').first()).toBeVisible();
  await expect(traffic).toHaveValue('70, 95');
  const settings = await page.evaluate(() => window.xmplus.settingsGet());
  expect(settings.ok && settings.value.trafficThresholds).toEqual([70, 95]);
  expect(settings.ok && settings.value.refreshMinutes).toBe(30);

  // The profile's options: a proxy address that cannot be used is refused with the reason, a SOCKS5
  // one is saved, and an empty one (the system proxy) saved with the display name.
  const proxyField = page.getByLabel('Proxy for panel requests');
  const saveProfile = page.getByRole('button', { name: 'Save' }).nth(1);
  await proxyField.fill('127.0.0.1:7890');
  await saveProfile.click();
  await expect(proxyField).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Start with the proxy type: socks5://127.0.0.1:7890')).toBeVisible();
  await proxyField.fill('socks5://127.0.0.1');
  await saveProfile.click();
  await expect(page.getByText("Add the proxy's port (1 to 65535)")).toBeVisible();
  await app.screenshot('settings-proxy-invalid');
  await proxyField.fill('socks://127.0.0.1:1080');
  await saveProfile.click();
  await expect(page.getByText('SOCKS4 is not supported.')).toBeVisible();
  await proxyField.fill('socks5://127.0.0.1:7890');
  await saveProfile.click();
  await expect(page.locator('form[aria-labelledby="profile-title"] .form-status')).toHaveText('Saved.');
  const saved = await page.evaluate(() => window.xmplus.profilesList());
  expect(saved.ok && saved.value.profiles[0]?.options.proxyUrl).toBe('socks5://127.0.0.1:7890');
  // A proxy password is kept apart: the field and the profile show the address without it, and the
  // hint says the password is kept.
  await proxyField.fill('socks5://alice:proxy-secret-9@127.0.0.1:7890');
  await saveProfile.click();
  await expect(proxyField).toHaveValue('socks5://alice@127.0.0.1:7890');
  await expect(page.getByText("The proxy's password is kept apart and not shown here.")).toBeVisible();
  const withUser = await page.evaluate(() => window.xmplus.profilesList());
  expect(JSON.stringify(withUser)).not.toContain('proxy-secret-9');
  expect(withUser.ok && withUser.value.profiles[0]?.proxyPasswordKept).toBe(true);
  await proxyField.fill('');
  await page.getByLabel('Panel time zone').fill('Asia/Shanghai');
  await page.getByLabel('Display name', { exact: true }).fill('Home');
  await page.getByRole('button', { name: 'Save' }).nth(1).click();
  await expect(page.locator('form[aria-labelledby="profile-title"] .form-status')).toHaveText('Saved.');
  await expect(page.getByRole('button', { name: /^Profiles/ })).toContainText('Home');
});

test('stale banner with the data age when the panel cannot be reached; notices dismiss', async ({ app }) => {
  const { page, sim } = app;
  await signInDemo(app, 'Demo');
  sim.admin.setFault('*', { kind: 'http502' });
  await page.getByRole('button', { name: 'Refresh' }).click();
  const banner = page.getByTestId('stale-banner');
  await expect(banner).toContainText('Showing data from');
  await expect(banner).toContainText('the panel could not be reached');
  await expect(page.locator('article.service-card').first()).toBeVisible();
  await app.screenshot('dashboard-stale');

  sim.admin.clearFaults();
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(banner).toBeEmpty();

  await app.emit('notice', {
    id: 'n-test',
    level: 'warning',
    message: 'A damaged settings file was moved aside.',
  });
  const notice = page.locator('.notices .banner').filter({ hasText: 'A damaged settings file' });
  await expect(notice).toBeVisible();
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toHaveCount(0);
});

test('keyboard: skip link, sidebar links with aria-current, focus moves to the page heading', async ({
  app,
}) => {
  const { page } = app;
  await signInDemo(app, 'Demo');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  await expect(skip).toBeFocused();
  await app.screenshot('keyboard-skip-link');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Dashboard' })).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('link', { name: 'Services' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('heading', { name: 'Services', level: 1 })).toBeFocused();
  // Every button and link on the page has an accessible name.
  const unnamed = await page.evaluate(
    () =>
      [...document.querySelectorAll('button, a[href], input, select')].filter((el) => {
        const labelled = el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
        const text = (el.textContent ?? '').trim();
        const id = el.getAttribute('id');
        const label = id ? document.querySelector(`label[for="${id}"]`) : null;
        return !labelled && !text && !label;
      }).length,
  );
  expect(unnamed).toBe(0);
});
