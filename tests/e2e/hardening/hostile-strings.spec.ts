// Hostile panel strings are shown as text: package names, server remarks and panel messages carrying
// HTML, <script>, an RTL override and very long runs go through the real core into the renderer.
// They must appear literally, create no elements, run nothing (window.__pwned stays undefined).
import type { Page } from '@playwright/test';
import { test, expect, type AppFixture } from '../harness';
import { chooseSignIn } from '../steps';

const IMG = '<img src=x onerror=window.__pwned=1>';
const SCRIPT = '<script>window.__pwned=1</script>';
const RTL = '\u202Eexe.txt';
const LONG = 'W'.repeat(4_000);
const PACKAGE_NAME = `${IMG} Starter ${RTL}`;
const REMARK = `${SCRIPT} HK-01`;
const LONG_REMARK = `JP ${LONG}`;
const MESSAGE = `${IMG}${SCRIPT} Check your inbox ${RTL}`;

/** Elements the hostile strings would create if anything parsed them as HTML. */
async function injectedElements(page: Page) {
  return page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: unknown }).__pwned,
    imgWithHandler: document.querySelectorAll('img[onerror], img[src="x"]').length,
    scriptsMentioningPwned: [...document.querySelectorAll('script')].filter((s) =>
      s.textContent?.includes('__pwned'),
    ).length,
    anyOnAttribute: [...document.querySelectorAll('*')].filter((el) =>
      [...el.attributes].some((a) => a.name.startsWith('on')),
    ).length,
  }));
}

async function expectInert(page: Page) {
  expect(await injectedElements(page)).toEqual({
    pwned: undefined,
    imgWithHandler: 0,
    scriptsMentioningPwned: 0,
    anyOnAttribute: 0,
  });
}

/** The page's text content holds the literal string (CSS may clip it on screen, not in the DOM). */
async function expectLiteral(page: Page, text: string) {
  await expect
    .poll(() => page.evaluate((t) => document.body.textContent?.includes(t) ?? false, text))
    .toBe(true);
}

async function signIn(app: AppFixture) {
  const { page, sim } = app;
  await app.open();
  await chooseSignIn(page);
  await page.getByLabel('Panel URL').fill(sim.url);
  await page.getByLabel('Client API key').fill(sim.apiKey);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.getByLabel('Email').fill(sim.demo.email);
  await page.getByLabel('Password').fill(sim.demo.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
}

test('package names and server remarks render as literal text on dashboard, services and export', async ({
  app,
}) => {
  const { page, sim } = app;
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  sim.admin.patchPackage(1, { name: PACKAGE_NAME });
  sim.admin.patchServer(4, 0, { remark: REMARK });
  sim.admin.patchServer(4, 1, { remark: LONG_REMARK });

  await signIn(app);
  await expect(page.locator('article.service-card').first()).toBeVisible();
  await expectLiteral(page, PACKAGE_NAME);
  await expectInert(page);
  await app.screenshot('hardening-hostile-dashboard');

  await page
    .getByRole('link', { name: 'Services' })
    .or(page.getByRole('button', { name: 'Services' }))
    .first()
    .click();
  await expectLiteral(page, PACKAGE_NAME);
  await expectInert(page);
  await app.screenshot('hardening-hostile-services');

  await page
    .getByRole('link', { name: 'Export' })
    .or(page.getByRole('button', { name: 'Export' }))
    .first()
    .click();
  // Share links carry the remark percent-encoded in the fragment, never raw.
  await expectLiteral(page, `#${encodeURIComponent(REMARK)}`);
  await expectInert(page);
  // The QR view captions each code with the remark as text (or lists it as too long for a code).
  await page.getByRole('radio', { name: /QR codes/ }).check();
  await expectLiteral(page, REMARK);
  await expectLiteral(page, LONG_REMARK);
  await expectInert(page);
  await app.screenshot('hardening-hostile-export');
  expect(pageErrors).toEqual([]);
});

// A long unbroken remark once widened the export page by tens of thousands of pixels.
test('a very long remark or package name does not widen the export page or the dashboard', async ({
  app,
}) => {
  const { page, sim } = app;
  sim.admin.patchServer(4, 1, { remark: LONG_REMARK });
  sim.admin.patchPackage(1, { name: LONG_REMARK.slice(0, 300) });
  await signIn(app);
  await expect(page.locator('article.service-card').first()).toBeVisible();
  const cardsFit = await page.evaluate(() =>
    [...document.querySelectorAll('article.service-card')].every(
      (card) => card.scrollWidth <= card.clientWidth + 1,
    ),
  );
  expect(cardsFit).toBe(true);
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
  ).toBeLessThanOrEqual(1);
  await page
    .getByRole('link', { name: 'Export' })
    .or(page.getByRole('button', { name: 'Export' }))
    .first()
    .click();
  await page.getByRole('radio', { name: /QR codes/ }).check();
  await expectLiteral(page, LONG_REMARK);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(1);
});

test('a hostile panel message is shown as text', async ({ app }) => {
  const { page, sim } = app;
  sim.admin.patchMessages({ resetSent: MESSAGE });
  await app.open();
  await chooseSignIn(page);
  await page.getByLabel('Panel URL').fill(sim.url);
  await page.getByLabel('Client API key').fill(sim.apiKey);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Forgot your password?' }).click();
  await page.getByLabel('Email').fill(sim.demo.email);
  await page.getByRole('button', { name: 'Send reset email' }).click();
  await expect(page.locator('.form-status')).toContainText(MESSAGE);
  await expectInert(page);
  await app.screenshot('hardening-hostile-message');
});
