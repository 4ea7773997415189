// The `export` command's work: servers in, text to print or files written out. It never prints
// itself, so the command decides where each part goes (stdout, stderr, exit code).

import { mkdir } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import type { PanelServer } from '../../shared/domain';
import { fail, ok } from '../../shared/errors';
import type { Result } from '../../shared/errors';
import { buildBundle, buildExport, renderFormat } from '../export/index';
import type { ExportFormat } from '../export/index';
import { collectServers, toShareLink } from '../export/model';
import { displayName } from '../export/formats/common';
import { qrTerminal } from '../qr';
import { styled } from './io';
import { writeFilesAtomically } from '../export/write';
import { PRIVATE_DIR_MODE } from '../private-files';
import type { WriteIo } from '../export/write';
import { ENGLISH, type MainText } from '../i18n';
import { worded } from './errors';

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
 * write that file; qr writes one PNG per server into that folder (created if missing), never
 * over a file already there (the export then fails and writes nothing).
 */
export async function runExportCommand(
  servers: readonly PanelServer[],
  options: { format: ExportFormat; out?: string },
  io?: WriteIo,
  text: MainText = ENGLISH,
): Promise<Result<ExportCommandOutput>> {
  const { format } = options;
  const { models, dropped } = collectServers(servers);
  const left = (key: 'cli.export.dropped' | 'cli.export.skipped', note: { remark: string; reason: string }) =>
    text.t(key, { name: note.remark, reason: note.reason });
  const notes = dropped.map((note) => left('cli.export.dropped', note));
  if (models.length === 0)
    return fail(worded(text, 'state', text.t('cli.export.noServers'), { detail: notes.join('\n') }));

  if (options.out === undefined || options.out === '') {
    if (format === 'qr') {
      const blocks: string[] = [];
      for (const model of models) {
        const link = toShareLink(model);
        blocks.push(`${displayName(model)}\n${styled(await qrTerminal(link))}${link}\n`);
      }
      return ok({ stdout: blocks.join('\n'), notes, written: [] });
    }
    const output = renderFormat(models, format);
    for (const note of output.skipped) notes.push(left('cli.export.skipped', note));
    return ok({ stdout: output.text.endsWith('\n') ? output.text : `${output.text}\n`, notes, written: [] });
  }

  const target = resolve(options.out);
  if (format === 'qr') {
    try {
      await mkdir(target, { recursive: true, mode: PRIVATE_DIR_MODE });
    } catch (thrown) {
      return fail(
        worded(text, 'state', text.t('cli.export.cannotCreate', { path: target, reason: String(thrown) })),
      );
    }
    const bundle = await buildBundle(servers, ['qr'], 'qr');
    for (const note of bundle.skipped) notes.push(left('cli.export.skipped', note));
    const written = await writeFilesAtomically(target, bundle.files, io);
    if (!written.ok) return written;
    return ok({
      stdout: `${text.t('cli.export.wroteQr', { count: written.value.paths.length, path: target })}\n`,
      notes,
      written: written.value.paths,
    });
  }
  const result = await buildExport(servers, format);
  if (result.format === 'qr') return fail({ kind: 'internal', message: 'QR export reached the text path.' });
  for (const note of result.skipped) notes.push(left('cli.export.skipped', note));
  // The one file the user named: replacing it is what was asked (as a shell's `>` would).
  const written = await writeFilesAtomically(
    dirname(target),
    [{ name: basename(target), data: result.text }],
    io,
    { replace: true },
  );
  if (!written.ok) return written;
  return ok({
    stdout: `${text.t('cli.export.wrote', { count: result.count, path: target })}\n`,
    notes,
    written: written.value.paths,
  });
}
