// Pseudo-servers: panels list plan info (traffic left, expiry) or placeholders as fake servers in
// sublinks. They are dropped with a reason, like entries that cannot be read at all.

import type { PanelServer } from '../../../shared/domain';
import type { ServerModel, SkipNote } from './types';
import { fromPanelServer } from './fields';

const PSEUDO_PATTERNS: { pattern: RegExp; reason: string }[] = [
  {
    pattern: /\b(total|used|traffic|upload|download|expires?|expiry|expiration|expired|reset)\s*[:：=]/i,
    reason: 'plan info',
  },
  { pattern: /\bremaining\b|\bdays? left\b|\btraffic left\b/i, reason: 'plan info' },
  // Without a colon: "Expire 2026-01-01", "Expires in 5 days", "Total 150 GB"
  { pattern: /\bexpir\w*\b.*\d{4}[-/.]\d{1,2}|\bexpires?\s+in\b/i, reason: 'plan info' },
  { pattern: /\b(total|used)\b.*\d\s*(b|[kmgtp]i?b?)\b/i, reason: 'plan info' },
  { pattern: /剩余|流量|过期|到期|套餐|有效期|重置/, reason: 'plan info' },
  { pattern: /حجم|ترافیک|انقضا|باقی\s*‌?مانده|باقیمانده|اعتبار|روز\s+مانده/, reason: 'plan info' },
];
const PLACEHOLDER_HOSTS = new Set(['127.0.0.1', '0.0.0.0', 'localhost', '::1', '::']);

/** Why a panel entry is not a real server, or null when it is one. */
export function pseudoServerReason(server: Pick<PanelServer, 'remark' | 'address'>): string | null {
  for (const { pattern, reason } of PSEUDO_PATTERNS) {
    if (pattern.test(server.remark)) return `${reason} shown as a server entry, not a server`;
  }
  const address = server.address
    .trim()
    .replace(/^\[|\]$/g, '')
    .toLowerCase();
  if (PLACEHOLDER_HOSTS.has(address)) return 'placeholder address, not a reachable server';
  return null;
}

export interface CollectedServers {
  models: ServerModel[];
  dropped: SkipNote[];
}

/** Models for every real server; pseudo-servers and unreadable entries are dropped with a reason. */
export function collectServers(servers: readonly PanelServer[]): CollectedServers {
  const models: ServerModel[] = [];
  const dropped: SkipNote[] = [];
  for (const server of servers) {
    const pseudo = pseudoServerReason(server);
    if (pseudo !== null) {
      dropped.push({ remark: server.remark, reason: pseudo });
      continue;
    }
    const parsed = fromPanelServer(server);
    // The link's host is the one exported; it may differ from the panel's `address` field.
    if (parsed.ok && PLACEHOLDER_HOSTS.has(parsed.model.host)) {
      dropped.push({ remark: server.remark, reason: 'placeholder address, not a reachable server' });
    } else if (parsed.ok) models.push(parsed.model);
    else dropped.push({ remark: server.remark, reason: `cannot read this server: ${parsed.reason}` });
  }
  return { models, dropped };
}
