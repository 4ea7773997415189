// Status and export: the account's services as a table, as JSON for scripts, as one Waybar line
// for status bars; the service ids; and the export of servers in every format the app writes.
// account/info is the only answer status needs: a service whose server list (service/info) failed
// is still shown, with the panel's reason, and only its own export fails.
import { EXPORT_FORMATS, type ExportFormat } from '../../../shared/contract';
import type { PanelServer, ServerListError, Snapshot } from '../../../shared/domain';
import { serverListPart } from '../../../shared/domain';
import { appError, fail, ok, type AppError, type Result } from '../../../shared/errors';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import { ENGLISH, type MainText } from '../../i18n';
import { ON_DEMAND_MAX_AGE_MS, withServers } from '../../sources/server-parts';
import { daysLeft, usedPercent, waybarAcross, waybarStatus } from '../../monitor';
import type { StatusProfile } from '../../local/status-socket';
import type { Thresholds } from '../../monitor/alerts';
import { runExportCommand } from '../export';
import { cliText } from '../text';
import { cliErrorText, worded } from '../errors';
import { bytesText, dateText, json, table } from '../format';
import { EXIT, type Command, type CommandContext, type ExitCode } from '../table';
import { JSON_OPTION, PROFILE_OPTION, parseId, snapshotOf, withSession } from './common';

/** Why a service's servers are unavailable, as --json gives it: the panel's words, kind and code. */
function serversErrorJson(error: ServerListError | null) {
  if (!error) return null;
  return {
    kind: error.kind,
    message: error.message,
    code: error.code ?? null,
    failedAt: new Date(error.failedAt).toISOString(),
  };
}

const unavailable = (snapshot: Snapshot, id: number, error: ServerListError, text: MainText = ENGLISH) => {
  const name = snapshot.services.find((s) => s.id === id)?.packageName ?? '';
  return `${text.t('cli.status.service', { id: String(id), name })}: ${text.t('servers.unavailable', { message: error.message })}`;
};

/** One line per service whose server list could not be fetched. */
function serverProblems(snapshot: Snapshot, text: MainText = ENGLISH): string[] {
  return snapshot.services.flatMap((s) => {
    const error = serverListPart(snapshot, s.id).error;
    return error ? [unavailable(snapshot, s.id, error, text)] : [];
  });
}

function percentOf(service: Snapshot['services'][number]): number | null {
  const pct = usedPercent(service);
  return pct === null ? null : Math.min(100, Math.max(0, Number(pct.toFixed(2))));
}

/** A service as `status --json` gives it. */
function serviceJson(snapshot: Snapshot, s: Snapshot['services'][number], now: number) {
  return {
    id: s.id,
    package: s.packageName,
    status: s.status,
    statusLabel: s.statusLabel,
    usedBytes: s.usedBytes,
    // null: unlimited (no traffic total).
    totalBytes: s.totalBytes > 0 ? s.totalBytes : null,
    todayBytes: s.todayBytes,
    // null for a plan without a traffic total (unlimited).
    usedPercent: percentOf(s),
    expiresAt: s.expiresAt === null ? null : new Date(s.expiresAt).toISOString(),
    daysLeft: daysLeft(s, now),
    resetInDays: s.resetInDays,
    ipLimit: s.ipLimit ? { online: s.ipLimit.online, limit: s.ipLimit.limit } : null,
    speedLimit: s.speedLimit,
    sublink: s.sublink,
    serversError: serversErrorJson(serverListPart(snapshot, s.id).error),
  };
}

/** The documented `status --json` shape: every profile listed, with its data and its last failure. */
export function statusJson(profiles: readonly StatusProfile[], now: number) {
  return {
    profiles: profiles.map(({ id, name, kind, snapshot, error }) => ({
      id,
      name,
      kind,
      fetchedAt: snapshot ? new Date(snapshot.fetchedAt).toISOString() : null,
      account: snapshot?.account
        ? {
            email: snapshot.account.email,
            username: snapshot.account.username,
            balance: { amount: snapshot.account.balance.amount, currency: snapshot.account.balance.currency },
          }
        : null,
      services: snapshot ? snapshot.services.map((s) => serviceJson(snapshot, s, now)) : [],
      error: error
        ? { kind: error.kind, message: error.message, code: error.code ?? null, status: error.status ?? null }
        : null,
    })),
  };
}

function statusTable(snapshot: Snapshot, now: number, text: MainText = ENGLISH): string {
  const rows = [
    (['id', 'package', 'status', 'used', 'total', 'usedPercent', 'daysLeft', 'expires'] as const).map((c) =>
      text.t(`cli.col.${c}`),
    ),
  ];
  for (const s of snapshot.services) {
    const pct = usedPercent(s);
    const left = daysLeft(s, now);
    rows.push([
      String(s.id),
      s.packageName,
      s.statusLabel || s.status,
      bytesText(s.usedBytes),
      s.totalBytes > 0 ? bytesText(s.totalBytes) : text.t('cli.status.unlimited'),
      pct === null ? '—' : `${pct.toFixed(1)}%`,
      left === null ? '—' : String(left),
      s.expiresAt === null ? text.t('time.noExpiry') : dateText(s.expiresAt),
    ]);
  }
  const { account } = snapshot;
  if (!account) return table(rows);
  // The running app's answer leaves the email out.
  const who = account.email ? `${account.username} <${account.email}>` : account.username;
  return `${who} · ${text.t('cli.status.balance', { amount: account.balance.text })}\n${table(rows)}`;
}

/** A heading per profile, then its account and services, or why there is nothing to show. */
function profilesText(profiles: readonly StatusProfile[], now: number, text: MainText = ENGLISH): string {
  return profiles
    .map(({ name, snapshot, error }) => {
      const age = snapshot
        ? ` · ${text.t('cli.status.updated', { time: dateText(snapshot.fetchedAt) })}`
        : '';
      const heading = `== ${name}${age} ==\n`;
      const why = error
        ? `${text.t(snapshot ? 'cli.status.lastFailed' : 'cli.status.noData', { message: error.message })}\n`
        : '';
      return `${heading}${why}${snapshot ? statusTable(snapshot, now, text) : ''}`;
    })
    .join('\n');
}

/**
 * The profiles status shows: the running app's when it answers, else each watched profile asked
 * by this process (a signed-out one shows its cached data, marked). `--profile ID` keeps one.
 */
async function gatherProfiles(ctx: CommandContext): Promise<Result<StatusProfile[]>> {
  const pin = ctx.args.string('profile');
  const text = cliText(ctx.io.env);
  const pick = (profiles: StatusProfile[]): Result<StatusProfile[]> => {
    if (pin === undefined) return ok(profiles);
    const one = profiles.filter((p) => p.id === pin);
    return one.length > 0
      ? ok(one)
      : fail(
          worded(
            text,
            'validation',
            text.t('cli.account.noSuchProfile', { ref: pin, command: 'xmplus-tray profiles' }),
          ),
        );
  };
  const fromApp = ctx.statusSource ? await ctx.statusSource(ctx.io) : null;
  // The app answers for the profiles it watches; one it does not watch is asked here.
  if (fromApp && fromApp.length > 0 && (pin === undefined || fromApp.some((p) => p.id === pin))) {
    return pick(fromApp);
  }
  const opened = await ctx.session();
  if (!opened.ok) return opened;
  const session = opened.value;
  const stored = session.accounts.state().profiles;
  const listed = stored.filter((p) => session.fromEnvironment || p.watch || p.id === pin);
  if (stored.length === 0) return fail(appError('state', 'Add a profile first.', { reason: 'noProfile' }));
  if (listed.length === 0 && pin === undefined) {
    return fail(worded(text, 'state', text.t('cli.status.noneWatched')));
  }
  const chosen = pick(
    listed.map((p) => ({ id: p.id, name: p.displayName, kind: p.kind, snapshot: null, error: null })),
  );
  if (!chosen.ok) return chosen;
  const profiles = await Promise.all(
    chosen.value.map(async (profile): Promise<StatusProfile> => {
      const known = session.known(profile.id);
      const source = await session.accounts.sourceFor(profile.id);
      if (!source.ok) return { ...profile, snapshot: known, error: source.error };
      const fetched = await source.value.refresh(profile.id, { previous: known });
      if (!fetched.ok) return { ...profile, snapshot: known, error: fetched.error };
      session.remember(fetched.value);
      return { ...profile, snapshot: fetched.value, error: null };
    }),
  );
  return ok(profiles);
}

/** For services and export: the active profile's data (or --profile's), from the app when it has it. */
async function fetchSnapshot(ctx: CommandContext): Promise<Result<Snapshot>> {
  const opened = await ctx.session();
  if (!opened.ok) return opened;
  const active = opened.value.accounts.activeProfile();
  const fromApp = ctx.statusSource && active ? await ctx.statusSource(ctx.io) : null;
  const shown = fromApp?.find((p) => p.id === active?.id)?.snapshot;
  if (shown) return ok(shown);
  return snapshotOf(opened.value);
}

/** Bad settings (half of the XMPLUS_* variables) are a usage error; the rest are errors. */
const exitFor = (error: AppError): ExitCode => (error.kind === 'validation' ? EXIT.usage : EXIT.error);

/** An error as a status bar's reader sees it: in their language (cliErrorText), as the CLI says it. */
const spoken = (error: AppError | null, text: MainText): AppError | null =>
  error && { ...error, message: cliErrorText(error, text).message };

const summaries = (profiles: readonly StatusProfile[], text: MainText) =>
  profiles.map((p) => ({ id: p.id, name: p.name, snapshot: p.snapshot, error: spoken(p.error, text) }));

/** Every profile's failure, named, for stderr. */
const failures = (profiles: readonly StatusProfile[]) =>
  profiles.flatMap((p) => (p.error ? [`${p.name}: ${p.error.message}`] : []));

/**
 * The line `status --waybar` or `status --json` prints for the profiles. The running app prints it
 * with this too, for a status bar's call answered over the status socket, in the language the CLI
 * named. Only the Waybar tooltip is in `text`'s language: the rest is for machines.
 */
export function printedStatus(
  mode: '--waybar' | '--json',
  profiles: readonly StatusProfile[],
  thresholds: Thresholds,
  now: number,
  text: MainText = ENGLISH,
): string {
  if (mode === '--json') return json(statusJson(profiles, now));
  const line = waybarAcross(text, summaries(profiles, text), thresholds, now);
  const problems = profiles.flatMap((p) => (p.snapshot ? serverProblems(p.snapshot, text) : []));
  if (problems.length > 0) line.tooltip = [line.tooltip, ...problems].join('\n');
  return json(line);
}

async function status(ctx: CommandContext): Promise<ExitCode> {
  if (ctx.args.flag('json') && ctx.args.flag('waybar'))
    return ctx.usage(cliText(ctx.io.env).t('cli.status.jsonOrWaybar'));
  const result = await gatherProfiles(ctx);
  const now = ctx.io.now();
  const nothing = !result.ok || result.value.every((p) => p.snapshot === null);
  // With nothing known at all, the first failure is the command's (exit 1).
  const firstError = !result.ok ? result.error : (result.value.find((p) => p.error)?.error ?? null);
  const text = cliText(ctx.io.env);
  if (ctx.args.flag('waybar')) {
    // A status bar shows this line whatever happened: the class says 'error' when nothing is known.
    const opened = result.ok ? await ctx.session() : null;
    const thresholds = opened?.ok
      ? opened.value.thresholds()
      : { trafficPercent: DEFAULT_SETTINGS.trafficThresholds, daysLeft: DEFAULT_SETTINGS.expiryThresholds };
    const profiles = result.ok ? result.value : [];
    const line = result.ok
      ? printedStatus('--waybar', profiles, thresholds, now, text)
      : json(waybarStatus(text, null, thresholds, now, spoken(result.error, text)));
    ctx.io.stdout(line);
    const problems = profiles.flatMap((p) => (p.snapshot ? serverProblems(p.snapshot, text) : []));
    for (const problem of problems) ctx.io.stderr(`xmplus-tray: ${problem}\n`);
    if (nothing && firstError) return ctx.report(firstError, exitFor(firstError));
    return EXIT.ok;
  }
  if (!result.ok) return ctx.report(result.error, exitFor(result.error));
  if (nothing && firstError) return ctx.report(firstError, exitFor(firstError));
  ctx.io.stdout(
    ctx.args.flag('json') ? json(statusJson(result.value, now)) : profilesText(result.value, now, text),
  );
  for (const line of failures(result.value)) ctx.io.stderr(`xmplus-tray: ${line}\n`);
  for (const p of result.value) {
    for (const problem of p.snapshot ? serverProblems(p.snapshot, text) : [])
      ctx.io.stderr(`xmplus-tray: ${problem}\n`);
  }
  return EXIT.ok;
}

async function services(ctx: CommandContext): Promise<ExitCode> {
  const result = await fetchSnapshot(ctx);
  if (!result.ok) return ctx.report(result.error, exitFor(result.error));
  const snapshot = result.value;
  if (ctx.args.flag('json')) {
    ctx.io.stdout(json(snapshot.services));
    return EXIT.ok;
  }
  const text = cliText(ctx.io.env);
  const rows = [
    (['id', 'package', 'status', 'servers', 'subscription'] as const).map((c) => text.t(`cli.col.${c}`)),
  ];
  for (const s of snapshot.services) {
    const known = snapshot.servers[String(s.id)];
    const failed = serverListPart(snapshot, s.id).error !== null;
    rows.push([
      String(s.id),
      s.packageName,
      s.statusLabel || s.status,
      failed
        ? known
          ? text.t('cli.status.oldCount', { count: String(known.length) })
          : text.t('cli.status.unavailable')
        : String(known?.length ?? 0),
      s.sublink,
    ]);
  }
  ctx.io.stdout(table(rows));
  for (const problem of serverProblems(snapshot, text)) ctx.io.stderr(`xmplus-tray: ${problem}\n`);
  return EXIT.ok;
}

const isFormat = (value: string): value is ExportFormat =>
  (EXPORT_FORMATS as readonly string[]).includes(value);

async function exportServers(ctx: CommandContext): Promise<ExitCode> {
  const text = cliText(ctx.io.env);
  const format = ctx.args.string('format');
  if (format === undefined || !isFormat(format)) {
    const formats = EXPORT_FORMATS.join(', ');
    return ctx.usage(
      format === undefined
        ? text.t('cli.export.giveFormat', { formats })
        : text.t('cli.export.badFormat', { formats, value: format }),
    );
  }
  const serviceText = ctx.args.string('service');
  const serviceId = serviceText === undefined ? null : parseId(serviceText);
  if (serviceText !== undefined && serviceId === null) {
    return ctx.usage(text.t('cli.export.badService', { value: serviceText }));
  }
  const out = ctx.args.string('out');
  return withSession(ctx, async (session) => {
    const startedAt = ctx.io.now();
    // Servers about to be handed out are never older than a few minutes, as in the app.
    const fetched = await snapshotOf(session, ON_DEMAND_MAX_AGE_MS);
    if (!fetched.ok) return ctx.report(fetched.error);
    let snapshot = fetched.value;
    const list = snapshot.services;
    if (serviceId !== null && !list.some((s) => s.id === serviceId)) {
      const known = list.map((s) => s.id).join(', ') || text.t('cli.billing.none');
      return ctx.report(
        worded(
          text,
          'validation',
          text.t('cli.export.noService', {
            id: String(serviceId),
            known,
            command: 'xmplus-tray services',
          }),
        ),
      );
    }
    const scope = serviceId !== null ? [serviceId] : list.map((s) => s.id);
    // A failure known from before this run (still in its backoff) is asked again once: export is a
    // person or a script waiting for servers now.
    const retry = scope.filter(
      (id) => (serverListPart(snapshot, id).error?.failedAt ?? Infinity) < startedAt,
    );
    if (retry.length > 0) {
      const active = await session.accounts.active();
      const update = active.ok ? await active.value.source.ensureServers(snapshot, retry) : null;
      if (update?.ok) snapshot = withServers(snapshot, update.value);
    }
    const chosen: PanelServer[] = [];
    const seen = new Set<string>();
    for (const id of scope) {
      const part = serverListPart(snapshot, id);
      const known = snapshot.servers[String(id)];
      if (part.error && !known) {
        // Nothing known to export for this service: say why; fail when it is the one asked for.
        const why = unavailable(snapshot, id, part.error, text);
        if (serviceId !== null) {
          const code = part.error.code !== undefined ? { code: part.error.code } : {};
          return ctx.report(worded(text, part.error.kind, why, code));
        }
        ctx.io.stderr(`xmplus-tray: ${text.t('cli.export.leftOut', { why })}\n`);
        continue;
      }
      if (part.error) {
        const why = unavailable(snapshot, id, part.error, text);
        ctx.io.stderr(`xmplus-tray: ${text.t('cli.export.asOf', { why, time: dateText(part.fetchedAt) })}\n`);
      }
      // Each server once, even when plans share nodes.
      for (const server of known ?? []) {
        if (seen.has(server.uri)) continue;
        seen.add(server.uri);
        chosen.push(server);
      }
    }
    const result = await runExportCommand(chosen, { format, ...(out ? { out } : {}) }, undefined, text);
    if (!result.ok) return ctx.report(result.error);
    for (const note of result.value.notes) ctx.io.stderr(`${note}\n`);
    ctx.io.stdout(result.value.stdout);
    return EXIT.ok;
  });
}

export const STATUS_COMMANDS: readonly Command[] = [
  {
    name: 'status',
    group: 'Status and export',
    summary: 'traffic and days left of every service of every watched profile',
    options: [
      JSON_OPTION,
      { name: 'waybar', type: 'boolean', description: 'print one JSON line for Waybar or Polybar' },
      PROFILE_OPTION,
    ],
    details:
      'Lists every watched profile: a heading per profile, then its services. --json prints {"profiles":[…]} with times (fetchedAt, expiresAt, failedAt) as ISO 8601 strings in UTC, sizes in bytes and usedPercent 0-100 (expiresAt null for a plan that never expires); --waybar shows the most urgent service across them all.',
    examples: ['status', 'status --json', 'status --waybar', 'status --profile ID'],
    run: status,
  },
  {
    name: 'services',
    group: 'Status and export',
    summary: 'the services with their ids (for --service)',
    options: [JSON_OPTION, PROFILE_OPTION],
    run: services,
  },
  {
    name: 'export',
    group: 'Status and export',
    summary: 'export servers: share links, base64 subscription, Clash/mihomo, sing-box, Xray, QR codes',
    options: [
      {
        name: 'format',
        type: 'string',
        choices: EXPORT_FORMATS,
        required: true,
        description: 'what to write',
      },
      {
        name: 'service',
        type: 'string',
        value: 'ID',
        description: "one service's servers (default: every service's)",
      },
      {
        name: 'out',
        type: 'string',
        value: 'PATH',
        file: true,
        description: 'write to this file (a folder of PNGs for qr) instead of printing',
      },
      PROFILE_OPTION,
    ],
    details: 'Without --out, text formats are printed and qr draws QR codes in the terminal.',
    examples: ['export --format clash --service 4 --out clash.yaml', 'export --format qr --out ./qr'],
    run: exportServers,
  },
];
