// The command-line tool over the same core as the app: login, logout, status (table, --json,
// --waybar), services and export. Profiles are the desktop app's (same config folder); secrets are
// in the OS keychain. With XMPLUS_PANEL_URL / XMPLUS_API_KEY / XMPLUS_EMAIL / XMPLUS_PASSWORD set,
// the keychain is neither read nor written. Never prints a secret.
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Snapshot } from '../shared/domain';
import { appError, fail, ok, toAppError, type AppError, type Result } from '../shared/errors';
import { DEFAULT_SETTINGS } from '../shared/settings';
import { createPanelSession, type PanelSession } from './session/panel-session';
import { chooseSecretBackend, createCredentialStore, type CredentialStore } from './session/secrets';
import { defaultConfigDir, openFileStore, SETTINGS_FILE, type KeyValueStore } from './settings/store';
import {
  readActiveProfileId,
  readProfiles,
  readSettings,
  setActiveProfileId,
  upsertProfile,
  type ProfileRecord,
} from './settings/settings';
import { validatePanelUrl } from './xmplus/transport';
import { daysLeft, usedPercent, waybarStatus } from './monitor';
import { ENGLISH, formatBytes } from './i18n';
import { parseExportArgs, runExportCommand, EXPORT_USAGE } from './export/cli';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Reads all of stdin (for --password-stdin). */
  readStdin(): Promise<string>;
  /** Asks for a secret without echo; null when there is no terminal. */
  promptSecret(question: string): Promise<string | null>;
  env: NodeJS.ProcessEnv;
  now(): number;
}

const USAGE = `Usage: xmplus-tray <command> [options]

Commands:
  login [--panel URL] [--email EMAIL] [--api-key KEY] [--password-stdin] [--no-remember]
                         sign in (the password is asked for, or read from stdin) and save it in the keychain
  logout                 forget the active profile's password (and the API key if no other profile uses it)
  status [--json|--waybar]
                         traffic and days left of every service
  services               the services with their ids (for --service)
  ${EXPORT_USAGE}
                         export servers: share links, base64 subscription, Clash/mihomo, sing-box, Xray, QR
  help                   this text

Environment (for scripts; the keychain is then not used):
  XMPLUS_PANEL_URL, XMPLUS_API_KEY, XMPLUS_EMAIL, XMPLUS_PASSWORD, XMPLUS_CONFIG_DIR`;

interface Context {
  session: PanelSession;
  profileId: string;
  close(): Promise<void>;
}

function flags(argv: readonly string[]) {
  const values = new Map<string, string | true>();
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      rest.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    if (eq > 0) values.set(arg.slice(2, eq), arg.slice(eq + 1));
    else if (['panel', 'email', 'api-key'].includes(arg.slice(2)) && argv[i + 1] !== undefined) {
      values.set(arg.slice(2), argv[(i += 1)]!);
    } else values.set(arg.slice(2), true);
  }
  return { values, rest };
}

const str = (v: string | true | undefined) => (typeof v === 'string' ? v : undefined);

function envCredentials(env: NodeJS.ProcessEnv) {
  const {
    XMPLUS_PANEL_URL: panelUrl,
    XMPLUS_API_KEY: apiKey,
    XMPLUS_EMAIL: email,
    XMPLUS_PASSWORD: password,
  } = env;
  const any = panelUrl || apiKey || email || password;
  if (!any) return null;
  return { panelUrl, apiKey, email, password };
}

async function openStores(io: CliIo): Promise<{ settings: KeyValueStore; credentials: CredentialStore }> {
  const dir = defaultConfigDir(io.env);
  const settings = openFileStore(join(dir, SETTINGS_FILE));
  if (settings.movedAside) io.stderr(`A damaged settings file was moved aside to ${settings.movedAside}.\n`);
  const { backend } = await chooseSecretBackend();
  return { settings: settings.store, credentials: createCredentialStore(backend) };
}

async function context(io: CliIo): Promise<Result<Context>> {
  const fromEnv = envCredentials(io.env);
  if (fromEnv) {
    const missing = (['panelUrl', 'apiKey', 'email', 'password'] as const).filter((k) => !fromEnv[k]);
    if (missing.length) {
      const names = {
        panelUrl: 'XMPLUS_PANEL_URL',
        apiKey: 'XMPLUS_API_KEY',
        email: 'XMPLUS_EMAIL',
        password: 'XMPLUS_PASSWORD',
      };
      return fail(
        appError('validation', `Set ${missing.map((k) => names[k]).join(', ')} too, or none of them.`),
      );
    }
    const session = createPanelSession({
      panelUrl: fromEnv.panelUrl!,
      getApiKey: async () => ok(fromEnv.apiKey!),
      getCredentials: async () => ok({ email: fromEnv.email!, password: fromEnv.password! }),
      env: io.env,
    });
    if (!session.ok) return session;
    return ok({ session: session.value, profileId: 'env', close: () => session.value.close() });
  }
  const { settings, credentials } = await openStores(io);
  const activeId = readActiveProfileId(settings);
  const profile = readProfiles(settings).find((p) => p.id === activeId);
  if (!profile) return fail(appError('auth', 'No account yet. Run `xmplus-tray login` first.'));
  const origin = new URL(profile.panelUrl).origin;
  const session = createPanelSession({
    panelUrl: profile.panelUrl,
    proxyUrl: profile.options.proxyUrl || null,
    ...(profile.options.timeZone ? { timeZone: profile.options.timeZone } : {}),
    getApiKey: async () => {
      const key = await credentials.getApiKey(origin);
      if (!key.ok) return key;
      return key.value
        ? ok(key.value)
        : fail(appError('auth', 'The API key is not in the keychain. Run `xmplus-tray login`.'));
    },
    getCredentials: async () => {
      const password = await credentials.getPassword(origin, profile.email);
      if (!password.ok) return password;
      return password.value
        ? ok({ email: profile.email, password: password.value })
        : fail(appError('auth', 'You are signed out. Run `xmplus-tray login`.'));
    },
    env: io.env,
  });
  if (!session.ok) return session;
  return ok({ session: session.value, profileId: profile.id, close: () => session.value.close() });
}

async function withSnapshot<T>(
  io: CliIo,
  use: (snapshot: Snapshot) => Promise<Result<T>>,
): Promise<Result<T>> {
  const ctx = await context(io);
  if (!ctx.ok) return ctx;
  try {
    const snapshot = await ctx.value.session.snapshot(ctx.value.profileId);
    return snapshot.ok ? await use(snapshot.value) : snapshot;
  } finally {
    await ctx.value.close();
  }
}

/** The documented `status --json` shape. */
export function statusJson(snapshot: Snapshot, now: number) {
  return {
    account: {
      email: snapshot.account.email,
      username: snapshot.account.username,
      balance: { amount: snapshot.account.balance.amount, currency: snapshot.account.balance.currency },
    },
    fetchedAt: new Date(snapshot.fetchedAt).toISOString(),
    services: snapshot.services.map((s) => ({
      id: s.id,
      package: s.packageName,
      status: s.status,
      statusLabel: s.statusLabel,
      usedBytes: s.usedBytes,
      totalBytes: s.totalBytes,
      todayBytes: s.todayBytes,
      usedPercent: Math.min(100, Math.max(0, Number((usedPercent(s) ?? 0).toFixed(2)))),
      expiresAt: s.expiresAt === null ? null : new Date(s.expiresAt).toISOString(),
      daysLeft: daysLeft(s, now),
      resetInDays: s.resetInDays,
      ipLimit: s.ipLimit ? { online: s.ipLimit.online, limit: s.ipLimit.limit } : null,
      speedLimit: s.speedLimit,
      sublink: s.sublink,
    })),
  };
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((r) => [...(r[col] ?? '')].length)));
  return (
    rows
      .map((r) =>
        r
          .map((cell, col) => cell.padEnd(widths[col]!))
          .join('  ')
          .trimEnd(),
      )
      .join('\n') + '\n'
  );
}

function statusTable(snapshot: Snapshot, now: number): string {
  const rows = [['ID', 'PACKAGE', 'STATUS', 'USED', 'TOTAL', 'USED %', 'DAYS LEFT', 'EXPIRES']];
  for (const s of snapshot.services) {
    const pct = usedPercent(s);
    const left = daysLeft(s, now);
    rows.push([
      String(s.id),
      s.packageName,
      s.statusLabel || s.status,
      formatBytes(s.usedBytes),
      formatBytes(s.totalBytes),
      pct === null ? '—' : `${pct.toFixed(1)}%`,
      left === null ? '—' : String(left),
      s.expiresAt === null ? '—' : new Date(s.expiresAt).toISOString().slice(0, 16).replace('T', ' '),
    ]);
  }
  const head = `${snapshot.account.username} <${snapshot.account.email}> · balance ${snapshot.account.balance.text}\n`;
  return head + table(rows);
}

async function login(argv: readonly string[], io: CliIo): Promise<Result<string>> {
  const { values } = flags(argv);
  const fromEnv = envCredentials(io.env);
  if (fromEnv) {
    // Nothing is stored in this mode: check the credentials and say so.
    const ctx = await context(io);
    if (!ctx.ok) return ctx;
    try {
      const account = await ctx.value.session.accountInfo();
      return account.ok
        ? ok(`Credentials from the environment work for ${account.value.account.email}; nothing was saved.\n`)
        : account;
    } finally {
      await ctx.value.close();
    }
  }
  const { settings, credentials } = await openStores(io);
  const active = readProfiles(settings).find((p) => p.id === readActiveProfileId(settings));
  const panel = str(values.get('panel')) ?? active?.panelUrl;
  const email = str(values.get('email')) ?? active?.email;
  if (!panel || !email) return fail(appError('validation', 'Give --panel URL and --email EMAIL.'));
  const url = validatePanelUrl(panel);
  if (!url.ok) return url;
  const panelUrl = url.value.toString().replace(/\/+$/, '');
  let apiKey = str(values.get('api-key')) ?? null;
  if (!apiKey) {
    const stored = await credentials.getApiKey(url.value.origin);
    if (!stored.ok) return stored;
    apiKey = stored.value;
  }
  if (!apiKey) apiKey = await io.promptSecret('Client API key: ');
  if (!apiKey)
    return fail(appError('validation', 'Give the client API key with --api-key (asked for on a terminal).'));
  let password: string | null;
  if (values.get('password-stdin')) password = (await io.readStdin()).replace(/\r?\n$/, '');
  else password = await io.promptSecret(`Password for ${email}: `);
  if (!password)
    return fail(appError('validation', 'No password given. Use --password-stdin when not on a terminal.'));
  const key = apiKey;
  const pass = password;
  const session = createPanelSession({
    panelUrl,
    getApiKey: async () => ok(key),
    getCredentials: async () => ok({ email, password: pass }),
    env: io.env,
  });
  if (!session.ok) return session;
  try {
    const account = await session.value.accountInfo();
    if (!account.ok) return account;
    const remember = !values.get('no-remember');
    const profile: ProfileRecord = upsertProfile(settings, { panelUrl, email, remember }, io.now);
    const saved = await credentials.save(
      url.value.origin,
      email,
      { password: pass, apiKey: key },
      { remember: true },
    );
    if (!saved.ok) return saved;
    setActiveProfileId(settings, profile.id);
    return ok(`Signed in as ${account.value.account.email} (${account.value.services.length} services).\n`);
  } finally {
    await session.value.close();
  }
}

async function logout(io: CliIo): Promise<Result<string>> {
  if (envCredentials(io.env))
    return ok('Credentials come from the environment; nothing is stored, nothing to forget.\n');
  const { settings, credentials } = await openStores(io);
  const activeId = readActiveProfileId(settings);
  const profiles = readProfiles(settings);
  const profile = profiles.find((p) => p.id === activeId);
  if (!profile) return ok('Not signed in.\n');
  const origin = new URL(profile.panelUrl).origin;
  const shared = profiles.some((p) => p.id !== profile.id && new URL(p.panelUrl).origin === origin);
  const forgotten = await credentials.forget(origin, profile.email, { apiKeyToo: !shared });
  return forgotten.ok
    ? ok(`Signed out ${profile.email}; its password was removed from the keychain.\n`)
    : forgotten;
}

function thresholdsFrom(io: CliIo) {
  if (envCredentials(io.env)) {
    return {
      trafficPercent: DEFAULT_SETTINGS.trafficThresholds,
      daysLeft: DEFAULT_SETTINGS.expiryThresholds,
    };
  }
  const settings = readSettings(openFileStore(join(defaultConfigDir(io.env), SETTINGS_FILE)).store);
  return { trafficPercent: settings.trafficThresholds, daysLeft: settings.expiryThresholds };
}

/** Runs one command; returns the exit code. Nothing here calls process.exit. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...args] = argv;
  const report = (error: AppError) => {
    io.stderr(`xmplus-tray: ${error.message}\n`);
    return 1;
  };
  try {
    switch (command) {
      case 'login': {
        const result = await login(args, io);
        if (!result.ok) return report(result.error);
        io.stdout(result.value);
        return 0;
      }
      case 'logout': {
        const result = await logout(io);
        if (!result.ok) return report(result.error);
        io.stdout(result.value);
        return 0;
      }
      case 'status': {
        const { values } = flags(args);
        if (values.get('waybar')) {
          const thresholds = thresholdsFrom(io);
          const result = await withSnapshot(io, async (s) => ok(s));
          // The CLI speaks English (scripts parse it; the status bar's tooltip too).
          const line = waybarStatus(
            ENGLISH,
            result.ok ? result.value : null,
            thresholds,
            io.now(),
            result.ok ? null : result.error,
          );
          io.stdout(`${JSON.stringify(line)}\n`);
          return result.ok ? 0 : report(result.error);
        }
        const result = await withSnapshot(io, async (s) => ok(s));
        if (!result.ok) return report(result.error);
        io.stdout(
          values.get('json')
            ? `${JSON.stringify(statusJson(result.value, io.now()))}\n`
            : statusTable(result.value, io.now()),
        );
        return 0;
      }
      case 'services': {
        const result = await withSnapshot(io, async (s) => ok(s));
        if (!result.ok) return report(result.error);
        const rows = [['ID', 'PACKAGE', 'STATUS', 'SERVERS', 'SUBSCRIPTION']];
        for (const s of result.value.services) {
          rows.push([
            String(s.id),
            s.packageName,
            s.statusLabel || s.status,
            String(result.value.servers[String(s.id)]?.length ?? 0),
            s.sublink,
          ]);
        }
        io.stdout(table(rows));
        return 0;
      }
      case 'export': {
        const parsed = parseExportArgs(args);
        if (!parsed.ok) return report(parsed.error);
        const { format, serviceId, out } = parsed.value;
        const result = await withSnapshot(io, async (snapshot) => {
          if (serviceId !== undefined && !snapshot.services.some((s) => s.id === serviceId)) {
            return fail(
              appError('validation', `There is no service ${serviceId}. See \`xmplus-tray services\`.`),
            );
          }
          const servers =
            serviceId !== undefined
              ? (snapshot.servers[String(serviceId)] ?? [])
              : Object.values(snapshot.servers).flat();
          return runExportCommand(servers, { format, ...(out ? { out } : {}) });
        });
        if (!result.ok) return report(result.error);
        for (const note of result.value.notes) io.stderr(`${note}\n`);
        io.stdout(result.value.stdout);
        return 0;
      }
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.stdout(`${USAGE}\n`);
        return 0;
      default:
        io.stderr(`xmplus-tray: unknown command "${command}".\n\n${USAGE}\n`);
        return 2;
    }
  } catch (thrown) {
    return report(toAppError(thrown));
  }
}

function nodeIo(): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    async readStdin() {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    promptSecret(question) {
      if (!process.stdin.isTTY) return Promise.resolve(null);
      return new Promise((resolve) => {
        const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
        // Echo nothing while the secret is typed.
        const output = rl as unknown as { _writeToOutput(s: string): void };
        process.stdout.write(question);
        output._writeToOutput = () => undefined;
        rl.question('', (answer) => {
          rl.close();
          process.stdout.write('\n');
          resolve(answer);
        });
      });
    },
    env: process.env,
    now: () => Date.now(),
  };
}

export async function runCliFromProcess(): Promise<void> {
  process.exitCode = await runCli(process.argv.slice(2), nodeIo());
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await runCliFromProcess();
