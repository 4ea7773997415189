// THE IPC contract: every channel's input schema and output type, and every main -> renderer
// event. Preload, router and renderer are all typed from this file; nothing else names a channel.
import { z } from 'zod';
import type { AppError, Result } from './errors';
import type { Gateway, Invoice, Package, Payment, Snapshot, SourceCapabilities, SourceKind } from './domain';
import { settingsPatchSchema, type Settings } from './settings';
import { type ChannelName, type EventName, type MethodName } from './channel-names';
import { IMPORT_CLIENT_IDS, type ImportClientId } from './import-clients';
import { isHttpLink } from './short-link';

export { CHANNEL_NAMES, EVENT_NAMES, methodName, wireChannel } from './channel-names';
export type { ChannelName, EventName, MethodName } from './channel-names';

// ---------------------------------------------------------------------------------------------
// Shared view types (what the renderer receives; never a secret)

export type Page = 'dashboard' | 'services' | 'billing' | 'invoices' | 'export' | 'settings';

export interface ProviderInfo {
  /** Brand name, or "XMPlus" when the build is not branded. */
  name: string;
  /** A data: URL of the provider's logo, or null. */
  logo: string | null;
  /** The panel URL fixed by the branded build, or null when the user enters one. */
  panelUrl: string | null;
  /** True when the branded build carries the client API key (the key itself never leaves main). */
  hasApiKey: boolean;
  supportUrl: string | null;
  /** Profiles may be added from a subscription link (provider.json `subscriptionLinks`, default true). */
  subscriptionLinks: boolean;
}

export interface AppInfo {
  name: string;
  version: string;
  platform: string;
  /** The system's locale, for 'system' language. */
  locale: string;
  provider: ProviderInfo;
}

export interface ProfileOptions {
  /** http(s):// or socks5:// proxy for panel requests; '' for none (then the system proxy, then HTTPS_PROXY). */
  proxyUrl: string;
  /** IANA zone the panel prints dates in; '' for the machine's zone. */
  timeZone: string;
}

export interface ProfileView {
  id: string;
  /** Where its data comes from; decides its capabilities. */
  kind: SourceKind;
  capabilities: SourceCapabilities;
  panelUrl: string;
  email: string;
  displayName: string;
  options: ProfileOptions;
  /** False: secrets live in memory for this run only. */
  remember: boolean;
  /** Secrets are at hand, so the panel can be asked. */
  signedIn: boolean;
  /** Refreshed on its own schedule and alerted on (default true). */
  watch: boolean;
  /** Its own refresh interval in minutes; null: the global one (settings.refreshMinutes). */
  refreshMinutes: number | null;
  /** A password for the profile's proxy is kept with its secrets; options.proxyUrl is shown without it. */
  proxyPasswordKept?: boolean;
}

export type SecretStorageKind = 'keychain' | 'safeStorage' | 'memory';

export interface ProfilesState {
  profiles: ProfileView[];
  activeId: string | null;
  secretStorage: SecretStorageKind;
}

export interface MonitorState {
  refreshing: boolean;
  lastOkAt: number | null;
  lastError: AppError | null;
  nextAt: number | null;
}

export interface ForecastView {
  bytesPerDay: number;
  runOutAt: number | null;
  /** Days by which traffic runs out before expiry or the next reset; null when it does not. */
  daysEarly: number | null;
  warning: boolean;
}

export type AlertLevel = 'ok' | 'warning' | 'critical' | 'expired';

/** One profile in the overview of every profile: its last known data, age, failure and level. */
export interface ProfileOverview {
  id: string;
  /** Its display name. */
  name: string;
  kind: SourceKind;
  capabilities: SourceCapabilities;
  /** Refreshed on its own schedule (signed in and "watch this profile" on). */
  watched: boolean;
  signedIn: boolean;
  /** The last known data (cached or fresh), null before the first good refresh. */
  snapshot: Snapshot | null;
  /** The data is older than this run's last attempt (cached, signed out, or the last refresh failed). */
  stale: boolean;
  /** When the snapshot was fetched; null when there is none. */
  fetchedAt: number | null;
  /** Why it is stale: the last refresh's failure (the panel's words), or signed out. */
  error: AppError | null;
  /** A refresh of this profile is in flight. */
  refreshing: boolean;
  forecasts: Record<string, ForecastView>;
  level: AlertLevel;
}

/** The active profile's data (snapshot, monitor, forecasts, level) and every profile's overview. */
export interface DataState {
  snapshot: Snapshot | null;
  /** The snapshot comes from the cache (offline, or the last refresh failed). */
  stale: boolean;
  monitor: MonitorState;
  forecasts: Record<string, ForecastView>;
  level: AlertLevel;
  /** Every profile, the active one included, in the profiles' order. */
  profiles: ProfileOverview[];
}

export interface UsageDay {
  date: string;
  usedBytes: number;
  deltaBytes: number;
}

export const EXPORT_FORMATS = ['links', 'base64', 'clash', 'singbox', 'xray', 'qr'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const COPY_FORMATS = ['links', 'base64', 'clash', 'singbox', 'xray', 'sublink'] as const;
export type CopyFormat = (typeof COPY_FORMATS)[number];

export interface SkippedServer {
  remark: string;
  reason: string;
}

export interface ExportPreview {
  format: ExportFormat;
  text: string;
  count: number;
  skipped: SkippedServer[];
}

export interface QrItem {
  remark: string;
  link: string;
  svg: string;
}

export interface QrSet {
  items: QrItem[];
  skipped: SkippedServer[];
  subscription: QrItem | null;
}

export type SaveResult = { saved: true; folder: string; files: string[] } | { saved: false };

/** One proxy client's import for a service: whether it is installed here and served by the panel. */
export interface ImportOption {
  client: ImportClientId;
  name: string;
  /** The OS has an application for the client's link scheme. */
  installed: boolean;
  /** That application's name as the OS gives it ("Clash Verge"). */
  appName: string | null;
  /** What the probe of the flagged subscription link found. */
  status: 'served' | 'not-served' | 'failed';
  servers: number | null;
  /** Why the panel's answer is not what the client reads (not-served). */
  reason: string | null;
  /** Why the probe got no answer (failed). */
  error: AppError | null;
  /** The subscription link with the client's flag. */
  sublink: string;
  /** The deep link; null unless served. */
  link: string | null;
  /** QR code of the deep link, for a phone; null for installed or unserved clients. */
  qrSvg: string | null;
  checkedAt: number;
}

export interface ImportOptions {
  serviceId: number;
  /** The primary "Import into …" client: installed and served (the last one used first). */
  defaultClient: ImportClientId | null;
  clients: ImportOption[];
  /** subscription-userinfo as the subscription link reports it. */
  userinfo: { upload: number; download: number; total: number; expireAt: number | null } | null;
  /** Where that disagrees with account/info. */
  mismatch: { field: 'used' | 'total' | 'expire'; panel: number | null; subscription: number | null }[];
}

export type WatchState = 'watching' | 'paid' | 'expired' | 'cancelled' | 'error';

export interface ServiceChange {
  serviceId: number | null;
  packageName: string;
  expiresBefore: number | null;
  expiresAfter: number | null;
  totalBytesBefore: number | null;
  totalBytesAfter: number | null;
}

export interface WatchView {
  invoiceId: string;
  profileId: string;
  state: WatchState;
  startedAt: number;
  expiresAt: number | null;
  lastCheckedAt: number | null;
  change: ServiceChange | null;
  message: string | null;
}

export interface PaymentView {
  payment: Payment;
  /** The payment data as a QR code, rendered locally. '' when there is nothing to encode. */
  qrSvg: string;
  watch: WatchView;
}

/**
 * The store: full and traffic packages load apart. A list that could not be loaded is empty and
 * its error says why (the panel's words); the channel fails only when neither could be asked.
 */
export interface BillingStore {
  packages: Package[];
  traffic: Package[];
  packagesError: AppError | null;
  trafficError: AppError | null;
}

export interface InvoiceCreated {
  invoiceId: string;
  message: string;
}

export interface UpdateState {
  enabled: boolean;
  /** 'unverified': the feed's update information is not signed with the app's key; nothing was downloaded. */
  status: 'idle' | 'checking' | 'available' | 'downloading' | 'ready' | 'none' | 'error' | 'unverified';
  version: string | null;
  progress: number | null;
  message: string | null;
}

export interface NavigateTarget {
  page: Page;
  /** The profile the service belongs to (a notification of a profile that is not the active one). */
  profileId?: string;
  serviceId?: number;
  /** Billing: open the renew or top-up flow for serviceId. */
  action?: 'renew' | 'topup';
}

/**
 * A subscription link the app offers to add: one an app link brought (`xmplus-tray://add?url=…`) or
 * one the clipboard holds. Never the link itself (a credential): `app.revealLink` gives it once the
 * user accepts.
 */
export interface LinkOffer {
  id: string;
  source: 'appLink' | 'clipboard';
  /** The host the link points at. */
  host: string;
  /** The link shortened (`https://host/…x7Qa`). */
  shortLink: string;
  /** The name the app link suggests; null when it names none. */
  name: string | null;
}

export interface Notice {
  id: string;
  level: 'info' | 'warning' | 'error';
  message: string;
}

// ---------------------------------------------------------------------------------------------
// Input schemas

const empty = z.object({}).strict();
const id = z
  .number()
  .int()
  .positive()
  .max(2 ** 31);
const shortText = (max: number) => z.string().trim().max(max);
const panelUrl = z.string().trim().min(1).max(2048);
const apiKey = z.string().trim().min(1).max(512).optional();
/** A proxy to reach the panel through before there is a profile (setup); kept on the new profile. */
const setupProxy = z.string().trim().max(2048).optional();
const email = z.string().trim().min(3).max(254).email();
const password = z.string().min(1).max(1024);
const invoiceId = z.string().trim().min(1).max(64);
const serviceScope = id.nullable();

/** The panel a setup form speaks to before there is a profile: sign-in, registration, reset, check. */
const panelSetup = { panelUrl, apiKey, proxyUrl: setupProxy };

const profileOptionsPatch = z
  .object({ proxyUrl: z.string().trim().max(2048), timeZone: z.string().trim().max(64) })
  .partial()
  .strict();

// ---------------------------------------------------------------------------------------------
// Channels

interface Channel<I extends z.ZodType, O> {
  input: I;
  /** Phantom: carries the output type only. */
  output: O;
}

const channel = <I extends z.ZodType, O>(input: I): Channel<I, O> => ({ input, output: undefined as O });

export const channels = {
  'app.info': channel<typeof empty, AppInfo>(empty),
  'app.openExternal': channel<z.ZodObject<{ url: z.ZodString }>, { opened: true }>(
    z.object({ url: z.string().max(4096) }).strict(),
  ),
  'app.notices': channel<typeof empty, Notice[]>(empty),
  /** Puts text on the system clipboard (from main: works whether or not the page has focus). */
  'app.copyText': channel<z.ZodObject<{ text: z.ZodString }>, { copied: true }>(
    z.object({ text: z.string().min(1).max(65_536) }).strict(),
  ),
  /** Where the window should open (a notification or tray click); taken once. */
  'app.takeNavigation': channel<typeof empty, NavigateTarget | null>(empty),
  'app.dismissNotice': channel<z.ZodObject<{ id: z.ZodString }>, Notice[]>(
    z.object({ id: z.string().max(64) }).strict(),
  ),
  /** Opens the folder holding the main process's log in the file manager. */
  'app.openLogFolder': channel<typeof empty, { opened: true }>(empty),
  /** Quits the app (tray and window): the window's own way out, also where no tray is shown. */
  'app.quit': channel<typeof empty, { quitting: true }>(empty),
  /** The app link waiting to be confirmed (an "Add to …" link opened the app); taken once. */
  'app.takeAddRequest': channel<typeof empty, LinkOffer | null>(empty),
  /** Whether the clipboard holds an http(s) link now, shortened; read by main, never handed over whole. */
  'app.clipboardLink': channel<typeof empty, LinkOffer | null>(empty),
  /** The full link of an offer the user accepted; once. */
  'app.revealLink': (() => {
    const input = z.object({ id: z.string().min(1).max(64) }).strict();
    return channel<typeof input, { url: string; name: string | null }>(input);
  })(),

  'settings.get': channel<typeof empty, Settings>(empty),
  'settings.set': channel<typeof settingsPatchSchema, Settings>(settingsPatchSchema),

  'provider.check': (() => {
    const input = z.object(panelSetup).strict();
    return channel<typeof input, { origin: string }>(input);
  })(),

  'auth.signIn': (() => {
    const input = z
      .object({
        ...panelSetup,
        email,
        password,
        remember: z.boolean(),
        displayName: shortText(80).optional(),
      })
      .strict();
    return channel<typeof input, ProfilesState>(input);
  })(),
  'auth.signOut': channel<typeof empty, ProfilesState>(empty),
  'auth.sendCode': (() => {
    const input = z.object({ ...panelSetup, name: shortText(64).min(1), email }).strict();
    return channel<typeof input, { message: string }>(input);
  })(),
  'auth.register': (() => {
    const input = z
      .object({
        ...panelSetup,
        name: shortText(64).min(1),
        email,
        password: z.string().min(8).max(1024),
        code: shortText(32).min(1),
        aff: shortText(64),
        remember: z.boolean(),
      })
      .strict();
    return channel<typeof input, ProfilesState>(input);
  })(),
  'auth.resetPassword': (() => {
    const input = z.object({ ...panelSetup, email }).strict();
    return channel<typeof input, { message: string }>(input);
  })(),

  'profiles.list': channel<typeof empty, ProfilesState>(empty),
  'profiles.switch': channel<z.ZodObject<{ id: z.ZodString }>, ProfilesState>(
    z.object({ id: z.string().max(64) }).strict(),
  ),
  'profiles.remove': channel<z.ZodObject<{ id: z.ZodString }>, ProfilesState>(
    z.object({ id: z.string().max(64) }).strict(),
  ),
  'profiles.update': (() => {
    const input = z
      .object({
        id: z.string().max(64),
        displayName: shortText(80).optional(),
        options: profileOptionsPatch.optional(),
        /** "Watch this profile": refresh and alert on it even while another is active. */
        watch: z.boolean().optional(),
        /** Its own refresh interval in minutes (the global setting's range); null: the global one. */
        refreshMinutes: z.number().int().min(5).max(1440).nullable().optional(),
      })
      .strict();
    return channel<typeof input, ProfilesState>(input);
  })(),

  /**
   * Adds a profile that is only a subscription link (any panel): fetched once, stored only when it
   * answers (the link in the keychain), then made the active profile. A refusal is an `http` error
   * with the status, and the panel's words in `detail`.
   */
  'profiles.addSubscription': (() => {
    const input = z
      .object({
        url: z
          .string()
          .trim()
          .min(1)
          .max(4096)
          .refine((text) => isHttpLink(text), 'a subscription link starts with https:// (or http://)'),
        name: shortText(80).optional(),
      })
      .strict();
    return channel<typeof input, ProfilesState>(input);
  })(),

  'data.get': channel<typeof empty, DataState>(empty),
  'data.refresh': channel<typeof empty, DataState>(empty),
  'service.history': (() => {
    const input = z.object({ serviceId: id }).strict();
    return channel<typeof input, { days: UsageDay[]; forecast: ForecastView | null }>(input);
  })(),
  'service.copySublink': (() => {
    const input = z.object({ serviceId: id }).strict();
    return channel<typeof input, { copied: true }>(input);
  })(),

  'export.preview': (() => {
    const input = z.object({ serviceId: serviceScope, format: z.enum(EXPORT_FORMATS) }).strict();
    return channel<typeof input, ExportPreview>(input);
  })(),
  'export.qr': (() => {
    const input = z.object({ serviceId: serviceScope }).strict();
    return channel<typeof input, QrSet>(input);
  })(),
  'export.save': (() => {
    const input = z
      .object({ serviceId: serviceScope, formats: z.array(z.enum(EXPORT_FORMATS)).min(1).max(6) })
      .strict();
    return channel<typeof input, SaveResult>(input);
  })(),
  'export.copy': (() => {
    const input = z.object({ serviceId: serviceScope, format: z.enum(COPY_FORMATS) }).strict();
    return channel<typeof input, { copied: true }>(input);
  })(),

  'import.options': (() => {
    const input = z.object({ serviceId: id, refresh: z.boolean().optional() }).strict();
    return channel<typeof input, ImportOptions>(input);
  })(),
  'import.open': (() => {
    const input = z.object({ serviceId: id, client: z.enum(IMPORT_CLIENT_IDS).nullable() }).strict();
    return channel<typeof input, { opened: true; link: string }>(input);
  })(),
  'import.fallback': (() => {
    const input = z
      .object({ serviceId: id, client: z.enum(IMPORT_CLIENT_IDS), action: z.enum(['save', 'copy']) })
      .strict();
    return channel<typeof input, { done: true; file: string | null }>(input);
  })(),

  'billing.store': channel<typeof empty, BillingStore>(empty),
  'billing.package': (() => {
    const input = z.object({ id }).strict();
    return channel<typeof input, Package>(input);
  })(),
  'billing.gateways': channel<typeof empty, Gateway[]>(empty),
  'billing.buy': (() => {
    const input = z
      .object({
        packageId: id,
        cycle: z.enum(['month', 'quater', 'semiannual', 'annual']),
        coupon: shortText(64),
        qty: z.number().int().min(1).max(100),
      })
      .strict();
    return channel<typeof input, InvoiceCreated>(input);
  })(),
  'billing.renew': (() => {
    const input = z.object({ serviceId: id }).strict();
    return channel<typeof input, InvoiceCreated>(input);
  })(),
  'billing.topup': (() => {
    const input = z.object({ serviceId: id, packageId: id }).strict();
    return channel<typeof input, InvoiceCreated>(input);
  })(),
  'billing.pay': (() => {
    const input = z.object({ invoiceId, gatewayId: id }).strict();
    return channel<typeof input, PaymentView>(input);
  })(),
  'billing.watches': channel<typeof empty, WatchView[]>(empty),
  'billing.dismissWatch': (() => {
    const input = z.object({ invoiceId }).strict();
    return channel<typeof input, WatchView[]>(input);
  })(),
  'invoices.list': channel<typeof empty, Invoice[]>(empty),
  'invoices.view': (() => {
    const input = z.object({ invoiceId }).strict();
    return channel<typeof input, Invoice>(input);
  })(),

  'updates.get': channel<typeof empty, UpdateState>(empty),
  'updates.download': channel<typeof empty, UpdateState>(empty),
  'updates.install': channel<typeof empty, UpdateState>(empty),
} as const;

export type Channels = typeof channels;

// The name list (channel-names.ts) and the channels here must be the same set, both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const namesMatch: Same<keyof Channels, ChannelName> = true;
void namesMatch;

export type ChannelInput<K extends ChannelName> = z.input<Channels[K]['input']>;
export type ChannelParsed<K extends ChannelName> = z.output<Channels[K]['input']>;
export type ChannelOutput<K extends ChannelName> = Channels[K]['output'];

// ---------------------------------------------------------------------------------------------
// Events: main -> renderer

export interface Events {
  data: DataState;
  profiles: ProfilesState;
  settings: Settings;
  payment: WatchView;
  navigate: NavigateTarget;
  notice: Notice;
  update: UpdateState;
  /** An app link arrived: the window asks the user whether to add it. */
  addRequest: LinkOffer;
}
const eventsMatch: Same<keyof Events, EventName> = true;
void eventsMatch;

// ---------------------------------------------------------------------------------------------
// The renderer's API (window.xmplus): one method per channel, named in camelCase.

/** True when every field of the input is optional, so the argument may be left out. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- "{} is assignable" is exactly the test
type InputOptional<T> = {} extends T ? true : false;

export type XmplusApi = {
  [K in ChannelName as MethodName<K>]: InputOptional<ChannelInput<K>> extends true
    ? (input?: ChannelInput<K>) => Promise<Result<ChannelOutput<K>>>
    : (input: ChannelInput<K>) => Promise<Result<ChannelOutput<K>>>;
} & {
  on<E extends EventName>(event: E, callback: (payload: Events[E]) => void): () => void;
};
