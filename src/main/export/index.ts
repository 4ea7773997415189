// The export core's entry points: panel servers in, a format's text (or QR images) out, or a
// bundle of files for a folder. Pure apart from QR rendering being async; nothing here touches
// electron, the clipboard or the file system (see write.ts for that).

import type { PanelServer } from '../../shared/domain';
import { collectServers, toShareLink } from './model';
import type { ServerModel, SkipNote } from './model';
import { displayName } from './formats/common';
import type { FormatOutput } from './formats/common';
import { renderLinks } from './model';
import { renderBase64 } from './formats/base64';
import { renderClash } from './formats/clash';
import { renderSingbox } from './formats/singbox';
import { renderXray } from './formats/xray';
import { qrPng, qrSvg } from '../qr';
import type { ExportFile } from './write';

export type { ServerModel, SkipNote, ParseResult, Protocol, Transport, Security } from './model';
export { parseShareLink, toShareLink, fromPanelServer, collectServers, pseudoServerReason } from './model';
export type { FormatOutput } from './formats/common';
export { qrPng, qrSvg } from '../qr';
export type { ExportFile, WrittenFiles } from './write';
export { createExportFolder, writeFilesAtomically } from './write';

export type ExportFormat = 'links' | 'base64' | 'clash' | 'singbox' | 'xray' | 'qr';
export type TextFormat = Exclude<ExportFormat, 'qr'>;
export const EXPORT_FORMATS: readonly ExportFormat[] = ['links', 'base64', 'clash', 'singbox', 'xray', 'qr'];
export const TEXT_FORMATS: readonly TextFormat[] = ['links', 'base64', 'clash', 'singbox', 'xray'];

export function isExportFormat(value: string): value is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(value);
}

/** How each text format is saved: a file-name suffix and a MIME type for save dialogs. */
export const FORMAT_FILES: Record<TextFormat, { suffix: string; mime: string; label: string }> = {
  links: { suffix: '-links.txt', mime: 'text/plain', label: 'Share links' },
  base64: { suffix: '-subscription.txt', mime: 'text/plain', label: 'Base64 subscription (v2rayN)' },
  clash: { suffix: '-clash.yaml', mime: 'application/yaml', label: 'Clash Meta / mihomo' },
  singbox: { suffix: '-sing-box.json', mime: 'application/json', label: 'sing-box' },
  xray: { suffix: '-xray.json', mime: 'application/json', label: 'Xray' },
};

const RENDERERS: Record<TextFormat, (models: readonly ServerModel[]) => FormatOutput> = {
  links: renderLinks,
  base64: renderBase64,
  clash: renderClash,
  singbox: renderSingbox,
  xray: renderXray,
};

/** Renders models (already collected) in a text format. */
export function renderFormat(models: readonly ServerModel[], format: TextFormat): FormatOutput {
  return RENDERERS[format](models);
}

export interface QrCode {
  remark: string;
  /** What the code encodes. */
  link: string;
  png: Buffer;
  svg: string;
}

export type ExportResult =
  | {
      format: TextFormat;
      text: string;
      /** Servers this format cannot express, with the reason. */
      skipped: SkipNote[];
      /** Panel entries that are not servers (plan info) or could not be read. */
      dropped: SkipNote[];
      count: number;
    }
  | { format: 'qr'; codes: QrCode[]; skipped: SkipNote[]; dropped: SkipNote[]; count: number };

/** Draws a code per model; a link too long for a QR code is skipped with a reason. */
async function drawEach<T>(
  models: readonly ServerModel[],
  draw: (link: string) => Promise<T>,
): Promise<{ codes: (Omit<QrCode, 'png' | 'svg'> & { image: T })[]; skipped: SkipNote[] }> {
  const codes: (Omit<QrCode, 'png' | 'svg'> & { image: T })[] = [];
  const skipped: SkipNote[] = [];
  for (const model of models) {
    const link = toShareLink(model);
    try {
      codes.push({ remark: displayName(model), link, image: await draw(link) });
    } catch (thrown) {
      const detail = thrown instanceof Error ? thrown.message : String(thrown);
      skipped.push({ remark: model.remark, reason: `the link does not fit in a QR code (${detail})` });
    }
  }
  return { codes, skipped };
}

/** QR codes for models as PNG and SVG (files, the CLI); a link too long is skipped with a reason. */
export async function renderQrCodes(
  models: readonly ServerModel[],
): Promise<{ codes: QrCode[]; skipped: SkipNote[] }> {
  const { codes, skipped } = await drawEach(models, async (link) => {
    const [png, svg] = await Promise.all([qrPng(link), qrSvg(link)]);
    return { png, svg };
  });
  return { codes: codes.map(({ image, ...code }) => ({ ...code, ...image })), skipped };
}

/**
 * QR codes for models as SVG only, for the window. Encoding a PNG costs far more than the SVG (a
 * deflated bitmap of 8 pixels a module), and the window never shows one.
 */
export async function renderQrSvgs(
  models: readonly ServerModel[],
): Promise<{ codes: Omit<QrCode, 'png'>[]; skipped: SkipNote[] }> {
  const { codes, skipped } = await drawEach(models, qrSvg);
  return { codes: codes.map(({ image, ...code }) => ({ ...code, svg: image })), skipped };
}

export async function buildExport(
  servers: readonly PanelServer[],
  format: ExportFormat,
): Promise<ExportResult> {
  const { models, dropped } = collectServers(servers);
  if (format === 'qr') {
    const { codes, skipped } = await renderQrCodes(models);
    return { format, codes, skipped, dropped, count: codes.length };
  }
  const { text, skipped } = renderFormat(models, format);
  return { format, text, skipped, dropped, count: models.length - skipped.length };
}

// Windows' device names, with any extension: "CON.png" opens the console, not a file. The
// superscript digits are reserved too, and CONIN$ / CONOUT$ (Microsoft's "Naming Files" page).
const WINDOWS_RESERVED = /^(con|prn|aux|nul|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
const MAX_NAME_BYTES = 100;

/**
 * A file name from free text (a remark): no path separators, no characters Windows refuses,
 * no control or bidi-override characters, not a reserved device name, at most 100 UTF-8 bytes.
 */
export function safeFileName(raw: string, fallback = 'server'): string {
  const cleaned = raw
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what we strip
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, ' ')
    .replace(/\p{Cs}/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
  let name = '';
  for (const char of cleaned) {
    if (Buffer.byteLength(name + char, 'utf8') > MAX_NAME_BYTES) break;
    name += char;
  }
  name = name.replace(/^[.\s]+|[.\s]+$/g, '');
  if (name === '') name = fallback;
  return WINDOWS_RESERVED.test(name) ? `_${name}` : name;
}

/**
 * The folder one export goes into: the profile, what was exported and the local time, e.g.
 * "NovaNet StarterPack-4 2026-12-06 14-05-09" (no colons: Windows refuses them in names).
 */
export function exportFolderName(profile: string, label: string, epochMs: number): string {
  const at = new Date(epochMs);
  const two = (n: number) => String(n).padStart(2, '0');
  const time = `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())} ${two(at.getHours())}-${two(at.getMinutes())}-${two(at.getSeconds())}`;
  const name = safeFileName(`${profile} ${label}`, 'xmplus');
  // Room for the time within safeFileName's length: the name is cut first, at a character.
  let prefix = '';
  for (const char of name) {
    if (Buffer.byteLength(`${prefix}${char} ${time}`, 'utf8') > MAX_NAME_BYTES) break;
    prefix += char;
  }
  return safeFileName(`${prefix.trim()} ${time}`, 'xmplus');
}

/** `stem + ext`, made unique against names already used (case-insensitively). */
function uniqueName(stem: string, ext: string, used: Set<string>): string {
  let name = `${stem}${ext}`;
  for (let n = 2; used.has(name.toLowerCase()); n += 1) name = `${stem} (${n})${ext}`;
  used.add(name.toLowerCase());
  return name;
}

export interface ExportBundle {
  files: ExportFile[];
  /** Per format, the servers it left out. */
  skipped: (SkipNote & { format: ExportFormat })[];
  /** Panel entries that are not servers or could not be read (once, not per format). */
  dropped: SkipNote[];
}

/**
 * Files for several formats at once, ready for writeFilesAtomically. `reserved` names other files
 * of the same export take (the subscription link's): a server named like one gets a suffix.
 */
export async function buildBundle(
  servers: readonly PanelServer[],
  formats: readonly ExportFormat[],
  baseName: string,
  reserved: readonly string[] = [],
): Promise<ExportBundle> {
  const { models, dropped } = collectServers(servers);
  const base = safeFileName(baseName, 'xmplus');
  const used = new Set<string>(reserved.map((name) => name.toLowerCase()));
  const files: ExportFile[] = [];
  const skipped: ExportBundle['skipped'] = [];
  for (const format of new Set(formats)) {
    if (format === 'qr') {
      const qr = await renderQrCodes(models);
      for (const code of qr.codes)
        files.push({ name: uniqueName(safeFileName(code.remark), '.png', used), data: code.png });
      for (const note of qr.skipped) skipped.push({ format, ...note });
      continue;
    }
    const output = renderFormat(models, format);
    files.push({ name: uniqueName(base, FORMAT_FILES[format].suffix, used), data: output.text });
    for (const note of output.skipped) skipped.push({ format, ...note });
  }
  return { files, skipped, dropped };
}
