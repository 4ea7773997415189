// How often the dashboard's cards ask main for their import options (import.options, which checks
// the installed clients and the panel's formats): once each when shown, again when the user presses
// Refresh, and not on the scheduled refreshes that bring new data every few minutes.
import { test, expect } from '../harness';
import { signInDemo } from '../steps';

test('dashboard cards ask for import options once, again only on Refresh', async ({ app }) => {
  const { page, sim } = app;
  await signInDemo(app);
  const cards = page.locator('article.service-card');
  const withLink = await cards.count();
  expect(withLink).toBeGreaterThan(1);
  const asked = () => app.ipcCalls.filter((c) => c === 'import.options').length;
  await expect.poll(asked).toBe(withLink);

  // Scheduled refreshes: main refreshes on its own and sends the new data to the window.
  const updated = page.getByTestId('last-updated');
  for (let i = 0; i < 3; i++) {
    sim.admin.addUsage(4, 1024 ** 3);
    const result = await app.core.handlers['data.refresh']({});
    expect(result.ok).toBe(true);
  }
  await expect(cards.first().getByRole('progressbar')).toHaveAttribute('aria-valuenow', '92');
  await expect(updated).toContainText('Updated');
  expect(asked()).toBe(withLink);

  // The user's Refresh checks again (a client may have been installed meanwhile): once per card.
  await page.getByRole('button', { name: 'Refresh', exact: true }).first().click();
  await expect.poll(asked).toBe(2 * withLink);
});
