// Status and export: the account's services as a table, as JSON for scripts, as one Waybar line
// for status bars; the service ids; and the export of servers in every format the app writes.
import { EXPORT_FORMATS, type ExportFormat } from '../../../shared/contract';
import type { Snapshot } from '../../../shared/domain';
import { appError, ok, type AppError, type Result } from '../../../shared/errors';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import { ENGLISH } from '../../i18n';
import { daysLeft, usedPercent, waybarStatus } from '../../monitor';
import type { CliSession } from '../context';
import { runExportCommand } from '../export';
import { bytesText, dateText, json, table } from '../format';
import { EXIT, type Command, type CommandContext, type ExitCode } from '../table';
import { JSON_OPTION, parseId, withSession } from './common';

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
      bytesText(s.totalBytes),
      pct === null ? '—' : `${pct.toFixed(1)}%`,
      left === null ? '—' : String(left),
      dateText(s.expiresAt),
    ]);
  }
  const { account } = snapshot;
  return `${account.username} <${account.email}> · balance ${account.balance.text}\n${table(rows)}`;
}

/** The active profile's snapshot, from the panel. */
async function snapshotOf(session: CliSession): Promise<Result<Snapshot>> {
  const active = await session.accounts.active();
  if (!active.ok) return active;
  return active.value.session.snapshot(active.value.profileId);
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
    ctx.io.stdout(json(line));
    return result.ok ? EXIT.ok : ctx.report(result.error, exitFor(result.error));
  }
  if (!result.ok) return ctx.report(result.error, exitFor(result.error));
  ctx.io.stdout(ctx.args.flag('json') ? json(statusJson(result.value, now)) : statusTable(result.value, now));
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
    rows.push([
      String(s.id),
      s.packageName,
      s.statusLabel || s.status,
      String(snapshot.servers[String(s.id)]?.length ?? 0),
      s.sublink,
    ]);
  }
  ctx.io.stdout(table(rows));
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
    const snapshot = await snapshotOf(session);
    if (!snapshot.ok) return ctx.report(snapshot.error);
    const { services: list, servers } = snapshot.value;
    if (serviceId !== null && !list.some((s) => s.id === serviceId)) {
      const known = list.map((s) => s.id).join(', ');
      return ctx.report(
        appError(
          'validation',
          `There is no service ${serviceId} in this account${known ? ` (services: ${known})` : ''}. See \`xmplus-tray services\`.`,
        ),
      );
    }
    const chosen = serviceId !== null ? (servers[String(serviceId)] ?? []) : Object.values(servers).flat();
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
