// Billing end to end against the panel simulator: the store, buying with a coupon (confirmation
// before the invoice exists), gateway fees, the payment screen (QR decoded back to the payment
// data, open / copy, light and dark screenshots), paid through the simulator's admin API while the
// UI watches; renew and top up with what changed; an expired payment; a panel refusal and an empty
// invoice/pay answer with retry.
import { PNG } from 'pngjs';
import jsQR from 'jsqr';
import { test, expect } from '../harness';
import { newestInvoiceId, openSignedIn, paymentNotes } from './setup';

type App = Parameters<Parameters<typeof test>[2]>[0]['app'];

async function toBilling(app: App) {
  await app.page.getByRole('link', { name: 'Billing' }).click();
  await expect(app.page.getByRole('heading', { level: 1, name: 'Billing' })).toBeVisible();
}

/** Reads the QR code shown on the payment screen back into text. */
async function decodeQr(app: App): Promise<string | null> {
  const png = PNG.sync.read(await app.page.getByTestId('payment-qr').screenshot());
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
}

test('buy with a coupon: price, confirmation before the invoice, fees, QR, paid through the admin API', async ({
  app,
}) => {
  const { page, sim, desktop } = app;
  await openSignedIn(app);
  await toBilling(app);
  await expect(page.getByTestId('billing-balance')).toContainText('$ 49.00');

  const starter = page.getByTestId('package-1');
  await expect(starter.getByRole('heading', { name: 'StarterPack' })).toBeVisible();
  await expect(starter.getByRole('list', { name: 'Price' })).toContainText('Monthly$ 10.00');
  // Pro 200 has its quarterly cycle switched off: not offered.
  await expect(page.getByTestId('package-3').getByRole('list', { name: 'Price' })).not.toContainText(
    'Quarterly',
  );
  await expect(page.getByTestId('package-4')).toContainText('1 left');
  await page.getByTestId('package-3').getByRole('button', { name: 'Details' }).click();
  await expect(page.getByTestId('package-3').getByTestId('package-details')).toContainText('Server groupVIP');
  await expect(page.getByTestId('package-3').getByTestId('package-details')).toContainText(
    'Traffic resetNo reset',
  );
  await app.screenshot('billing-store');

  await starter.getByRole('button', { name: 'Buy' }).click();
  const form = page.getByTestId('buy-form');
  await form.getByLabel('Billing cycle').selectOption('month');
  await form.getByLabel(/Coupon code/).fill('SAVE10');
  await form.getByLabel('Quantity').fill('2');
  await expect(form.getByTestId('buy-total')).toHaveText('$ 20.00');
  const invoicesBefore = sim.admin.state().invoices.length;
  await form.getByRole('button', { name: 'Continue' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create this invoice?' });
  await expect(dialog).toContainText('2 × StarterPack, Monthly: $ 20.00');
  // Nothing is created until the user confirms.
  expect(sim.admin.state().invoices.length).toBe(invoicesBefore);
  await dialog.getByRole('button', { name: 'Create invoice' }).click();

  const checkout = page.getByTestId('checkout');
  await expect(checkout.getByTestId('checkout-discount')).toHaveText('− 2.00 USD');
  await expect(checkout.getByTestId('checkout-amount')).toHaveText('18.00 USD');
  const invid = newestInvoiceId(app);
  await expect(checkout.getByRole('heading')).toContainText(invid);
  await expect(checkout.getByText('Fee: 1.5% + 0.30')).toBeVisible();
  await expect(checkout.getByText('No fee')).toBeVisible();
  await checkout.getByRole('radio', { name: /USDT TRC20/ }).check();
  await checkout.getByRole('button', { name: 'Pay' }).click();

  const screen = page.getByTestId('payment-screen');
  // 18.00 + 1.5 % (0.27) + 0.30
  await expect(screen.getByTestId('payment-amount')).toHaveText('$ 18.57');
  await expect(screen.getByTestId('payment-countdown')).toHaveText(/^00:0[45]:\d\d$/);
  const data = await screen.getByLabel('Payment details').inputValue();
  expect(data).toMatch(/^https:\/\/checkout\.sim-panel\.example\/pay\//);
  expect(await decodeQr(app)).toBe(data);
  await screen.getByRole('button', { name: 'Open in browser' }).click();
  await expect.poll(() => desktop.opened).toEqual([data]);
  await screen.getByRole('button', { name: 'Copy payment details' }).click();
  await expect(screen.getByRole('status').filter({ hasText: /Copied|Could not copy/ })).toHaveText('Copied.');
  expect(desktop.clipboard.at(-1)).toBe(data);
  await expect(screen.getByTestId('payment-state')).toContainText('Waiting for the payment');
  await app.screenshot('billing-payment-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await app.screenshot('billing-payment-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  // The watch has checked at least once; then the payment arrives.
  await expect(screen.getByText(/Last checked/)).toBeVisible({ timeout: 10_000 });
  sim.admin.markPaid(invid);
  await expect(screen.getByTestId('payment-state')).toContainText('Payment received.', { timeout: 20_000 });
  await expect(screen.getByTestId('payment-change')).toContainText(/^StarterPack is active until /);
  expect(paymentNotes(app)).toEqual(['Payment received']);
  await app.screenshot('billing-payment-paid');
  await screen.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByTestId('watch-item').filter({ hasText: invid })).toContainText('Paid');
});

test('renew a service: the price, WeChat in yuan without "open", and the new expiry once paid', async ({
  app,
}) => {
  const { page, sim } = app;
  await openSignedIn(app);
  await toBilling(app);
  await page.getByTestId('billing-service-7').getByRole('button', { name: 'Renew' }).click();
  const form = page.getByTestId('renew-form');
  await expect(form.getByRole('heading')).toHaveText('Renew Pro 200');
  await expect(form).toContainText('$ 15.00');
  await form.getByRole('button', { name: 'Continue' }).click();
  await page
    .getByRole('dialog', { name: 'Renew this service?' })
    .getByRole('button', { name: 'Create invoice' })
    .click();
  const checkout = page.getByTestId('checkout');
  await expect(checkout.getByTestId('checkout-amount')).toHaveText('15.00 USD');
  await checkout.getByRole('radio', { name: /WeChat Pay/ }).check();
  await checkout.getByRole('button', { name: 'Pay' }).click();
  const screen = page.getByTestId('payment-screen');
  await expect(screen.getByTestId('payment-amount')).toHaveText('¥ 106.50');
  const data = await screen.getByLabel('Payment details').inputValue();
  expect(data).toMatch(/^wxp:\/\//);
  expect(await decodeQr(app)).toBe(data);
  await expect(screen.getByRole('button', { name: 'Open in browser' })).toHaveCount(0);
  await app.screenshot('billing-payment-wechat');
  await expect(screen.getByText(/Last checked/)).toBeVisible({ timeout: 10_000 });
  sim.admin.markPaid(newestInvoiceId(app));
  await expect(screen.getByTestId('payment-change')).toContainText(
    /^Pro 200 now runs until .+ \(was .+\)\.$/,
    {
      timeout: 20_000,
    },
  );
});

test('top up traffic: choose a package, confirm, and see the new total once paid', async ({ app }) => {
  const { page, sim } = app;
  await openSignedIn(app);
  await toBilling(app);
  await page.getByTestId('billing-service-4').getByRole('button', { name: 'Top up' }).click();
  const form = page.getByTestId('topup-form');
  await form.getByRole('radio', { name: /TOP50/ }).check();
  await form.getByRole('button', { name: 'Continue' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add this traffic?' });
  await expect(dialog).toContainText('TOP50 (50 GB) for StarterPack: $ 5.00.');
  await dialog.getByRole('button', { name: 'Create invoice' }).click();
  await page.getByTestId('checkout').getByRole('button', { name: 'Pay' }).click();
  const screen = page.getByTestId('payment-screen');
  await expect(screen.getByTestId('payment-amount')).toHaveText('¥ 35.50');
  await expect(screen.getByText(/Last checked/)).toBeVisible({ timeout: 10_000 });
  sim.admin.markPaid(newestInvoiceId(app));
  await expect(screen.getByTestId('payment-change')).toHaveText(
    'StarterPack now has 200 GB of traffic (was 150 GB).',
    {
      timeout: 20_000,
    },
  );
});

test('an expired payment is reported as such, with a native notification', async ({ app }) => {
  const { page, sim } = app;
  await openSignedIn(app);
  await toBilling(app);
  await page.getByTestId('billing-service-4').getByRole('button', { name: 'Renew' }).click();
  await page.getByTestId('renew-form').getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Create invoice' }).click();
  await page.getByTestId('checkout').getByRole('button', { name: 'Pay' }).click();
  const screen = page.getByTestId('payment-screen');
  await expect(screen.getByTestId('payment-state')).toContainText('Waiting for the payment');
  sim.admin.expireInvoice(newestInvoiceId(app));
  await expect(screen.getByTestId('payment-state')).toHaveText('The payment expired before it arrived.', {
    timeout: 20_000,
  });
  await expect(screen.getByRole('button', { name: 'Pay again' })).toBeVisible();
  expect(paymentNotes(app)).toEqual(['Payment expired']);
  await app.screenshot('billing-payment-expired');
});

test('panel refusals read as the panel words them; an empty invoice/pay answer can be retried', async ({
  app,
}) => {
  const { page, sim } = app;
  await openSignedIn(app);
  await toBilling(app);
  await page.getByTestId('package-1').getByRole('button', { name: 'Buy' }).click();
  const form = page.getByTestId('buy-form');
  await form.getByLabel(/Coupon code/).fill('NOPE');
  await form.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Create invoice' }).click();
  await expect(form.getByRole('alert')).toHaveText('Invalid coupon code.');

  await form.getByLabel(/Coupon code/).fill('');
  await form.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Create invoice' }).click();
  sim.admin.setFault('/api/client/invoice/pay', { kind: 'empty200' });
  const checkout = page.getByTestId('checkout');
  await checkout.getByRole('button', { name: 'Pay' }).click();
  const alert = checkout.getByRole('alert');
  await expect(alert).toContainText('no payment data');
  await app.screenshot('billing-pay-empty-answer');
  sim.admin.setFault('/api/client/invoice/pay', null);
  await alert.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByTestId('payment-screen')).toBeVisible();
});

test('a navigation with a service and an action (tray, notification) opens renew or top-up preselected', async ({
  app,
}) => {
  const { page } = app;
  await openSignedIn(app);
  app.core.actions.navigate({ page: 'billing', serviceId: 7, action: 'topup' });
  await expect(page.getByTestId('topup-form').getByRole('heading')).toHaveText('Add traffic to Pro 200');
  await expect(page.getByTestId('topup-form').getByRole('radio', { name: /TOP50/ })).toBeChecked();
  app.core.actions.navigate({ page: 'billing', serviceId: 4, action: 'renew' });
  await expect(page.getByTestId('renew-form').getByRole('heading')).toHaveText('Renew StarterPack');
  await page.getByTestId('renew-form').getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('heading', { name: 'Plans' })).toBeVisible();
});
