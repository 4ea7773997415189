// One-click import for the window, the tray and the CLI: for a service, which clients the OS has
// (asked per scheme), which formats the panel really serves (probed, cached), the import link of
// each, and, where the panel does not serve a client's format, the app's own export for it.
// Handlers import.*.
import type { ImportOption, ImportOptions } from '../../shared/contract';
import type { Service, Snapshot } from '../../shared/domain';
import { appError, fail, ok, type Result } from '../../shared/errors';
import {
  IMPORT_CLIENT_IDS,
  IMPORT_CLIENTS,
  type ImportClientId,
  type SubscriptionFormat,
} from '../../shared/import-clients';
import type { Handlers } from '../router';
import type { Platform } from '../platform';
import type { KeyValueStore } from '../settings/store';
import { userText } from '../i18n/user';
import { buildExport, qrSvg, safeFileName, writeFilesAtomically, FORMAT_FILES } from '../export/index';
import { CLIENT_SCHEMES, buildImportLink, clientFlag, flaggedSublink, type ImportScheme } from './links';
import {
  compareUserinfo,
  createProbeCache,
  probeSubscription,
  type ProbeOptions,
  type ProbeResult,
} from './probe';

type ImportHandlers = Pick<Handlers, 'import.options' | 'import.open' | 'import.fallback'>;

export interface ImportService {
  handlers: ImportHandlers;
  options(serviceId: number, refresh?: boolean): Promise<Result<ImportOptions>>;
  /** Opens the import link of `client` (the default client when null) in the OS. */
  open(serviceId: number, client: ImportClientId | null): Promise<Result<{ opened: true; link: string }>>;
  /** The import link without opening it (CLI --print). */
  link(serviceId: number, client: ImportClientId): Promise<Result<string>>;
  /** The default client per service from what is known now (no network): for the tray. */
  known(serviceIds: readonly number[]): Record<number, ImportClientId | null>;
  /** Probes, in the background, what the tray needs for these services (installed clients only). */
  warm(serviceIds: readonly number[]): void;
}

export interface ImportDeps {
  platform: Platform;
  snapshot(): Snapshot | null;
  /** The snapshot with this service's server list fresh enough to hand out (the fallback export). */
  ensureServers(serviceId: number): Promise<Result<Snapshot | null>>;
  /** The active profile's proxy setting (panel requests use the same). */
  proxyUrl(): string | null;
  /** The active profile's panel address: the probe allows its kind of address for the links. */
  panelUrl?(): string | null;
  probe?: Partial<Omit<ProbeOptions, 'now'>>;
  /** Told when a probe finished (the tray redraws its import items). */
  onProbed?(): void;
}

const LAST_CLIENT_KEY = 'import.lastClient';

function lastClient(store: KeyValueStore): ImportClientId | null {
  const value = store.get(LAST_CLIENT_KEY);
  return typeof value === 'string' && (IMPORT_CLIENT_IDS as readonly string[]).includes(value)
    ? (value as ImportClientId)
    : null;
}

export function createImportService(deps: ImportDeps): ImportService {
  const { platform } = deps;
  const cache = createProbeCache(
    () => platform.now(),
    () => deps.onProbed?.(),
  );
  /** Clients the OS has an application for, as found at the last look. */
  const installedNow = new Set<ImportClientId>();

  // Asked every time (a local lookup): a client installed while the app runs shows up at once.
  const askOs = async (scheme: ImportScheme): Promise<string> => {
    if (!platform.protocolHandler) return '';
    try {
      return (await platform.protocolHandler(scheme)) ?? '';
    } catch {
      return '';
    }
  };

  /** The scheme to open and the app the OS names for it, or null when no app takes the client's link. */
  async function installed(client: ImportClientId): Promise<{ scheme: ImportScheme; app: string } | null> {
    for (const entry of CLIENT_SCHEMES[client]) {
      const app = await askOs(entry.scheme);
      if (app && (!entry.appName || entry.appName.test(app))) {
        installedNow.add(client);
        return { scheme: entry.scheme, app };
      }
    }
    installedNow.delete(client);
    return null;
  }

  function serviceOf(serviceId: number): Result<{ service: Service; snapshot: Snapshot }> {
    const snapshot = deps.snapshot();
    if (!snapshot) return fail(appError('state', 'No data yet. Sign in and refresh first.'));
    const service = snapshot.services.find((s) => s.id === serviceId);
    if (!service) return fail(appError('validation', `There is no service #${serviceId} in this account.`));
    if (!service.sublink) {
      return fail(appError('state', `Service #${serviceId} has no subscription link to import.`));
    }
    return ok({ service, snapshot });
  }

  const flagOf = (client: ImportClientId) => clientFlag(client, platform.provider.clientFlags);
  const urlOf = (service: Service, client: ImportClientId) => flaggedSublink(service.sublink, flagOf(client));
  const profileName = (service: Service) =>
    `${platform.provider.info.name} · ${service.packageName || `#${service.id}`}`;

  function probe(url: string, format: SubscriptionFormat, fresh: boolean): Promise<ProbeResult> {
    return cache.get(
      `${format} ${url}`,
      async () => {
        return probeSubscription(url, format, {
          proxyUrl: deps.proxyUrl(),
          panelUrl: deps.panelUrl?.() ?? null,
          ...(platform.resolveProxy ? { systemProxy: platform.resolveProxy } : {}),
          ...deps.probe,
          now: () => platform.now(),
        });
      },
      fresh,
    );
  }

  async function optionFor(service: Service, client: ImportClientId, fresh: boolean): Promise<ImportOption> {
    const info = IMPORT_CLIENTS[client];
    const url = urlOf(service, client);
    const [result, os] = await Promise.all([probe(url, info.format, fresh), installed(client)]);
    const served = result.outcome.status === 'served';
    const link = buildImportLink(client, {
      url,
      name: profileName(service),
      ...(os ? { scheme: os.scheme } : {}),
    });
    return {
      client,
      name: info.name,
      installed: os !== null,
      appName: os?.app ?? null,
      status: result.outcome.status,
      servers: result.outcome.status === 'served' ? result.outcome.servers : null,
      reason: result.outcome.status === 'not-served' ? result.outcome.reason : null,
      error: result.outcome.status === 'failed' ? result.outcome.error : null,
      sublink: url,
      link: served ? link : null,
      // Phones scan the import link; a client the OS has here needs no code.
      qrSvg: served && !os ? await qrSvg(link) : null,
      checkedAt: result.checkedAt,
    };
  }

  function pickDefault(options: readonly ImportOption[]): ImportClientId | null {
    const usable = options.filter((o) => o.installed && o.status === 'served');
    const last = lastClient(platform.cacheStore);
    return usable.find((o) => o.client === last)?.client ?? usable[0]?.client ?? null;
  }

  async function options(serviceId: number, refresh = false): Promise<Result<ImportOptions>> {
    const found = serviceOf(serviceId);
    if (!found.ok) return found;
    const { service } = found.value;
    const all = await Promise.all(IMPORT_CLIENT_IDS.map((client) => optionFor(service, client, refresh)));
    // Installed clients first, those that work before those that do not; the table's order otherwise.
    const rank = (o: ImportOption) => (o.installed ? 0 : 2) + (o.status === 'served' ? 0 : 1);
    const clients = all
      .map((o, index) => ({ o, index }))
      .sort((a, b) => rank(a.o) - rank(b.o) || a.index - b.index)
      .map(({ o }) => o);
    // Any probe's headers will do: every flag serves the same account.
    const withInfo = [...IMPORT_CLIENT_IDS]
      .map((client) => cache.peek(`${IMPORT_CLIENTS[client].format} ${urlOf(service, client)}`))
      .find((r) => r?.userinfo);
    return ok({
      serviceId,
      defaultClient: pickDefault(clients),
      clients,
      userinfo: withInfo?.userinfo ?? null,
      mismatch: withInfo?.userinfo ? compareUserinfo(withInfo.userinfo, service) : [],
    });
  }

  async function resolve(
    serviceId: number,
    client: ImportClientId | null,
  ): Promise<Result<{ option: ImportOption; link: string }>> {
    const listed = await options(serviceId);
    if (!listed.ok) return listed;
    const chosen = client ?? listed.value.defaultClient;
    if (!chosen) {
      return fail(
        appError(
          'state',
          'None of the supported proxy clients is installed here, or the panel serves none of their formats.',
        ),
      );
    }
    const option = listed.value.clients.find((o) => o.client === chosen)!;
    if (option.status === 'failed' && option.error) return fail(option.error);
    if (option.status !== 'served' || !option.link) {
      return fail(
        appError(
          'state',
          `The panel does not serve a subscription ${option.name} can read (${option.reason ?? 'unknown format'}). Use the export for ${option.name} instead.`,
        ),
      );
    }
    return ok({ option, link: option.link });
  }

  async function open(serviceId: number, client: ImportClientId | null) {
    const resolved = await resolve(serviceId, client);
    if (!resolved.ok) return resolved;
    const { option, link } = resolved.value;
    if (!option.installed) {
      return fail<never>(
        appError(
          'state',
          `${option.name} is not installed on this computer. Scan its QR code with your phone, or install ${option.name}.`,
        ),
      );
    }
    const opened = await platform.openExternal(link);
    if (!opened.ok) return opened;
    platform.cacheStore.set(LAST_CLIENT_KEY, option.client);
    return ok({ opened: true as const, link });
  }

  async function fallback(
    serviceId: number,
    client: ImportClientId,
    action: 'save' | 'copy',
  ): Promise<Result<{ done: true; file: string | null }>> {
    const found = serviceOf(serviceId);
    if (!found.ok) return found;
    const fresh = await deps.ensureServers(serviceId);
    const snapshot = (fresh.ok ? fresh.value : null) ?? found.value.snapshot;
    const { service } = found.value;
    const info = IMPORT_CLIENTS[client];
    const servers = snapshot.servers[String(serviceId)] ?? [];
    const result = await buildExport(servers, info.fallback);
    if (result.format === 'qr' || result.count === 0) {
      return fail(
        appError('state', 'There are no servers to export for this service. Refresh and try again.'),
      );
    }
    if (action === 'copy') {
      const copied = await platform.writeClipboard(result.text);
      if (!copied.ok) return copied;
      return ok({ done: true as const, file: null });
    }
    const text = userText(platform.settingsStore, platform.app.locale);
    const folder = await platform.chooseFolder(text.t('export.chooseFolder'));
    if (!folder) return ok({ done: true as const, file: null });
    const name = `${safeFileName(`${service.packageName || 'service'}-${service.id}`, 'xmplus')}${FORMAT_FILES[info.fallback].suffix}`;
    const written = await writeFilesAtomically(folder, [{ name, data: result.text }]);
    if (!written.ok) return written;
    const file = written.value.paths[0] ?? name;
    // Opening the file hands it to whatever the OS uses for it (often the client itself).
    if (platform.openPath) await platform.openPath(file);
    return ok({ done: true as const, file });
  }

  return {
    handlers: {
      'import.options': ({ serviceId, refresh }) => options(serviceId, refresh ?? false),
      'import.open': ({ serviceId, client }) => open(serviceId, client),
      'import.fallback': ({ serviceId, client, action }) => fallback(serviceId, client, action),
    },
    options,
    open,
    async link(serviceId, client) {
      const resolved = await resolve(serviceId, client);
      return resolved.ok ? ok(resolved.value.link) : resolved;
    },
    known(serviceIds) {
      const out: Record<number, ImportClientId | null> = {};
      const snapshot = deps.snapshot();
      const last = lastClient(platform.cacheStore);
      for (const id of serviceIds) {
        const service = snapshot?.services.find((s) => s.id === id);
        out[id] = null;
        if (!service?.sublink) continue;
        const servedHere = (client: ImportClientId) =>
          cache.peek(`${IMPORT_CLIENTS[client].format} ${urlOf(service, client)}`)?.outcome.status ===
          'served';
        const order = last ? [last, ...IMPORT_CLIENT_IDS.filter((c) => c !== last)] : [...IMPORT_CLIENT_IDS];
        out[id] = order.find((c) => servedHere(c) && installedNow.has(c)) ?? null;
      }
      return out;
    },
    warm(serviceIds) {
      const snapshot = deps.snapshot();
      for (const id of serviceIds) {
        const service = snapshot?.services.find((s) => s.id === id);
        if (!service?.sublink) continue;
        for (const client of IMPORT_CLIENT_IDS) {
          void installed(client).then((os) => {
            if (os) void probe(urlOf(service, client), IMPORT_CLIENTS[client].format, false);
          });
        }
      }
    },
  };
}
