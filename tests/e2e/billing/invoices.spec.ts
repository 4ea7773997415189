// The Invoices page end to end: the list with status, amount, package and dates; the detail view
// from invoice/view; paying a pending invoice from there (through the same checkout as Billing);
// and the Persian (RTL) layout of the list.
import { test, expect } from '../harness';
import { newestInvoiceId, openSignedIn } from './setup';

test('invoices: list, detail, and pay a pending invoice until it is paid', async ({ app }) => {
  const { page, sim } = app;
  await openSignedIn(app);
  // A pending invoice made outside the page (as if created earlier and left unpaid).
  const created = await page.evaluate(() =>
    (
      globalThis as unknown as {
        xmplus: { billingRenew(input: unknown): Promise<{ ok: boolean; value?: { invoiceId: string } }> };
      }
    ).xmplus.billingRenew({ serviceId: 9 }),
  );
  expect(created.ok).toBe(true);
  const invid = newestInvoiceId(app);

  await page.getByRole('link', { name: 'Invoices' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Invoices' })).toBeVisible();
  await expect(page.getByTestId('invoice-table').getByRole('columnheader')).toHaveText([
    'Invoice',
    'Package',
    'Amount',
    'Status',
    'Created',
  ]);
  const rows = page.getByTestId('invoice-row');
  await expect(rows.first()).toContainText(invid);
  await expect(rows.first()).toContainText('Pro 200');
  await expect(rows.first()).toContainText('150.00 USD');
  await expect(rows.first()).toContainText('Pending');
  await expect(rows.filter({ hasText: 'Paid' }).first()).toBeVisible();
  expect(await rows.count()).toBe(sim.admin.state().invoices.length);
  await app.screenshot('invoices-list');

  await page.getByRole('button', { name: `Open invoice ${invid}` }).click();
  const detail = page.getByTestId('invoice-detail');
  await expect(detail).toContainText('Yearly');
  await expect(detail).toContainText('#9');
  await detail.getByRole('button', { name: 'Pay' }).click();
  const checkout = page.getByTestId('checkout');
  await checkout.getByRole('radio', { name: /USDT TRC20/ }).check();
  await checkout.getByRole('button', { name: 'Pay' }).click();
  const screen = page.getByTestId('payment-screen');
  // 150.00 + 1.5 % (2.25) + 0.30
  await expect(screen.getByTestId('payment-amount')).toHaveText('$ 152.55');
  await expect(screen.getByText(/Last checked/)).toBeVisible({ timeout: 10_000 });
  sim.admin.markPaid(invid);
  await expect(screen.getByTestId('payment-change')).toContainText('Pro 200 now runs until', {
    timeout: 20_000,
  });
  await screen.getByRole('button', { name: 'Done' }).click();
  await expect(rows.first()).toContainText('Paid');
});

test('invoices in Persian: translated, right to left', async ({ app }) => {
  const { page } = app;
  await openSignedIn(app);
  const set = await page.evaluate(() =>
    (
      globalThis as unknown as { xmplus: { settingsSet(input: unknown): Promise<{ ok: boolean }> } }
    ).xmplus.settingsSet({ language: 'fa' }),
  );
  expect(set.ok).toBe(true);
  await page.locator('a.nav-link[href="#invoices"]').click();
  await expect(page.getByRole('heading', { level: 1, name: 'صورتحساب‌ها' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByTestId('invoice-row').filter({ hasText: 'پرداخت شده' }).first()).toBeVisible();
  await expect(page.getByTestId('invoice-row').filter({ hasText: 'در انتظار پرداخت' }).first()).toBeVisible();
  await app.screenshot('invoices-list-fa');
});
