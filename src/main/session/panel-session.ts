// One signed-in panel profile: the panel client plus its token session and the user's credentials,
// exposing every endpoint without token / credential arguments, and `snapshot()` — the refresh the
// tray runs on a timer. A snapshot with a known service list runs account/info and every
// service/info at once (one round trip when the token is fresh).
import type { Gateway, Invoice, Package, PanelServer, Payment, Service, Snapshot } from '../../shared/domain';
import type { Result } from '../../shared/errors';
import { fail, ok } from '../../shared/errors';
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
} from '../xmplus/client';
import { createPanelClient } from '../xmplus/client';
import type { TokenSession } from './token-session';
import { createTokenSession } from './token-session';

export interface PanelSessionOptions {
  panelUrl: string;
  proxyUrl?: string | null;
  timeZone?: string;
  timeouts?: PanelClientOptions['timeouts'];
  userAgent?: string;
  env?: PanelClientOptions['env'];
  getApiKey: () => Promise<Result<string>>;
  getCredentials: () => Promise<Result<Credentials>>;
  now?: () => number;
  refreshAheadMs?: number;
  /** Use this client instead of creating one (tests). */
  client?: PanelClient;
}

export interface PanelSession {
  readonly client: PanelClient;
  readonly tokens: TokenSession;
  /** Token requests sent so far. */
  readonly tokenRequests: number;
  /** Fetch a fresh token (cached for later calls): proves the API key works. Never returns the token. */
  verifyKey(): Promise<Result<{ expiresAt: number | null }>>;
  snapshot(profileId: string): Promise<Result<Snapshot>>;
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
    const created = createPanelClient({
      panelUrl: options.panelUrl,
      proxyUrl: options.proxyUrl ?? null,
      ...(options.timeZone ? { timeZone: options.timeZone } : {}),
      ...(options.timeouts ? { timeouts: options.timeouts } : {}),
      ...(options.userAgent ? { userAgent: options.userAgent } : {}),
      ...(options.env ? { env: options.env } : {}),
    });
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
  /** Service ids of the last good snapshot: lets the next one fetch everything in one round. */
  let knownServiceIds: number[] = [];

  async function withCreds<T>(
    call: (token: string, creds: Credentials) => Promise<Result<T>>,
  ): Promise<Result<T>> {
    const creds = await options.getCredentials();
    if (!creds.ok) return fail<T>(creds.error);
    return tokens.withToken((token) => call(token, creds.value));
  }

  async function snapshot(profileId: string): Promise<Result<Snapshot>> {
    const creds = await options.getCredentials();
    if (!creds.ok) return fail(creds.error);
    const info = (sid: number) => tokens.withToken((t) => client.serviceInfo(t, creds.value, sid));
    const guessed = [...knownServiceIds];
    // Start account/info and the service/info of every service we already know together; a new
    // service that account/info reveals is fetched right after.
    const accountPromise = tokens.withToken((t) => client.accountInfo(t, creds.value));
    const early = new Map<number, Promise<Result<ServiceDetail>>>(guessed.map((sid) => [sid, info(sid)]));
    const account = await accountPromise;
    if (!account.ok) {
      await Promise.allSettled(early.values());
      return fail(account.error);
    }
    const services: Service[] = account.value.services;
    const details = await Promise.all(services.map((s) => early.get(s.id) ?? info(s.id)));
    // Requests for services that have gone away are not waited on for the result, only for cleanliness.
    await Promise.allSettled(
      [...early.entries()].filter(([sid]) => !services.some((s) => s.id === sid)).map(([, p]) => p),
    );
    const servers: Record<string, PanelServer[]> = {};
    for (const [index, detail] of details.entries()) {
      const service = services[index];
      if (!service) continue;
      if (!detail.ok) return fail(detail.error);
      servers[String(service.id)] = detail.value.servers;
    }
    knownServiceIds = services.map((s) => s.id);
    return ok({ profileId, account: account.value.account, services, servers, fetchedAt: now() });
  }

  const session: PanelSession = {
    client,
    tokens,
    get tokenRequests() {
      return tokens.tokenRequests;
    },
    verifyKey: () => tokens.renew(),
    snapshot,
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
      knownServiceIds = [];
    },
    close: () => client.close(),
  };
  return ok(session);
}
