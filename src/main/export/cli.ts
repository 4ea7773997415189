// The `export` command's core, for src/main/cli.ts: arguments in, text to print or files
// written out. It never exits the process and never prints itself, so the lead decides how.

import { mkdir } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import type { PanelServer } from '../../shared/domain';
import { appError, fail, ok } from '../../shared/errors';
import type { Result } from '../../shared/errors';
import { EXPORT_FORMATS, buildBundle, buildExport, isExportFormat, renderFormat } from './index';
import type { ExportFormat } from './index';
import { collectServers, toShareLink } from './model';
import { displayName } from './formats/common';
import { qrTerminal } from './formats/qr';
import { writeFilesAtomically } from './write';
import type { WriteIo } from './write';

export interface ExportArgs {
  format: ExportFormat;
  serviceId?: number;
  out?: string;
}

export const EXPORT_USAGE = `export --format ${EXPORT_FORMATS.join('|')} [--service ID] [--out PATH]`;

/** Reads `--format X [--service ID] [--out PATH]` (also `--format=X`). */
export function parseExportArgs(argv: readonly string[]): Result<ExportArgs> {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    const eq = arg.indexOf('=');
    const key = eq >= 0 ? arg.slice(0, eq) : arg;
    if (!['--format', '--service', '--out'].includes(key))
      return fail(appError('validation', `Unknown argument "${arg}". Usage: ${EXPORT_USAGE}`));
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[(i += 1)];
    if (value === undefined || value === '')
      return fail(appError('validation', `${key} needs a value. Usage: ${EXPORT_USAGE}`));
    values.set(key, value);
  }
  const format = values.get('--format');
  if (format === undefined || !isExportFormat(format))
    return fail(
      appError('validation', `--format must be one of ${EXPORT_FORMATS.join(', ')}. Usage: ${EXPORT_USAGE}`),
    );
  const args: ExportArgs = { format };
  const service = values.get('--service');
  if (service !== undefined) {
    if (!/^\d+$/.test(service))
      return fail(appError('validation', `--service must be a service id number, not "${service}".`));
    args.serviceId = Number(service);
  }
  const out = values.get('--out');
  if (out !== undefined) args.out = out;
  return ok(args);
}

export interface ExportCommandOutput {
  /** What to print on stdout (the export itself, or a line saying where it went). */
  stdout: string;
  /** Lines for stderr: servers left out and why. */
  notes: string[];
  /** Files written, when --out was given. */
  written: string[];
}

/**
 * Runs `export` over the servers of the chosen service(s).
 * No --out: text formats are printed; qr prints terminal QR codes. With --out: text formats
 * write that file; qr writes one PNG per server into that folder (created if missing).
 */
export async function runExportCommand(
  servers: readonly PanelServer[],
  options: { format: ExportFormat; out?: string },
  io?: WriteIo,
): Promise<Result<ExportCommandOutput>> {
  const { format } = options;
  const { models, dropped } = collectServers(servers);
  const notes = dropped.map((note) => `dropped "${note.remark}": ${note.reason}`);
  if (models.length === 0)
    return fail(
      appError('state', 'There are no servers to export for this service.', { detail: notes.join('\n') }),
    );

  if (options.out === undefined || options.out === '') {
    if (format === 'qr') {
      const blocks: string[] = [];
      for (const model of models) {
        const link = toShareLink(model);
        blocks.push(`${displayName(model)}\n${await qrTerminal(link)}${link}\n`);
      }
      return ok({ stdout: blocks.join('\n'), notes, written: [] });
    }
    const output = renderFormat(models, format);
    for (const note of output.skipped) notes.push(`skipped "${note.remark}": ${note.reason}`);
    return ok({ stdout: output.text.endsWith('\n') ? output.text : `${output.text}\n`, notes, written: [] });
  }

  const target = resolve(options.out);
  if (format === 'qr') {
    try {
      await mkdir(target, { recursive: true });
    } catch (thrown) {
      return fail(appError('state', `Cannot create the folder ${target}: ${String(thrown)}`));
    }
    const bundle = await buildBundle(servers, ['qr'], 'qr');
    for (const note of bundle.skipped) notes.push(`skipped "${note.remark}": ${note.reason}`);
    const written = await writeFilesAtomically(target, bundle.files, io);
    if (!written.ok) return written;
    return ok({
      stdout: `Wrote ${written.value.paths.length} QR codes to ${target}\n`,
      notes,
      written: written.value.paths,
    });
  }
  const result = await buildExport(servers, format);
  if (result.format === 'qr') return fail(appError('internal', 'QR export reached the text path.'));
  for (const note of result.skipped) notes.push(`skipped "${note.remark}": ${note.reason}`);
  const written = await writeFilesAtomically(
    dirname(target),
    [{ name: basename(target), data: result.text }],
    io,
  );
  if (!written.ok) return written;
  return ok({ stdout: `Wrote ${result.count} servers to ${target}\n`, notes, written: written.value.paths });
}
