// The app-wide settings: schema, defaults and the shape the renderer sees. Validated on every read
// and write so that a hand-edited or corrupt file can never put the app into an unknown state.
import { z } from 'zod';

export const LANGUAGES = ['system', 'en', 'zh-CN', 'fa', 'ru'] as const;
export const THEMES = ['system', 'light', 'dark'] as const;

const percent = z.number().int().min(1).max(100);
const days = z.number().int().min(0).max(365);

export const settingsSchema = z.object({
  theme: z.enum(THEMES),
  language: z.enum(LANGUAGES),
  /** Polling interval while only the tray runs. */
  refreshMinutes: z.number().int().min(5).max(1440),
  /**
   * How old a service's server list may get before a refresh asks service/info again. Servers change
   * rarely; proxy clients refresh subscriptions every 12-24 h. A change of plan always refetches.
   */
  serversRefreshHours: z.number().int().min(1).max(72),
  trafficThresholds: z.array(percent).max(8),
  expiryThresholds: z.array(days).max(8),
  notifications: z.boolean(),
  startAtLogin: z.boolean(),
  /** Check for updates when the provider names a feed. */
  autoUpdateCheck: z.boolean(),
  /** Clear the clipboard a minute after the app copied a link or config, if it still holds it. */
  clearClipboard: z.boolean(),
});

export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  theme: 'system',
  language: 'system',
  refreshMinutes: 15,
  serversRefreshHours: 6,
  trafficThresholds: [80, 90, 95, 100],
  expiryThresholds: [7, 3, 1, 0],
  notifications: true,
  startAtLogin: false,
  autoUpdateCheck: true,
  clearClipboard: true,
};

/** A partial update: every key optional, each value checked by the same rules. */
export const settingsPatchSchema = settingsSchema.partial().strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;
