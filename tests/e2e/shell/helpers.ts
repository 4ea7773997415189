// Shared steps for the shell specs: connect to the simulator and sign in through the real UI.
import type { Page } from '@playwright/test';
import { expect, type AppFixture } from '../harness';

export const GB = 1024 ** 3;

/** Provider step (URL + key) on whatever onboarding screen is showing. */
export async function connectProvider(app: AppFixture): Promise<void> {
  await app.page.getByLabel('Panel URL').fill(app.sim.url);
  await app.page.getByLabel('Client API key').fill(app.sim.apiKey);
  await app.page.getByRole('button', { name: 'Continue' }).click();
  await expect(app.page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
}

export async function signInDemo(app: AppFixture, displayName = ''): Promise<void> {
  await app.open();
  await connectProvider(app);
  await fillSignIn(app.page, app.sim.demo.email, app.sim.demo.password, displayName);
  await expect(app.page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  await expect(app.page.locator('article.service-card').first()).toBeVisible();
}

export async function fillSignIn(
  page: Page,
  email: string,
  password: string,
  displayName = '',
): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  if (displayName) await page.getByLabel('Display name (optional)').fill(displayName);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Open a sidebar page by its (current-language) link name or by its id. */
export async function openPage(page: Page, id: string): Promise<void> {
  await page.locator(`nav a[href="#${id}"]`).click();
  await expect(page.locator(`nav a[href="#${id}"]`)).toHaveAttribute('aria-current', 'page');
}

/** Change general settings through the Settings page (ids are language-independent). */
export async function saveSettings(page: Page, change: { language?: string; theme?: string }): Promise<void> {
  await openPage(page, 'settings');
  if (change.language) await page.locator('#set-language').selectOption(change.language);
  if (change.theme) await page.locator('#set-theme').selectOption(change.theme);
  await page.locator('form[aria-labelledby="general-title"] button[type="submit"]').click();
  await expect(page.locator('form[aria-labelledby="general-title"] .form-status')).not.toBeEmpty();
}
