// The client API endpoints (except /api/client/token, which server.ts answers from the header):
// each turns a request body into the JSON a panel prints, with the API document's field names, spelling
// and value formats. Values are read from the panel's state on every call.
import {
  BILLING_LABELS,
  DAY_MS,
  FULL_BILLING_KEYS,
  formatAmount,
  formatDate,
  formatIpLimit,
  formatMoney,
  formatSize,
  formatSpeed,
} from './format';
import { MESSAGES, PanelError, paymentTimes } from './panel';
import type { Panel } from './panel';
import type { SimInvoice, SimPackage, SimServer, SimService, SimUser } from './types';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };
export type RequestBody = Record<string, unknown>;

export interface ApiContext {
  panel: Panel;
  timeZone: string;
  /** Base URL of the simulator, for sublinks. */
  url: string;
}

type Handler = (body: RequestBody, ctx: ApiContext) => JsonObject;

// ---- body fields (PHP reads everything as strings; be as lenient) ------------------------------

function text(body: RequestBody, key: string): string {
  const v = body[key];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

function int(body: RequestBody, key: string): number {
  const n = Number(text(body, key).trim() || NaN);
  return Number.isInteger(n) ? n : NaN;
}

function login(body: RequestBody, ctx: ApiContext): SimUser {
  return ctx.panel.authenticate(text(body, 'email'), text(body, 'passwd'));
}

// ---- views -------------------------------------------------------------------------------------

function resetText(service: SimService, pkg: SimPackage | undefined, now: number): string {
  if (!pkg?.trafficReset) return 'Traffic reset is not enabled';
  const period = 30 * DAY_MS;
  const elapsed = Math.max(0, now - service.paidAt);
  const next = service.paidAt + (Math.floor(elapsed / period) + 1) * period;
  const days = Math.max(1, Math.ceil((next - now) / DAY_MS));
  return `Traffic will reset to ${formatSize(pkg.trafficBytes)} after ${days} day(s)`;
}

/** Fields account/info and service/info share. */
function serviceCommon(service: SimService, user: SimUser, ctx: ApiContext): JsonObject {
  const { panel, timeZone } = ctx;
  const pkg = panel.package(service.packageid);
  return {
    sid: service.sid,
    userid: service.userid,
    email: user.email,
    packageid: service.packageid,
    package: pkg?.name ?? '',
    paid_date: formatDate(service.paidAt, timeZone),
    expire_date: formatDate(service.expiresAt, timeZone),
    billing: BILLING_LABELS[service.billing],
    amount: formatMoney(service.amountCents),
    iplimit: formatIpLimit(service.onlineIps, service.iplimit),
    speedlimit: formatSpeed(service.speedlimitMbps),
    server_group: panel.serverGroupName(service.serverGroupId),
    traffic: formatSize(service.trafficBytes),
    used_traffic: formatSize(service.usedBytes),
    today: formatSize(service.todayBytes),
  };
}

function accountService(service: SimService, user: SimUser, ctx: ApiContext): JsonObject {
  const pkg = ctx.panel.package(service.packageid);
  return {
    ...serviceCommon(service, user, ctx),
    recent_omline: service.recentOnline,
    status: ctx.panel.serviceStatus(service),
    reset_traffic: resetText(service, pkg, ctx.panel.now()),
    sublink: `${ctx.url}/link/${service.sublinkToken}`,
  };
}

const SERVER_FIELDS = [
  'type',
  'remark',
  'address',
  'port',
  'network',
  'password',
  'encryption',
  'sni',
  'security',
  'allowinsecure',
  'header',
  'fingerprint',
  'flow',
  'shortid',
  'spiderx',
  'publickey',
  'path',
  'host',
  'servicename',
  'mode',
  'method',
  'alpn',
  'obfs',
  'obfs_password',
  'uuid',
  'congestion_control',
  'uri',
] as const satisfies readonly (keyof SimServer)[];

export function serverView(server: SimServer): JsonObject {
  const out: JsonObject = {};
  for (const key of SERVER_FIELDS) {
    const value = server[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}

function invoiceView(inv: SimInvoice, user: SimUser, timeZone: string, drift: 'list' | 'view'): JsonObject {
  return {
    id: inv.id,
    invioce_id: inv.invid,
    created_at: formatDate(inv.createdAt, timeZone),
    currency: inv.currency,
    amount: formatAmount(inv.amountCents),
    packageid: inv.packageid,
    packagename: inv.packagename,
    // Types drift between the two endpoints on real panels; keep them drifting.
    discount: drift === 'list' ? inv.discountCents / 100 : formatAmount(inv.discountCents),
    status: inv.status,
    userid: drift === 'list' ? inv.userid : String(inv.userid),
    email: user.email,
    quantity: inv.quantity,
    billing: inv.billing,
    serviceid: inv.serviceid === null ? '' : String(inv.serviceid),
    paid_date: inv.paidAt === null ? '' : formatDate(inv.paidAt, timeZone),
  };
}

function listedBilling(pkg: SimPackage): JsonObject {
  const out: JsonObject = {};
  for (const [key, cycle] of Object.entries(pkg.billing)) {
    if (cycle.enabled) out[key] = formatMoney(cycle.priceCents);
  }
  return out;
}

function sortedPackages(ctx: ApiContext, kind: SimPackage['kind']): SimPackage[] {
  return ctx.panel.state.packages
    .filter((p) => p.kind === kind)
    .sort((a, b) => a.sort - b.sort || a.id - b.id);
}

const ok = (fields: JsonObject): JsonObject => ({ status: 'success', code: 100, ...fields });

// ---- endpoints ---------------------------------------------------------------------------------

const handlers: Record<string, Handler> = {
  '/api/client/account/info': (body, ctx) => {
    const user = login(body, ctx);
    const raw = text(body, 'serviceid').trim();
    const services =
      raw === '' ? ctx.panel.servicesOf(user) : [ctx.panel.serviceOf(user, int(body, 'serviceid'))];
    return ok({
      data: {
        uid: user.uid,
        username: user.username,
        email: user.email,
        money: formatMoney(user.moneyCents),
        services: services.map((s) => accountService(s, user, ctx)),
      },
    });
  },

  '/api/client/account/password/reset': (body, ctx) => {
    ctx.panel.requestPasswordReset(text(body, 'email'));
    return ok({ message: ctx.panel.state.messages.resetSent });
  },

  '/api/client/register': (body, ctx) => {
    ctx.panel.register({
      name: text(body, 'name'),
      email: text(body, 'email'),
      passwd: text(body, 'passwd'),
      aff: text(body, 'aff'),
      code: text(body, 'code'),
    });
    return { status: 'sucess', code: 100, message: ctx.panel.state.messages.accountCreated };
  },

  '/api/client/register/sendcode': (body, ctx) => {
    if (!text(body, 'name')) throw new PanelError(MESSAGES.badRegistration);
    const email = text(body, 'email');
    ctx.panel.sendRegisterCode(email);
    return {
      status: 'sucess',
      code: 100,
      message: ctx.panel.state.messages.codeSent.replace('{email}', email),
    };
  },

  '/api/client/packages': (_body, ctx) =>
    ok({
      packages: sortedPackages(ctx, 'full').map((p) => ({
        id: p.id,
        name: p.name,
        traffic: formatSize(p.trafficBytes),
        desc: p.desc,
        iplimit: p.iplimit,
        speedlimit: formatSpeed(p.speedlimitMbps),
        server_group: ctx.panel.serverGroupName(p.serverGroupId),
        traffic_reset: p.trafficReset,
        enable_stock: p.enableStock,
        stock_count: p.stockCount,
        billing: listedBilling(p),
        sort: p.sort,
      })),
    }),

  '/api/client/packages/traffic': (_body, ctx) =>
    ok({
      packages: sortedPackages(ctx, 'traffic').map((p) => ({
        id: p.id,
        name: p.name,
        traffic: formatSize(p.trafficBytes),
        desc: p.desc,
        enable_stock: p.enableStock,
        stock_count: p.stockCount,
        billing: listedBilling(p),
        sort: p.sort,
      })),
    }),

  '/api/client/package/info': (body, ctx) => {
    const pkg = ctx.panel.package(int(body, 'pid'));
    if (!pkg) throw new PanelError(MESSAGES.packageNotFound);
    const keys = pkg.kind === 'full' ? FULL_BILLING_KEYS : (['topup_traffic'] as const);
    const billing: JsonObject = {};
    for (const key of keys) {
      const cycle = pkg.billing[key];
      if (cycle)
        billing[key] = { status: cycle.enabled ? 'on' : 'off', price: formatAmount(cycle.priceCents) };
    }
    return ok({
      package: {
        id: pkg.id,
        name: pkg.name,
        traffic: formatSize(pkg.trafficBytes),
        desc: pkg.desc,
        type: pkg.kind === 'full' ? 'Full Package' : 'Traffic Package',
        iplimit: pkg.iplimit,
        speedlimit: pkg.speedlimitMbps,
        server_group: pkg.serverGroupId,
        traffic_reset: pkg.trafficReset ? 1 : 0,
        enable_stock: pkg.enableStock ? 1 : 0,
        stock_count: pkg.stockCount,
        billing,
        sort: pkg.sort,
      },
    });
  },

  '/api/client/invoice/create': (body, ctx) => {
    const user = login(body, ctx);
    const qtyText = text(body, 'qty').trim();
    const invoice = ctx.panel.createNewServiceInvoice(user, {
      pid: int(body, 'pid'),
      billing: text(body, 'billing').trim(),
      coupon: text(body, 'coupon'),
      qty: qtyText === '' ? 1 : int(body, 'qty'),
    });
    return ok({ invid: invoice.invid, message: ctx.panel.state.messages.invoiceCreated });
  },

  '/api/client/service/info': (body, ctx) => {
    const user = login(body, ctx);
    const service = ctx.panel.serviceOf(user, int(body, 'serviceid'));
    if (service.detailsRefusal) throw new PanelError(service.detailsRefusal);
    const pkg = ctx.panel.package(service.packageid);
    return {
      code: 100,
      status: ctx.panel.serviceStatus(service),
      ...serviceCommon(service, user, ctx),
      billing: service.billing,
      recent_online: service.recentOnline,
      reset_traffic: resetText(service, pkg, ctx.panel.now()),
      servers: service.servers.map(serverView),
    };
  },

  '/api/client/service/renew': (body, ctx) => {
    const user = login(body, ctx);
    const invoice = ctx.panel.createRenewInvoice(user, int(body, 'sid'));
    return ok({ invid: invoice.invid, message: ctx.panel.state.messages.invoiceCreated });
  },

  '/api/client/service/addtraffic': (body, ctx) => {
    const user = login(body, ctx);
    const invoice = ctx.panel.createTopupInvoice(
      user,
      int(body, 'sid'),
      int(body, 'pid'),
      text(body, 'coupon'),
    );
    return ok({ invid: invoice.invid, message: ctx.panel.state.messages.invoiceCreated });
  },

  '/api/client/gateways': (_body, ctx) =>
    ok({
      gateways: ctx.panel.state.gateways.map((g) => ({
        id: g.id,
        gateway: g.gateway,
        name: g.name,
        currency: g.currency,
        uuid: g.uuid,
        notify_url: g.notifyUrl,
        fee_percent: String(g.feePercent),
        fee_fixed: formatAmount(g.feeFixedCents),
      })),
    }),

  '/api/client/invoices': (body, ctx) => {
    const user = login(body, ctx);
    const invoices = ctx.panel.state.invoices.filter((i) => i.userid === user.uid);
    return ok({ invoices: invoices.map((i) => invoiceView(i, user, ctx.timeZone, 'list')) });
  },

  '/api/client/invoice/view': (body, ctx) => {
    const user = login(body, ctx);
    const invoice = ctx.panel.invoiceOf(user, text(body, 'invid').trim());
    return ok({ invoice: invoiceView(invoice, user, ctx.timeZone, 'view') });
  },

  '/api/client/invoice/pay': (body, ctx) => {
    const user = login(body, ctx);
    const { invoice, gateway } = ctx.panel.pay(user, text(body, 'invid').trim(), int(body, 'gatewayid'));
    const payment = invoice.payment;
    if (!payment) throw new Error('payment missing after pay()');
    const { created, expire } = paymentTimes(payment);
    return ok({
      id: invoice.id,
      orderid: invoice.invid,
      created,
      amount: formatMoney(payment.totalCents, gateway.currencySymbol),
      total: formatAmount(payment.totalCents),
      gateway: gateway.gateway,
      data: payment.data,
      qrcode: '',
      expire,
    });
  },
};

export const API_PATHS: readonly string[] = ['/api/client/token', ...Object.keys(handlers)];

export function findHandler(path: string): Handler | undefined {
  return Object.hasOwn(handlers, path) ? handlers[path] : undefined;
}
