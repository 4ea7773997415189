// One fetched subscription, read whole: headers and body together. Headers come first; the body's
// `#` meta lines fill what the headers leave out (Hiddify's order; Happ documents the opposite, but
// a header is what the panel's code sets for this request, a body line may be a template's text).
// Usage falls back from the header to the body's meta line to the pseudo-servers.

import type { PanelServer } from '../../../shared/domain';
import { toShareLink, type ServerModel, type SkipNote } from '../../export/model';
import { readBody, type BodyFormat } from './body';
import { toHeaderMap, type HeaderInput, type HeaderMap } from './headers';
import { readMetadata, type SubscriptionMetadata } from './metadata';
import { hasPlan, type PlanHints } from './plan';
import { readUserinfo, type UsageReading, type UsageResult } from './userinfo';

export interface SubscriptionReading {
  usage: UsageResult;
  /** Where the usage came from; null when it is unknown. */
  usageSource: 'header' | 'body' | 'pseudo-servers' | null;
  /** Plan info from server names (may hold what the usage cannot: traffic left, days left). */
  plan: PlanHints;
  metadata: SubscriptionMetadata;
  format: BodyFormat;
  servers: ServerModel[];
  notes: SkipNote[];
  /** Set when the panel sent usage but no servers: why there are none, in words for the user. */
  serversHidden: string | null;
}

export interface RawSubscription {
  headers: HeaderInput;
  body: string;
  /** The link as fetched (its host names the profile when nothing else does). */
  url: string;
}

export const SERVERS_HIDDEN =
  'The provider sent your usage but no servers. Panels that limit devices hide the servers from apps ' +
  'that do not identify a device; this app never does, so it does not take one of your device slots. ' +
  'Your proxy app still gets the servers.';

function withBodyMeta(headers: HeaderMap, meta: ReadonlyMap<string, string>): HeaderMap {
  if (meta.size === 0) return headers;
  const merged = new Map(headers);
  for (const [key, value] of meta) if (!merged.has(key)) merged.set(key, value);
  return merged;
}

function usageFromPlan(plan: PlanHints): UsageReading | null {
  const { totalBytes, usedBytes, remainingBytes } = plan;
  let total = totalBytes;
  let used = usedBytes;
  if (total !== undefined && used === undefined && remainingBytes !== undefined)
    used = total - remainingBytes;
  if (used !== undefined && total === undefined && remainingBytes !== undefined)
    total = used + remainingBytes;
  if (total === undefined || used === undefined) return null;
  return {
    kind: 'reading',
    uploadBytes: 0,
    downloadBytes: Math.max(0, used),
    usedBytes: Math.max(0, used),
    totalBytes: total > 0 ? total : null,
    expiresAt: plan.expiresAt ?? null,
    startsOnFirstUse: null,
  };
}

export function readSubscription(raw: RawSubscription): SubscriptionReading {
  const headerMap = toHeaderMap(raw.headers);
  const body = readBody(raw.body);
  const merged = withBodyMeta(headerMap, body.meta);

  let usage = readUserinfo(merged);
  let usageSource: SubscriptionReading['usageSource'] = null;
  if (usage.kind === 'reading') {
    const fromHeader = readUserinfo(headerMap).kind === 'reading';
    usageSource = fromHeader ? 'header' : 'body';
  } else {
    const planned = usageFromPlan(body.plan);
    if (planned) {
      usage = planned;
      usageSource = 'pseudo-servers';
    }
  }

  // Remnawave marks an answer cut short by its device limit (x-hwid-limit, x-hwid-not-supported).
  const deviceLimited = headerMap.has('x-hwid-limit') || headerMap.has('x-hwid-not-supported');
  const noServers = body.entries === 0;
  return {
    usage,
    usageSource,
    plan: body.plan,
    metadata: readMetadata(merged, raw.url),
    format: body.format,
    servers: body.servers,
    notes: body.notes,
    serversHidden:
      noServers && (deviceLimited || usage.kind === 'reading' || hasPlan(body.plan)) ? SERVERS_HIDDEN : null,
  };
}

/**
 * A model as the panel-server shape the export, QR and import code take (its `uri` is the model's
 * canonical share link, which that code parses first), so a subscription profile exports like an
 * XMPlus one.
 */
export function toPanelServer(model: ServerModel): PanelServer {
  const transport =
    'transport' in model ? model.transport.type : model.protocol === 'shadowsocks' ? 'tcp' : 'udp';
  const security =
    'security' in model ? model.security.type : model.protocol === 'shadowsocks' ? 'none' : 'tls';
  return {
    type: model.protocol,
    remark: model.remark,
    address: model.host,
    port: model.port,
    network: transport,
    security,
    uri: toShareLink(model),
    fields: {},
  };
}
