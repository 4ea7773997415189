// Steps the end-to-end specs share: connect to the simulator and sign in through the real UI, open a
// sidebar page and wait until that page (not the one before it) is on screen, change settings.
import type { Page } from '@playwright/test';
import { expect, type AppFixture } from './harness';

export const GB = 1024 ** 3;

/**
 * On the first step of onboarding or "Add profile" (the two ways to add a plan), picks signing in to
 * an XMPlus panel; ends on the provider step.
 */
export async function chooseSignIn(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Add your plan' })).toBeVisible();
  await page.getByRole('button', { name: /^Sign in to your XMPlus panel/ }).click();
  await expect(page.getByRole('heading', { name: 'Connect to your provider' })).toBeVisible();
}

/** From the first step of onboarding: sign-in chosen, then the provider step (URL + key). */
export async function connectProvider(app: AppFixture): Promise<void> {
  await chooseSignIn(app.page);
  await app.page.getByLabel('Panel URL').fill(app.sim.url);
  await app.page.getByLabel('Client API key').fill(app.sim.apiKey);
  await app.page.getByRole('button', { name: 'Continue' }).click();
  await expect(app.page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
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

/** Opens the app and signs in to the simulator's demo account through onboarding; ends on the
 *  Dashboard with its services shown. */
export async function signInDemo(app: AppFixture, displayName = ''): Promise<void> {
  await app.open();
  await connectProvider(app);
  await fillSignIn(app.page, app.sim.demo.email, app.sim.demo.password, displayName);
  await expect(app.page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  await expect(app.page.locator('article.service-card').first()).toBeVisible();
}

/** The wrapper of the page on screen for a page id (any service), as the shell keys it. */
export const pageView = (page: Page, id: string) => page.locator(`main [data-view^="${id}:"]`);

/**
 * Opens a sidebar page by its id (language-independent) and waits for that page's heading: the
 * link's aria-current changes at once, while a lazy page's chunk may still be loading and the
 * previous page still on screen, with labels of its own that a locator could match.
 */
export async function openPage(page: Page, id: string): Promise<void> {
  await page.locator(`nav a[href="#${id}"]`).click();
  await expect(page.locator(`nav a[href="#${id}"]`)).toHaveAttribute('aria-current', 'page');
  await expect(pageView(page, id).locator('[data-page-title]')).toBeVisible();
}

/** Change general settings through the Settings page (ids are language-independent). */
export async function saveSettings(page: Page, change: { language?: string; theme?: string }): Promise<void> {
  await openPage(page, 'settings');
  if (change.language) await page.locator('#set-language').selectOption(change.language);
  if (change.theme) await page.locator('#set-theme').selectOption(change.theme);
  const form = page.locator('form[aria-labelledby="general-title"]');
  await form.locator('button[type="submit"]').click();
  await expect(form.locator('.form-status')).not.toBeEmpty();
}
