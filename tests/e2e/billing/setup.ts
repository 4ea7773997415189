// Gets a billing e2e test to a signed-in app on the demo account, through the real auth channel
// (the same call the sign-in form makes), then the newest simulator invoice for admin actions.
import { expect, type AppFixture } from '../harness';

/** Opens the app signed in to the demo account, on the Dashboard. */
export async function openSignedIn(
  app: AppFixture,
  options: { locale?: string; remember?: boolean } = {},
): Promise<void> {
  await app.open(options.locale ? { locale: options.locale } : {});
  const signed = await app.page.evaluate(
    ([panelUrl, apiKey, email, password, remember]) =>
      (
        globalThis as unknown as {
          xmplus: { authSignIn(input: unknown): Promise<{ ok: boolean; error?: { message: string } }> };
        }
      ).xmplus.authSignIn({ panelUrl, apiKey, email, password, remember, displayName: 'Demo' }),
    [
      app.sim.url,
      app.sim.apiKey,
      app.sim.demo.email,
      app.sim.demo.password,
      options.remember ?? false,
    ] as const,
  );
  expect(signed.error?.message ?? null).toBeNull();
  await expect(app.page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  // The services have arrived (Billing lists them for renew / top-up).
  await expect(app.page.locator('article.service-card').first()).toBeVisible({ timeout: 20_000 });
}

/** The id of the newest invoice in the simulator. */
export function newestInvoiceId(app: AppFixture): string {
  const invoices = app.sim.admin.state().invoices;
  const last = invoices[invoices.length - 1];
  if (!last) throw new Error('no invoice in the simulator');
  return last.invid;
}

/** Titles of the native notifications about payments (the monitor sends its own too). */
export const paymentNotes = (app: AppFixture): string[] =>
  app.desktop.notifications.map((n) => n.title).filter((title) => title.startsWith('Payment'));
