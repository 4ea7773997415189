// Account commands: login, logout, profiles, register, reset-password. Each is the app's own
// handler (auth.*, profiles.*) reached through the router; the CLI only gathers the input.
import type { ProfilesState, ProfileView } from '../../../shared/contract';
import { appError } from '../../../shared/errors';
import type { CliSession } from '../context';
import { bytesText, table } from '../format';
import { EXIT, type Command, type CommandContext, type ExitCode, type OptionSpec } from '../table';
import { JSON_OPTION, output, withSession } from './common';
import { SOURCE_CAPABILITIES } from '../../../shared/domain';
import { CLIENT_AGENTS, isClientAgentId } from '../../sources';

const PANEL: OptionSpec = {
  name: 'panel',
  type: 'string',
  value: 'URL',
  description: "the panel's address (default: the active profile's)",
};
const API_KEY: OptionSpec = {
  name: 'api-key',
  type: 'string',
  value: 'KEY',
  description:
    "the panel's client API key (asked for when none is stored; typed here, it shows in the process list)",
};
const PASSWORD_STDIN: OptionSpec = {
  name: 'password-stdin',
  type: 'boolean',
  description: 'read the password from standard input instead of asking',
};
const NO_REMEMBER: OptionSpec = {
  name: 'no-remember',
  type: 'boolean',
  description: 'keep the password nowhere (as "Remember me" off in the app)',
};

const activeOf = (state: ProfilesState) => state.profiles.find((p) => p.id === state.activeId) ?? null;

/** The panel address: given, else the branded build's, else the active profile's. */
function panelFor(ctx: CommandContext, session: CliSession): string | null {
  return (
    ctx.args.string('panel') ??
    session.providerPanelUrl ??
    activeOf(session.accounts.state())?.panelUrl ??
    null
  );
}

/** The API key typed (or asked for at a terminal); undefined: the stored one will be used. */
async function apiKeyFor(ctx: CommandContext, session: CliSession, panelUrl: string) {
  const typed = ctx.args.string('api-key');
  if (typed) return { ok: true as const, apiKey: typed };
  if (await session.accounts.hasApiKey(panelUrl)) return { ok: true as const, apiKey: undefined };
  const asked = await ctx.io.promptSecret('Client API key: ');
  if (asked) return { ok: true as const, apiKey: asked.trim() };
  return { ok: false as const, exit: ctx.usage('Give the client API key with --api-key KEY.') };
}

async function readPassword(ctx: CommandContext, question: string): Promise<string | null> {
  if (ctx.args.flag('password-stdin')) {
    const text = (await ctx.io.readStdin()).replace(/\r?\n$/, '');
    return text || null;
  }
  return ctx.io.promptSecret(question);
}

const noPassword = (ctx: CommandContext) =>
  ctx.usage('No password given. Use --password-stdin when not at a terminal.');

async function login(ctx: CommandContext): Promise<ExitCode> {
  return withSession(ctx, async (session) => {
    if (session.fromEnvironment) {
      // Nothing is stored in this mode: check the credentials and say so.
      const active = await session.accounts.activeBilling();
      if (!active.ok) return ctx.report(active.error);
      const account = await active.value.session.accountInfo();
      if (!account.ok) return ctx.report(account.error);
      ctx.io.stdout(
        `The credentials from the environment work for ${account.value.account.email}; nothing was saved.\n`,
      );
      return EXIT.ok;
    }
    const panelUrl = panelFor(ctx, session);
    const email = ctx.args.string('email') ?? activeOf(session.accounts.state())?.email;
    if (!panelUrl || !email) return ctx.usage('Give --panel URL and --email EMAIL.');
    const key = await apiKeyFor(ctx, session, panelUrl);
    if (!key.ok) return key.exit;
    const password = await readPassword(ctx, `Password for ${email}: `);
    if (!password) return noPassword(ctx);
    const remember = !ctx.args.flag('no-remember');
    const name = ctx.args.string('name');
    const signedIn = await session.call('auth.signIn', {
      panelUrl,
      ...(key.apiKey ? { apiKey: key.apiKey } : {}),
      email,
      password,
      remember,
      ...(name ? { displayName: name } : {}),
    });
    if (!signedIn.ok) return ctx.report(signedIn.error);
    const profile = activeOf(signedIn.value);
    ctx.io.stdout(`Signed in as ${profile?.email ?? email} on ${profile?.panelUrl ?? panelUrl}.\n`);
    if (!remember) {
      ctx.io.stdout(
        'The password was not saved: sign in again for the next command, or set the XMPLUS_* variables.\n',
      );
    } else if (session.secretStorage === 'memory') {
      ctx.io.stderr(
        'xmplus-tray: no system keychain answers, so the password could not be saved. Start a keyring (such as GNOME Keyring) or set the XMPLUS_* variables.\n',
      );
    }
    return EXIT.ok;
  });
}

async function logout(ctx: CommandContext): Promise<ExitCode> {
  return withSession(ctx, async (session) => {
    if (session.fromEnvironment) {
      ctx.io.stdout('The credentials come from the environment; nothing is stored, nothing to forget.\n');
      return EXIT.ok;
    }
    const before = activeOf(session.accounts.state());
    if (!before) {
      ctx.io.stdout('Not signed in.\n');
      return EXIT.ok;
    }
    const result = await session.call('auth.signOut', {});
    if (!result.ok) return ctx.report(result.error);
    const secret = before.kind === 'subscription' ? 'subscription link' : 'password';
    ctx.io.stdout(`Signed out ${before.email}; its ${secret} was removed from the keychain.\n`);
    return EXIT.ok;
  });
}

function profilesTable(state: ProfilesState): string {
  if (state.profiles.length === 0) return 'No profiles yet. Run `xmplus-tray login` to add one.\n';
  const rows = [['', 'ID', 'EMAIL', 'PANEL', 'NAME', 'SIGNED IN', 'REMEMBERED']];
  for (const p of state.profiles) {
    rows.push([
      p.id === state.activeId ? '*' : '',
      p.id,
      p.email,
      p.panelUrl,
      p.displayName,
      p.signedIn ? 'yes' : 'no',
      p.remember ? 'yes' : 'no',
    ]);
  }
  return table(rows);
}

/** A profile by its id, a unique start of its id, or its email when only one profile has it. */
export function findProfile(profiles: readonly ProfileView[], ref: string): ProfileView | string {
  const exact = profiles.find((p) => p.id === ref);
  if (exact) return exact;
  const byPrefix = profiles.filter((p) => p.id.startsWith(ref));
  const byEmail = profiles.filter((p) => p.email.toLowerCase() === ref.toLowerCase());
  const matches = byPrefix.length > 0 ? byPrefix : byEmail;
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) return `"${ref}" fits ${matches.length} profiles; give more of the id.`;
  return `There is no profile "${ref}". See \`xmplus-tray profiles\`.`;
}

/** `profiles add URL` / `--url-stdin`: stored and made active only when the link answers. */
async function addSubscription(ctx: CommandContext, typed: string | undefined): Promise<ExitCode> {
  const fromStdin = ctx.args.flag('url-stdin');
  if (fromStdin && typed) return ctx.usage('Give the link as an argument or with --url-stdin, not both.');
  const url = fromStdin ? (await ctx.io.readStdin()).trim() : typed;
  if (!url) return ctx.usage('Give the subscription link: profiles add URL, or --url-stdin.');
  const client = ctx.args.string('client');
  if (client !== undefined && client !== 'none' && !isClientAgentId(client))
    return ctx.usage(`--client must be one of ${[...Object.keys(CLIENT_AGENTS), 'none'].join(', ')}.`);
  return withSession(ctx, async (session) => {
    if (session.fromEnvironment) {
      return ctx.usage('The credentials come from the environment: there are no profiles to change.');
    }
    const name = ctx.args.string('name');
    const added = await session.accounts.addSubscription({
      url,
      ...(name ? { name } : {}),
      ...(client ? { clientAgent: client } : {}),
    });
    if (!added.ok)
      return ctx.report(added.error, added.error.kind === 'validation' ? EXIT.usage : EXIT.error);
    const { profile, snapshot } = added.value;
    if (ctx.args.flag('json')) {
      ctx.io.stdout(
        `${JSON.stringify({ profile: { ...profile, capabilities: SOURCE_CAPABILITIES.subscription }, snapshot })}\n`,
      );
      return EXIT.ok;
    }
    const service = snapshot.services[0];
    const servers = snapshot.servers['1']?.length ?? 0;
    const usage =
      !service || snapshot.subscription?.usageSource === null
        ? 'the provider sends no usage'
        : `${bytesText(service.usedBytes)} used of ${service.totalBytes > 0 ? bytesText(service.totalBytes) : 'unlimited'}`;
    ctx.io.stdout(
      `Added "${profile.displayName}" (${profile.email}) and made it the active profile: ${usage}, ${servers} server${servers === 1 ? '' : 's'}.\n`,
    );
    return EXIT.ok;
  });
}

async function profiles(ctx: CommandContext): Promise<ExitCode> {
  const [action = 'list', ref] = ctx.args.positionals;
  if (!['list', 'use', 'remove', 'add'].includes(action)) {
    return ctx.usage(`Unknown profiles action "${action}": use list, add URL, use ID or remove ID.`);
  }
  if (action === 'add') return addSubscription(ctx, ref);
  if (action !== 'list' && !ref) return ctx.usage(`Give the profile: profiles ${action} ID.`);
  return withSession(ctx, async (session) => {
    if (session.fromEnvironment && action !== 'list') {
      return ctx.usage('The credentials come from the environment: there are no profiles to change.');
    }
    if (action === 'list') return output(ctx, await session.call('profiles.list', {}), profilesTable);
    const found = findProfile(session.accounts.state().profiles, ref ?? '');
    if (typeof found === 'string') return ctx.report(appError('validation', found), EXIT.error);
    const channel = action === 'use' ? 'profiles.switch' : 'profiles.remove';
    return output(ctx, await session.call(channel, { id: found.id }), (state) =>
      action === 'use'
        ? `Now using ${found.email} on ${found.panelUrl}.\n`
        : `Removed ${found.email} on ${found.panelUrl} and its secrets.${state.activeId ? '' : ' No profile is active now.'}\n`,
    );
  });
}

async function register(ctx: CommandContext): Promise<ExitCode> {
  const name = ctx.args.string('name');
  const email = ctx.args.string('email');
  if (!name || !email) return ctx.usage('Give --name NAME and --email EMAIL.');
  return withSession(ctx, async (session) => {
    if (session.fromEnvironment) {
      return ctx.usage('Unset the XMPLUS_* variables to register a new account.');
    }
    const panelUrl = panelFor(ctx, session);
    if (!panelUrl) return ctx.usage('Give --panel URL.');
    const key = await apiKeyFor(ctx, session, panelUrl);
    if (!key.ok) return key.exit;
    const apiKey = key.apiKey ? { apiKey: key.apiKey } : {};
    let code = ctx.args.string('code');
    if (!code) {
      const sent = await session.call('auth.sendCode', { panelUrl, ...apiKey, name, email });
      if (!sent.ok) return ctx.report(sent.error);
      ctx.io.stdout(`${sent.value.message || `A code was sent to ${email}.`}\n`);
      const asked = ctx.args.flag('password-stdin') ? null : await ctx.io.prompt('Code from the email: ');
      if (!asked?.trim()) {
        ctx.io.stdout('When the email arrives, run this again with --code CODE.\n');
        return EXIT.ok;
      }
      code = asked.trim();
    }
    const password = await readPassword(ctx, 'Choose a password (at least 8 characters): ');
    if (!password) return noPassword(ctx);
    if (!ctx.args.flag('password-stdin')) {
      const again = await ctx.io.promptSecret('The same password again: ');
      if (again !== password) return ctx.usage('The two passwords differ; nothing was registered.');
    }
    const registered = await session.call('auth.register', {
      panelUrl,
      ...apiKey,
      name,
      email,
      password,
      code,
      aff: ctx.args.string('aff') ?? '',
      remember: !ctx.args.flag('no-remember'),
    });
    if (!registered.ok) {
      return ctx.report(registered.error, registered.error.kind === 'validation' ? EXIT.usage : EXIT.error);
    }
    ctx.io.stdout(`Registered and signed in as ${email}.\n`);
    return EXIT.ok;
  });
}

async function resetPassword(ctx: CommandContext): Promise<ExitCode> {
  return withSession(ctx, async (session) => {
    const email = ctx.args.string('email') ?? activeOf(session.accounts.state())?.email;
    const panelUrl = panelFor(ctx, session);
    if (!panelUrl || !email) return ctx.usage('Give --panel URL and --email EMAIL.');
    const key = await apiKeyFor(ctx, session, panelUrl);
    if (!key.ok) return key.exit;
    const sent = await session.call('auth.resetPassword', {
      panelUrl,
      ...(key.apiKey ? { apiKey: key.apiKey } : {}),
      email,
    });
    return output(ctx, sent, (value) => `${value.message || `The panel sent a reset email to ${email}.`}\n`);
  });
}

export const ACCOUNT_COMMANDS: readonly Command[] = [
  {
    name: 'login',
    group: 'Account',
    summary: 'sign in to a panel and make that profile the active one',
    options: [
      PANEL,
      {
        name: 'email',
        type: 'string',
        value: 'EMAIL',
        description: "your account's email (default: the active profile's)",
      },
      API_KEY,
      PASSWORD_STDIN,
      NO_REMEMBER,
      { name: 'name', type: 'string', value: 'NAME', description: 'a name for the profile' },
    ],
    details:
      "The password is asked for (or read with --password-stdin) and kept in the OS keychain, as the app does. Profiles are the app's own.",
    examples: [
      'login --panel https://panel.example.com --email me@example.com --api-key KEY',
      'login --password-stdin < password.txt',
    ],
    run: login,
  },
  {
    name: 'logout',
    group: 'Account',
    summary: 'sign out of the active profile and delete its password',
    details: "The panel's API key is deleted too when no other profile uses that panel.",
    options: [],
    run: logout,
  },
  {
    name: 'profiles',
    group: 'Account',
    summary: 'list the profiles, add a subscription link, switch to one, or remove one',
    positionals: [
      {
        name: 'ACTION',
        required: false,
        description: 'list (the default), add, use or remove',
        choices: ['list', 'add', 'use', 'remove'],
      },
      {
        name: 'ID',
        required: false,
        description: "the profile's id, a unique start of it, or its email; for add, the subscription link",
      },
    ],
    options: [
      JSON_OPTION,
      {
        name: 'name',
        type: 'string',
        value: 'NAME',
        description: "add: the profile's name (default: the provider's)",
      },
      {
        name: 'url-stdin',
        type: 'boolean',
        description:
          'add: read the link from standard input (typed as an argument, it shows in the process list)',
      },
      {
        name: 'client',
        type: 'string',
        value: 'CLIENT',
        description: `add: the app to appear as when the provider refuses this one (${[...Object.keys(CLIENT_AGENTS), 'none'].join(', ')})`,
      },
    ],
    details:
      "profiles add fetches the link once and stores the profile, made active, only when it answers; the link goes to the keychain, never to the settings file. Otherwise it exits 1 with the provider's words or the HTTP status.",
    examples: [
      'profiles',
      'profiles add --url-stdin --name "My VPN"',
      'profiles use me@example.com',
      'profiles remove 3f2a',
    ],
    run: profiles,
  },
  {
    name: 'register',
    group: 'Account',
    summary: 'create an account: sends the emailed code, then asks for it',
    options: [
      PANEL,
      API_KEY,
      {
        name: 'name',
        type: 'string',
        value: 'NAME',
        required: true,
        description: 'your user name on the panel',
      },
      {
        name: 'email',
        type: 'string',
        value: 'EMAIL',
        required: true,
        description: 'your email (the code goes there)',
      },
      {
        name: 'code',
        type: 'string',
        value: 'CODE',
        description: 'the code from the email (skips sending one)',
      },
      { name: 'aff', type: 'string', value: 'CODE', description: 'an invitation code' },
      PASSWORD_STDIN,
      NO_REMEMBER,
    ],
    details: 'Without a terminal: the first run sends the code; run again with --code CODE --password-stdin.',
    examples: ['register --panel https://panel.example.com --name me --email me@example.com'],
    run: register,
  },
  {
    name: 'reset-password',
    group: 'Account',
    summary: 'have the panel email a password reset',
    options: [
      PANEL,
      API_KEY,
      { name: 'email', type: 'string', value: 'EMAIL', description: "the account's email" },
      JSON_OPTION,
    ],
    run: resetPassword,
  },
];
