// account/info and service/info: the account, each service (usage, dates, status in any of the
// panels' languages, reset text) and its servers.
import type { Account, PanelServer, Service, ServiceStatus } from '../../../../shared/domain';
import type { RawServer, RawService } from '../schemas';
import type { NormalizeContext } from './dates';
import { parseExpiry, parsePanelDate } from './dates';
import {
  statusReader,
  asciiDigits,
  parseBytes,
  parseIpLimit,
  parseMoney,
  parseTrafficTotal,
  speedText,
  toInt,
  toText,
} from './values';

/** Days until the next traffic reset from the panel's free text; null when it says none. */
export function parseResetDays(value: unknown): number | null {
  const text = asciiDigits(toText(value));
  if (!text) return null;
  const patterns = [
    /(?:after|in)\s+(\d+)\s*(?:more\s+)?day/i,
    /(\d+)\s*day\(?s?\)?/i,
    /(\d+)\s*(?:天|日)/,
    /(\d+)\s*روز/,
    /(\d+)\s*(?:дн|день|дня|дней)/i,
  ];
  for (const pattern of patterns) {
    const match = pattern.exec(text);
    if (match) return Number(match[1]);
  }
  return null;
}

/** A service's status from the label the panel prints, in any of its languages. */
export const normalizeServiceStatus = statusReader<ServiceStatus>({
  active: [
    'active',
    'activated',
    'enabled',
    'enable',
    'normal',
    'online',
    'valid',
    'ok',
    '正常',
    '有效',
    '激活',
    '已激活',
    '启用',
    '已启用',
    '使用中',
    '正常使用',
    'فعال',
    'فعّال',
    'активен',
    'активна',
    'активный',
    'активно',
    'действует',
    'действующий',
  ],
  expired: [
    'expired',
    'expire',
    'overdue',
    'terminated',
    'ended',
    '已过期',
    '过期',
    '已到期',
    '到期',
    '已失效',
    '失效',
    'منقضی شده',
    'منقضی',
    'منقضیشده',
    'تمام شده',
    'истек',
    'истекла',
    'истекло',
    'просрочен',
    'просрочена',
    'завершен',
  ],
  suspended: [
    'suspended',
    'suspend',
    'disabled',
    'disable',
    'banned',
    'blocked',
    'paused',
    'inactive',
    'locked',
    '暂停',
    '已暂停',
    '停用',
    '已停用',
    '禁用',
    '已禁用',
    '封禁',
    '冻结',
    '已冻结',
    'غیرفعال',
    'غير فعال',
    'معلق',
    'تعلیق',
    'مسدود',
    'приостановлен',
    'приостановлена',
    'заблокирован',
    'заблокирована',
    'отключен',
    'отключена',
    'неактивен',
  ],
});

export function normalizeService(raw: RawService, ctx: NormalizeContext): Service {
  const { status, statusLabel } = normalizeServiceStatus(raw.status);
  const recent = raw.recent_omline ?? raw.recent_online;
  const resetText = toText(raw.reset_traffic);
  return {
    id: toInt(raw.sid),
    packageId: toInt(raw.packageid),
    packageName: toText(raw.package),
    billing: toText(raw.billing),
    amount: parseMoney(raw.amount),
    paidAt: parsePanelDate(raw.paid_date, ctx.timeZone),
    expiresAt: parseExpiry(raw.expire_date, ctx),
    totalBytes: parseTrafficTotal(raw.traffic),
    usedBytes: parseBytes(raw.used_traffic) ?? 0,
    todayBytes: parseBytes(raw.today) ?? 0,
    ipLimit: parseIpLimit(raw.iplimit),
    speedLimit: speedText(raw.speedlimit),
    serverGroup: toText(raw.server_group),
    recentOnline: recent === null || recent === undefined || recent === '' ? null : toText(recent),
    status,
    statusLabel,
    resetText,
    resetInDays: parseResetDays(resetText),
    sublink: toText(raw.sublink),
  };
}

export function normalizeAccount(raw: {
  uid?: unknown;
  id?: unknown;
  username?: unknown;
  email?: unknown;
  money?: unknown;
}): Account {
  return {
    id: toInt(raw.uid ?? raw.id),
    username: toText(raw.username),
    email: toText(raw.email),
    balance: parseMoney(raw.money) ?? { amount: 0, currency: '', text: toText(raw.money) },
  };
}

const SERVER_KNOWN = new Set(['type', 'remark', 'address', 'port', 'network', 'security', 'uri']);

export function normalizeServer(raw: RawServer): PanelServer {
  const fields: PanelServer['fields'] = {};
  for (const [key, value] of Object.entries(raw)) {
    if (SERVER_KNOWN.has(key)) continue;
    if (
      value === null ||
      typeof value === 'string' ||
      typeof value === 'number' ||
      typeof value === 'boolean'
    ) {
      fields[key] = value;
    } else if (value !== undefined) {
      fields[key] = JSON.stringify(value);
    }
  }
  return {
    type: toText(raw.type).toLowerCase(),
    remark: toText(raw.remark),
    address: toText(raw.address),
    port: toInt(raw.port),
    network: toText(raw.network),
    security: toText(raw.security),
    uri: toText(raw.uri),
    fields,
  };
}

/** Sublinks may list pseudo-servers ("Total: 150G Used: 3G", "Expire: 2026-01-01"); they are not servers. */
export function isPseudoServer(server: Pick<PanelServer, 'remark' | 'address' | 'port'>): boolean {
  return (
    /^\s*(total|used|remaining|expire|expires|traffic|剩余|到期|过期时间|套餐)\s*[:：]/i.test(
      server.remark,
    ) ||
    (server.port === 0 && !server.address)
  );
}
