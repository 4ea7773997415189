// Field drift of real panels (docs/panel-variants.md), as rewrites of the JSON the simulator's panel
// code printed: other success markers, other names for ids and the subscription link, lists under
// `data` or as one object, billing cells as JSON text, payment data as a QR picture or a payment
// object, dates with seconds, a lifetime plan, and money with thousands separators.
import type { Json, JsonObject } from './api';

export const DRIFT_KINDS = [
  'noCode',
  'statusMisspelled',
  'altIdNames',
  'listsUnderData',
  'singleObjects',
  'billingJsonText',
  'paymentImage',
  'paymentObject',
  'datesWithSeconds',
  'lifetimePlan',
  'sublinkRenamed',
  'moneyThousands',
] as const;
export type DriftKind = (typeof DRIFT_KINDS)[number];

export function isDriftKind(kind: string): kind is DriftKind {
  return (DRIFT_KINDS as readonly string[]).includes(kind);
}

/** The service the lifetime drift turns into a plan with no end and no traffic total. */
export const LIFETIME_SERVICE_ID = 9;
/** A 1x1 PNG: the drift's stand-in for the QR picture a panel draws itself. */
export const PANEL_QR_PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

const isObject = (value: Json | undefined): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isSuccess = (json: JsonObject) => json.code === 100;

/** Applies `fn` to every object in a JSON tree (children first). */
function mapObjects(value: Json, fn: (obj: JsonObject) => JsonObject): Json {
  if (Array.isArray(value)) return value.map((v) => mapObjects(v, fn));
  if (isObject(value)) {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) out[k] = mapObjects(v, fn);
    return fn(out);
  }
  return value;
}

function rename(obj: JsonObject, from: string, to: string): JsonObject {
  if (!(from in obj)) return obj;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(obj)) out[k === from ? to : k] = v;
  return out;
}

/** The services of account/info, or the one service of service/info, rewritten. */
function mapServices(path: string, json: JsonObject, fn: (service: JsonObject) => JsonObject): JsonObject {
  if (path === '/api/client/service/info') return fn(json);
  const data = json.data;
  if (path === '/api/client/account/info' && isObject(data) && Array.isArray(data.services)) {
    return { ...json, data: { ...data, services: data.services.map((s) => (isObject(s) ? fn(s) : s)) } };
  }
  return json;
}

/** "$ 49.00 " -> "490,000 تومان": the same amount as a Toman panel prints it (x 10,000, grouped). */
function toToman(text: string): string {
  const match = /^\s*\$\s*(\d+(?:\.\d+)?)\s*$/.exec(text);
  if (!match) return text;
  const toman = Math.round(Number(match[1]) * 10_000);
  return `${toman.toLocaleString('en-US')} تومان`;
}

const LIST_KEYS: Record<string, string> = {
  '/api/client/packages': 'packages',
  '/api/client/packages/traffic': 'packages',
  '/api/client/gateways': 'gateways',
  '/api/client/invoices': 'invoices',
};

/** Applies one drift to an answer of `path` (success answers only; errors stay as they are). */
export function applyDrift(path: string, json: JsonObject, kind: DriftKind): JsonObject {
  if (!isSuccess(json)) return json;
  switch (kind) {
    case 'noCode': {
      // The older client API: `ret: 1` and no `code`.
      const { code: _code, ...rest } = json;
      return { ret: 1, ...rest };
    }
    case 'statusMisspelled':
      return json.status === 'success' ? { ...json, status: 'sucess' } : json;
    case 'altIdNames': {
      let out = mapServices(path, json, (s) =>
        rename(s, 'sid', path.endsWith('service/info') ? 'serviceid' : 'service_id'),
      );
      out = mapObjects(out, (o) =>
        'invioce_id' in o ? rename(rename(o, 'invioce_id', 'invoice_id'), 'serviceid', 'service_id') : o,
      ) as JsonObject;
      if ('invid' in out && !path.endsWith('invoice/view')) {
        const { invid, ...rest } = out;
        return { ...rest, data: { invoice_id: invid ?? null } };
      }
      return out;
    }
    case 'listsUnderData': {
      const key = LIST_KEYS[path];
      if (!key || !(key in json)) return json;
      const { [key]: list, ...rest } = json;
      return { ...rest, data: list ?? null };
    }
    case 'singleObjects': {
      const key = LIST_KEYS[path];
      if (key && Array.isArray(json[key])) return { ...json, [key]: json[key][0] ?? {} };
      if (path === '/api/client/service/info' && Array.isArray(json.servers)) {
        return { ...json, servers: json.servers[0] ?? {} };
      }
      return json;
    }
    case 'billingJsonText': {
      if (!path.startsWith('/api/client/packages') || !Array.isArray(json.packages)) return json;
      const packages = json.packages.map((p) => {
        if (!isObject(p) || !isObject(p.billing)) return p;
        const billing: JsonObject = {};
        for (const [cycle, price] of Object.entries(p.billing)) {
          const amount = typeof price === 'string' ? price.replace(/[^\d.]/g, '') : '';
          billing[cycle] = JSON.stringify({
            status: 'on',
            price: amount,
            days: cycle === 'month' ? 30 : null,
          });
        }
        // A cycle the panel lists but has switched off, with a price that must not be offered.
        if (!('annual' in billing) && !('topup_traffic' in billing)) {
          billing.annual = JSON.stringify({ status: 'off', price: '999.00' });
        }
        return { ...p, billing };
      });
      return { ...json, packages };
    }
    case 'paymentImage':
      return path === '/api/client/invoice/pay' ? { ...json, data: '', qrcode: PANEL_QR_PNG } : json;
    case 'paymentObject':
      if (path !== '/api/client/invoice/pay') return json;
      return {
        ...json,
        data: {
          object: 'payment_intent',
          id: `pi_${String(json.orderid ?? '')}`,
          amount: Math.round(Number(json.total ?? 0) * 100),
          client_secret: `pi_${String(json.orderid ?? '')}_secret_simulated`,
          status: 'requires_payment_method',
        },
        qrcode: '',
      };
    case 'datesWithSeconds':
      return mapObjects(json, (o) => {
        const out: JsonObject = {};
        for (const [k, v] of Object.entries(o)) {
          out[k] = typeof v === 'string' && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(v) ? `${v}:00` : v;
        }
        return out;
      }) as JsonObject;
    case 'lifetimePlan':
      return mapServices(path, json, (s) =>
        s.sid === LIFETIME_SERVICE_ID ? { ...s, expire_date: '2099-12-31 23:59', traffic: 'Unlimited' } : s,
      );
    case 'sublinkRenamed':
      return mapServices(path, json, (s) => rename(s, 'sublink', 'subscription_url'));
    case 'moneyThousands': {
      const data = json.data;
      if (path === '/api/client/account/info' && isObject(data) && typeof data.money === 'string') {
        return { ...json, data: { ...data, money: toToman(data.money) } };
      }
      return json;
    }
  }
}
