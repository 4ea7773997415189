// The source layer's interface: where a profile's data comes from, as the layers above may know it.
// A source turns one profile into a Snapshot (the steady refresh, and server lists on demand) and
// says what else it can do (capabilities). The monitor, tray, notifications, export, import, the
// status socket and the CLI read snapshots and capabilities only; billing reaches its calls through
// `billing`, present only for a source with the billing capability.
import type {
  Account,
  BillingCycle,
  Gateway,
  Invoice,
  Package,
  Payment,
  Service,
  Snapshot,
  SourceCapabilities,
  SourceKind,
} from '../../shared/domain';
import type { Result } from '../../shared/errors';
import type { ServersMode, ServersUpdate } from './server-parts';

export type { SourceCapabilities, SourceKind };

/** What a refresh asks for beyond the usage figures. */
export interface RefreshPlan {
  /**
   * The snapshot before this one (the cache), whose server lists are reused while fresh. Default:
   * the source's own last snapshot; null: none, so every list is fetched (a cold start).
   */
  previous?: Snapshot | null;
  /** 'due' (default): only the lists that are due; 'all': every list (a manual refresh). */
  servers?: ServersMode;
  /** A server list older than this is due. */
  serversMaxAgeMs?: number;
}

export interface InvoiceRequest {
  pid: number;
  billing: BillingCycle;
  coupon?: string;
  qty?: number;
}

export interface InvoiceCreated {
  invoiceId: string;
  message: string;
}

/** The account and billing calls of a source with the billing capability (XMPlus). */
export interface BillingApi {
  /** The account and its services as the panel has them now. */
  accountInfo(): Promise<Result<{ account: Account; services: Service[] }>>;
  packages(): Promise<Result<Package[]>>;
  trafficPackages(): Promise<Result<Package[]>>;
  packageInfo(pid: number): Promise<Result<Package>>;
  invoiceCreate(input: InvoiceRequest): Promise<Result<InvoiceCreated>>;
  serviceRenew(sid: number): Promise<Result<InvoiceCreated>>;
  serviceAddTraffic(sid: number, pid: number): Promise<Result<InvoiceCreated>>;
  gateways(): Promise<Result<Gateway[]>>;
  invoices(): Promise<Result<Invoice[]>>;
  invoiceView(invid: string): Promise<Result<Invoice>>;
  invoicePay(invid: string, gatewayId: number): Promise<Result<Payment>>;
}

export interface Source {
  readonly kind: SourceKind;
  readonly capabilities: Readonly<SourceCapabilities>;
  /**
   * The steady refresh: the usage figures and the server lists that are due. Fails only when the
   * usage cannot be read; a server list that fails is its part's error, its last servers kept.
   */
  refresh(profileId: string, plan?: RefreshPlan): Promise<Result<Snapshot>>;
  /**
   * The server lists of the given services (null: all) fetched again when older than maxAgeMs or
   * failed, for callers about to hand servers out; lay the update over a snapshot with withServers.
   */
  ensureServers(
    current: Snapshot,
    serviceIds: readonly number[] | null,
    maxAgeMs?: number,
  ): Promise<Result<ServersUpdate>>;
  /** Present exactly when capabilities.billing is true. */
  readonly billing: BillingApi | null;
  /** Releases its connections. */
  close(): Promise<void>;
}

/** A panel's answer that is only a message (registration, password reset). */
export interface PanelMessage {
  message: string;
}

export interface Registration {
  name: string;
  email: string;
  passwd: string;
  aff?: string;
  code: string;
}

/**
 * An XMPlus panel before there is a profile for it: the API key check, the sign-in check,
 * registration and password reset. Closed after use.
 */
export interface PanelSetup {
  verifyKey(): Promise<Result<{ expiresAt: number | null }>>;
  accountInfo(): Promise<Result<{ account: Account; services: Service[] }>>;
  passwordReset(email: string): Promise<Result<PanelMessage>>;
  registerSendCode(input: { name: string; email: string }): Promise<Result<PanelMessage>>;
  register(input: Registration): Promise<Result<PanelMessage>>;
  close(): Promise<void>;
}
