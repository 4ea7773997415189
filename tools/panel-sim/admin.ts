// The simulator's admin surface: the in-process SimAdmin object, and the same operations over
// HTTP under /__sim/ (loopback only) for tools and demos that run the simulator out of process.
import type { IncomingMessage } from 'node:http';
import { API_PATHS } from './api';
import { isFault } from './faults';
import { AdminError } from './panel';
import type { Panel } from './panel';
import { shareLink } from './servers';
import type { TokenIssuer } from './tokens';
import type { CouponSpec, DeepReadonly, Fault, SimAdmin, SimInvoice, SimState, SimStats } from './types';

/** What the admin surface operates on; owned by server.ts. */
export interface SimRuntime {
  panel: Panel;
  tokens: TokenIssuer;
  faults: Map<string, Fault>;
  /** Faults from the options, restored by reset(). */
  initialFaults: Readonly<Record<string, Fault>>;
  stats: SimStats;
}

function deepFreeze<T>(value: T): DeepReadonly<T> {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value as DeepReadonly<T>;
}

function nonNegative(n: number | undefined, what: string): void {
  if (n !== undefined && (!Number.isFinite(n) || n < 0)) throw new AdminError(`${what} must be >= 0`, 400);
}

/** Faults are keyed by an API path or '*'; a typo would silently never fire. */
export function assertFaultTarget(endpoint: string): void {
  if (endpoint !== '*' && !API_PATHS.includes(endpoint)) {
    throw new AdminError(`Unknown endpoint '${endpoint}' (use an /api/client/... path or '*')`, 400);
  }
}

export function createAdmin(rt: SimRuntime): SimAdmin {
  const { panel } = rt;
  const emailsTo = (email: string, kind: 'register-code' | 'password-reset') =>
    panel.state.emails.filter((e) => e.kind === kind && e.to === email.trim().toLowerCase());

  return {
    emailCodes: (email) => emailsTo(email, 'register-code').map((e) => e.code ?? ''),
    resetEmails: (email) => emailsTo(email, 'password-reset').length,
    markPaid: (invid) => {
      panel.refresh();
      panel.markPaid(invid);
    },
    expireInvoice: (invid) => panel.expireInvoice(invid),
    cancelInvoice: (invid) => panel.cancelInvoice(invid),
    setUsage: (sid, usage) => {
      nonNegative(usage.usedBytes, 'usedBytes');
      nonNegative(usage.todayBytes, 'todayBytes');
      const service = panel.adminService(sid);
      if (usage.usedBytes !== undefined) service.usedBytes = usage.usedBytes;
      if (usage.todayBytes !== undefined) service.todayBytes = usage.todayBytes;
    },
    addUsage: (sid, bytes) => {
      nonNegative(bytes, 'bytes');
      const service = panel.adminService(sid);
      service.usedBytes += bytes;
      service.todayBytes += bytes;
    },
    setExpiry: (sid, epochMs) => {
      panel.adminService(sid).expiresAt = epochMs;
    },
    patchService: (sid, partial) => {
      Object.assign(panel.adminService(sid), partial);
    },
    patchPackage: (id, partial) => {
      const pkg = panel.package(id);
      if (!pkg) throw new AdminError(`No package ${id}`, 404);
      Object.assign(pkg, partial);
    },
    patchServer: (sid, index, partial) => {
      const server = panel.adminService(sid).servers[index];
      if (!server) throw new AdminError(`Service ${sid} has no server ${index}`, 404);
      Object.assign(server, partial);
      // Keep the share link in step with the fields unless the caller set it on purpose.
      if (partial.uri === undefined) server.uri = shareLink(server);
    },
    patchUser: (email, partial) => {
      const user = panel.userByEmail(email);
      if (!user) throw new AdminError(`No user ${email}`, 404);
      Object.assign(user, partial);
    },
    patchMessages: (partial) => {
      Object.assign(panel.state.messages, partial);
    },
    addCoupon: (code, spec: CouponSpec) => {
      nonNegative(spec.percent, 'percent');
      nonNegative(spec.fixed, 'fixed');
      const coupons = panel.state.coupons.filter((c) => c.code.toUpperCase() !== code.toUpperCase());
      coupons.push({ code, percent: spec.percent ?? 0, fixedCents: Math.round((spec.fixed ?? 0) * 100) });
      panel.state.coupons = coupons;
    },
    setFault: (endpoint, fault) => {
      assertFaultTarget(endpoint);
      if (fault === null) rt.faults.delete(endpoint);
      else if (isFault(fault)) rt.faults.set(endpoint, fault);
      else throw new AdminError(`Not a fault: ${JSON.stringify(fault)}`, 400);
    },
    clearFaults: () => rt.faults.clear(),
    expireTokens: () => rt.tokens.expireAll(),
    stats: () => structuredClone(rt.stats),
    resetStats: () => {
      rt.stats.requests = {};
      rt.stats.tokenRequests = 0;
      rt.stats.serviceInfo = {};
    },
    reset: () => {
      panel.reset();
      rt.faults.clear();
      for (const [endpoint, fault] of Object.entries(rt.initialFaults)) rt.faults.set(endpoint, fault);
    },
    state: (): DeepReadonly<SimState> => {
      panel.refresh();
      return deepFreeze(structuredClone(panel.state));
    },
    invoice: (invid): DeepReadonly<SimInvoice> | undefined => {
      panel.refresh();
      const found = panel.state.invoices.find((i) => i.invid === invid);
      return found ? deepFreeze(structuredClone(found)) : undefined;
    },
  };
}

// ---- HTTP --------------------------------------------------------------------------------------

/** True for 127.0.0.0/8 and ::1, including IPv4-mapped IPv6 forms. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return v4 === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

export function isLoopbackRequest(req: IncomingMessage): boolean {
  return isLoopbackAddress(req.socket.remoteAddress);
}

type Args = Record<string, unknown>;

function str(args: Args, key: string): string {
  const v = args[key];
  if (typeof v !== 'string' || v === '') throw new AdminError(`'${key}' (string) is required`, 400);
  return v;
}

function num(args: Args, key: string): number {
  const v = typeof args[key] === 'string' ? Number(args[key]) : args[key];
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw new AdminError(`'${key}' (number) is required`, 400);
  return v;
}

function optNum(args: Args, key: string): number | undefined {
  return args[key] === undefined ? undefined : num(args, key);
}

function obj(args: Args, key: string): Args {
  const v = args[key];
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    throw new AdminError(`'${key}' (object) is required`, 400);
  }
  return v as Args;
}

/** Admin operations by URL name: POST /__sim/<name> with the arguments as a JSON object. */
export function adminOperations(admin: SimAdmin): Record<string, (args: Args) => unknown> {
  return {
    emailCodes: (a) => admin.emailCodes(str(a, 'email')),
    resetEmails: (a) => admin.resetEmails(str(a, 'email')),
    markPaid: (a) => admin.markPaid(str(a, 'invid')),
    expireInvoice: (a) => admin.expireInvoice(str(a, 'invid')),
    cancelInvoice: (a) => admin.cancelInvoice(str(a, 'invid')),
    setUsage: (a) =>
      admin.setUsage(num(a, 'sid'), {
        usedBytes: optNum(a, 'usedBytes'),
        todayBytes: optNum(a, 'todayBytes'),
      }),
    addUsage: (a) => admin.addUsage(num(a, 'sid'), num(a, 'bytes')),
    setExpiry: (a) => admin.setExpiry(num(a, 'sid'), num(a, 'epochMs')),
    patchService: (a) => admin.patchService(num(a, 'sid'), obj(a, 'patch')),
    patchPackage: (a) => admin.patchPackage(num(a, 'id'), obj(a, 'patch')),
    patchServer: (a) => admin.patchServer(num(a, 'sid'), num(a, 'index'), obj(a, 'patch')),
    patchUser: (a) => admin.patchUser(str(a, 'email'), obj(a, 'patch')),
    patchMessages: (a) => admin.patchMessages(obj(a, 'patch')),
    addCoupon: (a) =>
      admin.addCoupon(str(a, 'code'), { percent: optNum(a, 'percent'), fixed: optNum(a, 'fixed') }),
    setFault: (a) => admin.setFault(str(a, 'endpoint'), a.fault === null ? null : (obj(a, 'fault') as Fault)),
    clearFaults: () => admin.clearFaults(),
    expireTokens: () => admin.expireTokens(),
    stats: () => admin.stats(),
    resetStats: () => admin.resetStats(),
    reset: () => admin.reset(),
    state: () => admin.state(),
    invoice: (a) => admin.invoice(str(a, 'invid')) ?? null,
  };
}
