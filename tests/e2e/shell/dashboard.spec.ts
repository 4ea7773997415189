// The dashboard and service page end to end: the dashboard follows usage changed on the panel (refresh with
// progress, warning colours at the user's thresholds), and the service page shows the daily-use
// chart from the stored history, the run-out forecast, and its actions.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from '../harness';
import { connectProvider, fillSignIn, GB, openPage, signInDemo } from '../steps';

const DAY = 86_400_000;

function localDate(time: number): string {
  const d = new Date(time);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

test('dashboard: usage advanced on the panel shows after Refresh, in warning colours', async ({ app }) => {
  const { page, sim } = app;
  await signInDemo(app, 'Demo');
  const card = page.locator('article[data-service-id="4"]');
  const bar = card.getByRole('progressbar');
  await expect(bar).toHaveAttribute('aria-valuenow', '90');
  await expect(bar).toHaveAttribute('aria-valuemin', '0');
  await expect(bar).toHaveAttribute('aria-valuemax', '100');
  await expect(bar).toHaveAttribute('aria-valuetext', '135 GB of 150 GB used (90%)');
  await expect(card).toHaveClass(/level-warning/);
  await expect(page.getByTestId('balance')).toContainText('49.00');

  sim.admin.setUsage(4, { usedBytes: 147 * GB, todayBytes: 12 * GB });
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(bar).toHaveAttribute('aria-valuenow', '98');
  await expect(card).toContainText('147 GB of 150 GB used');
  await expect(card).toContainText('Today: 12 GB');
  await expect(card).toHaveClass(/level-critical/);
  await expect(page.getByTestId('last-updated')).toContainText('Updated');
  await app.screenshot('dashboard-usage-advanced');

  // The Pro 200 plan ends within 48 h in the simulator's seed: a live hh:mm:ss countdown.
  const timer = page.locator('article[data-service-id="7"]').getByRole('timer');
  if ((await timer.count()) > 0) {
    const first = await timer.textContent();
    await expect.poll(async () => timer.textContent(), { timeout: 5000 }).not.toBe(first);
    expect(first).toMatch(/\d{2}:\d{2}:\d{2}/);
  }

  // The user's thresholds decide the colours: with 99 % as the only threshold, 98 % is fine.
  await page.evaluate(() => window.xmplus.settingsSet({ trafficThresholds: [99] }));
  await page.reload();
  await expect(card).not.toHaveClass(/level-warning|level-critical/);
  await expect(card.getByRole('progressbar')).not.toHaveClass(/level-critical/);
});

test('service page: chart of daily use, forecast, copy link, and links into billing and export', async ({
  app,
}) => {
  const { page, sim } = app;
  await signInDemo(app, 'Demo');
  const profiles = await page.evaluate(() => window.xmplus.profilesList());
  expect(profiles.ok).toBe(true);
  const profileId = profiles.ok ? profiles.value.activeId! : '';

  // Seed two weeks of daily history (as the monitor would have kept it), then restart the core.
  const cacheFile = join(app.configDir, 'cache.json');
  const cache = JSON.parse(readFileSync(cacheFile, 'utf8')) as Record<string, unknown>;
  const now = Date.now();
  const deltas = [4, 6, 5, 7, 8, 6, 9, 7, 6, 8, 7, 9, 8, 7].map((g) => g * GB);
  let used = 135 * GB - deltas.reduce((a, b) => a + b, 0);
  const days = deltas.map((delta, i) => {
    used += delta;
    const at = now - (deltas.length - i) * DAY;
    return {
      date: localDate(at),
      usedBytes: used,
      totalBytes: 150 * GB,
      deltaBytes: delta,
      coveredMs: DAY,
      at,
    };
  });
  const history = (cache.history ?? {}) as Record<string, unknown>;
  history[profileId] = { version: 1, services: { '4': days } };
  writeFileSync(cacheFile, JSON.stringify({ ...cache, history }));
  await app.restart();
  await page.reload();

  // Secrets were in memory only (no keychain here): sign in again; the history stays.
  const again = page.getByRole('button', { name: 'Sign in again' });
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  await expect(again.or(page.locator('article.service-card').first())).toBeVisible();
  if (await again.isVisible()) {
    await again.click();
    await connectProvider(app);
    await fillSignIn(page, sim.demo.email, sim.demo.password);
  }
  await expect(page.locator('article.service-card').first()).toBeVisible();

  await page.getByRole('button', { name: 'Details for StarterPack' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('StarterPack');
  await expect(page.getByRole('link', { name: 'Services' })).toHaveAttribute('aria-current', 'page');

  const chart = page.getByRole('img', { name: /Daily traffic of StarterPack/ });
  await expect(chart).toBeVisible();
  await expect(chart.locator('rect.chart-bar')).toHaveCount(15);
  await expect(page.locator('.chart-summary')).toContainText('in total');
  await expect(page.getByTestId('forecast')).toContainText(
    /At this rate you run out \d+ days? before renewal/,
  );
  await page.getByText('Show as a table').click();
  await expect(page.locator('.chart-table tbody tr')).toHaveCount(15);
  await expect(page.locator('.chart-table').getByRole('columnheader')).toHaveText([
    'Date',
    'Used that day',
    'Used in total',
  ]);
  await page.getByText('Show as a table').click();
  await app.screenshot('service-detail-chart');

  await page.getByRole('button', { name: 'Copy subscription link' }).click();
  await expect(page.getByText('Subscription link copied.')).toBeVisible();
  expect(app.desktop.clipboard.at(-1)).toMatch(/^https?:\/\/.+/);

  await page.getByRole('button', { name: 'Renew' }).click();
  await expect(page.getByRole('link', { name: 'Billing' })).toHaveAttribute('aria-current', 'page');

  // A notification click (main's navigate event) opens a service directly.
  await app.emit('navigate', { page: 'services', serviceId: 7 });
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Pro 200');
  await page.getByRole('button', { name: 'Export configs' }).click();
  await expect(page.getByRole('link', { name: 'Export' })).toHaveAttribute('aria-current', 'page');

  // Dark theme and Persian on the same page, for the screenshots.
  await page.evaluate(() => window.xmplus.settingsSet({ theme: 'dark', language: 'fa' }));
  await page.reload();
  await openPage(page, 'services');
  await page.locator('.service-row').first().click();
  await expect(page.getByRole('img')).toBeVisible();
  await app.screenshot('service-detail-chart-fa-dark');
});
