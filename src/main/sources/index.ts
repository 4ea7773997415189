// A profile -> its source: the one way the layers above open where a profile's data comes from.
// They hand over the profile's kind, panel address and options, how to reach the panel (proxy,
// mirrors) and where its secrets come from; they get back a Source and never a panel's own types.
import type { Account, Service, Snapshot, SourceKind } from '../../shared/domain';
import { appError, fail, ok, type Result } from '../../shared/errors';
import type { PanelRoute, Timeouts } from '../net/transport';
import type { PanelSetup, Source } from './types';
import { createPanelSession } from './xmplus/panel-session';
import { xmplusSource } from './xmplus/source';
import { isClientAgentId } from './subscription/policy';
import { subscriptionSource } from './subscription/source';

export type { BillingApi, PanelSetup, RefreshPlan, Source } from './types';
// What the layers above need to add and show a subscription-link profile.
export { createLinkStore, linkGetter, type LinkStore } from './subscription/link-store';
export {
  parseSubscriptionLink,
  shortLink,
  CLIENT_AGENTS,
  isClientAgentId,
  DEFAULT_INTERVAL_MINUTES as SUBSCRIPTION_INTERVAL_MINUTES,
} from './subscription/policy';

/**
 * The account/info an XMPlus sign-in got a moment ago, with when (epoch ms): the profile's first
 * snapshot uses it instead of asking the panel again (panel-session.ts, firstAccountInfo).
 */
export interface SignInAnswer {
  info: { account: Account; services: Service[] };
  at: number;
}

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
  /** The subscription link, from the keychain (subscription profiles). */
  getSubscriptionLink?(): Promise<Result<string>>;
  /** The last cached snapshot, kept by a subscription source until the link answers. */
  cached?: Snapshot | null;
  /** A sign-in's account/info, the first snapshot's too (XMPlus). */
  firstAccountInfo?: SignInAnswer;
}

/** The parts of a stored profile that decide its source. */
export interface SourceProfile {
  kind: SourceKind;
  panelUrl: string;
  /** `clientAgent`: the client a subscription profile appears as when refused (406); 'none': never. */
  options: { proxyUrl: string; timeZone: string; clientAgent?: string };
}

export function openSource(profile: SourceProfile, context: SourceContext): Result<Source> {
  if (profile.kind === 'subscription') {
    const getLink = context.getSubscriptionLink;
    if (!getLink)
      return fail(appError('state', 'This profile’s subscription link is not at hand. Add it again.'));
    const chosen = profile.options.clientAgent;
    return ok(
      subscriptionSource({
        getLink: () => getLink(),
        proxyUrl: profile.options.proxyUrl || null,
        route: context.route,
        ...(context.timeouts ? { timeouts: context.timeouts } : {}),
        ...(context.env ? { env: context.env } : {}),
        now: context.now,
        ...(chosen === 'none'
          ? { clientAgent: null }
          : chosen && isClientAgentId(chosen)
            ? { clientAgent: chosen }
            : {}),
        cached: context.cached ?? null,
      }),
    );
  }
  if (profile.kind !== 'xmplus') {
    return fail(
      appError('state', `This version cannot read "${String(profile.kind)}" profiles. Update the app.`),
    );
  }
  const session = createPanelSession({
    ...(context.firstAccountInfo ? { firstAccountInfo: context.firstAccountInfo } : {}),
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
    // Set-up is where a new-generation panel is named; saved profiles never probe (/api/config).
    identifyGeneration: true,
    ...(context.timeouts ? { timeouts: context.timeouts } : {}),
    getApiKey: context.getApiKey,
    getCredentials: context.getCredentials,
    now: context.now,
    ...(context.env ? { env: context.env } : {}),
  });
}
