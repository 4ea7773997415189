// The payment watch runs in the main process: it sees a payment that arrives while the window is
// closed (a native notification tells the user), and it resumes after an app restart (the core is
// rebuilt on the same config folder) and still reports the payment. The Billing page then lists both.
import { test, expect } from '../harness';
import { newestInvoiceId, openSignedIn, paymentNotes } from './setup';

type App = Parameters<Parameters<typeof test>[2]>[0]['app'];

/** Billing -> renew a service -> pay with the first method; waits until the watch has checked once. */
async function renewAndPay(app: App, serviceId: number): Promise<string> {
  const { page } = app;
  await page.getByRole('link', { name: 'Billing' }).click();
  await page.getByTestId(`billing-service-${serviceId}`).getByRole('button', { name: 'Renew' }).click();
  await page.getByTestId('renew-form').getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Create invoice' }).click();
  await page.getByTestId('checkout').getByRole('button', { name: 'Pay' }).click();
  await expect(page.getByTestId('payment-screen').getByText(/Last checked/)).toBeVisible({ timeout: 10_000 });
  return newestInvoiceId(app);
}

test('the watch goes on with the window closed and after a restart', async ({ app }) => {
  const { page, sim } = app;
  await openSignedIn(app, { remember: true });

  const first = await renewAndPay(app, 4);
  await page.goto('about:blank'); // the window is closed; main keeps watching
  sim.admin.markPaid(first);
  await expect.poll(() => paymentNotes(app), { timeout: 20_000 }).toEqual(['Payment received']);
  const note = app.desktop.notifications.find((n) => n.title === 'Payment received');
  expect(note?.body).toMatch(/^StarterPack now runs until /);
  expect(note?.serviceId).toBe(4);

  await app.open();
  const second = await renewAndPay(app, 9);
  await page.goto('about:blank');
  await app.restart(); // quit and start again on the same config folder
  sim.admin.markPaid(second);
  await expect
    .poll(() => paymentNotes(app), { timeout: 20_000 })
    .toEqual(['Payment received', 'Payment received']);
  expect(app.desktop.notifications.filter((n) => n.title === 'Payment received')[1]?.serviceId).toBe(9);

  await app.open();
  await page.getByRole('link', { name: 'Billing' }).click();
  const items = page.getByTestId('watch-item');
  await expect(items.filter({ hasText: first })).toContainText('Paid');
  await expect(items.filter({ hasText: second })).toContainText('Paid');
  await app.screenshot('billing-watches-after-restart');
  await items
    .filter({ hasText: first })
    .getByRole('button', { name: `Dismiss invoice ${first}` })
    .click();
  await expect(items.filter({ hasText: first })).toHaveCount(0);
});
