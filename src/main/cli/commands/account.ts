// Account commands: login, logout, profiles, register, reset-password. Each is the app's own
// handler (auth.*, profiles.*) reached through the router; the CLI only gathers the input.
import type { ProfilesState, ProfileView } from '../../../shared/contract';
import { worded } from '../errors';
import type { CliSession } from '../context';
import { bytesText, table } from '../format';
import { ENGLISH, type MainText } from '../../i18n';
import { cliText } from '../text';
import { EXIT, type Command, type CommandContext, type ExitCode, type OptionSpec } from '../table';
import { JSON_OPTION, output, withSession } from './common';
import { SOURCE_CAPABILITIES } from '../../../shared/domain';
import { CLIENT_AGENTS, isClientAgentId } from '../../sources';

/** The user's language for this run (LC_ALL, LC_MESSAGES, LANG). */
const say = (ctx: CommandContext) => cliText(ctx.io.env);

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
  const asked = await ctx.io.promptSecret(say(ctx).t('cli.account.apiKeyPrompt'));
  if (asked) return { ok: true as const, apiKey: asked.trim() };
  return { ok: false as const, exit: ctx.usage(say(ctx).t('cli.account.giveApiKey')) };
}

async function readPassword(ctx: CommandContext, question: string): Promise<string | null> {
  if (ctx.args.flag('password-stdin')) {
    const text = (await ctx.io.readStdin()).replace(/\r?\n$/, '');
    return text || null;
  }
  return ctx.io.promptSecret(question);
}

const noPassword = (ctx: CommandContext) =>
  ctx.usage(say(ctx).t(ctx.io.noInput ? 'cli.account.noPasswordInput' : 'cli.account.noPassword'));

async function login(ctx: CommandContext): Promise<ExitCode> {
  return withSession(ctx, async (session) => {
    if (session.fromEnvironment) {
      // Nothing is stored in this mode: check the credentials and say so.
      const active = await session.accounts.activeBilling();
      if (!active.ok) return ctx.report(active.error);
      const account = await active.value.session.accountInfo();
      if (!account.ok) return ctx.report(account.error);
      ctx.io.stdout(`${say(ctx).t('cli.account.envWorks', { email: account.value.account.email })}\n`);
      return EXIT.ok;
    }
    const panelUrl = panelFor(ctx, session);
    const email = ctx.args.string('email') ?? activeOf(session.accounts.state())?.email;
    if (!panelUrl || !email) return ctx.usage(say(ctx).t('cli.account.givePanelEmail'));
    const key = await apiKeyFor(ctx, session, panelUrl);
    if (!key.ok) return key.exit;
    const password = await readPassword(ctx, say(ctx).t('cli.account.passwordPrompt', { email }));
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
    const text = say(ctx);
    const where = { email: profile?.email ?? email, panel: profile?.panelUrl ?? panelUrl };
    ctx.io.stdout(`${text.t('cli.account.signedIn', where)}\n`);
    if (!remember) {
      ctx.io.stdout(`${text.t('cli.account.notSaved')}\n`);
    } else if (session.secretStorage === 'memory') {
      ctx.io.stderr(`xmplus-tray: ${text.t('cli.account.noKeychain')}\n`);
    }
    return EXIT.ok;
  });
}

async function logout(ctx: CommandContext): Promise<ExitCode> {
  return withSession(ctx, async (session) => {
    if (session.fromEnvironment) {
      ctx.io.stdout(`${say(ctx).t('cli.account.envNothingToForget')}\n`);
      return EXIT.ok;
    }
    const before = activeOf(session.accounts.state());
    if (!before) {
      ctx.io.stdout(`${say(ctx).t('cli.account.notSignedIn')}\n`);
      return EXIT.ok;
    }
    const result = await session.call('auth.signOut', {});
    if (!result.ok) return ctx.report(result.error);
    const key = before.kind === 'subscription' ? 'cli.account.signedOutLink' : 'cli.account.signedOut';
    ctx.io.stdout(`${say(ctx).t(key, { email: before.email })}
`);
    return EXIT.ok;
  });
}

function profilesTable(state: ProfilesState, text: MainText): string {
  if (state.profiles.length === 0)
    return `${text.t('cli.reason.noProfile', { login: 'xmplus-tray login', add: 'xmplus-tray profiles add URL' })}\n`;
  const rows = [
    [
      '',
      ...(['id', 'email', 'panel', 'name', 'signedIn', 'remembered'] as const).map((c) =>
        text.t(`cli.col.${c}`),
      ),
    ],
  ];
  for (const p of state.profiles) {
    rows.push([
      p.id === state.activeId ? '*' : '',
      p.id,
      p.email,
      p.panelUrl,
      p.displayName,
      text.t(p.signedIn ? 'cli.account.yes' : 'cli.account.no'),
      text.t(p.remember ? 'cli.account.yes' : 'cli.account.no'),
    ]);
  }
  return table(rows);
}

/** A profile by its id, a unique start of its id, or its email when only one profile has it. */
export function findProfile(
  profiles: readonly ProfileView[],
  ref: string,
  text: MainText = ENGLISH,
): ProfileView | string {
  const exact = profiles.find((p) => p.id === ref);
  if (exact) return exact;
  const byPrefix = profiles.filter((p) => p.id.startsWith(ref));
  const byEmail = profiles.filter((p) => p.email.toLowerCase() === ref.toLowerCase());
  const matches = byPrefix.length > 0 ? byPrefix : byEmail;
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) return text.t('cli.account.ambiguous', { ref, count: matches.length });
  return text.t('cli.account.noSuchProfile', { ref, command: 'xmplus-tray profiles' });
}

/** `profiles add URL` / `--url-stdin`: stored and made active only when the link answers. */
async function addSubscription(ctx: CommandContext, typed: string | undefined): Promise<ExitCode> {
  const text = say(ctx);
  const fromStdin = ctx.args.flag('url-stdin');
  if (fromStdin && typed) return ctx.usage(text.t('cli.profiles.linkTwice'));
  const url = fromStdin ? (await ctx.io.readStdin()).trim() : typed;
  if (!url) return ctx.usage(text.t('cli.profiles.giveLink'));
  const client = ctx.args.string('client');
  if (client !== undefined && client !== 'none' && !isClientAgentId(client))
    return ctx.usage(
      text.t('cli.profiles.badClient', { clients: [...Object.keys(CLIENT_AGENTS), 'none'].join(', ') }),
    );
  return withSession(ctx, async (session) => {
    if (session.fromEnvironment) {
      return ctx.usage(text.t('cli.account.envNoProfiles'));
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
        ? text.t('cli.profiles.noUsage')
        : text.t('cli.profiles.usage', {
            used: bytesText(service.usedBytes),
            total: service.totalBytes > 0 ? bytesText(service.totalBytes) : text.t('cli.status.unlimited'),
          });
    ctx.io.stdout(
      `${text.t('cli.profiles.added', { name: profile.displayName, email: profile.email, usage, count: servers })}\n`,
    );
    return EXIT.ok;
  });
}

async function profiles(ctx: CommandContext): Promise<ExitCode> {
  const [action = 'list', ref] = ctx.args.positionals;
  const text = say(ctx);
  if (!['list', 'use', 'remove', 'add'].includes(action)) {
    return ctx.usage(text.t('cli.account.unknownAction', { action }));
  }
  if (action === 'add') return addSubscription(ctx, ref);
  if (action !== 'list' && !ref)
    return ctx.usage(text.t('cli.account.giveProfile', { command: `profiles ${action} ID` }));
  return withSession(ctx, async (session) => {
    if (session.fromEnvironment && action !== 'list') {
      return ctx.usage(text.t('cli.account.envNoProfiles'));
    }
    if (action === 'list')
      return output(ctx, await session.call('profiles.list', {}), (state) => profilesTable(state, text));
    const found = findProfile(session.accounts.state().profiles, ref ?? '', text);
    if (typeof found === 'string') return ctx.report(worded(text, 'validation', found), EXIT.error);
    const channel = action === 'use' ? 'profiles.switch' : 'profiles.remove';
    return output(ctx, await session.call(channel, { id: found.id }), (state) =>
      action === 'use'
        ? `${text.t('cli.account.nowUsing', { email: found.email, panel: found.panelUrl })}\n`
        : `${text.t('cli.account.removed', { email: found.email, panel: found.panelUrl })}${state.activeId ? '' : ` ${text.t('cli.account.noneActive')}`}\n`,
    );
  });
}

async function register(ctx: CommandContext): Promise<ExitCode> {
  const name = ctx.args.string('name');
  const email = ctx.args.string('email');
  const text = say(ctx);
  if (!name || !email) return ctx.usage(text.t('cli.account.giveNameEmail'));
  return withSession(ctx, async (session) => {
    if (session.fromEnvironment) {
      return ctx.usage(text.t('cli.account.unsetToRegister'));
    }
    const panelUrl = panelFor(ctx, session);
    if (!panelUrl) return ctx.usage(text.t('cli.account.givePanel'));
    const key = await apiKeyFor(ctx, session, panelUrl);
    if (!key.ok) return key.exit;
    const apiKey = key.apiKey ? { apiKey: key.apiKey } : {};
    let code = ctx.args.string('code');
    if (!code) {
      const sent = await session.call('auth.sendCode', { panelUrl, ...apiKey, name, email });
      if (!sent.ok) return ctx.report(sent.error);
      ctx.io.stdout(`${sent.value.message || text.t('cli.account.codeSent', { email })}\n`);
      const asked = ctx.args.flag('password-stdin')
        ? null
        : await ctx.io.prompt(text.t('cli.account.codePrompt'));
      if (!asked?.trim()) {
        ctx.io.stdout(`${text.t('cli.account.runWithCode')}\n`);
        return EXIT.ok;
      }
      code = asked.trim();
    }
    const password = await readPassword(ctx, text.t('cli.account.choosePassword'));
    if (!password) return noPassword(ctx);
    if (!ctx.args.flag('password-stdin')) {
      const again = await ctx.io.promptSecret(text.t('cli.account.passwordAgain'));
      if (again !== password) return ctx.usage(text.t('cli.account.passwordsDiffer'));
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
    ctx.io.stdout(`${text.t('cli.account.registered', { email })}\n`);
    return EXIT.ok;
  });
}

async function resetPassword(ctx: CommandContext): Promise<ExitCode> {
  return withSession(ctx, async (session) => {
    const email = ctx.args.string('email') ?? activeOf(session.accounts.state())?.email;
    const panelUrl = panelFor(ctx, session);
    if (!panelUrl || !email) return ctx.usage(say(ctx).t('cli.account.givePanelEmail'));
    const key = await apiKeyFor(ctx, session, panelUrl);
    if (!key.ok) return key.exit;
    const sent = await session.call('auth.resetPassword', {
      panelUrl,
      ...(key.apiKey ? { apiKey: key.apiKey } : {}),
      email,
    });
    return output(
      ctx,
      sent,
      (value) => `${value.message || say(ctx).t('cli.account.resetSent', { email })}\n`,
    );
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
