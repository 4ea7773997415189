// Export for the window, the tray and the clipboard: picks the servers of one service (or all of the
// active profile's), renders through src/main/export and writes folders atomically. Handlers export.*.
// Before handing servers out it asks for lists fresher than a few minutes (ensureServers); a service
// whose list could not be fetched exports its last known servers, or says why there are none.
import { rmdir } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ExportFormat, QrItem, SaveResult } from '../../shared/contract';
import type { PanelServer, Snapshot } from '../../shared/domain';
import { serverListPart } from '../../shared/domain';
import { appError, fail, ok, type Result } from '../../shared/errors';
import type { Handlers } from '../router';
import type { Platform } from '../platform';
import { userText } from '../i18n/user';
import {
  buildBundle,
  buildExport,
  collectServers,
  createExportFolder,
  exportFolderName,
  qrPng,
  qrSvg,
  renderQrSvgs,
  safeFileName,
  writeFilesAtomically,
  type ExportFile,
} from './index';

type ExportHandlers = Pick<Handlers, 'export.preview' | 'export.qr' | 'export.save' | 'export.copy'>;

export interface ExportService {
  handlers: ExportHandlers;
  save(serviceId: number | null, formats: readonly ExportFormat[]): Promise<Result<SaveResult>>;
}

export const ALL_FORMATS: ExportFormat[] = ['links', 'base64', 'clash', 'singbox', 'xray', 'qr'];

/** Where export finds its servers: the shown snapshot, and a way to make its lists fresh. */
export interface ExportSource {
  snapshot(): Snapshot | null;
  /** The active profile's snapshot with the lists of a service (null: all) fetched when old or failed. */
  ensureServers?(serviceId: number | null): Promise<Result<Snapshot | null>>;
  /** The active profile's name, for the folder an export is saved in. */
  profileName?(): string;
}

export function createExportService(
  platform: Platform,
  source: ExportSource | (() => Snapshot | null),
): ExportService {
  const from: ExportSource = typeof source === 'function' ? { snapshot: source } : source;

  async function fresh(serviceId: number | null): Promise<Result<Snapshot | null>> {
    if (!from.ensureServers || !from.snapshot()) return ok(from.snapshot());
    return from.ensureServers(serviceId);
  }

  async function scope(
    serviceId: number | null,
  ): Promise<Result<{ servers: PanelServer[]; label: string; sublink: string }>> {
    const got = await fresh(serviceId);
    if (!got.ok) return got;
    const snap = got.value;
    if (!snap) return fail(appError('state', 'No data yet. Sign in and refresh first.'));
    if (serviceId !== null) {
      const service = snap.services.find((s) => s.id === serviceId);
      if (!service) return fail(appError('validation', `There is no service #${serviceId} in this account.`));
      const part = serverListPart(snap, serviceId);
      const known = snap.servers[String(serviceId)];
      if (part.error && !known) {
        const text = userText(platform.settingsStore, platform.app.locale);
        return fail(
          appError(part.error.kind, text.t('servers.unavailable', { message: part.error.message }), {
            ...(part.error.code !== undefined ? { code: part.error.code } : {}),
          }),
        );
      }
      return ok({
        servers: snap.servers[String(serviceId)] ?? [],
        label: `${service.packageName || 'service'}-${service.id}`,
        sublink: service.sublink,
      });
    }
    // All services: each server once, even when plans share nodes.
    const seen = new Set<string>();
    const servers = Object.values(snap.servers)
      .flat()
      .filter((s) => {
        const key = s.uri || `${s.type}|${s.address}|${s.port}|${s.remark}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    return ok({
      servers,
      label: 'all-services',
      sublink: snap.services.length === 1 ? snap.services[0]!.sublink : '',
    });
  }

  const nothingToExport = () =>
    fail<never>(
      appError('state', 'There are no servers to export for this selection. Refresh and try again.'),
    );

  async function save(
    serviceId: number | null,
    formats: readonly ExportFormat[],
  ): Promise<Result<SaveResult>> {
    const chosen = await scope(serviceId);
    if (!chosen.ok) return chosen;
    if (chosen.value.servers.length === 0) return nothingToExport();
    const text = userText(platform.settingsStore, platform.app.locale);
    const chosenFolder = await platform.chooseFolder(text.t('export.chooseFolder'));
    if (!chosenFolder) return ok({ saved: false });
    // The export's own files, named before the servers' QR codes so that a server called
    // "subscription-link" gets a suffix instead of a clash that would fail the whole export.
    const own: ExportFile[] = [];
    if (chosen.value.sublink) {
      own.push({ name: 'subscription-link.txt', data: `${chosen.value.sublink}\n` });
      own.push({ name: 'subscription-link.png', data: await qrPng(chosen.value.sublink) });
    }
    const SKIPPED_FILE = 'skipped-servers.txt';
    const bundle = await buildBundle(
      chosen.value.servers,
      formats,
      safeFileName(chosen.value.label, 'xmplus'),
      [...own.map((f) => f.name), SKIPPED_FILE],
    );
    const files = [...bundle.files, ...own];
    const skipped = bundle.skipped.map((s) => `${s.format}: ${s.remark} — ${s.reason}`);
    if (skipped.length) files.push({ name: SKIPPED_FILE, data: `${skipped.join('\n')}\n` });
    // A new folder per export (profile, what, when): nothing the user keeps beside it is touched.
    const made = await createExportFolder(
      chosenFolder,
      exportFolderName(from.profileName?.() ?? '', chosen.value.label, platform.now()),
    );
    if (!made.ok) return made;
    const folder = made.value;
    const written = await writeFilesAtomically(folder, files);
    if (!written.ok) {
      // Nothing was written: the empty folder goes too.
      await rmdir(folder).catch(() => undefined);
      return written;
    }
    return ok({ saved: true, folder, files: written.value.paths.map((p) => basename(p)) });
  }

  const handlers: ExportHandlers = {
    async 'export.preview'({ serviceId, format }) {
      const chosen = await scope(serviceId);
      if (!chosen.ok) return chosen;
      const result = await buildExport(chosen.value.servers, format === 'qr' ? 'links' : format);
      if (result.format === 'qr') return nothingToExport();
      return ok({
        format,
        text: result.text,
        count: result.count,
        skipped: [...result.skipped, ...result.dropped].map((s) => ({ remark: s.remark, reason: s.reason })),
      });
    },
    async 'export.qr'({ serviceId }) {
      const chosen = await scope(serviceId);
      if (!chosen.ok) return chosen;
      const { models, dropped } = collectServers(chosen.value.servers);
      const { codes, skipped } = await renderQrSvgs(models);
      const items: QrItem[] = codes.map((c) => ({ remark: c.remark, link: c.link, svg: c.svg }));
      const subscription = chosen.value.sublink
        ? { remark: 'Subscription link', link: chosen.value.sublink, svg: await qrSvg(chosen.value.sublink) }
        : null;
      return ok({ items, skipped: [...skipped, ...dropped], subscription });
    },
    'export.save': ({ serviceId, formats }) => save(serviceId, formats),
    async 'export.copy'({ serviceId, format }) {
      const chosen = await scope(serviceId);
      if (!chosen.ok) return chosen;
      if (format === 'sublink') {
        if (!chosen.value.sublink)
          return fail(appError('state', 'Choose one service: it has its own subscription link.'));
        return platform.writeClipboard(chosen.value.sublink);
      }
      if (chosen.value.servers.length === 0) return nothingToExport();
      const result = await buildExport(chosen.value.servers, format);
      if (result.format === 'qr' || result.count === 0) return nothingToExport();
      return platform.writeClipboard(result.text);
    },
  };

  return { handlers, save };
}
