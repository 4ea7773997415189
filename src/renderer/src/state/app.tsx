// App-level state shared by the shell and the pages: what main told us (app info, settings,
// profiles, data, notices) plus where the user is (page, preselected service). Pages read it with
// useApp(); only App.tsx writes the main-process parts, from results and events.
import { createContext, useContext } from 'react';
import type {
  AppInfo,
  DataState,
  NavigateTarget,
  Notice,
  Page,
  ProfilesState,
  ProfileView,
} from '../../../shared/contract';
import type { SourceCapabilities } from '../../../shared/domain';
import type { Settings } from '../lib/settings';

/** Why a later page was opened from a service: lets Billing preselect renew or top-up. */
export type NavIntent = 'renew' | 'topup' | null;

export interface NavState {
  page: Page;
  serviceId: number | null;
  intent: NavIntent;
}

export interface AppStateValue {
  info: AppInfo;
  settings: Settings;
  profiles: ProfilesState;
  data: DataState | null;
  notices: Notice[];
  nav: NavState;
  navigate(page: Page, options?: { serviceId?: number | null; intent?: NavIntent }): void;
  /**
   * Goes to a target that may belong to another profile (an overview row, a notification): switches
   * to that profile first when it is not the active one, then opens the page.
   */
  open(target: NavigateTarget): Promise<void>;
  setSettings(settings: Settings): void;
  setProfiles(profiles: ProfilesState): void;
  setData(data: DataState): void;
  setNotices(notices: Notice[]): void;
  /** Show onboarding to add another profile (or hide it again). */
  setAdding(adding: boolean): void;
}

export const AppContext = createContext<AppStateValue | null>(null);

export function useApp(): AppStateValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp() outside <AppContext.Provider>');
  return value;
}

export const activeProfile = (profiles: ProfilesState): ProfileView | null =>
  profiles.profiles.find((profile) => profile.id === profiles.activeId) ?? null;

export const profileLabel = (profile: ProfileView): string => profile.displayName || profile.email;

/** What the active profile's source can do; null when there is no active profile. */
export const activeCapabilities = (profiles: ProfilesState): SourceCapabilities | null =>
  activeProfile(profiles)?.capabilities ?? null;
