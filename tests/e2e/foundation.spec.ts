// The whole path of the foundation, end to end: the built renderer -> the preload's bridge code ->
// the router -> settings persisted by the core, and back as an event. Shows the app version and
// switches the theme.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './harness';
import { signInDemo, saveSettings } from './steps';

test('shows the app version and switches the theme through the contract', async ({ app }) => {
  const { page } = app;
  await signInDemo(app);
  await page.emulateMedia({ colorScheme: 'light' });
  await saveSettings(page, { theme: 'light' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await expect(page.getByTestId('app-version')).toContainText('0.1.0');

  await saveSettings(page, { theme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  // Persisted by the core in the settings file, not only in the page.
  const stored = JSON.parse(readFileSync(join(app.configDir, 'config.json'), 'utf8')) as {
    settings: { theme: string };
  };
  expect(stored.settings.theme).toBe('dark');
  // The dark theme really paints dark: the page background is not light.
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const [r, g, b] = (background.match(/\d+/g) ?? []).map(Number);
  expect((r! + g! + b!) / 3).toBeLessThan(80);
  await app.screenshot('foundation-settings-dark');

  // Bad input never crosses: the router answers with a typed validation error.
  const refused = await page.evaluate(() =>
    window.xmplus.settingsSet({ theme: 'purple' } as unknown as Parameters<
      typeof window.xmplus.settingsSet
    >[0]),
  );
  expect(refused).toMatchObject({ ok: false, error: { kind: 'validation' } });
});
