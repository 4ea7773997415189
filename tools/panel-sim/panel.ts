// The simulated panel's state and business rules: accounts, packages, services, invoices and
// payments. HTTP-free; the endpoint handlers (api.ts) and the admin surface (admin.ts) call it.
import { randomBytes, randomInt } from 'node:crypto';
import { CYCLE_DAYS, DAY_MS, FULL_BILLING_KEYS, isBillingKey, unixSeconds } from './format';
import type { BillingKey, FullBillingKey } from './format';
import { buildSeed } from './seed';
import { secretsFor, serversFor } from './servers';
import type { SimGateway, SimInvoice, SimPackage, SimPayment, SimService, SimState, SimUser } from './types';

/** A refusal the panel reports as {"status":"error","code":208,"message":...}. */
export class PanelError extends Error {}

/** A request the panel's PHP chokes on: answered with HTTP 500 and an HTML page. */
export class PanelCrash extends Error {}

/** A bad admin call (unknown id, invalid transition). `status` is the admin HTTP status. */
export class AdminError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 404 | 409,
  ) {
    super(message);
  }
}

export const PAYMENT_WINDOW_MS = 300_000;

export const MESSAGES = {
  badLogin: 'Invalid email or password.',
  serviceNotFound: 'Service not found.',
  packageNotFound: 'Package not found.',
  billingOff: 'Billing cycle is not available for this package.',
  billingInvalid: 'Invalid billing cycle.',
  outOfStock: 'Package is out of stock.',
  couponInvalid: 'Invalid coupon code.',
  invoiceNotFound: 'Invoice not found.',
  invoicePaid: 'Invoice already paid.',
  invoiceExpired: 'Invoice has expired.',
  invoiceCancelled: 'Invoice has been cancelled.',
  gatewayNotFound: 'Payment gateway not found.',
  alreadyRegistered: 'Email already registered.',
  badCode: 'Invalid email verification code.',
  badRegistration: 'Name, a valid email and a password of at least 6 characters are required.',
  unknownEmail: 'No account found with that email.',
  qtyInvalid: 'Invalid quantity.',
} as const;

export interface PanelConfig {
  now: () => number;
  seed: 'demo' | 'empty';
  autoPayAfterMs: number | null;
  usagePerHourBytes: number;
  log: (line: string) => void;
}

export interface NewServiceOrder {
  pid: number;
  billing: string;
  coupon: string;
  qty: number;
}

const INVID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function newInvid(): string {
  let id = '';
  for (let i = 0; i < 20; i++) id += INVID_ALPHABET[randomInt(INVID_ALPHABET.length)];
  return id;
}

export class Panel {
  state: SimState;
  private usageClock: number;
  private usageCarry = 0;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly config: PanelConfig) {
    this.state = buildSeed(config.seed, config.now());
    this.usageClock = config.now();
  }

  now(): number {
    return this.config.now();
  }

  reset(): void {
    this.dispose();
    this.state = buildSeed(this.config.seed, this.now());
    this.usageClock = this.now();
    this.usageCarry = 0;
  }

  dispose(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  /** Applies what time does on its own: auto-payment, payment windows closing, usage growth. */
  refresh(): void {
    const now = this.now();
    for (const inv of this.state.invoices) {
      if (inv.status !== 'Pending' || !inv.payment) continue;
      const autoAt =
        this.config.autoPayAfterMs === null ? null : inv.payment.createdAt + this.config.autoPayAfterMs;
      if (autoAt !== null && autoAt < inv.payment.expiresAt && now >= autoAt) this.applyPaid(inv);
      else if (now >= inv.payment.expiresAt) inv.status = 'Expired';
    }
    const perHour = this.config.usagePerHourBytes;
    if (perHour > 0 && now > this.usageClock) {
      const grown = (perHour * (now - this.usageClock)) / 3_600_000 + this.usageCarry;
      const whole = Math.floor(grown);
      this.usageCarry = grown - whole;
      for (const s of this.state.services) {
        if (this.serviceStatus(s) !== 'Expired') {
          s.usedBytes += whole;
          s.todayBytes += whole;
        }
      }
    }
    this.usageClock = Math.max(this.usageClock, now);
  }

  // ---- lookups ---------------------------------------------------------------------------------

  authenticate(email: string, password: string): SimUser {
    const user = this.userByEmail(email);
    if (!user || user.password !== password) throw new PanelError(MESSAGES.badLogin);
    return user;
  }

  userByEmail(email: string): SimUser | undefined {
    const wanted = email.trim().toLowerCase();
    return wanted ? this.state.users.find((u) => u.email.toLowerCase() === wanted) : undefined;
  }

  servicesOf(user: SimUser): SimService[] {
    return this.state.services.filter((s) => s.userid === user.uid);
  }

  serviceOf(user: SimUser, sid: number): SimService {
    const service = this.state.services.find((s) => s.sid === sid && s.userid === user.uid);
    if (!service) throw new PanelError(MESSAGES.serviceNotFound);
    return service;
  }

  package(id: number): SimPackage | undefined {
    return this.state.packages.find((p) => p.id === id);
  }

  serverGroupName(id: number): string {
    return this.state.serverGroups.find((g) => g.id === id)?.name ?? '';
  }

  serviceStatus(service: SimService): string {
    if (service.statusOverride) return service.statusOverride;
    return service.expiresAt <= this.now() ? 'Expired' : 'Active';
  }

  invoiceOf(user: SimUser, invid: string): SimInvoice {
    const inv = this.state.invoices.find((i) => i.invid === invid && i.userid === user.uid);
    if (!inv) throw new PanelError(MESSAGES.invoiceNotFound);
    return inv;
  }

  // ---- accounts --------------------------------------------------------------------------------

  sendRegisterCode(email: string): string {
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw new PanelError(MESSAGES.badRegistration);
    if (this.userByEmail(email)) throw new PanelError(MESSAGES.alreadyRegistered);
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    this.state.emails.push({ to: email.toLowerCase(), kind: 'register-code', code, at: this.now() });
    this.config.log(`email: registration code ${code} -> ${email}`);
    return code;
  }

  register(input: { name: string; email: string; passwd: string; aff: string; code: string }): SimUser {
    if (!input.name || input.passwd.length < 6 || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(input.email)) {
      throw new PanelError(MESSAGES.badRegistration);
    }
    if (this.userByEmail(input.email)) throw new PanelError(MESSAGES.alreadyRegistered);
    const latest = this.state.emails
      .filter((e) => e.kind === 'register-code' && e.to === input.email.toLowerCase())
      .at(-1);
    if (!latest || latest.code !== input.code.trim()) throw new PanelError(MESSAGES.badCode);
    const user: SimUser = {
      uid: this.state.nextUid++,
      username: input.name,
      email: input.email,
      password: input.passwd,
      moneyCents: 0,
      aff: input.aff,
      createdAt: this.now(),
    };
    this.state.users.push(user);
    return user;
  }

  requestPasswordReset(email: string): void {
    if (!this.userByEmail(email)) throw new PanelError(MESSAGES.unknownEmail);
    this.state.emails.push({ to: email.toLowerCase(), kind: 'password-reset', code: null, at: this.now() });
    this.config.log(`email: password reset -> ${email}`);
  }

  // ---- invoices --------------------------------------------------------------------------------

  createNewServiceInvoice(user: SimUser, order: NewServiceOrder): SimInvoice {
    // Real panels index their price table by the key they know and fail hard on anything else.
    if (order.billing === 'quarter') throw new PanelCrash(`Undefined index: quarter`);
    const pkg = this.package(order.pid);
    if (!pkg || pkg.kind !== 'full') throw new PanelError(MESSAGES.packageNotFound);
    if (!isBillingKey(order.billing) || !FULL_BILLING_KEYS.includes(order.billing as FullBillingKey)) {
      throw new PanelError(MESSAGES.billingInvalid);
    }
    const cycle = pkg.billing[order.billing];
    if (!cycle?.enabled) throw new PanelError(MESSAGES.billingOff);
    if (!Number.isInteger(order.qty) || order.qty < 1 || order.qty > 10)
      throw new PanelError(MESSAGES.qtyInvalid);
    this.checkStock(pkg, order.qty);
    return this.addInvoice(user, {
      purpose: 'new',
      pkg,
      billing: order.billing,
      grossCents: cycle.priceCents * order.qty,
      coupon: order.coupon,
      quantity: order.qty,
      serviceid: null,
    });
  }

  createRenewInvoice(user: SimUser, sid: number): SimInvoice {
    const service = this.serviceOf(user, sid);
    const pkg = this.package(service.packageid);
    if (!pkg) throw new PanelError(MESSAGES.packageNotFound);
    return this.addInvoice(user, {
      purpose: 'renew',
      pkg,
      billing: service.billing,
      grossCents: service.amountCents,
      coupon: '',
      quantity: 1,
      serviceid: sid,
    });
  }

  createTopupInvoice(user: SimUser, sid: number, pid: number, coupon: string): SimInvoice {
    this.serviceOf(user, sid);
    const pkg = this.package(pid);
    if (!pkg || pkg.kind !== 'traffic') throw new PanelError(MESSAGES.packageNotFound);
    const cycle = pkg.billing.topup_traffic;
    if (!cycle?.enabled) throw new PanelError(MESSAGES.billingOff);
    this.checkStock(pkg, 1);
    return this.addInvoice(user, {
      purpose: 'topup',
      pkg,
      billing: 'topup_traffic',
      grossCents: cycle.priceCents,
      coupon,
      quantity: 1,
      serviceid: sid,
    });
  }

  /** Starts (or restarts) a payment: the gateway's amount with fees, valid for 5 minutes. */
  pay(user: SimUser, invid: string, gatewayId: number): { invoice: SimInvoice; gateway: SimGateway } {
    const invoice = this.invoiceOf(user, invid);
    this.assertPayable(invoice);
    const gateway = this.state.gateways.find((g) => g.id === gatewayId);
    if (!gateway) throw new PanelError(MESSAGES.gatewayNotFound);
    const now = this.now();
    const withFees =
      invoice.amountCents +
      Math.round((invoice.amountCents * gateway.feePercent) / 100) +
      gateway.feeFixedCents;
    const payment: SimPayment = {
      gatewayId,
      createdAt: now,
      expiresAt: now + PAYMENT_WINDOW_MS,
      totalCents: Math.round(withFees * gateway.rate),
      data:
        gateway.payKind === 'wxp'
          ? `wxp://f2f0${randomBytes(12).toString('hex')}`
          : `https://checkout.sim-panel.example/pay/${invoice.invid}?token=${randomBytes(8).toString('hex')}`,
    };
    invoice.payment = payment;
    this.scheduleAutoPay(invoice.invid, payment);
    return { invoice, gateway };
  }

  // ---- admin transitions -----------------------------------------------------------------------

  markPaid(invid: string): SimInvoice {
    const invoice = this.adminInvoice(invid);
    if (invoice.status === 'Paid') throw new AdminError(MESSAGES.invoicePaid, 409);
    if (invoice.status === 'Cancelled') throw new AdminError(MESSAGES.invoiceCancelled, 409);
    this.applyPaid(invoice);
    return invoice;
  }

  expireInvoice(invid: string): void {
    const invoice = this.adminInvoice(invid);
    if (invoice.status === 'Paid') throw new AdminError(MESSAGES.invoicePaid, 409);
    invoice.status = 'Expired';
  }

  cancelInvoice(invid: string): void {
    const invoice = this.adminInvoice(invid);
    if (invoice.status === 'Paid') throw new AdminError(MESSAGES.invoicePaid, 409);
    invoice.status = 'Cancelled';
  }

  adminInvoice(invid: string): SimInvoice {
    const invoice = this.state.invoices.find((i) => i.invid === invid);
    if (!invoice) throw new AdminError(`No invoice ${invid}`, 404);
    return invoice;
  }

  adminService(sid: number): SimService {
    const service = this.state.services.find((s) => s.sid === sid);
    if (!service) throw new AdminError(`No service ${sid}`, 404);
    return service;
  }

  // ---- internals -------------------------------------------------------------------------------

  private checkStock(pkg: SimPackage, qty: number): void {
    if (pkg.enableStock && pkg.stockCount < qty) throw new PanelError(MESSAGES.outOfStock);
  }

  private assertPayable(invoice: SimInvoice): void {
    if (invoice.status === 'Paid') throw new PanelError(MESSAGES.invoicePaid);
    if (invoice.status === 'Expired') throw new PanelError(MESSAGES.invoiceExpired);
    if (invoice.status === 'Cancelled') throw new PanelError(MESSAGES.invoiceCancelled);
  }

  private addInvoice(
    user: SimUser,
    spec: {
      purpose: SimInvoice['purpose'];
      pkg: SimPackage;
      billing: BillingKey;
      grossCents: number;
      coupon: string;
      quantity: number;
      serviceid: number | null;
    },
  ): SimInvoice {
    const discountCents = this.discountFor(spec.coupon, spec.grossCents);
    const invoice: SimInvoice = {
      id: this.state.nextInvoiceId++,
      invid: newInvid(),
      purpose: spec.purpose,
      createdAt: this.now(),
      currency: 'USD',
      amountCents: spec.grossCents - discountCents,
      discountCents,
      coupon: spec.coupon.trim(),
      packageid: spec.pkg.id,
      packagename: spec.pkg.name,
      status: 'Pending',
      userid: user.uid,
      quantity: spec.quantity,
      billing: spec.billing,
      serviceid: spec.serviceid,
      paidAt: null,
      payment: null,
    };
    this.state.invoices.push(invoice);
    this.config.log(`invoice ${invoice.invid} created (${spec.purpose}, ${spec.pkg.name}, ${spec.billing})`);
    return invoice;
  }

  private discountFor(code: string, grossCents: number): number {
    const wanted = code.trim().toUpperCase();
    if (!wanted) return 0;
    const coupon = this.state.coupons.find((c) => c.code.toUpperCase() === wanted);
    if (!coupon) throw new PanelError(MESSAGES.couponInvalid);
    const off = Math.round((grossCents * coupon.percent) / 100) + coupon.fixedCents;
    return Math.min(off, grossCents);
  }

  private scheduleAutoPay(invid: string, payment: SimPayment): void {
    const delay = this.config.autoPayAfterMs;
    if (delay === null) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      const invoice = this.state.invoices.find((i) => i.invid === invid);
      // Only the payment that scheduled this may complete it.
      if (invoice?.status === 'Pending' && invoice.payment === payment) this.applyPaid(invoice);
    }, delay);
    timer.unref();
    this.timers.add(timer);
  }

  /** What a confirmed payment does: create the service, extend it, or add traffic. */
  private applyPaid(invoice: SimInvoice): void {
    const now = this.now();
    const pkg = this.package(invoice.packageid);
    invoice.status = 'Paid';
    invoice.paidAt = now;
    if (invoice.purpose === 'new' && pkg && invoice.billing !== 'topup_traffic') {
      for (let i = 0; i < invoice.quantity; i++) {
        const service = this.createService(invoice, pkg, invoice.billing);
        if (i === 0) invoice.serviceid = service.sid;
      }
      this.takeStock(pkg, invoice.quantity);
    } else if (invoice.purpose === 'renew') {
      const service = this.state.services.find((s) => s.sid === invoice.serviceid);
      if (service) {
        const days = CYCLE_DAYS[service.billing];
        service.expiresAt = Math.max(service.expiresAt, now) + days * DAY_MS;
      }
    } else if (invoice.purpose === 'topup' && pkg) {
      const service = this.state.services.find((s) => s.sid === invoice.serviceid);
      if (service) service.trafficBytes += pkg.trafficBytes * invoice.quantity;
      this.takeStock(pkg, invoice.quantity);
    }
    this.config.log(`invoice ${invoice.invid} paid (${invoice.purpose})`);
  }

  private takeStock(pkg: SimPackage, qty: number): void {
    if (pkg.enableStock) pkg.stockCount = Math.max(0, pkg.stockCount - qty);
  }

  private createService(invoice: SimInvoice, pkg: SimPackage, billing: FullBillingKey): SimService {
    const sid = this.state.nextSid++;
    const now = this.now();
    const service: SimService = {
      sid,
      userid: invoice.userid,
      packageid: pkg.id,
      billing,
      amountCents: pkg.billing[billing]?.priceCents ?? 0,
      paidAt: now,
      expiresAt: now + CYCLE_DAYS[billing] * DAY_MS,
      iplimit: pkg.iplimit,
      onlineIps: 0,
      speedlimitMbps: pkg.speedlimitMbps,
      serverGroupId: pkg.serverGroupId,
      trafficBytes: pkg.trafficBytes,
      usedBytes: 0,
      todayBytes: 0,
      recentOnline: null,
      statusOverride: null,
      sublinkToken: randomBytes(24).toString('base64url'),
      servers: serversFor(secretsFor(sid, invoice.invid)),
    };
    this.state.services.push(service);
    return service;
  }
}

/** Unix seconds of a payment's creation and expiry, as invoice/pay reports them. */
export function paymentTimes(payment: SimPayment): { created: number; expire: number } {
  return { created: unixSeconds(payment.createdAt), expire: unixSeconds(payment.expiresAt) };
}
