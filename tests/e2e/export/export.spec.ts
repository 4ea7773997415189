// The Export page end to end against the panel simulator: signed in through the UI, every format's
// preview checked for what its client reads, the servers Xray cannot take listed with the reason,
// copy into the (recorded) desktop clipboard, save into the folder the dialog answers (read back
// from disk), a cancelled save, QR codes decoded by zbarimg, and the subscription link of one service.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from '../harness';
import { openPage, saveSettings, signInDemo } from '../steps';
import { decodeQr, previewText } from './steps';

const LINK = /^(vless|vmess|trojan|ss|hysteria2|tuic):\/\/\S+$/;

test('each format previews what its client reads; Xray lists the servers it leaves out', async ({ app }) => {
  const { page } = app;
  await signInDemo(app);
  await openPage(page, 'export');
  await expect(page.getByRole('heading', { name: 'Export', level: 1 })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Service' })).toHaveValue('all');

  const formats = page.getByRole('group', { name: 'Format' });
  await expect(formats.getByRole('radio')).toHaveCount(6);
  await expect(formats.getByRole('radio', { name: 'Share links' })).toBeChecked();
  // The help text is the radio's description: a screen reader hears which client it is for.
  await expect(formats.getByRole('radio', { name: 'Xray' })).toHaveAccessibleDescription(/xray run/);

  // Share links: one per line, every line a link, the count matches.
  const links = (await previewText(page)).trim().split('\n');
  expect(links.length).toBeGreaterThan(3);
  for (const line of links) expect(line).toMatch(LINK);
  expect(links[0]).toMatch(/^vless:\/\//);
  expect(links.some((l) => l.startsWith('hysteria2://'))).toBe(true);
  await expect(page.getByTestId('export-count')).toHaveText(`${links.length} servers`);
  await expect(page.getByTestId('export-preview')).toHaveAttribute('dir', 'ltr');
  await app.screenshot('export-links');

  // Base64: decodes to the same links.
  await formats.getByRole('radio', { name: 'Base64 subscription (v2rayN)' }).check();
  await expect(page.getByTestId('export-preview')).toHaveClass(/export-preview-base64/);
  const b64 = (await previewText(page)).trim();
  expect(b64).toMatch(/^[A-Za-z0-9+/=\s]+$/);
  expect(Buffer.from(b64, 'base64').toString('utf8').trim().split(/\r?\n/)).toEqual(links);

  // Clash / mihomo YAML.
  await formats.getByRole('radio', { name: 'Clash / mihomo' }).check();
  await expect(page.getByTestId('export-preview')).toHaveClass(/export-preview-clash/);
  const clash = await previewText(page);
  expect(clash).toContain('proxies:');
  expect(clash).toContain('proxy-groups:');

  // sing-box JSON.
  await formats.getByRole('radio', { name: 'sing-box' }).check();
  await expect(page.getByTestId('export-preview')).toHaveClass(/export-preview-singbox/);
  const singbox = JSON.parse(await previewText(page)) as { outbounds: { type: string }[] };
  expect(singbox.outbounds.some((o) => o.type === 'hysteria2')).toBe(true);
  expect(singbox.outbounds.some((o) => o.type === 'selector')).toBe(true);

  // Xray JSON: hysteria2 and tuic are listed as left out, with the reason, and not in the config.
  await formats.getByRole('radio', { name: 'Xray' }).check();
  await expect(page.getByTestId('export-preview')).toHaveClass(/export-preview-xray/);
  const xray = JSON.parse(await previewText(page)) as { outbounds: { protocol: string }[] };
  const protocols = new Set(xray.outbounds.map((o) => o.protocol));
  expect(protocols.has('vless')).toBe(true);
  expect(protocols.has('hysteria2')).toBe(false);
  const skipped = page.getByTestId('export-skipped');
  await expect(skipped).toBeVisible();
  await expect(skipped.getByRole('heading')).toHaveText(/servers are left out of this format/);
  await expect(skipped).toContainText('Toronto Hysteria2');
  await expect(skipped).toContainText(/hysteria2/);
  await expect(skipped).toContainText('Seoul TUIC');
  await expect(skipped).toContainText(/Xray does not support tuic/);
  const servers = xray.outbounds.filter((o) => !['freedom', 'blackhole', 'dns'].includes(o.protocol));
  // The heading counts every server left out; the list names each remark and reason once.
  const left = Number((await skipped.getByRole('heading').textContent())?.match(/\d+/)?.[0]);
  expect(servers.length + left).toBe(links.length);
  await expect(skipped.locator('li')).toHaveCount(2);
  await expect(skipped.locator('li').first()).toContainText('(×3)');
  await skipped.scrollIntoViewIfNeeded();
  await app.screenshot('export-xray-skipped');

  // Copy puts exactly the previewed text on the clipboard, and says so.
  const xrayText = await previewText(page);
  await page.getByRole('button', { name: 'Copy Xray' }).click();
  await expect(page.locator('.export-preview-card').getByRole('status')).toHaveText(
    /Copied to the clipboard/,
  );
  expect(app.desktop.clipboard.at(-1)).toBe(xrayText);
});

test('save writes the chosen formats into a new folder inside the chosen one; a cancelled dialog writes nothing', async ({
  app,
}) => {
  const { page, desktop } = app;
  const chosen = desktop.folder!;
  await signInDemo(app);
  await openPage(page, 'export');
  // The tray (or a notification) points the window at one service: the page follows.
  await app.emit('navigate', { page: 'export', serviceId: 7 });
  await expect(page.getByRole('combobox', { name: 'Service' })).toHaveValue('7');
  const save = page.getByRole('region', { name: 'Save to a folder' });
  await expect(save.getByRole('checkbox', { name: 'Share links' })).toBeChecked();
  await save.getByRole('checkbox', { name: 'Clash / mihomo' }).uncheck();
  await save.getByRole('checkbox', { name: 'sing-box' }).uncheck();
  await save.getByRole('checkbox', { name: 'Xray' }).check();

  // Cancelled: no files, no message.
  desktop.folder = null;
  await save.getByRole('button', { name: 'Save to folder…' }).click();
  await expect(save.getByRole('button', { name: 'Save to folder…' })).toBeEnabled();
  await expect(save.getByTestId('save-result')).toBeEmpty();
  await expect(save.locator('.form-error')).toBeEmpty();
  expect(readdirSync(chosen)).toEqual([]);

  desktop.folder = chosen;
  await save.getByRole('button', { name: 'Save to folder…' }).click();
  const result = save.getByTestId('save-result');
  await expect(result).toContainText(chosen);
  // The export's own folder (profile, service, time): nothing else in the chosen one is touched.
  const made = readdirSync(chosen);
  expect(made).toHaveLength(1);
  expect(made[0]).toMatch(/\d{4}-\d\d-\d\d \d\d-\d\d-\d\d$/);
  const folder = join(chosen, made[0]!);
  await expect(result).toContainText(folder);
  const listed = (await result.locator('li').allTextContents()).sort();
  const onDisk = readdirSync(folder).sort();
  expect(onDisk).toEqual(listed);
  const linksFile = onDisk.find((f) => f.endsWith('.txt') && /links/.test(f));
  const xrayFile = onDisk.find((f) => /xray/.test(f) && f.endsWith('.json'));
  expect(linksFile, onDisk.join(', ')).toBeDefined();
  expect(xrayFile, onDisk.join(', ')).toBeDefined();
  expect(onDisk.some((f) => /clash|singbox|sing-box/.test(f))).toBe(false);
  // The servers Xray left out are written down too, not dropped silently.
  expect(onDisk).toContain('skipped-servers.txt');
  // One service: its subscription link comes along.
  const token = app.sim.admin.state().services.find((s) => s.sid === 7)?.sublinkToken;
  expect(readFileSync(join(folder, 'subscription-link.txt'), 'utf8').trim()).toBe(
    `${app.sim.url}/link/${token}`,
  );
  const firstLink = readFileSync(join(folder, linksFile!), 'utf8').split('\n')[0] ?? '';
  expect(firstLink).toMatch(LINK);
  JSON.parse(readFileSync(join(folder, xrayFile!), 'utf8'));
  await expect(result).toContainText(`Saved ${onDisk.length} files in`);
  await app.screenshot('export-saved');

  // Nothing chosen: said so, and main is not asked.
  const checked = save.getByRole('checkbox', { checked: true });
  while ((await checked.count()) > 0) await checked.first().uncheck();
  await save.getByRole('button', { name: 'Save to folder…' }).click();
  await expect(save.locator('.form-error')).toHaveText('Choose at least one format to save.');
});

test('one service shows its subscription link and QR; server QR codes decode to the share links', async ({
  app,
}) => {
  const { page, desktop, sim } = app;
  await signInDemo(app);

  // From a service's page: Export opens with that service chosen.
  await openPage(page, 'services');
  await page.locator('.service-row').first().click();
  await page.getByRole('button', { name: 'Export configs' }).click();
  await expect(page.getByRole('heading', { name: 'Export', level: 1 })).toBeVisible();
  const select = page.getByRole('combobox', { name: 'Service' });
  const serviceId = await select.inputValue();
  expect(serviceId).not.toBe('all');
  const token = sim.admin.state().services.find((s) => String(s.sid) === serviceId)?.sublinkToken;
  expect(token).toBeDefined();
  const sublink = `${sim.url}/link/${token}`;

  const formats = page.getByRole('group', { name: 'Format' });
  await formats.getByRole('radio', { name: 'QR codes' }).check();
  await expect(page.getByTestId('subscription-link')).toHaveText(sublink);
  await expect(page.getByTestId('subscription-link')).toHaveAttribute('dir', 'ltr');
  const subQr = page.getByRole('img', { name: 'QR code of the subscription link' });
  expect(await decodeQr(subQr)).toBe(sublink);
  await page.getByRole('button', { name: 'Copy subscription link' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Copied to the clipboard.' })).toBeVisible();
  expect(desktop.clipboard.at(-1)).toBe(sublink);
  await app.screenshot('export-qr-service');

  // A single server's link, copied from its QR card, reaches the clipboard through main too.
  await page
    .locator('.qr-grid')
    .getByRole('button', { name: /^Copy link of / })
    .first()
    .click();
  await expect.poll(() => desktop.clipboard.at(-1)).toMatch(/^(vless|vmess|trojan|ss|hysteria2|tuic):\/\//);

  // All services: the first QR is the first share link.
  await select.selectOption('all');
  await formats.getByRole('radio', { name: 'Share links' }).check();
  const first = (await previewText(page)).split('\n')[0] ?? '';
  expect(first).toMatch(/^vless:\/\//);
  await formats.getByRole('radio', { name: 'QR codes' }).check();
  const grid = page.getByRole('list', { name: 'Servers' });
  const images = grid.getByRole('img');
  await expect(images.first()).toBeVisible();
  const box = await images.first().boundingBox();
  expect(box?.width ?? 0).toBeGreaterThanOrEqual(240);
  await expect(images.first()).toHaveAttribute('src', /^data:image\/svg\+xml;base64,/);
  await expect(images.first()).toHaveAccessibleName(/^QR code of /);
  expect(await decodeQr(images.first())).toBe(first);
  // More than one service: no single subscription link to offer, and the page says why.
  await expect(page.getByText('Choose one service above to see its subscription link.')).toBeVisible();
  await app.screenshot('export-qr-light');
});

test('keyboard, dark theme and Persian: focus is visible, QR stays on white, code stays LTR', async ({
  app,
}) => {
  const { page } = app;
  await signInDemo(app);
  await openPage(page, 'export');
  await previewText(page);

  // Keyboard: the format radios are one tab stop; arrow keys move the choice, focus is drawn.
  const formats = page.getByRole('group', { name: 'Format' });
  await formats.getByRole('radio', { name: 'Share links' }).focus();
  await page.keyboard.press('ArrowRight');
  const base64 = formats.getByRole('radio', { name: 'Base64 subscription (v2rayN)' });
  await expect(base64).toBeChecked();
  await expect(base64).toBeFocused();
  const ring = await page
    .locator('.format-option[data-format="base64"]')
    .evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(ring).toBe('solid');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Copy Base64 subscription (v2rayN)' })).toBeFocused();

  await saveSettings(page, { theme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await openPage(page, 'export');
  await formats.getByRole('radio', { name: 'Xray' }).check();
  await expect(page.getByTestId('export-skipped')).toBeVisible();
  await app.screenshot('export-xray-dark');
  await formats.getByRole('radio', { name: 'QR codes' }).check();
  const frame = page.locator('.qr-frame').first();
  await expect(frame).toBeVisible();
  expect(await frame.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(255, 255, 255)');
  // Dark theme or not, the code scans.
  expect(await decodeQr(page.locator('.qr-image').first())).toMatch(/^vless:\/\//);
  await frame.scrollIntoViewIfNeeded();
  await app.screenshot('export-qr-dark');

  await saveSettings(page, { language: 'fa', theme: 'light' });
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await openPage(page, 'export');
  await expect(page.getByRole('heading', { name: 'خروجی', level: 1 })).toBeVisible();
  const faFormats = page.getByRole('group', { name: 'قالب' });
  await faFormats.getByRole('radio', { name: 'Xray' }).check();
  const preview = page.getByTestId('export-preview');
  await expect(preview).toHaveAttribute('dir', 'ltr');
  expect(await preview.evaluate((el) => getComputedStyle(el).direction)).toBe('ltr');
  await expect(page.getByTestId('export-skipped').getByRole('heading')).toContainText('سرور');
  // The preview sits under the page's right edge in RTL: its box starts at the inline start.
  const card = await page.locator('.export-preview-card').boundingBox();
  const title = await page.locator('.export-preview-card h2').boundingBox();
  expect(title!.x + title!.width).toBeGreaterThan(card!.x + card!.width - 60);
  await app.screenshot('export-xray-fa');
  await faFormats.getByRole('radio', { name: 'کدهای QR' }).check();
  await expect(page.locator('.qr-image').first()).toBeVisible();
  await app.screenshot('export-qr-fa');
});

test('an account without services gets the empty state, not an error', async ({ app }) => {
  const { page, sim } = app;
  await signInDemo(app);
  // The panel moves every service away from the demo user; the next refresh sees none.
  for (const service of sim.admin.state().services) sim.admin.patchService(service.sid, { userid: 999 });
  const refreshed = await page.evaluate(() =>
    (globalThis as unknown as { xmplus: { dataRefresh(): Promise<{ ok: boolean }> } }).xmplus.dataRefresh(),
  );
  expect(refreshed.ok).toBe(true);
  await openPage(page, 'export');
  await expect(page.getByTestId('export-empty')).toContainText('There is nothing to export yet.');
  await expect(page.getByRole('group', { name: 'Format' })).toHaveCount(0);
  await expect(page.getByRole('alert').filter({ hasText: /\S/ })).toHaveCount(0);
});
