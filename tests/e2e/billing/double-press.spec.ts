// A press that lands twice (a double click, an impatient second press while the panel is slow)
// sends one request: the button is disabled and busy while its request runs, and useAction ignores
// a second start besides.
import { test, expect } from '../harness';
import { openSignedIn } from './setup';

const CREATE = '/api/client/invoice/create';

test('a double press on "Create invoice" while the panel is slow makes one invoice', async ({ app }) => {
  const { page, sim } = app;
  await openSignedIn(app);
  await page.getByRole('link', { name: 'Billing' }).click();
  await page.getByTestId('package-1').getByRole('button', { name: 'Buy' }).click();
  const form = page.getByTestId('buy-form');
  await form.getByLabel('Billing cycle').selectOption('month');
  await form.getByRole('button', { name: 'Continue' }).click();

  const invoicesBefore = sim.admin.state().invoices.length;
  const createsBefore = sim.admin.stats().requests[CREATE] ?? 0;
  // The panel holds its answer long enough for the second press to arrive while the first runs.
  sim.admin.setFault(CREATE, { latencyMs: 1500 });
  const confirm = page.getByRole('dialog', { name: 'Create this invoice?' }).getByRole('button', {
    name: 'Create invoice',
  });
  await confirm.dblclick();

  await expect(page.getByTestId('checkout')).toBeVisible({ timeout: 15_000 });
  expect((sim.admin.stats().requests[CREATE] ?? 0) - createsBefore).toBe(1);
  expect(sim.admin.state().invoices.length - invoicesBefore).toBe(1);
});
