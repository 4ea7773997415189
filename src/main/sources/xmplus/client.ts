// The XMPlus client API, one typed function per endpoint (all 16 of /api/client/), each
// returning a Result. Request bodies follow the panel's client API document exactly (billing key `quater`, `invid` a string, ids as
// numbers); answers go text -> JSON (parse.ts) -> raw schema -> domain type. Secrets never appear in
// an error: every failure is scrubbed of the password, API key and token it was called with.
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type {
  Account,
  BillingCycle,
  Gateway,
  Invoice,
  Package,
  PanelServer,
  Payment,
  Service,
} from '../../../shared/domain';
import type { AppError, Result } from '../../../shared/errors';
import { appError, fail, ok } from '../../../shared/errors';
import { scrubError } from '../../net/scrub';
import { mayBeNewGeneration, newGenerationError, newGenerationName } from './generation';
import type { NormalizeContext } from './normalize';
import {
  gatewayList,
  isValidTimeZone,
  listOf,
  machineTimeZone,
  normalizeAccount,
  normalizeGateway,
  normalizeInvoice,
  normalizePackage,
  normalizePayment,
  normalizeServer,
  normalizeService,
  toText,
} from './normalize';
import type { JsonObject } from './parse';
import { EMPTY_BODY_DETAIL, parseResponse } from './parse';
import {
  accountInfoSchema,
  gatewaysSchema,
  invoiceCreatedSchema,
  invoicesSchema,
  invoiceViewSchema,
  messageSchema,
  packageInfoSchema,
  packagesSchema,
  paymentSchema,
  serviceInfoSchema,
  tokenSchema,
} from './schemas';
import type { PanelRoute, Timeouts, Transport } from '../../net/transport';
import { createTransport, validatePanelUrl } from '../../net/transport';

export { isTokenRefused } from './errors';

export interface Credentials {
  email: string;
  password: string;
}

export interface TokenGrant {
  /** The whole token as the panel gave it (JWT + "#" + suffix); sent back unchanged. */
  token: string;
  /** `exp` of the JWT part, epoch ms; null when the token carries none. */
  expiresAt: number | null;
  /** `iat` of the JWT part, epoch ms; null when absent. Lets the session measure the lifetime without trusting clocks to agree. */
  issuedAt: number | null;
}

export interface PanelMessage {
  message: string;
}

export interface InvoiceCreated {
  invoiceId: string;
  message: string;
}

export interface AccountInfo {
  account: Account;
  services: Service[];
}

export interface ServiceDetail {
  service: Service;
  servers: PanelServer[];
}

export interface NewInvoiceRequest {
  pid: number;
  billing: BillingCycle;
  coupon?: string;
  qty?: number;
}

export interface RegistrationRequest {
  name: string;
  email: string;
  passwd: string;
  aff?: string;
  code: string;
}

export interface PanelClient {
  /** Panel address (origin + path prefix), no trailing slash. */
  readonly base: string;
  readonly host: string;
  readonly timeZone: string;
  fetchToken(apiKey: string): Promise<Result<TokenGrant>>;
  accountInfo(token: string, creds: Credentials, serviceId?: number): Promise<Result<AccountInfo>>;
  passwordReset(token: string, email: string): Promise<Result<PanelMessage>>;
  registerSendCode(token: string, input: { name: string; email: string }): Promise<Result<PanelMessage>>;
  register(token: string, input: RegistrationRequest): Promise<Result<PanelMessage>>;
  packages(token: string): Promise<Result<Package[]>>;
  trafficPackages(token: string): Promise<Result<Package[]>>;
  packageInfo(token: string, pid: number): Promise<Result<Package>>;
  invoiceCreate(token: string, creds: Credentials, input: NewInvoiceRequest): Promise<Result<InvoiceCreated>>;
  serviceInfo(token: string, creds: Credentials, serviceId: number): Promise<Result<ServiceDetail>>;
  serviceRenew(token: string, creds: Credentials, sid: number): Promise<Result<InvoiceCreated>>;
  serviceAddTraffic(
    token: string,
    creds: Credentials,
    sid: number,
    pid: number,
  ): Promise<Result<InvoiceCreated>>;
  gateways(token: string): Promise<Result<Gateway[]>>;
  invoices(token: string, creds: Credentials): Promise<Result<Invoice[]>>;
  invoiceView(token: string, creds: Credentials, invid: string): Promise<Result<Invoice>>;
  invoicePay(token: string, creds: Credentials, invid: string, gatewayId: number): Promise<Result<Payment>>;
  close(): Promise<void>;
}

export interface PanelClientOptions {
  panelUrl: string;
  proxyUrl?: string | null;
  /** IANA zone the panel writes dates in; the machine's zone by default. */
  timeZone?: string;
  timeouts?: Partial<Timeouts>;
  userAgent?: string;
  /** Proxy environment (tests); process.env by default. */
  env?: Readonly<Record<string, string | undefined>>;
  /** The system proxy and the panel's other addresses (transport.ts). */
  route?: PanelRoute;
  /**
   * Set-up (a panel not signed in to yet): a token refusal that is not the panel's own answer is
   * followed by one /api/config request, to name a new-generation panel (generation.ts). Off for a
   * saved profile's panel, whose generation set-up already checked: a panel having a bad moment
   * would otherwise be asked twice on every failed token call.
   */
  identifyGeneration?: boolean;
}

export function md5Hex(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}

function base64UrlJson(part: string): unknown {
  try {
    return JSON.parse(
      Buffer.from(part.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8'),
    ) as unknown;
  } catch {
    return null;
  }
}

/** Read `iat` / `exp` (seconds) from the JWT before the "#" suffix. */
export function readTokenTimes(token: string): { expiresAt: number | null; issuedAt: number | null } {
  const jwt = token.split('#')[0] ?? '';
  const payload = base64UrlJson(jwt.split('.')[1] ?? '');
  if (!payload || typeof payload !== 'object') return { expiresAt: null, issuedAt: null };
  const { exp, iat } = payload as { exp?: unknown; iat?: unknown };
  return {
    expiresAt: typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : null,
    issuedAt: typeof iat === 'number' && Number.isFinite(iat) ? iat * 1000 : null,
  };
}

const BILLING_CYCLES: readonly BillingCycle[] = ['month', 'quater', 'semiannual', 'annual', 'topup_traffic'];

function invalid(path: string, message: string): AppError {
  return appError('validation', message, { issues: [{ path, message }] });
}

function checkId(path: string, value: unknown, what: string): AppError | null {
  return typeof value === 'number' && Number.isInteger(value) && value > 0
    ? null
    : invalid(path, `${what} must be a positive whole number.`);
}

interface IssueLike {
  code?: string;
  path: PropertyKey[];
  message: string;
  errors?: IssueLike[][];
}

/**
 * Zod reports a failed union (array-or-object lists) at the union itself; descend into the branch
 * that got furthest so the message names the field that is actually wrong.
 */
function flattenIssues(
  issues: readonly IssueLike[],
  prefix: PropertyKey[] = [],
): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors && issue.errors.length > 0) {
      const depth = (branch: IssueLike[]) => Math.max(0, ...branch.map((i) => i.path.length));
      const best = [...issue.errors].sort((a, b) => depth(b) - depth(a))[0];
      if (best && best.length > 0 && depth(best) > 0) {
        out.push(...flattenIssues(best, path));
        continue;
      }
    }
    out.push({ path: path.map(String).join('.'), message: issue.message });
  }
  return out;
}

export function createPanelClient(options: PanelClientOptions): Result<PanelClient> {
  const url = validatePanelUrl(options.panelUrl);
  if (!url.ok) return url;
  const timeZone = options.timeZone?.trim() || machineTimeZone();
  if (!isValidTimeZone(timeZone)) {
    return fail(
      invalid('timeZone', `"${timeZone}" is not a time zone the app knows; use a name like Asia/Shanghai.`),
    );
  }
  const transported = createTransport({
    panelUrl: url.value,
    proxyUrl: options.proxyUrl ?? null,
    ...(options.timeouts ? { timeouts: options.timeouts } : {}),
    ...(options.userAgent ? { userAgent: options.userAgent } : {}),
    ...(options.env ? { env: options.env } : {}),
    ...options.route,
  });
  if (!transported.ok) return transported;
  const transport: Transport = transported.value;
  const ctx: NormalizeContext = { timeZone };
  const host = transport.host;

  /** POST one endpoint, parse the envelope, then check it against a schema. */
  async function call<S extends z.ZodType>(
    endpoint: string,
    body: Record<string, unknown> | undefined,
    headers: Record<string, string>,
    schema: S,
    secrets: readonly (string | undefined)[],
  ): Promise<Result<z.infer<S>>> {
    const response = await transport.post(`/api/client/${endpoint}`, body, headers);
    if (!response.ok) return fail(scrubError(response.error, secrets));
    const parsed = parseResponse(response.value, { host, endpoint });
    if (!parsed.ok) return fail(scrubError(parsed.error, secrets));
    return checkSchema(endpoint, parsed.value, schema, secrets);
  }

  function checkSchema<S extends z.ZodType>(
    endpoint: string,
    obj: JsonObject,
    schema: S,
    secrets: readonly (string | undefined)[],
  ): Result<z.infer<S>> {
    const checked = schema.safeParse(obj);
    if (checked.success) return ok(checked.data);
    const issues = flattenIssues(checked.error.issues).slice(0, 5);
    const first = issues[0];
    return fail(
      scrubError(
        appError(
          'schema',
          `The panel at ${host} answered ${endpoint} in a shape the app does not understand${first ? ` (${first.path || 'answer'}: ${first.message})` : ''}. The panel may run a different version; tell your provider if it persists.`,
          { issues },
        ),
        secrets,
      ),
    );
  }

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const credBody = (creds: Credentials) => ({ email: creds.email, passwd: creds.password });
  const secretsOf = (token: string, creds?: Credentials) => [token, creds?.password];

  async function invoiceCall(
    endpoint: string,
    token: string,
    creds: Credentials,
    body: Record<string, unknown>,
  ): Promise<Result<InvoiceCreated>> {
    const r = await call(
      endpoint,
      { ...credBody(creds), ...body },
      bearer(token),
      invoiceCreatedSchema,
      secretsOf(token, creds),
    );
    if (!r.ok) return r;
    return ok({ invoiceId: toText(r.value.invid), message: toText(r.value.message) });
  }

  async function messageCall(
    endpoint: string,
    token: string,
    body: Record<string, unknown>,
    secrets: readonly (string | undefined)[],
  ) {
    const r = await call(endpoint, body, bearer(token), messageSchema, secrets);
    if (!r.ok) return r;
    return ok<PanelMessage>({ message: toText(r.value.message) });
  }

  async function packageList(
    endpoint: string,
    token: string,
    kind: Package['kind'],
  ): Promise<Result<Package[]>> {
    const r = await call(endpoint, undefined, bearer(token), packagesSchema, [token]);
    if (!r.ok) return r;
    return ok(listOf(r.value.packages).map((p) => normalizePackage(p, kind)));
  }

  const client: PanelClient = {
    base: transport.base,
    host,
    timeZone,

    async fetchToken(apiKey) {
      if (!apiKey.trim()) return fail(invalid('apiKey', 'Enter the client API key your provider gave you.'));
      const r = await call(
        'token',
        undefined,
        { 'xmplus-authorization': md5Hex(apiKey.trim()) },
        tokenSchema,
        [apiKey, md5Hex(apiKey.trim())],
      );
      if (!r.ok && options.identifyGeneration && mayBeNewGeneration(r.error)) {
        const name = await newGenerationName(transport);
        if (name) return fail(newGenerationError(host, name, r.error.status));
      }
      if (!r.ok) return r;
      const token = r.value.data.token.trim();
      return ok({ token, ...readTokenTimes(token) });
    },

    async accountInfo(token, creds, serviceId) {
      if (serviceId !== undefined) {
        const bad = checkId('serviceId', serviceId, 'The service id');
        if (bad) return fail(bad);
      }
      const body = { ...credBody(creds), ...(serviceId !== undefined ? { serviceid: serviceId } : {}) };
      const r = await call('account/info', body, bearer(token), accountInfoSchema, secretsOf(token, creds));
      if (!r.ok) return r;
      return ok({
        account: normalizeAccount(r.value.data),
        services: listOf(r.value.data.services).map((s) => normalizeService(s, ctx)),
      });
    },

    passwordReset: (token, email) => messageCall('account/password/reset', token, { email }, [token]),

    registerSendCode: (token, input) =>
      messageCall('register/sendcode', token, { name: input.name, email: input.email }, [token]),

    register: (token, input) =>
      messageCall(
        'register',
        token,
        {
          name: input.name,
          email: input.email,
          passwd: input.passwd,
          aff: input.aff ?? '',
          code: input.code,
        },
        [token, input.passwd],
      ),

    packages: (token) => packageList('packages', token, 'full'),
    trafficPackages: (token) => packageList('packages/traffic', token, 'traffic'),

    async packageInfo(token, pid) {
      const bad = checkId('pid', pid, 'The package id');
      if (bad) return fail(bad);
      const r = await call('package/info', { pid }, bearer(token), packageInfoSchema, [token]);
      if (!r.ok) return r;
      return ok(normalizePackage(r.value.package, 'full'));
    },

    async invoiceCreate(token, creds, input) {
      const bad = checkId('pid', input.pid, 'The package id');
      if (bad) return fail(bad);
      const billing = (input.billing as string) === 'quarter' ? 'quater' : input.billing;
      if (!BILLING_CYCLES.includes(billing)) {
        return fail(invalid('billing', `Choose a billing cycle: ${BILLING_CYCLES.join(', ')}.`));
      }
      const qty = input.qty ?? 1;
      const badQty = checkId('qty', qty, 'The quantity');
      if (badQty) return fail(badQty);
      return invoiceCall('invoice/create', token, creds, {
        pid: input.pid,
        billing,
        coupon: input.coupon ?? '',
        qty,
      });
    },

    async serviceInfo(token, creds, serviceId) {
      const bad = checkId('serviceId', serviceId, 'The service id');
      if (bad) return fail(bad);
      const r = await call(
        'service/info',
        { ...credBody(creds), serviceid: serviceId },
        bearer(token),
        serviceInfoSchema,
        secretsOf(token, creds),
      );
      if (!r.ok) return r;
      return ok({
        service: normalizeService(r.value, ctx),
        servers: listOf(r.value.servers).map(normalizeServer),
      });
    },

    async serviceRenew(token, creds, sid) {
      const bad = checkId('sid', sid, 'The service id');
      if (bad) return fail(bad);
      return invoiceCall('service/renew', token, creds, { sid });
    },

    async serviceAddTraffic(token, creds, sid, pid) {
      const bad = checkId('sid', sid, 'The service id') ?? checkId('pid', pid, 'The package id');
      if (bad) return fail(bad);
      return invoiceCall('service/addtraffic', token, creds, { sid, pid });
    },

    async gateways(token) {
      const r = await call('gateways', undefined, bearer(token), gatewaysSchema, [token]);
      if (!r.ok) return r;
      return ok(gatewayList(r.value.gateways).map(normalizeGateway));
    },

    async invoices(token, creds) {
      const r = await call(
        'invoices',
        credBody(creds),
        bearer(token),
        invoicesSchema,
        secretsOf(token, creds),
      );
      if (!r.ok) return r;
      return ok(listOf(r.value.invoices).map((i) => normalizeInvoice(i, ctx)));
    },

    async invoiceView(token, creds, invid) {
      if (!invid.trim()) return fail(invalid('invid', 'The invoice id is missing.'));
      const r = await call(
        'invoice/view',
        { ...credBody(creds), invid: invid.trim() },
        bearer(token),
        invoiceViewSchema,
        secretsOf(token, creds),
      );
      if (!r.ok) return r;
      return ok(normalizeInvoice(r.value.invoice, ctx));
    },

    async invoicePay(token, creds, invid, gatewayId) {
      if (!invid.trim()) return fail(invalid('invid', 'The invoice id is missing.'));
      const bad = checkId('gatewayId', gatewayId, 'The payment method id');
      if (bad) return fail(bad);
      const noData = (): AppError =>
        appError(
          'schema',
          `The panel returned no payment data for invoice ${invid.trim()}. Try paying again in a moment, or choose another payment method.`,
        );
      const r = await call(
        'invoice/pay',
        { ...credBody(creds), invid: invid.trim(), gatewayid: gatewayId },
        bearer(token),
        paymentSchema,
        secretsOf(token, creds),
      );
      if (!r.ok) {
        // Panels are known to answer invoice/pay with HTTP 200 and no body at all.
        return r.error.detail === EMPTY_BODY_DETAIL
          ? fail({ ...noData(), status: r.error.status ?? 200 })
          : r;
      }
      const payment = normalizePayment(r.value, invid.trim(), { ...ctx, panelBase: transport.base });
      if (payment.dataKind === 'empty') return fail(noData());
      return ok(payment);
    },

    close: () => transport.close(),
  };
  return ok(client);
}
