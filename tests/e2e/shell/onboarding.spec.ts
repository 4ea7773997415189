// Onboarding end to end against the panel simulator: provider setup (client-side URL check and the
// key verified by main), sign-in with a bad then a good password, registration with the emailed
// code, and the password-reset request.
import { test, expect } from '../harness';
import { chooseSignIn } from '../steps';

test('provider setup rejects a bad URL and a bad key, then accepts the real one', async ({ app }) => {
  const { page, sim } = app;
  await app.open();
  await chooseSignIn(page);

  // Plain http to a non-loopback host is refused before anything is sent.
  await page.getByLabel('Panel URL').fill('http://panel.example.com');
  await page.getByLabel('Client API key').fill('x');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByText('Use an https:// address')).toBeVisible();
  await expect(page.getByLabel('Panel URL')).toHaveAttribute('aria-invalid', 'true');

  // A wrong key reaches the panel and comes back as an error.
  await page.getByLabel('Panel URL').fill(sim.url);
  await page.getByLabel('Client API key').fill('not-the-key');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('alert').filter({ hasText: /\S/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Connect to your provider' })).toBeVisible();
  await app.screenshot('onboarding-provider-error');

  await page.getByLabel('Client API key').fill(sim.apiKey);
  await page.getByLabel('Client API key').press('Enter');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
});

async function toSignIn(app: Parameters<Parameters<typeof test>[2]>[0]['app']) {
  await app.open();
  await chooseSignIn(app.page);
  await app.page.getByLabel('Panel URL').fill(app.sim.url);
  await app.page.getByLabel('Client API key').fill(app.sim.apiKey);
  await app.page.getByRole('button', { name: 'Continue' }).click();
  await expect(app.page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
}

test('sign-in: a wrong password shows the panel message; the right one opens the dashboard', async ({
  app,
}) => {
  const { page, sim } = app;
  // The panel's own wording reaches the user (the renderer has no such sentence of its own).
  await toSignIn(app);
  await page.getByLabel('Email').fill(sim.demo.email);
  await page.getByLabel('Password').fill('wrong-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const alert = page.locator('.form-error');
  await expect(alert).toContainText('Invalid email or password.');
  await expect(page.getByRole('alert').filter({ hasText: 'Invalid email or password.' })).toBeVisible();
  // The password field is cleared after submit; the remember box stays on by default.
  await expect(page.getByLabel('Password')).toHaveValue('');
  await expect(page.getByLabel('Remember me on this computer')).toBeChecked();
  await app.screenshot('signin-wrong-password');

  await page.getByLabel('Password').fill(sim.demo.password);
  await page.getByLabel('Display name (optional)').fill('Demo account');
  // "Remember me" off: main keeps the secrets in memory for this run only.
  await page.getByLabel('Remember me on this computer').uncheck();
  await page.getByLabel('Password').press('Enter');
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  const state = await page.evaluate(() => window.xmplus.profilesList());
  expect(state.ok && state.value.profiles[0]?.remember).toBe(false);
  // The password never comes back to the renderer in any result or event.
  expect(JSON.stringify(app.ipcResults)).not.toContain(sim.demo.password);
  expect(JSON.stringify(app.ipcResults)).not.toContain(sim.apiKey);
  await expect(page.locator('article.service-card').first()).toBeVisible();
  await expect(page.getByRole('button', { name: /Profiles/ })).toContainText('Demo account');
  await app.screenshot('dashboard-after-signin');
});

test('registration with the code the panel emailed signs the new user in', async ({ app }) => {
  const { page, sim } = app;
  const email = 'new.user@example.com';
  await toSignIn(app);
  await page.getByRole('button', { name: 'Create an account' }).click();
  await expect(page.getByRole('heading', { name: 'Create an account' })).toBeVisible();
  await page.getByLabel('Name', { exact: true }).fill('New User');
  await page.getByLabel('Email').fill(email);
  sim.admin.patchMessages({ codeSent: 'Code mailed to {email} (sim).' });
  await page.getByRole('button', { name: 'Send code' }).click();
  await expect(page.locator('.form-status')).toHaveText(`Code mailed to ${email} (sim).`);

  const codeField = page.getByLabel('Code from the email');
  await expect(codeField).toBeVisible();
  // The resend button counts down and is disabled meanwhile.
  await expect(page.getByRole('button', { name: /Send again in \d+ seconds?/ })).toBeDisabled();
  // The rules are visible before anything is submitted.
  await expect(page.getByText('At least 8 characters')).toBeVisible();

  // A wrong code is refused by the panel with its message.
  await codeField.fill('000000');
  await page.getByLabel('Password', { exact: true }).fill('a-good-password');
  await page.getByLabel('Confirm password').fill('a-good-password');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.locator('.form-error')).toContainText('Invalid email verification code.');
  // Both password fields were cleared when the form was sent.
  await expect(page.getByLabel('Password', { exact: true })).toHaveValue('');

  const codes = sim.admin.emailCodes(email);
  expect(codes.length).toBeGreaterThan(0);
  await codeField.fill(codes.at(-1)!);

  // Too short: refused on the client with the rule's message.
  await page.getByLabel('Password', { exact: true }).fill('short');
  await page.getByLabel('Confirm password').fill('short');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('The password needs at least 8 characters.')).toBeVisible();

  await page.getByLabel('Password', { exact: true }).fill('a-good-password');
  await page.getByLabel('Confirm password').fill('a-good-password');
  await expect(page.locator('.rule-met')).toHaveCount(2);
  await app.screenshot('register-code-step');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Profiles/ })).toContainText('New User');
});

test('password reset shows the panel message', async ({ app }) => {
  const { page, sim } = app;
  await toSignIn(app);
  await page.getByRole('button', { name: 'Forgot your password?' }).click();
  await page.getByLabel('Email').fill(sim.demo.email);
  sim.admin.patchMessages({ resetSent: 'Check your inbox: a reset link is on its way (sim).' });
  await page.getByRole('button', { name: 'Send reset email' }).click();
  await expect(page.locator('.form-status')).toHaveText(
    'Check your inbox: a reset link is on its way (sim).',
  );
  expect(sim.admin.resetEmails(sim.demo.email)).toBeGreaterThan(0);

  // An unknown address: the panel's refusal is shown as an error.
  await page.getByLabel('Email').fill('nobody@example.com');
  await page.getByRole('button', { name: 'Send reset email' }).click();
  await expect(page.locator('.form-error')).toContainText('No account found with that email.');
  await app.screenshot('password-reset');
});

test('setup proxy: folded away, says what is wrong with an address as it is typed', async ({ app }) => {
  const { page, sim } = app;
  await app.open();
  await chooseSignIn(page);
  await page.getByLabel('Panel URL').fill(sim.url);
  await page.getByLabel('Client API key').fill(sim.apiKey);
  await page.getByText('Reach the panel through a proxy').click();
  const proxy = page.getByLabel('Proxy for panel requests');
  await proxy.fill('socks5://127.0.0.1');
  await expect(proxy).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText("Add the proxy's port (1 to 65535)")).toBeVisible();
  // Continue is refused while the address cannot be used, with the focus on it.
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(proxy).toBeFocused();
  await app.screenshot('onboarding-proxy-invalid');
  // Emptied, the field means no proxy: the panel is reached directly.
  await proxy.fill('');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
});

test('dark theme: each step says what is missing under its fields and puts the cursor in the first', async ({
  app,
}) => {
  const { page, sim } = app;
  await page.emulateMedia({ colorScheme: 'dark' });
  await app.open();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await chooseSignIn(page);

  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByText('Enter the panel URL.')).toBeVisible();
  await expect(page.getByText('Enter the client API key.')).toBeVisible();
  await expect(page.getByLabel('Panel URL')).toBeFocused();
  await app.screenshot('onboarding-provider-dark');

  await page.getByLabel('Panel URL').fill(sim.url);
  await page.getByLabel('Client API key').fill(sim.apiKey);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.getByLabel('Email').fill(sim.demo.email);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Enter your password.')).toBeVisible();
  await expect(page.getByLabel('Password')).toBeFocused();
  await app.screenshot('signin-dark');

  await page.getByRole('button', { name: 'Create an account' }).click();
  await page.getByLabel('Email').fill('not-an-address');
  await page.getByRole('button', { name: 'Send code' }).click();
  await expect(page.getByText('Enter your name.')).toBeVisible();
  await expect(page.getByText('Enter a valid email address.')).toBeVisible();
  await expect(page.getByLabel('Name', { exact: true })).toBeFocused();
  await app.screenshot('register-dark');

  await page.getByRole('button', { name: 'Forgot your password?' }).click();
  await page.getByRole('button', { name: 'Send reset email' }).click();
  await expect(page.getByText('Enter a valid email address.')).toBeVisible();
  await expect(page.getByLabel('Email')).toBeFocused();
  await app.screenshot('password-reset-dark');
});
