// Normalized domain types: what the panel's answers become after schema + normalizer.
// Sizes are bytes (1 GB = 1024^3, the panels' convention), times are epoch milliseconds.
import type { ErrorKind } from './errors';

export interface Money {
  amount: number;
  /** As the panel gives it: a symbol ("$", "¥") or a code ("USD"); '' when none. */
  currency: string;
  /** The panel's own text, trimmed ("$ 49.00"). */
  text: string;
}

export interface IpLimit {
  online: number;
  /** 0 means no limit. */
  limit: number;
}

export type ServiceStatus = 'active' | 'expired' | 'suspended' | 'unknown';

/** A server as the panel lists it under service/info; export parses `uri` into its own model. */
export interface PanelServer {
  type: string;
  remark: string;
  address: string;
  port: number;
  network: string;
  security: string;
  uri: string;
  /** Every other field of the panel's server object, as given (strings, numbers, booleans). */
  fields: Record<string, string | number | boolean | null>;
}

/**
 * A plan. Fields only the XMPlus API gives (package id, billing cycle, amount, IP and speed limits,
 * server group, recent online, reset text) hold neutral values for other sources: 0, '', null.
 */
export interface Service {
  id: number;
  packageId: number;
  packageName: string;
  /** Billing cycle as the panel words it ("Quaterly", "quater", "month"). */
  billing: string;
  amount: Money | null;
  paidAt: number | null;
  expiresAt: number | null;
  totalBytes: number;
  usedBytes: number;
  todayBytes: number;
  ipLimit: IpLimit | null;
  speedLimit: string;
  serverGroup: string;
  recentOnline: string | null;
  status: ServiceStatus;
  /** The panel's own status label ("Active", "فعال"); '' when the panel gave none. */
  statusLabel: string;
  /** The panel's free text about the next traffic reset. */
  resetText: string;
  resetInDays: number | null;
  sublink: string;
}

/** Where a profile's data comes from: the XMPlus client API, or a subscription link alone (any panel). */
export type SourceKind = 'xmplus' | 'subscription';
export const SOURCE_KINDS: readonly SourceKind[] = ['xmplus', 'subscription'];

/** What a kind of source can do; the window, tray and CLI offer only what these allow. */
export interface SourceCapabilities {
  /** An account with a balance (Snapshot.account is not null). */
  account: boolean;
  /** Store, buy, renew, top up and pay. */
  billing: boolean;
  invoices: boolean;
  passwordReset: boolean;
  /** Server lists to export, copy and import. */
  servers: boolean;
  /** A per-service status the panel reports (active, suspended...). */
  serviceStatus: boolean;
}

/** Each kind's capabilities, known without opening its source (profile lists, the CLI). */
export const SOURCE_CAPABILITIES: Readonly<Record<SourceKind, Readonly<SourceCapabilities>>> = {
  xmplus: {
    account: true,
    billing: true,
    invoices: true,
    passwordReset: true,
    servers: true,
    serviceStatus: true,
  },
  subscription: {
    account: false,
    billing: false,
    invoices: false,
    passwordReset: false,
    servers: true,
    serviceStatus: false,
  },
};

export interface Account {
  id: number;
  username: string;
  email: string;
  balance: Money;
}

/** Why a service's server list (service/info) could not be fetched; the panel's own words. */
export interface ServerListError {
  kind: ErrorKind;
  /** The panel's message verbatim for `panel` errors, otherwise the app's sentence. */
  message: string;
  /** Panel code (208 for expired / suspended services). */
  code?: number;
  /** HTTP status for `http` errors. */
  status?: number;
  failedAt: number;
  /** Consecutive failed attempts; sets the wait before the next one. */
  attempts: number;
  /** Not asked again before this time (its own backoff, apart from account/info's). */
  retryAt: number;
}

/** A service's server list as a part of its own: fetched apart from account/info, on its own schedule. */
export interface ServerListPart {
  /** When the list in Snapshot.servers was fetched; null when it never was. */
  fetchedAt: number | null;
  /** The last attempt failed: the list (if any) is the last known one. Cleared by a success. */
  error: ServerListError | null;
}

/** What only a subscription-link profile has, beside its one service (Snapshot.subscription). */
export interface SubscriptionInfo {
  /** support-url and profile-web-page-url: buttons, https only. "Renew" and "Top up" open one. */
  supportUrl: string | null;
  webPageUrl: string | null;
  /** The provider's announcement: plain text, to be shown with its direction isolated. */
  announce: string | null;
  announceUrl: string | null;
  /** Where the usage came from; null: the provider sent none (the service's 0 of 0 means unknown). */
  usageSource: 'header' | 'body' | 'pseudo-servers' | null;
  /** 3x-ui's "starts on first use": the plan has not started and then lasts this long (ms). */
  startsOnFirstUseMs: number | null;
  /** Entries of the subscription that are not servers (pseudo-servers) or could not be read. */
  notes: { remark: string; reason: string }[];
  /** Why there are no servers although the usage came (a device limit); null otherwise. */
  serversHidden: string | null;
  /** The last refusal (HTTP status and the panel's words); the data is then the last known. */
  refusal: { status: number; words: string; at: number } | null;
  /** The link moved permanently to this address (shortened): the user should update it. */
  movedTo: string | null;
  /** The provider's suggested refresh interval, in hours. */
  updateIntervalHours: number | null;
  /** The provider answered only when the app presented itself as a mainstream client. */
  neededClientAgent: boolean;
}

/** The last good data of a profile: what the dashboard shows, cached with its fetch time. */
export interface Snapshot {
  profileId: string;
  /** The kind of source it came from (snapshots cached before there were kinds are XMPlus ones). */
  kind: SourceKind;
  /** Null where the source has no account (a subscription link). */
  account: Account | null;
  services: Service[];
  /** Last known servers per service id, from service/info (kept when a later fetch fails). */
  servers: Record<string, PanelServer[]>;
  /**
   * Per service id: when its servers were fetched and its last failure. Absent in snapshots cached
   * by older versions: read it through serverListPart().
   */
  serverParts?: Record<string, ServerListPart>;
  /** When account/info answered. */
  fetchedAt: number;
  /** Present for subscription-link profiles only. */
  subscription?: SubscriptionInfo;
}

/** A service's server-list part; for snapshots without parts, their lists date from the snapshot. */
export function serverListPart(snapshot: Snapshot, serviceId: number): ServerListPart {
  const key = String(serviceId);
  const part = snapshot.serverParts?.[key];
  if (part) return part;
  return { fetchedAt: key in snapshot.servers ? snapshot.fetchedAt : null, error: null };
}

export type BillingCycle = 'month' | 'quater' | 'semiannual' | 'annual' | 'topup_traffic';
export const FULL_CYCLES: readonly BillingCycle[] = ['month', 'quater', 'semiannual', 'annual'];

export interface PackagePrice {
  cycle: BillingCycle;
  price: Money;
}

export interface Package {
  id: number;
  name: string;
  kind: 'full' | 'traffic';
  trafficBytes: number;
  description: string;
  /** Devices at once; null when the panel does not say (traffic packages). */
  ipLimit: number | null;
  speedLimit: string;
  serverGroup: string;
  trafficReset: boolean;
  /** Units left; null when stock is not limited. */
  stock: number | null;
  /** Only the cycles switched on. */
  prices: PackagePrice[];
  sort: number;
}

export interface Gateway {
  id: number;
  gateway: string;
  name: string;
  currency: string;
  feePercent: number;
  feeFixed: number;
}

export type InvoiceStatus = 'pending' | 'paid' | 'expired' | 'cancelled' | 'unknown';

export interface Invoice {
  id: number;
  invoiceId: string;
  createdAt: number | null;
  currency: string;
  amount: number;
  packageId: number;
  packageName: string;
  discount: number;
  status: InvoiceStatus;
  statusLabel: string;
  quantity: number;
  billing: string;
  serviceId: number | null;
  paidAt: number | null;
}

/**
 * `image`: no payable text, only the panel's own QR picture (`qrcode`); `object`: a processor's
 * payment object that cannot become a QR code (pay on the invoice page).
 */
export type PaymentDataKind = 'https' | 'uri' | 'text' | 'image' | 'object' | 'empty';

export interface Payment {
  id: number | null;
  invoiceId: string;
  createdAt: number | null;
  amount: Money;
  total: string;
  gateway: string;
  /** What to encode in the QR code / copy: a URI, an https URL, an address, or JSON text. */
  data: string;
  dataKind: PaymentDataKind;
  /** The panel's own QR picture as a data:image URL, '' when none. */
  qrcode: string;
  expiresAt: number | null;
  /** The panel's invoice page (pay there in the browser when the data cannot be scanned); '' when unknown. */
  invoiceUrl: string;
}
