// Faults real panels show, applied per endpoint: rewrites of the JSON (gateways shape, numbers as
// strings, localized service status, and the field drift of drift.ts), broken bodies (PHP warning, malformed JSON, empty 200) and
// HTML error pages. Connection-level faults (reset, hang) are handled in server.ts.
import type { Json, JsonObject } from './api';
import { applyDrift, isDriftKind } from './drift';
import { FAULT_KINDS } from './types';
import type { Fault, FaultKind } from './types';

const LOCALIZED_STATUS: Record<string, string> = { Active: 'فعال', Expired: 'منقضی شده' };

export function isFault(value: unknown): value is Fault {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  if ('kind' in v) return typeof v.kind === 'string' && (FAULT_KINDS as readonly string[]).includes(v.kind);
  return v.latencyMs === undefined || (typeof v.latencyMs === 'number' && v.latencyMs >= 0);
}

export function faultKind(fault: Fault | undefined): FaultKind | null {
  return fault && 'kind' in fault ? fault.kind : null;
}

export function faultLatency(fault: Fault | undefined): number {
  return !fault || 'kind' in fault ? 0 : (fault.latencyMs ?? 0);
}

function numbersToStrings(value: Json, isRoot = false): Json {
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map((v) => numbersToStrings(v));
  if (value !== null && typeof value === 'object') {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) {
      // `code` stays numeric at the top: the drift seen in the wild is in the data fields.
      out[k] = isRoot && k === 'code' ? v : numbersToStrings(v);
    }
    return out;
  }
  return value;
}

function localize(status: Json | undefined): Json {
  return typeof status === 'string' ? (LOCALIZED_STATUS[status] ?? status) : (status ?? null);
}

/** Applies a data-shape fault to a response of `path`. */
export function rewriteJson(path: string, json: JsonObject, kind: FaultKind | null): JsonObject {
  switch (kind) {
    case 'gatewaysObject':
      // One panel prints a single gateway object instead of a list.
      return Array.isArray(json.gateways) ? { ...json, gateways: json.gateways[0] ?? {} } : json;
    case 'gatewaysArray':
      return json.gateways && !Array.isArray(json.gateways) ? { ...json, gateways: [json.gateways] } : json;
    case 'numericStrings':
      return numbersToStrings(json, true) as JsonObject;
    case 'localizedStatus':
      if (path === '/api/client/service/info') return { ...json, status: localize(json.status) };
      if (path === '/api/client/account/info') {
        const data = json.data;
        if (data && typeof data === 'object' && !Array.isArray(data) && Array.isArray(data.services)) {
          const services = data.services.map((s) =>
            s && typeof s === 'object' && !Array.isArray(s) ? { ...s, status: localize(s.status) } : s,
          );
          return { ...json, data: { ...data, services } };
        }
      }
      return json;
    default:
      return kind !== null && isDriftKind(kind) ? applyDrift(path, json, kind) : json;
  }
}

/** Applies a body fault to the serialized JSON. */
export function rewriteBody(body: string, kind: FaultKind | null): string {
  switch (kind) {
    case 'phpWarning':
      return (
        '<br />\n<b>Warning</b>:  Undefined array key "serviceid" in ' +
        '<b>/var/www/html/app/Controllers/Api/ClientController.php</b> on line <b>412</b><br />\n' +
        body
      );
    case 'malformedJson':
      // Cut mid-value, as a PHP fatal error after partial output leaves it.
      return body.slice(0, Math.max(1, Math.floor(body.length / 2)));
    case 'empty200':
      return '';
    default:
      return body;
  }
}

export function errorPage(status: 500 | 502, detail = ''): string {
  const title = status === 500 ? '500 Internal Server Error' : '502 Bad Gateway';
  const line =
    status === 500
      ? `<p>Whoops, looks like something went wrong.</p>${detail ? `<!-- ${detail.replace(/--/g, '')} -->` : ''}`
      : '<center>nginx</center>';
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n${line}\r\n</body>\r\n</html>\r\n`;
}
