// Parts that fail on their own, in the window against the simulator: a service whose server list
// the panel refuses keeps its card (usage, days left) and says "Servers unavailable" with the
// panel's message, its last known servers still exported and dated; the store without its traffic
// top-ups; paying disabled with the gateway error while the invoice is kept. Screenshots in light,
// dark and Persian.
import { test, expect } from '../harness';
import { openSignedIn } from '../billing/setup';

const EXPIRED = 'Service expired. Please renew it to get the server list.';
/** The panel's words sit between FSI and PDI, so they keep their own direction in any language. */
const ISOLATED = `\u2068${EXPIRED}\u2069`;

type App = Parameters<Parameters<typeof test>[2]>[0]['app'];

async function go(app: App, name: string) {
  await app.page.getByRole('link', { name }).click();
  await expect(app.page.getByRole('heading', { level: 1, name })).toBeVisible();
}

test('a refused service/info: the card keeps usage and days left, servers unavailable with the panel message', async ({
  app,
}) => {
  const { page, sim } = app;
  await openSignedIn(app);
  const healthy = page.locator('article.service-card[data-service-id="9"]');
  await expect(healthy.locator('[data-servers="ok"]')).toHaveText(/^10 servers · as of \d{1,2}:\d\d/);

  sim.admin.patchService(7, { detailsRefusal: EXPIRED });
  await page.getByRole('button', { name: 'Refresh', exact: true }).click();
  const card = page.locator('article.service-card[data-service-id="7"]');
  const unavailable = card.locator('[data-servers="unavailable"]');
  await expect(unavailable).toContainText(`Servers unavailable: ${ISOLATED}`);
  await expect(unavailable).toContainText(
    /The last known servers, as of \d{1,2}:\d\d( [AP]M)?, can still be exported\./,
  );
  // What account/info said is all there: usage and days left, the alert level.
  await expect(card.getByRole('progressbar')).toBeVisible();
  await expect(card).toContainText(/days? left|Time left/);
  await expect(healthy.locator('[data-servers="ok"]')).toBeVisible();
  // No page-wide failure.
  await expect(page.getByRole('alert').filter({ hasText: EXPIRED })).toHaveCount(0);
  await card.scrollIntoViewIfNeeded();
  await app.screenshot('parts-service-unavailable-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await app.screenshot('parts-service-unavailable-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  // The tray line says so too.
  const tray = app.desktop.trays.at(-1);
  expect(tray?.services.find((s) => s.id === 7)?.label).toContain(EXPIRED);

  // Export: the last known servers, marked with their age.
  await go(app, 'Export');
  await page.getByLabel('Service').selectOption('7');
  const status = page.getByTestId('export-servers');
  await expect(status).toContainText(`Servers unavailable: ${ISOLATED}`);
  await expect(status).toContainText('The last known servers');
  await expect(page.getByTestId('export-count')).toHaveText('10 servers');
  await app.screenshot('parts-export-last-known');
});

test('Persian: the unavailable note reads right to left with the panel message isolated', async ({ app }) => {
  const { page, sim } = app;
  sim.admin.patchService(4, { detailsRefusal: EXPIRED });
  await openSignedInFa(app);
  const card = page.locator('article.service-card[data-service-id="4"]');
  const note = card.locator('[data-servers="unavailable"]');
  await expect(note).toContainText('فهرست سرورها در دسترس نیست');
  await expect(note).toContainText(ISOLATED);
  await expect(note).toContainText('هنوز فهرستی از سرورهای این سرویس دریافت نشده است.');
  await card.scrollIntoViewIfNeeded();
  await app.screenshot('parts-service-unavailable-fa');
});

async function openSignedInFa(app: App) {
  await app.open();
  await app.page.evaluate(() =>
    (globalThis as unknown as { xmplus: { settingsSet(p: unknown): Promise<unknown> } }).xmplus.settingsSet({
      language: 'fa',
    }),
  );
  const signed = await app.page.evaluate(
    ([panelUrl, apiKey, email, password]) =>
      (
        globalThis as unknown as {
          xmplus: { authSignIn(input: unknown): Promise<{ ok: boolean; error?: { message: string } }> };
        }
      ).xmplus.authSignIn({ panelUrl, apiKey, email, password, remember: false, displayName: 'Demo' }),
    [app.sim.url, app.sim.apiKey, app.sim.demo.email, app.sim.demo.password] as const,
  );
  expect(signed.error?.message ?? null).toBeNull();
  await expect(app.page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(app.page.locator('article.service-card').first()).toBeVisible({ timeout: 20_000 });
}

test('the store without its traffic top-ups: plans shown, the failure said where top-ups would be', async ({
  app,
}) => {
  const { page, sim } = app;
  await openSignedIn(app);
  sim.admin.setFault('/api/client/packages/traffic', { kind: 'http500' });
  await go(app, 'Billing');
  await expect(page.getByTestId('package-1').getByRole('heading', { name: 'StarterPack' })).toBeVisible();
  const failed = page.getByTestId('store-part-failed-traffic');
  await expect(failed.getByRole('alert')).toContainText('The traffic top-ups could not be loaded');
  await expect(page.getByRole('heading', { name: 'Traffic top-ups' })).toBeVisible();
  await expect(page.getByTestId('store-part-failed-packages')).toHaveCount(0);
  await failed.scrollIntoViewIfNeeded();
  await app.screenshot('parts-store-traffic-failed');

  sim.admin.clearFaults();
  await failed.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByTestId('store-part-failed-traffic')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'TOP50' })).toBeVisible();
});

test('gateways failing: the invoice is created and shown, Pay is disabled with the reason', async ({
  app,
}) => {
  const { page, sim } = app;
  await openSignedIn(app);
  await go(app, 'Billing');
  sim.admin.setFault('/api/client/gateways', { kind: 'http500' });
  await page.getByTestId('package-1').getByRole('button', { name: 'Buy' }).click();
  const form = page.getByTestId('buy-form');
  await form.getByLabel('Billing cycle').selectOption('month');
  const before = sim.admin.state().invoices.length;
  await form.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Create invoice' }).click();

  const checkout = page.getByTestId('checkout');
  await expect(checkout.getByTestId('checkout-amount')).toHaveText('10.00 USD');
  expect(sim.admin.state().invoices.length).toBe(before + 1);
  const reason = checkout.getByTestId('checkout-gateways-failed');
  await expect(reason).toContainText('Paying is not possible right now');
  await expect(reason).toContainText('The invoice is kept');
  const pay = checkout.getByRole('button', { name: 'Pay', exact: true });
  await expect(pay).toBeDisabled();
  await expect(pay).toHaveAccessibleDescription(/Paying is not possible right now/);
  await app.screenshot('parts-checkout-gateways-failed');

  sim.admin.clearFaults();
  await reason.getByRole('button', { name: 'Load payment methods again' }).click();
  await expect(checkout.getByRole('radio', { name: /USDT TRC20/ })).toBeVisible();
  await expect(checkout.getByRole('button', { name: 'Pay', exact: true })).toBeEnabled();
});
