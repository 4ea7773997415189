// Secrets audit after a full run through the renderer: sign in, dashboard, refresh, export save,
// a second profile and a switch, sign out. Then neither the panel password nor the client API key
// (as text, base64, hex, URL-encoded, or the key's md5 that the panel header carries) may appear in
// the settings folder (every file, recursively, as bytes), in any IPC result or event the renderer
// saw, in the page's console, or in what this process wrote to stdout / stderr / console.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from '../harness';
import { chooseSignIn } from '../steps';

function forms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  return [
    secret,
    bytes.toString('base64'),
    bytes.toString('base64url'),
    bytes.toString('hex'),
    encodeURIComponent(secret),
    JSON.stringify(secret).slice(1, -1),
  ];
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

test('no password or API key in the settings folder, IPC results, console or logs', async ({ app }) => {
  const { page, sim } = app;
  const second = { email: 'second@example.com', password: 'second-Pa55word!' };
  const secrets = [sim.demo.password, sim.apiKey, second.password];
  const needles = [...secrets.flatMap(forms), createHash('md5').update(sim.apiKey).digest('hex')];

  const pageConsole: string[] = [];
  page.on('console', (message) => pageConsole.push(message.text()));
  page.on('pageerror', (error) => pageConsole.push(`${error.message}\n${error.stack ?? ''}`));
  const processOutput: string[] = [];
  const restore: (() => void)[] = [];
  for (const stream of [process.stdout, process.stderr]) {
    const original = stream.write.bind(stream);
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      processOutput.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return (original as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write;
    restore.push(() => {
      stream.write = original as typeof stream.write;
    });
  }

  try {
    await app.open();
    await chooseSignIn(page);
    await page.getByLabel('Panel URL').fill(sim.url);
    await page.getByLabel('Client API key').fill(sim.apiKey);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    // A wrong password first: the error path is audited too.
    await page.getByLabel('Email').fill(sim.demo.email);
    await page.getByLabel('Password').fill(`${sim.demo.password}-wrong`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.locator('.form-error')).not.toBeEmpty();
    await page.getByLabel('Password').fill(sim.demo.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
    await expect(page.locator('article.service-card').first()).toBeVisible();

    await page.getByRole('button', { name: 'Refresh' }).first().click();
    await expect(page.getByRole('button', { name: 'Refresh' }).first()).toBeEnabled();

    await page
      .getByRole('link', { name: 'Export' })
      .or(page.getByRole('button', { name: 'Export' }))
      .first()
      .click();
    await page.getByRole('button', { name: 'Save to folder…' }).click();
    await expect
      .poll(() => filesUnder(app.configDir).filter((f) => f.includes('exports')).length)
      .toBeGreaterThan(0);

    // A second profile, through the same bridge the renderer uses, then a switch back and forth.
    await page.evaluate(
      async ({ url, key, email }) => {
        const api = (window as unknown as { xmplus: Record<string, (input?: unknown) => Promise<unknown>> })
          .xmplus;
        await api.authSendCode!({ panelUrl: url, apiKey: key, name: 'Second', email });
      },
      { url: sim.url, key: sim.apiKey, email: second.email },
    );
    const code = sim.admin.emailCodes(second.email).at(-1)!;
    const ids = await page.evaluate(
      async ({ url, key, email, password, code }) => {
        type R = { ok: boolean; value?: { profiles: { id: string }[]; activeId: string | null } };
        const api = (window as unknown as { xmplus: Record<string, (input?: unknown) => Promise<R>> }).xmplus;
        const registered = await api.authRegister!({
          panelUrl: url,
          apiKey: key,
          name: 'Second',
          email,
          password,
          code,
          aff: '',
          remember: true,
        });
        return registered.value?.profiles.map((p) => p.id) ?? [];
      },
      { url: sim.url, key: sim.apiKey, email: second.email, password: second.password, code },
    );
    expect(ids).toHaveLength(2);
    for (const id of [ids[0], ids[1], ids[0]]) {
      await page.evaluate(
        async (profileId) =>
          (
            window as unknown as { xmplus: { profilesSwitch(i: unknown): Promise<unknown> } }
          ).xmplus.profilesSwitch({
            id: profileId,
          }),
        id,
      );
    }
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
    await page.getByRole('button', { name: /Profiles/ }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    // The active profile is signed out (the other stays signed in).
    await expect
      .poll(() =>
        app.ipcResults.some((r) => {
          const v = (r as { value?: { activeId?: string; profiles?: { id: string; signedIn: boolean }[] } })
            .value;
          return !!v?.profiles?.some((p) => p.id === v.activeId && !p.signedIn);
        }),
      )
      .toBe(true);
    await app.screenshot('hardening-secrets-audit-signed-out');
  } finally {
    for (const undo of restore) undo();
  }

  // 1. The settings folder, every file, as raw bytes decoded as text (binary stays searchable).
  const files = filesUnder(app.configDir);
  expect(files.some((f) => f.endsWith('config.json'))).toBe(true);
  expect(files.some((f) => f.endsWith('cache.json'))).toBe(true);
  for (const file of files) {
    const text = readFileSync(file).toString('latin1') + readFileSync(file).toString('utf8');
    for (const needle of needles)
      expect(text.includes(needle), `${needle.slice(0, 3)}… in ${file}`).toBe(false);
  }

  // 2. Every IPC result and event the renderer received.
  expect(app.ipcResults.length).toBeGreaterThan(20);
  const ipc = JSON.stringify(app.ipcResults);
  for (const needle of needles)
    expect(ipc.includes(needle), `${needle.slice(0, 3)}… in IPC results`).toBe(false);

  // 3. The page's console and this process's output.
  const logs = [...pageConsole, ...processOutput].join('\n');
  for (const needle of needles) expect(logs.includes(needle), `${needle.slice(0, 3)}… in logs`).toBe(false);

  // The run did exercise the paths: a failed sign-in, a saved export, two profiles.
  expect(ipc).toContain('"code":208');
  expect(ipc).toContain('"saved":true');
});
