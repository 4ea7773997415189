// A profile -> its source: the one way the layers above open where a profile's data comes from.
// They hand over the profile's kind, panel address and options, how to reach the panel (proxy,
// mirrors) and where its secrets come from; they get back a Source and never a panel's own types.
import type { SourceKind } from '../../shared/domain';
import { appError, fail, ok, type Result } from '../../shared/errors';
import type { PanelRoute, Timeouts } from '../net/transport';
import type { PanelSetup, Source } from './types';
import { createPanelSession } from './xmplus/panel-session';
import { xmplusSource } from './xmplus/source';

export type { BillingApi, PanelSetup, RefreshPlan, Source } from './types';

/** What a source needs beyond its profile: the way to the panel, its secrets, the clock. */
export interface SourceContext {
  /** The system proxy and, for a branded panel, its mirrors. */
  route: PanelRoute;
  timeouts?: Partial<Timeouts>;
  /** Proxy environment variables (tests); process.env by default. */
  env?: NodeJS.ProcessEnv;
  now: () => number;
  /** The panel's client API key (XMPlus). */
  getApiKey(): Promise<Result<string>>;
  /** The account's email and password (XMPlus). */
  getCredentials(): Promise<Result<{ email: string; password: string }>>;
}

/** The parts of a stored profile that decide its source. */
export interface SourceProfile {
  kind: SourceKind;
  panelUrl: string;
  options: { proxyUrl: string; timeZone: string };
}

export function openSource(profile: SourceProfile, context: SourceContext): Result<Source> {
  if (profile.kind !== 'xmplus') {
    return fail(appError('state', `This version cannot read "${profile.kind}" profiles. Update the app.`));
  }
  const session = createPanelSession({
    panelUrl: profile.panelUrl,
    proxyUrl: profile.options.proxyUrl || null,
    route: context.route,
    ...(context.timeouts ? { timeouts: context.timeouts } : {}),
    ...(profile.options.timeZone ? { timeZone: profile.options.timeZone } : {}),
    getApiKey: context.getApiKey,
    getCredentials: context.getCredentials,
    now: context.now,
    ...(context.env ? { env: context.env } : {}),
  });
  return session.ok ? ok(xmplusSource(session.value)) : session;
}

/** An XMPlus panel before there is a profile (setup, sign-in check, registration, reset). */
export function openPanelSetup(
  panel: { panelUrl: string; proxyUrl: string | null },
  context: SourceContext,
): Result<PanelSetup> {
  return createPanelSession({
    panelUrl: panel.panelUrl,
    proxyUrl: panel.proxyUrl,
    route: context.route,
    ...(context.timeouts ? { timeouts: context.timeouts } : {}),
    getApiKey: context.getApiKey,
    getCredentials: context.getCredentials,
    now: context.now,
    ...(context.env ? { env: context.env } : {}),
  });
}
