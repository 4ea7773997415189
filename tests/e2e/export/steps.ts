// Steps of the export specs: read the preview once its format has loaded, and decode a QR image with
// Debian's zbarimg.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect } from '../harness';

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
