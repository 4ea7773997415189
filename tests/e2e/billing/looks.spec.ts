// The Dashboard, Services, Billing and Invoices views in the light and dark themes and in Persian
// (right to left): each view shows its content, and a screenshot of each is kept for review. The
// selectors do not depend on the language, so one walk serves the three looks.
import { test, expect } from '../harness';
import { openPage, pageView } from '../steps';
import { newestInvoiceId, openSignedIn } from './setup';

type App = Parameters<Parameters<typeof test>[2]>[0]['app'];
type Look = { name: string; theme: 'light' | 'dark'; language: 'en' | 'fa' };

const LOOKS: Look[] = [
  { name: 'light', theme: 'light', language: 'en' },
  { name: 'dark', theme: 'dark', language: 'en' },
  { name: 'fa', theme: 'light', language: 'fa' },
];

async function wearLook(app: App, look: Look): Promise<void> {
  const { page } = app;
  const set = await page.evaluate(
    ([theme, language]) =>
      (
        globalThis as unknown as { xmplus: { settingsSet(input: unknown): Promise<{ ok: boolean }> } }
      ).xmplus.settingsSet({ theme, language }),
    [look.theme, look.language] as const,
  );
  expect(set.ok).toBe(true);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', look.theme);
  await expect(page.locator('html')).toHaveAttribute('dir', look.language === 'fa' ? 'rtl' : 'ltr');
  await expect(page.locator('article.service-card').first()).toBeVisible({ timeout: 20_000 });
}

for (const look of LOOKS) {
  test(`the dashboard, services, billing and invoices views in the ${look.name} look`, async ({ app }) => {
    const { page } = app;
    await openSignedIn(app);
    // A pending invoice to open from Invoices.
    const created = await page.evaluate(() =>
      (
        globalThis as unknown as { xmplus: { billingRenew(input: unknown): Promise<{ ok: boolean }> } }
      ).xmplus.billingRenew({ serviceId: 9 }),
    );
    expect(created.ok).toBe(true);
    const invid = newestInvoiceId(app);
    await wearLook(app, look);

    await expect(page.getByTestId('balance')).toContainText('49');
    await app.screenshot(`look-dashboard-${look.name}`);

    await openPage(page, 'services');
    await pageView(page, 'services').locator('.service-row').first().click();
    await expect(page.locator('p.forecast')).toBeVisible();
    await app.screenshot(`look-service-detail-${look.name}`);

    await openPage(page, 'billing');
    const starter = page.getByTestId('package-1');
    await expect(starter.locator('.price-list li').first()).toBeVisible();
    await app.screenshot(`look-billing-store-${look.name}`);
    await starter.locator('.card-actions .button-primary').click();
    const buy = page.getByTestId('buy-form');
    await expect(buy.getByTestId('buy-total')).toHaveText('$ 10.00');
    await app.screenshot(`look-billing-buy-${look.name}`);
    await buy.locator('.form-actions .button-secondary').click();
    await expect(starter).toBeVisible();

    app.core.actions.navigate({ page: 'billing', serviceId: 4, action: 'renew' });
    await expect(page.getByTestId('renew-form').locator('.facts dd')).toBeVisible();
    await app.screenshot(`look-billing-renew-${look.name}`);
    app.core.actions.navigate({ page: 'billing', serviceId: 7, action: 'topup' });
    await expect(page.getByTestId('topup-form').locator('input[type="radio"]:checked')).toHaveCount(1);
    await app.screenshot(`look-billing-topup-${look.name}`);

    await openPage(page, 'invoices');
    const rows = page.getByTestId('invoice-row');
    await expect(rows.first()).toContainText(invid);
    await app.screenshot(`look-invoices-list-${look.name}`);
    await rows.first().locator('button.link-button').click();
    const detail = page.getByTestId('invoice-detail');
    await expect(detail.locator('.facts')).toContainText('#9');
    await app.screenshot(`look-invoice-detail-${look.name}`);
    await detail.locator('.card-actions .button-primary').click();
    const checkout = page.getByTestId('checkout');
    await expect(checkout.getByTestId('checkout-amount')).toHaveText('150.00 USD');
    await expect(checkout.locator('input[type="radio"]:checked')).toHaveCount(1);
    await app.screenshot(`look-checkout-${look.name}`);
  });
}
