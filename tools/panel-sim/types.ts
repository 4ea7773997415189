// Public types of the panel simulator: options, the handle returned by startPanelSim, the admin
// surface, faults, and the shape of the simulator's stored state.
import { DRIFT_KINDS } from './drift';
import type { DriftKind } from './drift';
import type { SublinkControl, SublinkFormat } from './sublink';
import type { BillingKey, FullBillingKey } from './format';

export type RefusedTokenMode = 'http401' | 'code200';

export interface PanelSimOptions {
  /** Formats the sublink serves (default all: base64, clash, singbox); see sublink.ts. */
  sublinkFormats?: readonly SublinkFormat[];
  /** 0 (default) picks a free port. */
  port?: number;
  /** Added to every API request. */
  latencyMs?: number;
  /** Token lifetime; default 84,600 s (23.5 h) like current panels. */
  tokenTtlSec?: number;
  /** How an expired or unknown token is refused; default 'http401'. */
  refusedTokenMode?: RefusedTokenMode;
  /** Mark an invoice paid this long after invoice/pay; default null (never). */
  autoPayAfterMs?: number | null;
  /** IANA zone in which dates are printed; default 'UTC'. */
  timeZone?: string;
  /** Clock in epoch ms; default Date.now. */
  now?: () => number;
  /** 'demo' (default): the demo account and its services; 'empty': catalogue only, no accounts. */
  seed?: 'demo' | 'empty';
  log?: (line: string) => void;
  /** Fixed client API key; default a random one per start. */
  apiKey?: string;
  /** Traffic every active service uses per hour of (sim) clock time; default 0. */
  usagePerHourBytes?: number;
  /** Faults active from the start, keyed like SimAdmin.setFault. */
  faults?: Record<string, Fault>;
  /**
   * 'legacy' (default): the client API. 'new': a 2026-generation panel (Laravel + Nuxt) that answers
   * /api/config and /api/auth/login and has no /api/client/ API.
   */
  generation?: 'legacy' | 'new';
  /** The new generation's `app_name` in /api/config; default 'NovaNet'. */
  appName?: string;
}

export interface PanelSim {
  /** http://127.0.0.1:PORT, no trailing slash. */
  url: string;
  apiKey: string;
  demo: { email: string; password: string };
  admin: SimAdmin;
  /** The subscription link's formats and faults (sublink.ts). */
  sublinks: SublinkControl;
  close(): Promise<void>;
}

export type FaultKind =
  | 'http500'
  | 'http502'
  | 'phpWarning'
  | 'malformedJson'
  | 'empty200'
  | 'reset'
  | 'hang'
  | 'gatewaysObject'
  | 'gatewaysArray'
  | 'numericStrings'
  | 'localizedStatus'
  | DriftKind;

export const FAULT_KINDS: readonly FaultKind[] = [
  'http500',
  'http502',
  'phpWarning',
  'malformedJson',
  'empty200',
  'reset',
  'hang',
  'gatewaysObject',
  'gatewaysArray',
  'numericStrings',
  'localizedStatus',
  ...DRIFT_KINDS,
];

/** Either extra latency, or one of the fault kinds (see README.md). */
export type Fault = { latencyMs?: number } | { kind: FaultKind };

export interface SimStats {
  /** Requests per API path (e.g. '/api/client/account/info'), including refused ones. */
  requests: Record<string, number>;
  tokenRequests: number;
  /** service/info requests per `serviceid` that passed the token check (answered or refused). */
  serviceInfo: Record<string, number>;
}

export interface UsagePatch {
  usedBytes?: number;
  todayBytes?: number;
}

export interface CouponSpec {
  percent?: number;
  /** Fixed discount in currency units (e.g. 2.5 = $2.50). */
  fixed?: number;
}

export type DeepReadonly<T> = T extends (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

export interface SimAdmin {
  emailCodes(email: string): string[];
  resetEmails(email: string): number;
  markPaid(invid: string): void;
  expireInvoice(invid: string): void;
  cancelInvoice(invid: string): void;
  setUsage(sid: number, usage: UsagePatch): void;
  addUsage(sid: number, bytes: number): void;
  setExpiry(sid: number, epochMs: number): void;
  patchService(sid: number, partial: Partial<SimService>): void;
  patchPackage(id: number, partial: Partial<SimPackage>): void;
  patchServer(sid: number, index: number, partial: Partial<SimServer>): void;
  patchUser(email: string, partial: Partial<SimUser>): void;
  patchMessages(partial: Partial<PanelMessages>): void;
  addCoupon(code: string, spec: CouponSpec): void;
  setFault(endpoint: string, fault: Fault | null): void;
  clearFaults(): void;
  expireTokens(): void;
  stats(): SimStats;
  resetStats(): void;
  reset(): void;
  state(): DeepReadonly<SimState>;
  invoice(invid: string): DeepReadonly<SimInvoice> | undefined;
}

// ---- stored state -------------------------------------------------------------------------------

export interface SimUser {
  uid: number;
  username: string;
  email: string;
  password: string;
  moneyCents: number;
  aff: string;
  createdAt: number;
}

export interface BillingCycle {
  enabled: boolean;
  priceCents: number;
}

export interface SimPackage {
  id: number;
  kind: 'full' | 'traffic';
  name: string;
  trafficBytes: number;
  desc: string;
  iplimit: number;
  speedlimitMbps: number;
  serverGroupId: number;
  trafficReset: boolean;
  enableStock: boolean;
  stockCount: number;
  /** Full packages use month/quater/semiannual/annual, traffic packages topup_traffic. */
  billing: Partial<Record<BillingKey, BillingCycle>>;
  sort: number;
}

export interface SimServerGroup {
  id: number;
  name: string;
}

export type ServerType = 'vless' | 'vmess' | 'trojan' | 'shadowsocks' | 'hysteria2' | 'tuic';

/** A server as service/info lists it; optional fields appear only for the types that use them. */
export interface SimServer {
  type: ServerType;
  remark: string;
  address: string;
  port: number;
  network: string;
  password: string;
  encryption: string;
  sni: string;
  security: string;
  allowinsecure: boolean;
  header: string;
  fingerprint: string;
  flow: string;
  shortid: string;
  spiderx: string;
  publickey: string;
  uri: string;
  path?: string;
  host?: string;
  servicename?: string;
  mode?: string;
  method?: string;
  alpn?: string;
  obfs?: string;
  obfs_password?: string;
  uuid?: string;
  congestion_control?: string;
  /** vmess only: 'v2rayn' gives the base64 JSON share link instead of the URL form. */
  linkForm?: 'url' | 'v2rayn';
}

export interface SimService {
  sid: number;
  userid: number;
  packageid: number;
  billing: FullBillingKey;
  /** Price of one cycle, charged again on renewal. */
  amountCents: number;
  paidAt: number;
  expiresAt: number;
  iplimit: number;
  onlineIps: number;
  speedlimitMbps: number;
  serverGroupId: number;
  trafficBytes: number;
  usedBytes: number;
  todayBytes: number;
  recentOnline: string | null;
  /** Shown instead of the computed Active / Expired when set. */
  statusOverride: string | null;
  /**
   * When set, service/info refuses this service with code 208 and this message, as real panels do
   * for expired or suspended services while account/info still lists them.
   */
  detailsRefusal?: string | null;
  sublinkToken: string;
  servers: SimServer[];
}

export type InvoiceStatus = 'Pending' | 'Paid' | 'Expired' | 'Cancelled';
export type InvoicePurpose = 'new' | 'renew' | 'topup';

export interface SimPayment {
  gatewayId: number;
  createdAt: number;
  expiresAt: number;
  totalCents: number;
  data: string;
}

export interface SimInvoice {
  id: number;
  invid: string;
  purpose: InvoicePurpose;
  createdAt: number;
  currency: string;
  /** Payable amount after the discount. */
  amountCents: number;
  discountCents: number;
  coupon: string;
  packageid: number;
  packagename: string;
  status: InvoiceStatus;
  userid: number;
  quantity: number;
  billing: BillingKey;
  /** The service renewed or topped up, or (once paid) the first service created. */
  serviceid: number | null;
  paidAt: number | null;
  payment: SimPayment | null;
}

export interface SimGateway {
  id: number;
  gateway: string;
  name: string;
  currency: string;
  currencySymbol: string;
  /** Gateway currency units per USD. */
  rate: number;
  uuid: string;
  notifyUrl: string;
  feePercent: number;
  feeFixedCents: number;
  /** What invoice/pay returns in `data`: a wxp:// payment URI, or an https checkout URL. */
  payKind: 'wxp' | 'checkout';
}

export interface SimCoupon {
  code: string;
  percent: number;
  fixedCents: number;
}

export interface SimEmail {
  to: string;
  kind: 'register-code' | 'password-reset';
  code: string | null;
  at: number;
}

/** Texts the panel puts in `message`; patchable so tests can inject hostile strings. */
export interface PanelMessages {
  invoiceCreated: string;
  accountCreated: string;
  /** `{email}` is replaced by the address. */
  codeSent: string;
  resetSent: string;
}

export interface SimState {
  users: SimUser[];
  serverGroups: SimServerGroup[];
  packages: SimPackage[];
  services: SimService[];
  invoices: SimInvoice[];
  gateways: SimGateway[];
  coupons: SimCoupon[];
  emails: SimEmail[];
  messages: PanelMessages;
  nextUid: number;
  nextSid: number;
  nextInvoiceId: number;
}
