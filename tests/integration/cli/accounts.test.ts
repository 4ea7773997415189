// The account commands against the simulator and the real keyring (npm run test:unit starts one):
// login keeps the password in the keychain and logout deletes it, `login --no-remember` stores
// nothing there (as "Remember me" off in the app), profiles are listed and switched, register sends
// the emailed code and then takes it, reset-password has the panel send its email.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPanelSim, type PanelSim } from '../../../tools/panel-sim/index';
import { main } from '../../../src/main/cli';
import { API_KEY_ACCOUNT, keytarBackend } from '../../../src/main/secrets';
import type { ProfilesState } from '../../../src/shared/contract';
import { testIo, type TestIoOptions } from '../../support/cli-io';

let sim: PanelSim;
beforeAll(async () => {
  sim = await startPanelSim();
});
afterAll(async () => {
  await sim.close();
});

const service = () => `xmplus-tray:${new URL(sim.url).origin}`;

function folder() {
  const dir = mkdtempSync(join(tmpdir(), 'xmplus-cli-accounts-'));
  return {
    dir,
    async cli(argv: string[], options: TestIoOptions = {}) {
      const t = testIo({ env: { XMPLUS_CONFIG_DIR: dir }, ...options });
      const code = await main(argv, t.io);
      return { code, out: t.out(), err: t.err(), questions: t.questions };
    },
    settings: () => readFileSync(join(dir, 'config.json'), 'utf8'),
  };
}

const loginArgs = () => [
  'login',
  '--panel',
  sim.url,
  '--email',
  sim.demo.email,
  '--api-key',
  sim.apiKey,
  '--password-stdin',
];

const keychain = await keytarBackend();
describe.skipIf(!keychain)('with the OS keychain (skipped where no Secret Service answers)', () => {
  it('login keeps the password in the keychain, status works, logout deletes it', async () => {
    const f = folder();
    const login = await f.cli(loginArgs(), { stdin: `${sim.demo.password}\n` });
    expect(login.err).toBe('');
    expect(login).toMatchObject({ code: 0, out: `Signed in as ${sim.demo.email} on ${sim.url}.\n` });
    expect(await keychain!.get(service(), sim.demo.email)).toBe(sim.demo.password);
    expect(await keychain!.get(service(), API_KEY_ACCOUNT)).toBe(sim.apiKey);
    expect(f.settings()).not.toContain(sim.demo.password);
    expect(f.settings()).not.toContain(sim.apiKey);

    const status = await f.cli(['status']);
    expect(status.code).toBe(0);
    expect(status.out).toContain('StarterPack');

    expect((await f.cli(['logout'])).out).toBe(
      `Signed out ${sim.demo.email}; its password was removed from the keychain.\n`,
    );
    expect(await keychain!.get(service(), sim.demo.email)).toBeNull();
    expect(await keychain!.get(service(), API_KEY_ACCOUNT)).toBeNull();
    const after = await f.cli(['status']);
    expect(after.code).toBe(1);
    expect(after.err).toBe(
      'xmplus-tray: You are signed out. Sign in to see your plans.\nRun `xmplus-tray login` to sign in again.\n',
    );
  });

  it('login --no-remember checks the sign-in and stores nothing in the keychain', async () => {
    const f = folder();
    // Signed in with "remember" first: turning it off deletes what was stored, as in the app.
    expect((await f.cli(loginArgs(), { stdin: sim.demo.password })).code).toBe(0);
    expect(await keychain!.get(service(), sim.demo.email)).toBe(sim.demo.password);

    const login = await f.cli([...loginArgs(), '--no-remember'], { stdin: sim.demo.password });
    expect(login.code).toBe(0);
    expect(login.out).toContain('The password was not saved');
    expect(await keychain!.get(service(), sim.demo.email)).toBeNull();
    expect(await keychain!.get(service(), API_KEY_ACCOUNT)).toBeNull();
    const profiles = JSON.parse((await f.cli(['profiles', '--json'])).out) as ProfilesState;
    expect(profiles.profiles).toHaveLength(1);
    expect(profiles.profiles[0]).toMatchObject({ email: sim.demo.email, remember: false, signedIn: false });
    expect(f.settings()).not.toContain(sim.demo.password);
    expect((await f.cli(['status'])).code).toBe(1);

    const wrong = await f.cli([...loginArgs(), '--no-remember'], { stdin: 'not-the-password' });
    expect(wrong).toMatchObject({ code: 1, err: 'xmplus-tray: Invalid email or password.\n' });
    expect(wrong.out + wrong.err).not.toContain('not-the-password');
  });

  it('login at a terminal asks for the API key when none is stored, then the password', async () => {
    const f = folder();
    const argv = ['login', '--panel', sim.url, '--email', sim.demo.email];
    const asked = await f.cli(argv, { interactive: true, secrets: [sim.apiKey, sim.demo.password] });
    expect(asked.err).toBe('');
    expect(asked.code).toBe(0);
    expect(asked.questions).toEqual(['Client API key: ', `Password for ${sim.demo.email}: `]);
    // The key is stored now: the next sign-in asks for the password only.
    const again = await f.cli(['login'], { interactive: true, secrets: [sim.demo.password] });
    expect(again.code).toBe(0);
    expect(again.questions).toEqual([`Password for ${sim.demo.email}: `]);
    const none = await f.cli(['login'], { interactive: false });
    expect(none.code).toBe(2);
    expect(none.err).toContain('No password given. Use --password-stdin when not at a terminal.');
  });

  it('where the app has no standard input (Windows), login says to sign in in the window instead', async () => {
    const f = folder();
    const piped = await f.cli(loginArgs(), { noInput: true });
    expect(piped.code).toBe(2);
    expect(piped.err).toContain("Sign in in the app's window; the command line then uses that sign-in.");
    expect(piped.err).not.toContain('Use --password-stdin');
    const asked = await f.cli(
      ['login', '--panel', sim.url, '--email', sim.demo.email, '--api-key', sim.apiKey],
      { noInput: true },
    );
    expect(asked.code).toBe(2);
    expect(asked.err).toContain('no standard input');
  });

  it('register sends the code, then takes it; profiles lists both and switches', async () => {
    const f = folder();
    expect((await f.cli(loginArgs(), { stdin: sim.demo.password })).code).toBe(0);
    const email = `new-${Date.now()}@example.com`;
    const register = [
      'register',
      '--panel',
      sim.url,
      '--api-key',
      sim.apiKey,
      '--name',
      'newbie',
      '--email',
      email,
    ];

    // Without a terminal: the first run only sends the code.
    const sent = await f.cli(register);
    expect(sent.code).toBe(0);
    expect(sent.out).toContain('When the email arrives, run this again with --code CODE.');
    const [code] = sim.admin.emailCodes(email);
    expect(code).toMatch(/^\d{6}$/);

    const wrongCode = await f.cli([...register, '--code', '000000', '--password-stdin'], {
      stdin: 'newbie-pass-1',
    });
    expect(wrongCode).toMatchObject({ code: 1, err: 'xmplus-tray: Invalid email verification code.\n' });
    const short = await f.cli([...register, '--code', code!, '--password-stdin'], { stdin: 'short' });
    expect(short.code).toBe(2);
    expect(short.err).toMatch(/^xmplus-tray: Invalid password: /);

    const done = await f.cli([...register, '--code', code!, '--password-stdin'], {
      stdin: 'newbie-pass-1\n',
    });
    expect(done.err).toBe('');
    expect(done).toMatchObject({ code: 0, out: `Registered and signed in as ${email}.\n` });
    expect(await keychain!.get(service(), email)).toBe('newbie-pass-1');

    const list = await f.cli(['profiles']);
    const rows = list.out.trim().split('\n');
    expect(rows).toHaveLength(3);
    expect(rows.find((r) => r.startsWith('*'))).toContain(email);
    const state = JSON.parse((await f.cli(['profiles', '--json'])).out) as ProfilesState;
    const demo = state.profiles.find((p) => p.email === sim.demo.email)!;
    expect(state.activeId).not.toBe(demo.id);

    const use = await f.cli(['profiles', 'use', sim.demo.email]);
    expect(use).toMatchObject({ code: 0, out: `Now using ${sim.demo.email} on ${sim.url}.\n` });
    expect((JSON.parse((await f.cli(['profiles', '--json'])).out) as ProfilesState).activeId).toBe(demo.id);
    expect((await f.cli(['status'])).out).toContain(`<${sim.demo.email}>`);
    expect((await f.cli(['profiles', 'use', demo.id.slice(0, 8)])).code).toBe(0);

    const unknown = await f.cli(['profiles', 'use', 'nobody@example.com']);
    expect(unknown).toMatchObject({
      code: 1,
      err: 'xmplus-tray: There is no profile "nobody@example.com". See `xmplus-tray profiles`.\n',
    });
    expect((await f.cli(['profiles', 'switch', 'x'])).code).toBe(2);

    const removed = await f.cli(['profiles', 'remove', email]);
    expect(removed.code).toBe(0);
    expect(await keychain!.get(service(), email)).toBeNull();
    // The demo profile still uses the panel: its API key stays.
    expect(await keychain!.get(service(), API_KEY_ACCOUNT)).toBe(sim.apiKey);
  });

  it('register at a terminal asks for the code and the password twice', async () => {
    const f = folder();
    const email = `tty-${Date.now()}@example.com`;
    const argv = ['register', '--panel', sim.url, '--api-key', sim.apiKey, '--name', 'tty', '--email', email];
    const mismatch = await f.cli(argv, {
      interactive: true,
      answers: ['123456'],
      secrets: ['first-pass-1', 'other-pass-1'],
    });
    expect(mismatch.code).toBe(2);
    expect(mismatch.err).toContain('The two passwords differ; nothing was registered.');

    const codes = () => sim.admin.emailCodes(email);
    const t = testIo({
      env: { XMPLUS_CONFIG_DIR: f.dir },
      interactive: true,
      secrets: ['tty-pass-12', 'tty-pass-12'],
    });
    // The code is read from the simulator's mailbox when the CLI asks for it.
    t.io.prompt = async (question) => {
      t.questions.push(question);
      return codes().at(-1) ?? null;
    };
    expect(await main(argv, t.io)).toBe(0);
    expect(t.questions).toEqual([
      'Code from the email: ',
      'Choose a password (at least 8 characters): ',
      'The same password again: ',
    ]);
    expect(await keychain!.get(service(), email)).toBe('tty-pass-12');
  });
});

describe('reset-password', () => {
  it("has the panel send the email; an unknown email gets the panel's words", async () => {
    const f = folder();
    const before = sim.admin.resetEmails(sim.demo.email);
    const sent = await f.cli([
      'reset-password',
      '--panel',
      sim.url,
      '--api-key',
      sim.apiKey,
      '--email',
      sim.demo.email,
    ]);
    expect(sent.code).toBe(0);
    expect(sim.admin.resetEmails(sim.demo.email)).toBe(before + 1);
    const unknown = await f.cli([
      'reset-password',
      '--panel',
      sim.url,
      '--api-key',
      sim.apiKey,
      '--email',
      'ghost@example.com',
    ]);
    expect(unknown).toMatchObject({ code: 1, err: 'xmplus-tray: No account found with that email.\n' });
    const noPanel = await f.cli(['reset-password', '--email', sim.demo.email]);
    expect(noPanel.code).toBe(2);
  });
});
