// Raw zod schemas of the panel's answers, as loose as the panels in the field require
// (docs/architecture.md, "The panel"): numbers may be strings, booleans may be 1 / "1" / true, lists may be objects
// keyed by id, and empty values may be null, "" or missing. The normalizers turn these into domain types.
import { z } from 'zod';

/** A number, or a string holding one ("4", "0.00", ""). */
export const looseNumber = z.union([z.number(), z.string()]).nullish();
/** true / false, 1 / 0, "1" / "0", "true" / "on" ... */
export const looseBool = z.union([z.boolean(), z.number(), z.string()]).nullish();
export const looseString = z.union([z.string(), z.number()]).nullish();
/** Any scalar the panel might put in a display field. */
export const looseScalar = z.union([z.string(), z.number(), z.boolean()]).nullish();

/** A list that some panels send as an array and others as an object keyed by id. */
export function looseList<T extends z.ZodType>(item: T) {
  return z.union([z.array(item), z.record(z.string(), item)]).nullish();
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

export const rawServiceSchema = z.looseObject({
  sid: z.union([z.number(), z.string().regex(/^\s*\d+\s*$/)]),
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
export type RawService = z.infer<typeof rawServiceSchema>;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Some panels answer account/info without the `data` wrapper: put it back. */
const wrapAccount = (value: unknown): unknown =>
  isRecord(value) && !isRecord(value.data) && ('services' in value || 'email' in value || 'money' in value)
    ? { ...value, data: value }
    : value;

/** Some panels wrap service/info in `data` like their other answers: unwrap it. */
const unwrapService = (value: unknown): unknown =>
  isRecord(value) && !('sid' in value) && isRecord(value.data) && 'sid' in value.data
    ? { ...value.data, code: value.code }
    : value;

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
  unwrapService,
  rawServiceSchema.extend({
    servers: looseList(rawServerSchema),
  }),
);

/** A billing price: "$ 10.00 " in package lists, { status, price } in package/info. */
export const rawPriceSchema = z.union([
  z.string(),
  z.number(),
  z.null(),
  z.looseObject({ status: looseScalar, price: looseString }),
]);

export const rawPackageSchema = z.looseObject({
  id: z.union([z.number(), z.string().regex(/^\s*\d+\s*$/)]),
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
  billing: z.union([z.record(z.string(), rawPriceSchema), z.array(z.unknown())]).nullish(),
  sort: looseNumber,
});
export type RawPackage = z.infer<typeof rawPackageSchema>;

export const packagesSchema = z.object({ packages: looseList(rawPackageSchema) });
export const packageInfoSchema = z.object({ package: rawPackageSchema });

export const rawGatewaySchema = z.looseObject({
  id: z.union([z.number(), z.string().regex(/^\s*\d+\s*$/)]),
  gateway: looseString,
  name: looseString,
  currency: looseString,
  fee_percent: looseNumber,
  fee_fixed: looseNumber,
});
export type RawGateway = z.infer<typeof rawGatewaySchema>;

/** One gateway object, an array of them, or an object of them keyed by id. */
export const gatewaysSchema = z.object({
  gateways: z
    .union([rawGatewaySchema, z.array(rawGatewaySchema), z.record(z.string(), rawGatewaySchema)])
    .nullish(),
});

export const rawInvoiceSchema = z.looseObject({
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
export type RawInvoice = z.infer<typeof rawInvoiceSchema>;

export const invoicesSchema = z.object({ invoices: looseList(rawInvoiceSchema) });
export const invoiceViewSchema = z.object({ invoice: rawInvoiceSchema });

/** invoice/create, service/renew, service/addtraffic. */
export const invoiceCreatedSchema = z.looseObject({
  invid: z.union([z.string().min(1), z.number()]),
  message: looseString,
});

export const messageSchema = z.looseObject({ message: looseString });

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
