// What the core needs from the desktop around it. The Electron shell implements it in
// src/main/electron/; the CLI and the renderer end-to-end harness implement what they need. Keeping
// this an interface is what lets everything outside src/main/electron run in plain Node.
import type { AlertLevel, AppInfo, EventName, Events } from '../shared/contract';
import type { Result } from '../shared/errors';
import type { KeyValueStore } from './settings/store';
import type { ProviderConfig } from './provider';
import type { SecretBackend } from './secrets';
import type { SystemProxyResolver } from './net/system-proxy';
import type { UpdateState } from '../shared/contract';

export interface NativeNotification {
  title: string;
  body: string;
  /** The service to open on click. */
  serviceId: number | null;
  /** The profile the service belongs to (a click switches to it when it is not the active one). */
  profileId?: string | null;
  actions: { id: 'renew' | 'topup'; label: string }[];
}

/** What the tray shows; the shell draws the gauge (monitor/gauge.ts) and builds the menu from it. */
export interface TrayState {
  signedIn: boolean;
  refreshing: boolean;
  level: AlertLevel;
  /** Remaining share (0..1) of the most urgent service's traffic or time; null when unknown. */
  fraction: number | null;
  tooltip: string;
  /** Every profile, in their order: the menu groups the services under each one's name. */
  profiles: TrayProfile[];
  /** One menu line per service of every profile ("StarterPack — 45 GB of 100 GB · 12 days left"). */
  services: TrayService[];
  /** The menu's own words in the user's language (a change of language redraws the menu). */
  labels: TrayLabels;
  /** "Import into Clash Verge Rev" (in its service's submenu): one per service whose default client is known. */
  imports?: { profileId: string; serviceId: number; label: string }[];
}

export interface TrayProfile {
  id: string;
  /** Its display name, the heading of its group. */
  name: string;
  signedIn: boolean;
  /**
   * Whether anything is known of its plans (fresh or cached): false before its first good refresh,
   * when the menu says "No data yet" rather than that the account has no services.
   */
  hasData: boolean;
  /**
   * Why its lines are old or missing ("Signed out", "Last refresh failed: …", "Not updated: …");
   * null when they are current.
   */
  note: string | null;
}

export interface TrayService {
  profileId: string;
  id: number;
  label: string;
  hasSublink: boolean;
}

export interface TrayLabels {
  notSignedIn: string;
  /** A profile not fetched yet. */
  noData: string;
  /** A profile whose account has no services. */
  noServices: string;
  refresh: string;
  refreshing: string;
  copySublink: string;
  export: string;
  /** "Open XMPlus Tray". */
  open: string;
  quit: string;
}

export interface Platform {
  app: Omit<AppInfo, 'provider'>;
  provider: ProviderConfig;
  settingsStore: KeyValueStore;
  /** Where passwords and API keys go: the OS keychain, else safeStorage, else memory for this run. */
  secrets: SecretBackend;
  /** Set when secrets can only be kept in memory for this run: the user is told, in their language. */
  secretsNotice: string | null;
  /** The auto-updater, where the shell has one (a provider feed is configured). */
  updates?: { state(): UpdateState; download(): Promise<UpdateState>; install(): UpdateState };
  cacheStore: KeyValueStore;
  /** Damaged settings or cache files the shell moved aside at start: the user is told, in their language. */
  movedAside: string[];
  emit<E extends EventName>(event: E, payload: Events[E]): void;
  openExternal(url: string): Promise<Result<{ opened: true }>>;
  /** The name of the application the OS opens `scheme://` links with; null when there is none. */
  protocolHandler?(scheme: string): Promise<string | null>;
  /** Opens a file the app wrote with the application the OS uses for it. */
  openPath?(path: string): Promise<Result<{ opened: true }>>;
  /**
   * The clipboard's text now, where the desktop can read it: the add dialog offers a link found
   * there. Read in main, so the window learns only that a link is there until the user accepts it.
   */
  readClipboard?(): Promise<string | null>;
  /** Settles once the text is on the clipboard (Electron 44+ writes asynchronously). */
  writeClipboard(text: string): Promise<Result<{ copied: true }>>;
  /** Shows the log's folder in the file manager. */
  openLogFolder(): Promise<Result<{ opened: true }>>;
  /** Quits the whole app. */
  quit(): void;
  /** Ask the user for a folder; null when cancelled. */
  chooseFolder(title: string): Promise<string | null>;
  notify(notification: NativeNotification): void;
  setStartAtLogin(enabled: boolean): Promise<void>;
  updateTray(state: TrayState): void;
  /**
   * The system proxy for a URL as a PAC answer ("PROXY 127.0.0.1:7890; DIRECT"), where the desktop
   * can tell (the Electron shell asks its session). Panel requests use it when the profile sets no
   * proxy; without it, or when it answers DIRECT, the environment's proxy applies.
   */
  resolveProxy?: SystemProxyResolver;
  now(): number;
}
