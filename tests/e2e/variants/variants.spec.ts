// Panel variants end to end against the simulator's drift modes: a payment that cannot be scanned
// (a card processor's payment object) offers the panel's invoice page instead of a QR code, the
// panel's own QR picture is shown as given, a lifetime plan reads "No expiry" and "unlimited", and
// setup against a 2026-generation panel names it and says it is not supported yet (English, Persian).
import { test, expect } from '../harness';
import { chooseSignIn } from '../steps';
import { openSignedIn } from '../billing/setup';

type App = Parameters<Parameters<typeof test>[2]>[0]['app'];

async function setLanguage(app: App, language: string) {
  await app.page.evaluate(
    (lang) =>
      (globalThis as unknown as { xmplus: { settingsSet(p: unknown): Promise<unknown> } }).xmplus.settingsSet(
        {
          language: lang,
        },
      ),
    language,
  );
}

async function payRenewal(app: App, gateway: RegExp) {
  const { page } = app;
  await page.getByRole('link', { name: 'Billing' }).click();
  await page.getByTestId('billing-service-4').getByRole('button', { name: 'Renew' }).click();
  await page.getByTestId('renew-form').getByRole('button', { name: 'Continue' }).click();
  await page
    .getByRole('dialog', { name: 'Renew this service?' })
    .getByRole('button', { name: 'Create invoice' })
    .click();
  const checkout = page.getByTestId('checkout');
  await checkout.getByRole('radio', { name: gateway }).check();
  await checkout.getByRole('button', { name: 'Pay' }).click();
  return page.getByTestId('payment-screen');
}

test.describe('payment data that cannot be scanned', () => {
  test.use({ simOptions: { faults: { '/api/client/invoice/pay': { kind: 'paymentObject' } } } });

  test('a payment object: no QR code, no JSON, the invoice page in the browser', async ({ app }) => {
    const { page, sim, desktop } = app;
    await openSignedIn(app);
    const screen = await payRenewal(app, /USDT TRC20/);
    await expect(screen.getByRole('heading', { name: 'Pay on the invoice page' })).toBeVisible();
    await expect(screen.getByTestId('payment-invoice-page')).toContainText("panel's own invoice page");
    await expect(screen.getByTestId('payment-qr')).toHaveCount(0);
    await expect(screen.getByLabel('Payment details')).toHaveCount(0);
    await expect(screen).not.toContainText('payment_intent');
    await expect(screen).not.toContainText('secret');
    const invid = sim.admin.state().invoices.at(-1)!.invid;
    await screen.getByRole('button', { name: 'Open the invoice page' }).click();
    await expect.poll(() => desktop.opened).toEqual([`${sim.url}/portal/${invid}/invoice`]);
    await screen.getByRole('button', { name: 'Copy the invoice link' }).click();
    await expect.poll(() => desktop.clipboard.at(-1)).toBe(`${sim.url}/portal/${invid}/invoice`);
    await app.screenshot('payment-invoice-page');
    await page.emulateMedia({ colorScheme: 'dark' });
    await app.screenshot('payment-invoice-page-dark');
    // Paid on that page: the screen follows, as for any payment.
    sim.admin.markPaid(invid);
    await expect(screen.getByTestId('payment-state')).toContainText('Payment received.', { timeout: 20_000 });
  });
});

test.describe("the panel's own QR picture", () => {
  test.use({ simOptions: { faults: { '/api/client/invoice/pay': { kind: 'paymentImage' } } } });

  test('is shown as the code to scan, with an accessible name', async ({ app }) => {
    await openSignedIn(app);
    const screen = await payRenewal(app, /WeChat Pay/);
    const picture = screen.getByTestId('payment-panel-qr');
    await expect(picture).toBeVisible();
    await expect(picture).toHaveAttribute('src', /^data:image\/png;base64,/);
    await expect(picture).toHaveAttribute('alt', /QR code to pay/);
    await expect(screen.getByTestId('payment-invoice-page')).toHaveCount(0);
  });
});

test.describe('a lifetime plan', () => {
  test.use({ simOptions: { faults: { '*': { kind: 'lifetimePlan' } } } });

  test('reads "No expiry" and "unlimited", never days left, with no warning colour', async ({ app }) => {
    const { page } = app;
    await openSignedIn(app);
    const card = page.locator('article.service-card[data-service-id="9"]');
    await expect(card).toContainText('No expiry');
    await expect(card).toContainText('used · unlimited');
    await expect(card).not.toContainText(/days? left/);
    await expect(card).not.toHaveClass(/level-(warning|critical)/);
    await expect(card.getByRole('progressbar')).toHaveCount(0);
    await app.screenshot('dashboard-lifetime-plan');
    // The tray's menu line for that plan.
    await expect
      .poll(() => app.desktop.trays.at(-1)?.services.find((s) => s.id === 9)?.label ?? '')
      .toMatch(/^Pro 200 #9 — .+ used, unlimited · no expiry$/);
  });

  test('in Persian, right to left', async ({ app }) => {
    await openSignedIn(app);
    await setLanguage(app, 'fa');
    const card = app.page.locator('article.service-card[data-service-id="9"]');
    await expect(card).toContainText('بدون تاریخ پایان');
    await expect(card).toContainText('نامحدود');
    await app.screenshot('dashboard-lifetime-plan-fa');
  });
});

test.describe('a panel of the new generation', () => {
  test.use({ simOptions: { generation: 'new', appName: 'Aurora VPN' } });

  test('setup names it and says its generation is not supported yet', async ({ app }) => {
    const { page, sim } = app;
    await app.open();
    await chooseSignIn(page);
    await page.getByLabel('Panel URL').fill(sim.url);
    await page.getByLabel('Client API key').fill('any-key-at-all');
    await page.getByRole('button', { name: 'Continue' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Aurora VPN' });
    await expect(alert).toContainText('new XMPlus generation');
    await expect(alert).toContainText('provider');
    await expect(alert).not.toContainText('404');
    await expect(page.getByRole('heading', { name: 'Connect to your provider' })).toBeVisible();
    await app.screenshot('onboarding-new-generation');
  });

  test('in Persian', async ({ app }) => {
    const { page, sim } = app;
    await app.open();
    await setLanguage(app, 'fa');
    await page.locator('#add-choice-signin').click();
    await page.getByLabel('نشانی پنل').fill(sim.url);
    await page.getByLabel('کلید API کلاینت').fill('any-key-at-all');
    await page.getByRole('button', { name: 'ادامه' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Aurora VPN' });
    await expect(alert).toContainText('نسل جدید');
    await expect(alert).not.toContainText('404');
    await app.screenshot('onboarding-new-generation-fa');
  });
});
