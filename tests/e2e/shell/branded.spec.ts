// A provider's branded build: panel URL and client API key come from provider.json, so onboarding
// skips the provider step and shows the provider's name, logo and support link.
import { test, expect } from '../harness';
import { fillSignIn } from '../steps';

const PORT = 47913;
const KEY = 'branded-build-key-0123456789';
const LOGO =
  'data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIHZpZXdCb3g9IjAgMCA0OCA0OCI+PHJlY3Qgd2lkdGg9IjQ4IiBoZWlnaHQ9IjQ4IiByeD0iMTAiIGZpbGw9IiMwZjc2NmUiLz48cGF0aCBkPSJNMTIgMzQgMjQgMTJsMTIgMjJ6IiBmaWxsPSIjZmZmIi8+PC9zdmc+';

test.use({
  simOptions: { port: PORT, apiKey: KEY },
  provider: {
    info: {
      name: 'Acme VPN',
      logo: LOGO,
      panelUrl: `http://127.0.0.1:${PORT}`,
      hasApiKey: true,
      supportUrl: 'https://support.acme.example/help',
      subscriptionLinks: true,
    },
    apiKey: KEY,
  },
});

test('branded build: no provider step, brand shown, support link opens, sign-in works', async ({ app }) => {
  const { page, sim } = app;
  await app.open();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByLabel('Panel URL')).toHaveCount(0);
  await expect(page.getByLabel('Client API key')).toHaveCount(0);
  await expect(page.getByText('You are connecting to Acme VPN.')).toBeVisible();
  await expect(page.getByRole('img', { name: 'Acme VPN logo' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Change panel' })).toHaveCount(0);
  await app.screenshot('branded-signin');

  await page.getByRole('button', { name: 'Get help from Acme VPN' }).click();
  await expect.poll(() => app.desktop.opened).toContain('https://support.acme.example/help');

  await fillSignIn(page, sim.demo.email, sim.demo.password);
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  await expect(page.locator('.sidebar .brand')).toContainText('Acme VPN');
});
