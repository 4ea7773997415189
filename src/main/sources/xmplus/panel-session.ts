// One signed-in panel profile: the panel client plus its token session and the user's credentials,
// exposing every endpoint without token / credential arguments, `snapshot()` — the refresh the
// tray runs on a timer — and `ensureServers()` for callers about to hand servers out. A steady
// snapshot is one request (account/info); server lists are parts fetched when due (server-parts.ts).
import type {
  Gateway,
  Invoice,
  Package,
  Payment,
  ServerListPart,
  Service,
  Snapshot,
} from '../../../shared/domain';
import { serverListPart } from '../../../shared/domain';
import type { Result } from '../../../shared/errors';
import { fail, ok } from '../../../shared/errors';
import type {
  AccountInfo,
  Credentials,
  InvoiceCreated,
  NewInvoiceRequest,
  PanelClient,
  PanelClientOptions,
  PanelMessage,
  RegistrationRequest,
  ServiceDetail,
} from './client';
import { createPanelClient } from './client';
import type { ServersMode, ServersUpdate } from '../server-parts';
import {
  DEFAULT_SERVERS_MAX_AGE_MS,
  ON_DEMAND_MAX_AGE_MS,
  dueServices,
  failedPart,
  staleLists,
  withServers,
} from '../server-parts';
import type { TokenSession } from './token-session';
import { createTokenSession } from './token-session';

/** How to reach the panel (the client's own options) and where the session's secrets come from. */
export interface PanelSessionOptions extends PanelClientOptions {
  getApiKey: () => Promise<Result<string>>;
  getCredentials: () => Promise<Result<Credentials>>;
  now?: () => number;
  refreshAheadMs?: number;
  /** Use this client instead of creating one (tests). */
  client?: PanelClient;
  /**
   * The account/info a sign-in got a moment ago, with when (epoch ms): the first snapshot uses it
   * instead of asking the panel again, if it is at most SIGN_IN_ANSWER_MAX_AGE_MS old.
   */
  firstAccountInfo?: { info: AccountInfo; at: number };
}

/** How long a sign-in's account/info stands in for the first snapshot's. */
export const SIGN_IN_ANSWER_MAX_AGE_MS = 30_000;

export interface SnapshotPlan {
  /**
   * The snapshot before this one (the cache), whose server lists are reused while fresh. Default:
   * this session's last snapshot; null: none, so every list is fetched (a cold start).
   */
  previous?: Snapshot | null;
  /** 'due' (default): only lists that are due; 'all': every list (a manual refresh). */
  servers?: ServersMode;
  /** The servers interval: a list older than this is due. Default 6 h. */
  serversMaxAgeMs?: number;
}

export interface PanelSession {
  readonly client: PanelClient;
  readonly tokens: TokenSession;
  /** Token requests sent so far. */
  readonly tokenRequests: number;
  /** Fetch a fresh token (cached for later calls): proves the API key works. Never returns the token. */
  verifyKey(): Promise<Result<{ expiresAt: number | null }>>;
  /**
   * account/info, plus service/info only for the services whose lists are due (see server-parts.ts).
   * Fails only when account/info does; a failed service/info is that service's part's error, with
   * its last known servers kept.
   */
  snapshot(profileId: string, plan?: SnapshotPlan): Promise<Result<Snapshot>>;
  /**
   * Server lists of the given services (null: all) fetched again when older than maxAgeMs (default
   * ON_DEMAND_MAX_AGE_MS) or failed, for callers about to hand servers out. Lay the update over a
   * snapshot with withServers(). Fails only when the credentials cannot be read.
   */
  ensureServers(
    current: Snapshot,
    serviceIds: readonly number[] | null,
    maxAgeMs?: number,
  ): Promise<Result<ServersUpdate>>;
  accountInfo(serviceId?: number): Promise<Result<AccountInfo>>;
  passwordReset(email: string): Promise<Result<PanelMessage>>;
  registerSendCode(input: { name: string; email: string }): Promise<Result<PanelMessage>>;
  register(input: RegistrationRequest): Promise<Result<PanelMessage>>;
  packages(): Promise<Result<Package[]>>;
  trafficPackages(): Promise<Result<Package[]>>;
  packageInfo(pid: number): Promise<Result<Package>>;
  invoiceCreate(input: NewInvoiceRequest): Promise<Result<InvoiceCreated>>;
  serviceInfo(sid: number): Promise<Result<ServiceDetail>>;
  serviceRenew(sid: number): Promise<Result<InvoiceCreated>>;
  serviceAddTraffic(sid: number, pid: number): Promise<Result<InvoiceCreated>>;
  gateways(): Promise<Result<Gateway[]>>;
  invoices(): Promise<Result<Invoice[]>>;
  invoiceView(invid: string): Promise<Result<Invoice>>;
  invoicePay(invid: string, gatewayId: number): Promise<Result<Payment>>;
  /** Forget the cached token and the known service list (logout, key change). */
  reset(): void;
  close(): Promise<void>;
}

export function createPanelSession(options: PanelSessionOptions): Result<PanelSession> {
  let client: PanelClient;
  if (options.client) {
    client = options.client;
  } else {
    // The client reads only its own options (panel, proxy, zone, timeouts, route) from these.
    const created = createPanelClient(options);
    if (!created.ok) return created;
    client = created.value;
  }
  const now = options.now ?? Date.now;
  const tokens = createTokenSession({
    client,
    getApiKey: options.getApiKey,
    now,
    ...(options.refreshAheadMs !== undefined ? { refreshAheadMs: options.refreshAheadMs } : {}),
  });
  /** The last snapshot this session made: the previous one when the caller gives none. */
  let last: Snapshot | null = null;
  /** A sign-in's account/info, used once (see firstAccountInfo). */
  let signInAnswer = options.firstAccountInfo ?? null;
  function takeSignInAnswer(): Result<AccountInfo> | null {
    const answer = signInAnswer;
    signInAnswer = null;
    return answer && now() - answer.at <= SIGN_IN_ANSWER_MAX_AGE_MS ? ok(answer.info) : null;
  }
  /** service/info requests in flight, per service: a refresh and an export asking at once share one. */
  const inFlight = new Map<number, Promise<Result<ServiceDetail>>>();

  async function withCreds<T>(
    call: (token: string, creds: Credentials) => Promise<Result<T>>,
  ): Promise<Result<T>> {
    const creds = await options.getCredentials();
    if (!creds.ok) return fail<T>(creds.error);
    return tokens.withToken((token) => call(token, creds.value));
  }

  function detailsOf(creds: Credentials, sid: number): Promise<Result<ServiceDetail>> {
    const running = inFlight.get(sid);
    if (running) return running;
    const started = tokens
      .withToken((t) => client.serviceInfo(t, creds, sid))
      .finally(() => inFlight.delete(sid));
    inFlight.set(sid, started);
    return started;
  }

  /** Waits for the given fetches; each failure becomes its own part's error, never the whole result. */
  async function collect(
    fetches: Map<number, Promise<Result<ServiceDetail>>>,
    previous: Snapshot | null,
    maxAgeMs: number,
  ): Promise<ServersUpdate> {
    const update: ServersUpdate = { servers: {}, parts: {} };
    const settled = await Promise.all(
      [...fetches.entries()].map(async ([sid, p]) => [sid, await p] as const),
    );
    for (const [sid, detail] of settled) {
      const key = String(sid);
      if (detail.ok) {
        update.servers[key] = detail.value.servers;
        update.parts[key] = { fetchedAt: now(), error: null };
      } else {
        const before = previous ? serverListPart(previous, sid) : undefined;
        update.parts[key] = failedPart(before, detail.error, now(), maxAgeMs);
      }
    }
    return update;
  }

  async function snapshot(profileId: string, plan: SnapshotPlan = {}): Promise<Result<Snapshot>> {
    const creds = await options.getCredentials();
    if (!creds.ok) return fail(creds.error);
    const previous = plan.previous !== undefined ? plan.previous : last;
    const mode = plan.servers ?? 'due';
    const maxAgeMs = plan.serversMaxAgeMs ?? DEFAULT_SERVERS_MAX_AGE_MS;
    const startedAt = now();
    // Lists already due by time start together with account/info (one round trip); lists that
    // account/info shows to be due (a new service, another package) follow right after.
    const early = new Map<number, Promise<Result<ServiceDetail>>>(
      (previous ? dueServices(previous, previous.services, startedAt, maxAgeMs, mode) : []).map((sid) => [
        sid,
        detailsOf(creds.value, sid),
      ]),
    );
    const account = takeSignInAnswer() ?? (await tokens.withToken((t) => client.accountInfo(t, creds.value)));
    if (!account.ok) {
      await Promise.allSettled(early.values());
      return fail(account.error);
    }
    const services: Service[] = account.value.services;
    const due = dueServices(previous, services, now(), maxAgeMs, mode);
    const fetches = new Map<number, Promise<Result<ServiceDetail>>>();
    for (const sid of due) fetches.set(sid, early.get(sid) ?? detailsOf(creds.value, sid));
    // Requests for services that have gone away are waited on only for cleanliness.
    await Promise.allSettled([...early.entries()].filter(([sid]) => !fetches.has(sid)).map(([, p]) => p));
    const update = await collect(fetches, previous, maxAgeMs);
    // Parts carried over from the previous snapshot (one cached before parts existed dates its lists
    // from its own fetch time).
    const carried: Record<string, ServerListPart> = {};
    if (previous) for (const s of previous.services) carried[String(s.id)] = serverListPart(previous, s.id);
    const result = withServers(
      {
        profileId,
        kind: 'xmplus',
        account: account.value.account,
        services,
        servers: previous?.servers ?? {},
        serverParts: carried,
        fetchedAt: now(),
      },
      update,
    );
    last = result;
    return ok(result);
  }

  async function ensureServers(
    current: Snapshot,
    serviceIds: readonly number[] | null,
    maxAgeMs: number = ON_DEMAND_MAX_AGE_MS,
  ): Promise<Result<ServersUpdate>> {
    const stale = staleLists(current, serviceIds, now(), maxAgeMs);
    if (stale.length === 0) return ok({ servers: {}, parts: {} });
    const creds = await options.getCredentials();
    if (!creds.ok) return fail(creds.error);
    const fetches = new Map(stale.map((sid) => [sid, detailsOf(creds.value, sid)] as const));
    const update = await collect(fetches, current, DEFAULT_SERVERS_MAX_AGE_MS);
    if (last && last.profileId === current.profileId) last = withServers(last, update);
    return ok(update);
  }

  const session: PanelSession = {
    client,
    tokens,
    get tokenRequests() {
      return tokens.tokenRequests;
    },
    verifyKey: () => tokens.renew(),
    snapshot,
    ensureServers,
    accountInfo: (serviceId) => withCreds((t, c) => client.accountInfo(t, c, serviceId)),
    passwordReset: (email) => tokens.withToken((t) => client.passwordReset(t, email)),
    registerSendCode: (input) => tokens.withToken((t) => client.registerSendCode(t, input)),
    register: (input) => tokens.withToken((t) => client.register(t, input)),
    packages: () => tokens.withToken((t) => client.packages(t)),
    trafficPackages: () => tokens.withToken((t) => client.trafficPackages(t)),
    packageInfo: (pid) => tokens.withToken((t) => client.packageInfo(t, pid)),
    invoiceCreate: (input) => withCreds((t, c) => client.invoiceCreate(t, c, input)),
    serviceInfo: (sid) => withCreds((t, c) => client.serviceInfo(t, c, sid)),
    serviceRenew: (sid) => withCreds((t, c) => client.serviceRenew(t, c, sid)),
    serviceAddTraffic: (sid, pid) => withCreds((t, c) => client.serviceAddTraffic(t, c, sid, pid)),
    gateways: () => tokens.withToken((t) => client.gateways(t)),
    invoices: () => withCreds((t, c) => client.invoices(t, c)),
    invoiceView: (invid) => withCreds((t, c) => client.invoiceView(t, c, invid)),
    invoicePay: (invid, gatewayId) => withCreds((t, c) => client.invoicePay(t, c, invid, gatewayId)),
    reset() {
      tokens.invalidate();
      last = null;
    },
    close: () => client.close(),
  };
  return ok(session);
}
