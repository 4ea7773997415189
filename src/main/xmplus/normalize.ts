// Normalizers from the panels' raw answers (schemas.ts) into the domain types of src/shared/domain.ts:
// sizes to bytes (1 GB = 1024^3), money to { amount, currency, text }, dates read in the panel's
// time zone to epoch ms (Intl only, no date library), statuses to a small closed set plus the label.
import type {
  Account,
  BillingCycle,
  Gateway,
  Invoice,
  InvoiceStatus,
  IpLimit,
  Money,
  Package,
  PackagePrice,
  PanelServer,
  Payment,
  PaymentDataKind,
  Service,
  ServiceStatus,
} from '../../shared/domain';
import type { RawGateway, RawInvoice, RawPackage, RawPayment, RawServer, RawService } from './schemas';

export interface NormalizeContext {
  /** IANA zone the panel writes its dates in. */
  timeZone: string;
}

/** Persian / Arabic-Indic digits to ASCII, so "۲۳ روز" reads like "23 روز". */
export function asciiDigits(text: string): string {
  return text
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660));
}

export function toText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

/** A number from a number or numeric string ("4", " 0.00", "1,234.5"); null when there is none. */
export function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value !== 'string') return null;
  const text = asciiDigits(value)
    .trim()
    .replace(/,(?=\d{3}(\D|$))/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(text)) return null;
  return Number(text);
}

export function toInt(value: unknown, fallback = 0): number {
  const n = toNumber(value);
  return n === null ? fallback : Math.trunc(n);
}

export function toBool(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') return /^(1|true|yes|on|enabled?)$/i.test(value.trim());
  return false;
}

const UNIT_POWER: Record<string, number> = { '': 0, B: 0, K: 1, M: 2, G: 3, T: 4, P: 5, E: 6 };

/**
 * "150 GB" -> bytes. Units B, K(B), M(B), G(B), T(B), P(B), also "GiB" and bare "G"; all binary
 * (1 GB = 1024^3), as the panels compute them. A bare number is bytes. Null when unreadable.
 */
export function parseBytes(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.round(value) : null;
  if (typeof value !== 'string') return null;
  const text = asciiDigits(value).trim();
  const match = /^(-?\d+(?:[.,]\d+)?)\s*([KMGTPE]?)(?:i?B|i)?(?:ytes?)?$/i.exec(text);
  if (!match) return null;
  const amount = Number((match[1] ?? '').replace(',', '.'));
  const power = UNIT_POWER[(match[2] ?? '').toUpperCase()] ?? 0;
  if (!Number.isFinite(amount) || amount < 0) return null;
  return Math.round(amount * 1024 ** power);
}

/** "$ 49.00 " / "¥ 509.07 " / "49.00" + "USD" / "USD 49.00" / "49,00 €" -> Money. */
export function parseMoney(value: unknown, currency = ''): Money | null {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    const text = currency ? `${value.toFixed(2)} ${currency}` : value.toFixed(2);
    return { amount: value, currency, text };
  }
  if (typeof value !== 'string') return null;
  const text = asciiDigits(value).replace(/\s+/g, ' ').trim();
  if (!text) return null;
  const match = /(-?)\s*(\d[\d,\s]*(?:[.,]\d+)?|\d*[.]\d+)/.exec(text);
  if (!match) return null;
  let digits = (match[2] ?? '').replace(/\s/g, '');
  // "1,234.50" -> 1234.50; "49,00" -> 49.00
  if (/,\d{1,2}$/.test(digits) && !digits.includes('.'))
    digits = digits.replace(/\.(?=\d{3})/g, '').replace(',', '.');
  else digits = digits.replace(/,/g, '');
  const negative = match[1] === '-' || text.startsWith('-');
  const amount = Number(digits) * (negative ? -1 : 1);
  if (!Number.isFinite(amount)) return null;
  const symbol = (text.slice(0, match.index) + ' ' + text.slice(match.index + match[0].length))
    .replace(/[-\s]+/g, ' ')
    .trim();
  const cur = symbol || currency.trim();
  return { amount, currency: cur, text: symbol ? text : cur ? `${text} ${cur}` : text };
}

/** "0/2" -> { online 0, limit 2 }; 2 or "2" -> { online 0, limit 2 }; "" -> null. */
export function parseIpLimit(value: unknown): IpLimit | null {
  if (typeof value === 'number')
    return Number.isFinite(value) ? { online: 0, limit: Math.max(0, Math.trunc(value)) } : null;
  if (typeof value !== 'string') return null;
  const text = asciiDigits(value).trim();
  const pair = /^(\d+)\s*\/\s*(\d+)$/.exec(text);
  if (pair) return { online: Number(pair[1]), limit: Number(pair[2]) };
  if (/^\d+$/.test(text)) return { online: 0, limit: Number(text) };
  return null;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    zoneFormatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

export function machineTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Offset of the zone from UTC at an instant, in ms (east positive). */
export function zoneOffsetMs(epochMs: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of zoneFormatter(timeZone).formatToParts(new Date(epochMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const asUtc = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return asUtc - (epochMs - (((epochMs % 1000) + 1000) % 1000));
}

/**
 * Wall-clock time in a zone -> epoch ms. In a DST gap the time is read with the offset from before
 * the gap (so it lands after it); in an overlap the earlier instant wins.
 */
export function zonedTimeToEpoch(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  timeZone: string,
): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const offsetA = zoneOffsetMs(wall - 86_400_000 / 2, timeZone);
  const offsetB = zoneOffsetMs(wall + 86_400_000 / 2, timeZone);
  const candidates = [wall - offsetA, wall - offsetB].filter((t) => zoneOffsetMs(t, timeZone) === wall - t);
  if (candidates.length > 0) return Math.min(...candidates);
  return wall - offsetA;
}

/**
 * A panel date to epoch ms: "YYYY-MM-DD HH:mm[:ss]" (or with "T", or date only) read in the panel's
 * zone; a unix time in seconds or ms as a number; null for "", "0000-00-00..." and unreadable text.
 */
export function parsePanelDate(value: unknown, timeZone: string): number | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number' || (typeof value === 'string' && /^\s*\d{9,13}\s*$/.test(value))) {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0) return null;
    return n < 1e11 ? n * 1000 : n;
  }
  if (typeof value !== 'string') return null;
  const text = asciiDigits(value).trim();
  const match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?/.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year === 0 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  const [hour, minute, second] = [Number(match[4] ?? 0), Number(match[5] ?? 0), Number(match[6] ?? 0)];
  if (/(Z|[+-]\d{2}:?\d{2})$/.test(text)) {
    const direct = Date.parse(text.replace(' ', 'T'));
    if (Number.isFinite(direct)) return direct;
  }
  return zonedTimeToEpoch(year, month, day, hour, minute, second, timeZone);
}

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

function labelKey(label: string): string {
  return label
    .normalize('NFKC')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/(?:\s|\u200c|\u200d|_|-)+/g, '')
    .replace(/[.!。]+$/, '');
}

const SERVICE_STATUS: Record<string, ServiceStatus> = {};
function addLabels<T extends string>(table: Record<string, T>, value: T, labels: string[]): void {
  for (const label of labels) table[labelKey(label)] = value;
}
addLabels(SERVICE_STATUS, 'active', [
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
]);
addLabels(SERVICE_STATUS, 'expired', [
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
]);
addLabels(SERVICE_STATUS, 'suspended', [
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
]);

export function normalizeServiceStatus(label: unknown): { status: ServiceStatus; statusLabel: string } {
  const statusLabel = toText(label);
  return { status: SERVICE_STATUS[labelKey(statusLabel)] ?? 'unknown', statusLabel };
}

const INVOICE_STATUS: Record<string, InvoiceStatus> = {};
addLabels(INVOICE_STATUS, 'paid', [
  'paid',
  'completed',
  'complete',
  'success',
  'succeeded',
  'settled',
  '已支付',
  '已付款',
  '已完成',
  '支付成功',
  '已付',
  'پرداخت شده',
  'پرداختشده',
  'پرداخت‌شده',
  'تکمیل شده',
  'оплачен',
  'оплачено',
  'оплачена',
  'выполнен',
]);
addLabels(INVOICE_STATUS, 'pending', [
  'pending',
  'unpaid',
  'waiting',
  'awaiting payment',
  'open',
  'due',
  'processing',
  '待支付',
  '未支付',
  '未付款',
  '待付款',
  '等待支付',
  '处理中',
  'در انتظار',
  'در انتظار پرداخت',
  'پرداخت نشده',
  'پرداختنشده',
  'معوق',
  'ожидает',
  'ожидает оплаты',
  'не оплачен',
  'неоплачен',
  'в ожидании',
]);
addLabels(INVOICE_STATUS, 'expired', [
  'expired',
  'overdue',
  '已过期',
  '过期',
  '已失效',
  'منقضی شده',
  'منقضی',
  'истек',
  'истекший',
  'просрочен',
]);
addLabels(INVOICE_STATUS, 'cancelled', [
  'cancelled',
  'canceled',
  'cancel',
  'void',
  'refunded',
  '已取消',
  '取消',
  '已作废',
  'لغو شده',
  'لغو',
  'باطل شده',
  'отменен',
  'отменён',
  'отменено',
  'аннулирован',
]);

export function normalizeInvoiceStatus(label: unknown): { status: InvoiceStatus; statusLabel: string } {
  const statusLabel = toText(label);
  return { status: INVOICE_STATUS[labelKey(statusLabel)] ?? 'unknown', statusLabel };
}

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
    expiresAt: parsePanelDate(raw.expire_date, ctx.timeZone),
    totalBytes: parseBytes(raw.traffic) ?? 0,
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

function speedText(value: unknown): string {
  // package/info gives a bare number of Mb/s where lists give "100 Mb/s"; 0 means no limit.
  if (typeof value === 'number') return value > 0 ? `${value} Mb/s` : '';
  return toText(value);
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

const CYCLES: readonly BillingCycle[] = ['month', 'quater', 'semiannual', 'annual', 'topup_traffic'];
const CYCLE_ALIASES: Record<string, BillingCycle> = {
  quarter: 'quater',
  monthly: 'month',
  annually: 'annual',
};

function priceOf(raw: unknown): { on: boolean; price: Money | null } {
  if (typeof raw === 'string' || typeof raw === 'number') {
    const money = parseMoney(raw);
    return { on: money !== null, price: money };
  }
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    const obj = raw as { status?: unknown; price?: unknown };
    const on = obj.status === undefined ? true : toBool(obj.status);
    return { on, price: parseMoney(obj.price) };
  }
  return { on: false, price: null };
}

export function normalizePackage(raw: RawPackage, kindHint: Package['kind']): Package {
  const prices: PackagePrice[] = [];
  const billing = raw.billing && !Array.isArray(raw.billing) ? raw.billing : {};
  for (const [key, value] of Object.entries(billing)) {
    const cycle = (CYCLES as readonly string[]).includes(key) ? (key as BillingCycle) : CYCLE_ALIASES[key];
    if (!cycle) continue;
    const { on, price } = priceOf(value);
    if (on && price) prices.push({ cycle, price });
  }
  prices.sort((a, b) => CYCLES.indexOf(a.cycle) - CYCLES.indexOf(b.cycle));
  const typeText = toText(raw.type).toLowerCase();
  const kind: Package['kind'] =
    /traffic|流量|ترافیک|трафик/.test(typeText) || prices.some((p) => p.cycle === 'topup_traffic')
      ? 'traffic'
      : typeText
        ? 'full'
        : kindHint;
  const ipLimitValue =
    raw.iplimit === undefined || raw.iplimit === null || raw.iplimit === '' ? null : toNumber(raw.iplimit);
  return {
    id: toInt(raw.id),
    name: toText(raw.name),
    kind,
    trafficBytes: parseBytes(raw.traffic) ?? 0,
    description: toText(raw.desc),
    ipLimit: ipLimitValue,
    speedLimit: speedText(raw.speedlimit),
    serverGroup: toText(raw.server_group),
    trafficReset: toBool(raw.traffic_reset),
    stock: toBool(raw.enable_stock) ? toInt(raw.stock_count) : null,
    prices,
    sort: toInt(raw.sort),
  };
}

export function normalizeGateway(raw: RawGateway): Gateway {
  return {
    id: toInt(raw.id),
    gateway: toText(raw.gateway),
    name: toText(raw.name) || toText(raw.gateway),
    currency: toText(raw.currency),
    feePercent: toNumber(raw.fee_percent) ?? 0,
    feeFixed: toNumber(raw.fee_fixed) ?? 0,
  };
}

/** A gateways field: one object, an array, or an object keyed by id. */
export function gatewayList(
  value: RawGateway | RawGateway[] | Record<string, RawGateway> | null | undefined,
): RawGateway[] {
  if (!value) return [];
  if (Array.isArray(value)) return value;
  if (
    'id' in value &&
    (typeof value.id === 'number' || typeof value.id === 'string') &&
    !isRecordOfObjects(value)
  ) {
    return [value as RawGateway];
  }
  return Object.values(value as Record<string, RawGateway>);
}

function isRecordOfObjects(value: object): boolean {
  const entries = Object.values(value);
  return entries.length > 0 && entries.every((v) => typeof v === 'object' && v !== null);
}

export function listOf<T>(value: T[] | Record<string, T> | null | undefined): T[] {
  if (!value) return [];
  return Array.isArray(value) ? value : Object.values(value);
}

export function normalizeInvoice(raw: RawInvoice, ctx: NormalizeContext): Invoice {
  const { status, statusLabel } = normalizeInvoiceStatus(raw.status);
  const serviceId = toNumber(raw.serviceid);
  return {
    id: toInt(raw.id),
    invoiceId: toText(raw.invioce_id ?? raw.invoice_id ?? raw.invid),
    createdAt: parsePanelDate(raw.created_at, ctx.timeZone),
    currency: toText(raw.currency),
    amount: toNumber(raw.amount) ?? parseMoney(raw.amount)?.amount ?? 0,
    packageId: toInt(raw.packageid),
    packageName: toText(raw.packagename),
    discount: toNumber(raw.discount) ?? 0,
    status,
    statusLabel,
    quantity: toInt(raw.quantity, 1),
    billing: toText(raw.billing),
    serviceId: serviceId && serviceId > 0 ? serviceId : null,
    paidAt: parsePanelDate(raw.paid_date, ctx.timeZone),
  };
}

/** What kind of thing the payment `data` is, and the text to show / encode. */
export function paymentData(data: unknown): { data: string; dataKind: PaymentDataKind } {
  if (data === null || data === undefined) return { data: '', dataKind: 'empty' };
  if (typeof data === 'object') {
    const isEmpty = Array.isArray(data) ? data.length === 0 : Object.keys(data).length === 0;
    return isEmpty ? { data: '', dataKind: 'empty' } : { data: JSON.stringify(data), dataKind: 'object' };
  }
  const text = toText(data);
  if (!text) return { data: '', dataKind: 'empty' };
  if (/^https:\/\//i.test(text)) return { data: text, dataKind: 'https' };
  if (/^[a-z][a-z0-9+.-]*:\S/i.test(text) && !/\s/.test(text)) return { data: text, dataKind: 'uri' };
  return { data: text, dataKind: 'text' };
}

export function normalizePayment(raw: RawPayment, invoiceId: string, ctx: NormalizeContext): Payment {
  const { data, dataKind } = paymentData(raw.data);
  const amount = parseMoney(raw.amount) ?? parseMoney(raw.total) ?? { amount: 0, currency: '', text: '' };
  return {
    id: toNumber(raw.id),
    invoiceId: toText(raw.orderid) || invoiceId,
    createdAt: parsePanelDate(raw.created, ctx.timeZone),
    amount,
    total: toText(raw.total),
    gateway: toText(raw.gateway),
    data,
    dataKind,
    qrcode: toText(raw.qrcode),
    expiresAt: parsePanelDate(raw.expire, ctx.timeZone),
  };
}
