// Settings → About: "Open log folder" and "Quit" reach the desktop through the contract, by keyboard
// and by their accessible names, in English and in Persian (right to left).
import { test, expect } from '../harness';
import { openPage, saveSettings, signInDemo } from '../steps';

test('Open log folder and Quit are buttons with names, reachable by keyboard, in English and Persian', async ({
  app,
}) => {
  const { page } = app;
  await signInDemo(app);
  await openPage(page, 'settings');
  const about = page.locator('section[aria-labelledby="about-title"]');

  const logs = about.getByRole('button', { name: 'Open log folder' });
  await logs.focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => app.desktop.opened).toContain('log-folder');

  const quit = about.getByRole('button', { name: /^Quit / });
  await expect(quit).toBeVisible();
  await about.scrollIntoViewIfNeeded();
  await app.screenshot('settings-about-actions');
  await quit.click();
  await expect.poll(() => app.desktop.quits).toBe(1);

  await saveSettings(page, { language: 'fa' });
  await openPage(page, 'settings');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(about.getByRole('button', { name: 'باز کردن پوشهٔ گزارش‌ها' })).toBeVisible();
  await expect(about.getByRole('button', { name: /^خروج از / })).toBeVisible();
  await about.scrollIntoViewIfNeeded();
  await app.screenshot('settings-about-actions-fa');
});
