// Steps the export specs share: sign in through the real onboarding UI, open a sidebar page, change
// theme / language in Settings, read the preview, and decode a QR image with Debian's zbarimg.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, type AppFixture } from '../harness';

export async function signInThroughUi(app: AppFixture): Promise<void> {
  const { page, sim } = app;
  await app.open();
  await page.getByLabel('Panel URL').fill(sim.url);
  await page.getByLabel('Client API key').fill(sim.apiKey);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.getByLabel('Email').fill(sim.demo.email);
  await page.getByLabel('Password').fill(sim.demo.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  await expect(page.locator('article.service-card').first()).toBeVisible();
}

/** Opens a sidebar page by its id (language-independent). */
export async function openPage(page: Page, id: string): Promise<void> {
  await page.locator(`nav a[href="#${id}"]`).click();
  await expect(page.locator(`nav a[href="#${id}"]`)).toHaveAttribute('aria-current', 'page');
}

export async function saveSettings(page: Page, change: { language?: string; theme?: string }): Promise<void> {
  await openPage(page, 'settings');
  if (change.language) await page.locator('#set-language').selectOption(change.language);
  if (change.theme) await page.locator('#set-theme').selectOption(change.theme);
  await page.locator('form[aria-labelledby="general-title"] button[type="submit"]').click();
  await expect(page.locator('form[aria-labelledby="general-title"] .form-status')).not.toBeEmpty();
}

/** The preview's text once the given format has loaded (the count badge shows with it). */
export async function previewText(page: Page): Promise<string> {
  const preview = page.getByTestId('export-preview');
  await expect(preview).toBeVisible();
  await expect(page.locator('.export-preview-card')).not.toHaveAttribute('aria-busy', 'true');
  return (await preview.textContent()) ?? '';
}

/** Screenshots an image element and returns what Debian's zbarimg reads in it. */
export async function decodeQr(image: Locator): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'xmplus-qr-'));
  try {
    const file = join(dir, 'qr.png');
    writeFileSync(file, await image.screenshot());
    return execFileSync('/usr/bin/zbarimg', ['--raw', '-q', file], { encoding: 'utf8' }).replace(/\n$/, '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
