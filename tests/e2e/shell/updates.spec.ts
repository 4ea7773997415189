// What Settings shows of the updater: an update whose metadata failed its signature check is shown
// as refused, in the user's language, with nothing offered to download; a download's progress.
import { test, expect } from '../harness';
import { openPage, signInDemo } from '../steps';

test.use({
  updateState: {
    enabled: true,
    status: 'unverified',
    version: null,
    progress: null,
    message: "latest.yml: the signature does not match this app's update key; the update was not downloaded",
  },
});

test('an update not signed with the provider key is shown as refused, with no download button', async ({
  app,
}) => {
  const { page } = app;
  await signInDemo(app, 'Demo');
  await openPage(page, 'settings');
  const status = page.getByTestId('update-status');
  await expect(status).toHaveText(
    "An update was offered that is not signed with your provider's key, so it was not downloaded. Tell your provider.",
  );
  await expect(status).toHaveAttribute('role', 'status');
  await expect(page.getByRole('button', { name: 'Download update' })).toHaveCount(0);
  await app.screenshot('settings-update-unverified');
});

test.describe('while an update downloads', () => {
  test.use({
    updateState: { enabled: true, status: 'downloading', version: '0.2.0', progress: 0.4, message: null },
  });

  test('the progress reads as a percentage of the download', async ({ app }) => {
    const { page } = app;
    await signInDemo(app, 'Demo');
    await openPage(page, 'settings');
    await expect(page.getByTestId('update-status')).toHaveText('Downloading the update… 40%');
  });
});
