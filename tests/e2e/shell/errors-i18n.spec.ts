// Main's errors in the user's language: a failed refresh in Chinese reads as a Chinese sentence
// (with the HTTP status) and keeps main's English under "Details"; in Russian, the panel's own
// answer to a wrong password is still shown exactly as the panel worded it.
import { test, expect } from '../harness';
import { openPage, saveSettings, signInDemo } from '../steps';

test('a failed refresh reads in Chinese with the status; a wrong password in Russian keeps the panel’s words', async ({
  app,
}) => {
  const { page, sim } = app;
  await signInDemo(app, 'Demo');

  await saveSettings(page, { language: 'zh-CN' });
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await openPage(page, 'dashboard');
  sim.admin.setFault('*', { kind: 'http502' });
  await page.getByRole('button', { name: '刷新' }).click();

  const banner = page.getByTestId('stale-banner');
  const sentence = banner.locator('p').first();
  await expect(sentence).toContainText('无法连接面板');
  await expect(sentence).toContainText('面板返回了错误（HTTP 502）。请稍后重试。');
  // The visible sentence carries none of main's English; that stays folded under Details.
  await expect(sentence).not.toContainText('The panel');
  const details = banner.locator('details.error-details');
  await expect(details.locator('summary')).toHaveText('详细信息（英文）');
  const original = details.locator('p[lang="en"]');
  await expect(original).toBeHidden();
  await details.locator('summary').click();
  await expect(original).toBeVisible();
  await expect(original).toContainText(/The panel at .* had an error \(HTTP 502/);
  await expect(page.locator('article.service-card').first()).toBeVisible();
  await app.screenshot('errors-zh-stale-banner');

  // Russian, and a new profile's sign-in with a wrong password: the panel's words, no translation.
  sim.admin.clearFaults();
  await saveSettings(page, { language: 'ru' });
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
  await page.getByRole('button', { name: /^Профили/ }).click();
  await page.getByRole('button', { name: 'Добавить профиль' }).click();
  await page.locator('#add-choice-signin').click();
  await page.locator('#provider-url').fill(sim.url);
  await page.locator('#provider-key').fill(sim.apiKey);
  await page.getByRole('button', { name: 'Продолжить' }).click();
  await expect(page.getByRole('heading', { name: 'Вход' })).toBeVisible();
  await page.locator('#signin-email').fill(sim.demo.email);
  await page.locator('#signin-password').fill('wrong-password');
  await page.getByRole('button', { name: 'Войти' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'Invalid email or password.' });
  await expect(alert).toHaveText('Invalid email or password.');
  await expect(alert.locator('details')).toHaveCount(0);
  await app.screenshot('errors-ru-wrong-password');
});
