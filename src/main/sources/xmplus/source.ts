// The XMPlus client API as a Source: the signed-in panel session's snapshot is the steady refresh
// (account/info, and service/info for the lists that are due), and its billing calls are the
// source's billing part. Every capability is there.
import { SOURCE_CAPABILITIES } from '../../../shared/domain';
import type { Source } from '../types';
import type { PanelSession } from './panel-session';

export function xmplusSource(session: PanelSession): Source {
  return {
    kind: 'xmplus',
    capabilities: SOURCE_CAPABILITIES.xmplus,
    refresh: (profileId, plan) => session.snapshot(profileId, plan),
    ensureServers: (current, serviceIds, maxAgeMs) => session.ensureServers(current, serviceIds, maxAgeMs),
    billing: session,
    close: () => session.close(),
  };
}
