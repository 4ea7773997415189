// Billing answers: packages and their billing cells, gateways, invoices and payments.
import type {
  BillingCycle,
  Gateway,
  Invoice,
  InvoiceStatus,
  Money,
  Package,
  PackagePrice,
  Payment,
  PaymentDataKind,
} from '../../../../shared/domain';
import type { RawGateway, RawInvoice, RawPackage, RawPayment } from '../schemas';
import { decodeJson } from '../schemas';
import type { NormalizeContext } from './dates';
import { parsePanelDate } from './dates';
import { statusReader, parseBytes, parseMoney, speedText, toBool, toInt, toNumber, toText } from './values';

/** An invoice's status from the label the panel prints, in any of its languages. */
export const normalizeInvoiceStatus = statusReader<InvoiceStatus>({
  paid: [
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
  ],
  pending: [
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
  ],
  expired: [
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
  ],
  cancelled: [
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
  ],
});

const CYCLES: readonly BillingCycle[] = ['month', 'quater', 'semiannual', 'annual', 'topup_traffic'];
const CYCLE_ALIASES: Record<string, BillingCycle> = {
  quarter: 'quater',
  monthly: 'month',
  annually: 'annual',
};

/**
 * One billing cell: a price ("$ 10.00 "), an object { status, price (, days) }, or that object as
 * JSON text. The price is read from the cell's `price`, never out of JSON text; an undecodable JSON
 * cell, or one whose status is off ("off", 0, false), is not offered.
 */
function priceOf(raw: unknown): { on: boolean; price: Money | null } {
  if (typeof raw === 'string' && /^\s*[{[]/.test(raw)) {
    const decoded = decodeJson(raw);
    return decoded !== null && typeof decoded === 'object' && !Array.isArray(decoded)
      ? priceOf(decoded)
      : { on: false, price: null };
  }
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

/** Fields of a payment object that hold the page to pay on (hosted checkouts, the new panels' `link`). */
const PAYMENT_LINK_FIELDS = [
  'url',
  'link',
  'checkout_url',
  'payment_url',
  'pay_url',
  'hosted_url',
  'redirect_url',
  'approve_url',
] as const;

/** A raster image as a data: URL (the panel's own QR picture); '' for anything else. */
export function qrImage(value: unknown): string {
  const text = toText(value);
  return /^data:image\/(?:png|jpe?g|gif|webp);base64,[A-Za-z0-9+/=\s]+$/i.test(text) ? text : '';
}

/**
 * What kind of thing the payment `data` is, and the text to show / encode. An object (a card
 * processor's payment intent) is never shown or encoded as JSON: its https link is used when it has
 * one, otherwise it is kind `object` with no data, and the panel's invoice page stands in for it.
 */
export function paymentData(
  data: unknown,
  qrcode: unknown = '',
): { data: string; dataKind: PaymentDataKind } {
  if (typeof data === 'string' && /^\s*\{/.test(data)) {
    const decoded = decodeJson(data);
    if (decoded !== null && typeof decoded === 'object') return paymentData(decoded, qrcode);
  }
  if (data !== null && typeof data === 'object') {
    if (Array.isArray(data) ? data.length === 0 : Object.keys(data).length === 0) {
      return paymentData(null, qrcode);
    }
    const record = data as Record<string, unknown>;
    for (const field of PAYMENT_LINK_FIELDS) {
      const link = toText(record[field]);
      if (/^https:\/\/\S+$/i.test(link)) return { data: link, dataKind: 'https' };
    }
    // A crypto gateway's object carries the address to pay to: that is what a wallet scans.
    for (const field of ['address', 'wallet', 'wallet_address', 'pay_address'] as const) {
      const address = toText(record[field]);
      if (/^[A-Za-z0-9:._-]{16,}$/.test(address)) return { data: address, dataKind: 'text' };
    }
    return { data: '', dataKind: 'object' };
  }
  const text = toText(data);
  if (!text || qrImage(text))
    return { data: '', dataKind: qrImage(text) || qrImage(qrcode) ? 'image' : 'empty' };
  if (/^https:\/\//i.test(text)) return { data: text, dataKind: 'https' };
  if (/^[a-z][a-z0-9+.-]*:\S/i.test(text) && !/\s/.test(text)) return { data: text, dataKind: 'uri' };
  return { data: text, dataKind: 'text' };
}

/** The panel's own page of an invoice, where every gateway can be paid in the browser. */
export function invoicePageUrl(panelBase: string, invoiceId: string): string {
  return invoiceId ? `${panelBase.replace(/\/+$/, '')}/portal/${encodeURIComponent(invoiceId)}/invoice` : '';
}

export function normalizePayment(
  raw: RawPayment,
  invoiceId: string,
  ctx: NormalizeContext & { panelBase?: string },
): Payment {
  const { data, dataKind } = paymentData(raw.data, raw.qrcode);
  const amount = parseMoney(raw.amount) ?? parseMoney(raw.total) ?? { amount: 0, currency: '', text: '' };
  const id = toText(raw.orderid) || invoiceId;
  return {
    id: toNumber(raw.id),
    invoiceId: id,
    createdAt: parsePanelDate(raw.created, ctx.timeZone),
    amount,
    total: toText(raw.total),
    gateway: toText(raw.gateway),
    data,
    dataKind,
    qrcode: qrImage(raw.qrcode) || qrImage(raw.data),
    expiresAt: parsePanelDate(raw.expire, ctx.timeZone),
    invoiceUrl: ctx.panelBase ? invoicePageUrl(ctx.panelBase, id) : '',
  };
}
