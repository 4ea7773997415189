// Raw zod schemas of the panel's answers, as loose as the panels in the field require
// (docs/architecture.md, "The panel"): numbers may be strings, booleans may be 1 / "1" / true, lists may be objects
// keyed by id, and empty values may be null, "" or missing. The normalizers turn these into domain types.
import { z } from 'zod';

/** A number, or a string holding one ("4", "0.00", ""). */
export const looseNumber = z.union([z.number(), z.string()]).nullish();
/** true / false, 1 / 0, "1" / "0", "true" / "on" ... */
export const looseBool = z.union([z.boolean(), z.number(), z.string()]).nullish();
export const looseString = z.union([z.string(), z.number()]).nullish();
/** A record's id: a number, or a string of digits (" 12 "); anything else fails the record. */
const looseId = z.union([z.number(), z.string().regex(/^\s*\d+\s*$/)]);
/** Any scalar the panel might put in a display field. */
export const looseScalar = z.union([z.string(), z.number(), z.boolean()]).nullish();

/** A list that some panels send as an array and others as an object keyed by id. */
export function looseList<T extends z.ZodType>(item: T) {
  return z.union([z.array(item), z.record(z.string(), item)]).nullish();
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Copies the first present alternate field onto `key` when `key` itself is missing or empty. */
function alias(value: unknown, key: string, alternates: readonly string[]): unknown {
  if (!isRecord(value)) return value;
  const present = (v: unknown) => v !== undefined && v !== null && v !== '';
  if (present(value[key])) return value;
  const found = alternates.find((name) => present(value[name]));
  return found === undefined ? value : { ...value, [key]: value[found] };
}

/**
 * A list field as panels send it: under its documented key, under `data` instead, or a single item
 * where a list belongs (an object carrying `itemKey`, not an object of items keyed by id).
 */
export function liftList(key: string, itemKey: string) {
  return (value: unknown): unknown => {
    if (!isRecord(value)) return value;
    let list = value[key];
    if (list === undefined || list === null) {
      const data = value.data;
      if (Array.isArray(data)) list = data;
      else if (isRecord(data)) list = isRecord(data[key]) || Array.isArray(data[key]) ? data[key] : data;
    }
    if (isRecord(list) && itemKey in list && !Object.values(list).every(isRecord)) list = [list];
    return list === value[key] ? value : { ...value, [key]: list };
  };
}

/** One object as panels send it: under its documented key, or under `data` instead. */
function liftOne(key: string) {
  return (value: unknown): unknown =>
    isRecord(value) && !isRecord(value[key]) && isRecord(value.data)
      ? { ...value, [key]: value.data }
      : value;
}

/** The token under `data` as the API documents it; a few panels put it at the top level. */
export const tokenSchema = z.preprocess(
  (value: unknown) =>
    typeof value === 'object' && value !== null && typeof (value as { token?: unknown }).token === 'string'
      ? { ...value, data: { token: (value as { token: string }).token } }
      : value,
  z.object({
    data: z.object({ token: z.string().min(1) }),
  }),
);

/** Service ids seen besides `sid`; the subscription link besides `sublink`. */
export const SERVICE_ID_FIELDS = ['serviceid', 'service_id', 'id'] as const;
export const SUBLINK_FIELDS = [
  'subscription_url',
  'sub_link',
  'subscribe_url',
  'subscription',
  'config_link',
] as const;

const serviceAliases = (value: unknown): unknown =>
  alias(alias(value, 'sid', SERVICE_ID_FIELDS), 'sublink', SUBLINK_FIELDS);

const rawServiceObject = z.looseObject({
  sid: looseId,
  userid: looseNumber,
  email: looseString,
  packageid: looseNumber,
  package: looseString,
  paid_date: looseString,
  expire_date: looseString,
  billing: looseString,
  amount: looseString,
  iplimit: looseString,
  speedlimit: looseString,
  server_group: looseString,
  traffic: looseString,
  used_traffic: looseString,
  today: looseString,
  recent_omline: looseScalar,
  recent_online: looseScalar,
  status: looseString,
  reset_traffic: looseString,
  sublink: looseString,
});
export const rawServiceSchema = z.preprocess(serviceAliases, rawServiceObject);
export type RawService = z.infer<typeof rawServiceObject>;

/** Some panels answer account/info without the `data` wrapper: put it back. */
const wrapAccount = (value: unknown): unknown =>
  isRecord(value) && !isRecord(value.data) && ('services' in value || 'email' in value || 'money' in value)
    ? { ...value, data: value }
    : value;

const hasServiceId = (value: Record<string, unknown>) =>
  'sid' in value || SERVICE_ID_FIELDS.some((name) => name in value);

/** Some panels wrap service/info in `data` (or `service`) like their other answers: unwrap it. */
const unwrapService = (value: unknown): unknown => {
  if (!isRecord(value) || 'sid' in value) return value;
  const inner = isRecord(value.data) ? value.data : isRecord(value.service) ? value.service : null;
  return inner && hasServiceId(inner) ? { ...inner, code: value.code } : value;
};

export const accountInfoSchema = z.preprocess(
  wrapAccount,
  z.object({
    data: z.looseObject({
      uid: looseNumber,
      id: looseNumber,
      username: looseString,
      email: looseString,
      money: looseString,
      services: looseList(rawServiceSchema),
    }),
  }),
);

export const rawServerSchema = z.looseObject({
  type: looseString,
  remark: looseString,
  address: looseString,
  port: looseNumber,
  network: looseString,
  security: looseString,
  uri: looseString,
});
export type RawServer = z.infer<typeof rawServerSchema>;

export const serviceInfoSchema = z.preprocess(
  (value: unknown) => liftList('servers', 'uri')(serviceAliases(unwrapService(value))),
  rawServiceObject.extend({
    servers: looseList(rawServerSchema),
  }),
);

/**
 * A billing cell: "$ 10.00 " in package lists, { status, price (, days) } in package/info, and that
 * object as JSON text in some panels' lists (the normalizer decodes it).
 */
export const rawPriceSchema = z.union([
  z.string(),
  z.number(),
  z.null(),
  z.looseObject({ status: looseScalar, price: looseString, days: looseNumber }),
]);

export const rawPackageSchema = z.looseObject({
  id: looseId,
  name: looseString,
  traffic: looseString,
  desc: looseString,
  type: looseString,
  iplimit: looseString,
  speedlimit: looseString,
  server_group: looseString,
  traffic_reset: looseBool,
  enable_stock: looseBool,
  stock_count: looseNumber,
  billing: z
    .preprocess(
      // The whole billing object may come as JSON text too (the panel's stored price_option).
      (value: unknown) => (typeof value === 'string' && /^\s*\{/.test(value) ? decodeJson(value) : value),
      z.union([z.record(z.string(), rawPriceSchema), z.array(z.unknown())]).nullish(),
    )
    .optional(),
  sort: looseNumber,
});
export type RawPackage = z.infer<typeof rawPackageSchema>;

export const packagesSchema = z.preprocess(
  liftList('packages', 'name'),
  z.object({ packages: looseList(rawPackageSchema) }),
);
export const packageInfoSchema = z.preprocess(liftOne('package'), z.object({ package: rawPackageSchema }));

export const rawGatewaySchema = z.looseObject({
  id: looseId,
  gateway: looseString,
  name: looseString,
  currency: looseString,
  fee_percent: looseNumber,
  fee_fixed: looseNumber,
});
export type RawGateway = z.infer<typeof rawGatewaySchema>;

/** One gateway object, an array of them, or an object of them keyed by id. */
export const gatewaysSchema = z.preprocess(
  (value: unknown) =>
    // Under `data` instead of `gateways`; the single-object form is read by gatewayList().
    isRecord(value) && (value.gateways === undefined || value.gateways === null) && value.data !== undefined
      ? { ...value, gateways: value.data }
      : value,
  z.object({
    gateways: z
      .union([rawGatewaySchema, z.array(rawGatewaySchema), z.record(z.string(), rawGatewaySchema)])
      .nullish(),
  }),
);

/** Invoice ids seen besides the documented `invioce_id`; service ids besides `serviceid`. */
export const INVOICE_ID_FIELDS = ['invoice_id', 'invid', 'inv_id', 'invoiceid', 'orderid'] as const;
export const INVOICE_SERVICE_FIELDS = ['service_id', 'sid'] as const;

const rawInvoiceObject = z.looseObject({
  id: looseNumber,
  invioce_id: looseString,
  invoice_id: looseString,
  invid: looseString,
  created_at: looseString,
  currency: looseString,
  amount: looseNumber,
  packageid: looseNumber,
  packagename: looseString,
  discount: looseNumber,
  status: looseString,
  userid: looseNumber,
  email: looseString,
  quantity: looseNumber,
  billing: looseString,
  serviceid: looseNumber,
  paid_date: looseString,
});
export const rawInvoiceSchema = z.preprocess(
  (value: unknown) =>
    alias(alias(value, 'invioce_id', INVOICE_ID_FIELDS), 'serviceid', INVOICE_SERVICE_FIELDS),
  rawInvoiceObject,
);
export type RawInvoice = z.infer<typeof rawInvoiceObject>;

export const invoicesSchema = z.preprocess(
  liftList('invoices', 'status'),
  z.object({ invoices: looseList(rawInvoiceSchema) }),
);
export const invoiceViewSchema = z.preprocess(liftOne('invoice'), z.object({ invoice: rawInvoiceSchema }));

const CREATED_INVOICE_ID_FIELDS = ['invoice_id', 'invioce_id', 'inv_id', 'invoiceid'] as const;

/** invoice/create, service/renew, service/addtraffic: `invid`, under another name or under `data`. */
export const invoiceCreatedSchema = z.preprocess(
  (value: unknown) => {
    const top = alias(value, 'invid', CREATED_INVOICE_ID_FIELDS);
    if (!isRecord(top) || top.invid !== undefined || !isRecord(top.data)) return top;
    const inner = alias(top.data, 'invid', CREATED_INVOICE_ID_FIELDS);
    return isRecord(inner) && inner.invid !== undefined ? { ...top, invid: inner.invid } : top;
  },
  z.looseObject({
    invid: z.union([z.string().min(1), z.number()]),
    message: looseString,
  }),
);

export const messageSchema = z.looseObject({ message: looseString });

/** JSON text to a value; undefined when it is not JSON. */
export function decodeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export const paymentSchema = z.looseObject({
  id: looseNumber,
  orderid: looseString,
  created: looseNumber,
  amount: looseString,
  total: looseString,
  gateway: looseString,
  data: z.unknown(),
  qrcode: looseString,
  expire: looseNumber,
});
export type RawPayment = z.infer<typeof paymentSchema>;
