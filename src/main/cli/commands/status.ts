// Status and export: the account's services as a table, as JSON for scripts, as one Waybar line
// for status bars; the service ids; and the export of servers in every format the app writes.
// account/info is the only answer status needs: a service whose server list (service/info) failed
// is still shown, with the panel's reason, and only its own export fails.
import { EXPORT_FORMATS, type ExportFormat } from '../../../shared/contract';
import type { PanelServer, ServerListError, Snapshot } from '../../../shared/domain';
import { serverListPart } from '../../../shared/domain';
import { appError, ok, type AppError, type Result } from '../../../shared/errors';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import { ENGLISH, type MainText } from '../../i18n';
import { ON_DEMAND_MAX_AGE_MS, withServers } from '../../session/server-parts';
import { daysLeft, usedPercent, waybarStatus } from '../../monitor';
import type { Thresholds } from '../../monitor/alerts';
import { runExportCommand } from '../export';
import { cliText } from '../text';
import { bytesText, dateText, json, table } from '../format';
import { EXIT, type Command, type CommandContext, type ExitCode } from '../table';
import { JSON_OPTION, parseId, snapshotOf, withSession } from './common';

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
  return `service ${id} (${name}): ${text.t('servers.unavailable', { message: error.message })}`;
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
      // null for a plan without a traffic total (unlimited).
      usedPercent: percentOf(s),
      expiresAt: s.expiresAt === null ? null : new Date(s.expiresAt).toISOString(),
      daysLeft: daysLeft(s, now),
      resetInDays: s.resetInDays,
      ipLimit: s.ipLimit ? { online: s.ipLimit.online, limit: s.ipLimit.limit } : null,
      speedLimit: s.speedLimit,
      sublink: s.sublink,
      serversError: serversErrorJson(serverListPart(snapshot, s.id).error),
    })),
  };
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
      bytesText(s.usedBytes),
      s.totalBytes > 0 ? bytesText(s.totalBytes) : 'unlimited',
      pct === null ? '—' : `${pct.toFixed(1)}%`,
      left === null ? '—' : String(left),
      s.expiresAt === null ? 'no expiry' : dateText(s.expiresAt),
    ]);
  }
  const { account } = snapshot;
  return `${account.username} <${account.email}> · balance ${account.balance.text}\n${table(rows)}`;
}

/** For status: the running app's snapshot when it answers, else the panel's. */
async function fetchSnapshot(ctx: CommandContext): Promise<Result<Snapshot>> {
  const fromApp = ctx.statusSource ? await ctx.statusSource(ctx.io) : null;
  if (fromApp) return ok(fromApp);
  const opened = await ctx.session();
  if (!opened.ok) return opened;
  return snapshotOf(opened.value);
}

/** Bad settings (half of the XMPLUS_* variables) are a usage error; the rest are errors. */
const exitFor = (error: AppError): ExitCode => (error.kind === 'validation' ? EXIT.usage : EXIT.error);

/**
 * The line `status --waybar` or `status --json` prints for a snapshot. The running app prints it
 * with this too, for a status bar's call answered over the status socket.
 */
export function printedStatus(
  mode: '--waybar' | '--json',
  snapshot: Snapshot,
  thresholds: Thresholds,
  now: number,
): string {
  if (mode === '--json') return json(statusJson(snapshot, now));
  const line = waybarStatus(ENGLISH, snapshot, thresholds, now, null);
  const problems = serverProblems(snapshot);
  if (problems.length > 0) line.tooltip = [line.tooltip, ...problems].join('\n');
  return json(line);
}

async function status(ctx: CommandContext): Promise<ExitCode> {
  if (ctx.args.flag('json') && ctx.args.flag('waybar'))
    return ctx.usage('Give --json or --waybar, not both.');
  const result = await fetchSnapshot(ctx);
  const now = ctx.io.now();
  if (ctx.args.flag('waybar')) {
    // A status bar shows this line whatever happened: the class says 'error' when nothing is known.
    const opened = result.ok ? await ctx.session() : null;
    const thresholds = opened?.ok
      ? opened.value.thresholds()
      : { trafficPercent: DEFAULT_SETTINGS.trafficThresholds, daysLeft: DEFAULT_SETTINGS.expiryThresholds };
    const line = waybarStatus(
      ENGLISH,
      result.ok ? result.value : null,
      thresholds,
      now,
      result.ok ? null : result.error,
    );
    // The class comes from the data there is; services without their server lists are named.
    const problems = result.ok ? serverProblems(result.value) : [];
    if (problems.length > 0) line.tooltip = [line.tooltip, ...problems].join('\n');
    ctx.io.stdout(json(line));
    for (const problem of problems) ctx.io.stderr(`xmplus-tray: ${problem}\n`);
    return result.ok ? EXIT.ok : ctx.report(result.error, exitFor(result.error));
  }
  if (!result.ok) return ctx.report(result.error, exitFor(result.error));
  ctx.io.stdout(ctx.args.flag('json') ? json(statusJson(result.value, now)) : statusTable(result.value, now));
  for (const problem of serverProblems(result.value, cliText(ctx.io.env)))
    ctx.io.stderr(`xmplus-tray: ${problem}\n`);
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
  const rows = [['ID', 'PACKAGE', 'STATUS', 'SERVERS', 'SUBSCRIPTION']];
  for (const s of snapshot.services) {
    const known = snapshot.servers[String(s.id)];
    const failed = serverListPart(snapshot, s.id).error !== null;
    rows.push([
      String(s.id),
      s.packageName,
      s.statusLabel || s.status,
      failed ? (known ? `${known.length} (old)` : 'unavailable') : String(known?.length ?? 0),
      s.sublink,
    ]);
  }
  ctx.io.stdout(table(rows));
  for (const problem of serverProblems(snapshot, cliText(ctx.io.env)))
    ctx.io.stderr(`xmplus-tray: ${problem}\n`);
  return EXIT.ok;
}

const isFormat = (value: string): value is ExportFormat =>
  (EXPORT_FORMATS as readonly string[]).includes(value);

async function exportServers(ctx: CommandContext): Promise<ExitCode> {
  const format = ctx.args.string('format');
  if (format === undefined || !isFormat(format)) {
    return ctx.usage(
      format === undefined
        ? `Give --format: one of ${EXPORT_FORMATS.join(', ')}.`
        : `--format must be one of ${EXPORT_FORMATS.join(', ')}, not "${format}".`,
    );
  }
  const serviceText = ctx.args.string('service');
  const serviceId = serviceText === undefined ? null : parseId(serviceText);
  if (serviceText !== undefined && serviceId === null) {
    return ctx.usage(`--service must be a service id number (like 4), not "${serviceText}".`);
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
      const known = list.map((s) => s.id).join(', ');
      return ctx.report(
        appError(
          'validation',
          `There is no service ${serviceId} in this account${known ? ` (services: ${known})` : ''}. See \`xmplus-tray services\`.`,
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
      const update = active.ok ? await active.value.session.ensureServers(snapshot, retry) : null;
      if (update?.ok) snapshot = withServers(snapshot, update.value);
    }
    const chosen: PanelServer[] = [];
    const seen = new Set<string>();
    for (const id of scope) {
      const part = serverListPart(snapshot, id);
      const known = snapshot.servers[String(id)];
      if (part.error && !known) {
        // Nothing known to export for this service: say why; fail when it is the one asked for.
        const why = unavailable(snapshot, id, part.error);
        if (serviceId !== null) {
          const code = part.error.code !== undefined ? { code: part.error.code } : {};
          return ctx.report(appError(part.error.kind, why, code));
        }
        ctx.io.stderr(`xmplus-tray: ${why} (left out)\n`);
        continue;
      }
      if (part.error) {
        const why = unavailable(snapshot, id, part.error);
        ctx.io.stderr(`xmplus-tray: ${why} (exporting its servers as of ${dateText(part.fetchedAt)})\n`);
      }
      // Each server once, even when plans share nodes.
      for (const server of known ?? []) {
        if (seen.has(server.uri)) continue;
        seen.add(server.uri);
        chosen.push(server);
      }
    }
    const result = await runExportCommand(chosen, { format, ...(out ? { out } : {}) });
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
    summary: 'traffic and days left of every service',
    options: [
      JSON_OPTION,
      { name: 'waybar', type: 'boolean', description: 'print one JSON line for Waybar or Polybar' },
    ],
    details:
      'With --json, times (fetchedAt, expiresAt, failedAt) are ISO 8601 strings in UTC, sizes are bytes and usedPercent is 0-100; expiresAt is null for a plan that never expires.',
    examples: ['status', 'status --json', 'status --waybar'],
    run: status,
  },
  {
    name: 'services',
    group: 'Status and export',
    summary: 'the services with their ids (for --service)',
    options: [JSON_OPTION],
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
    ],
    details: 'Without --out, text formats are printed and qr draws QR codes in the terminal.',
    examples: ['export --format clash --service 4 --out clash.yaml', 'export --format qr --out ./qr'],
    run: exportServers,
  },
];
