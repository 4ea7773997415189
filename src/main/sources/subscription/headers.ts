// Response headers as the subscription readers see them: names lower-cased, one value per name,
// whatever shape the transport hands over (node's IncomingHttpHeaders, a WHATWG Headers, pairs).

import { decodeBase64Text } from '../../export/model/text';

export type HeaderInput =
  | Iterable<readonly [string, string]>
  | Readonly<Record<string, string | readonly string[] | number | undefined>>;

/** Lower-cased name -> first value. */
export type HeaderMap = ReadonlyMap<string, string>;

function isIterable(value: HeaderInput): value is Iterable<readonly [string, string]> {
  return typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function';
}

export function toHeaderMap(input: HeaderInput): HeaderMap {
  const map = new Map<string, string>();
  const put = (name: string, value: string): void => {
    const key = name.trim().toLowerCase();
    if (key !== '' && !map.has(key)) map.set(key, value);
  };
  if (isIterable(input)) {
    for (const [name, value] of input) put(name, value);
    return map;
  }
  for (const [name, value] of Object.entries(input)) {
    if (value === undefined) continue;
    if (typeof value === 'number') put(name, String(value));
    else if (typeof value === 'string') put(name, value);
    else if (value.length > 0 && value[0] !== undefined) put(name, value[0]);
  }
  return map;
}

/** Characters that must never reach a label: C0/C1 controls and the bidi overrides and isolates. */
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const UNSAFE_TEXT = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** Text from a header or a remark, safe to show: no controls, no direction overrides, bounded. */
export function cleanText(raw: string, maxLength: number): string {
  const text = raw.replace(UNSAFE_TEXT, '').replace(/\s+/g, ' ').trim();
  const chars = Array.from(text);
  return chars.length > maxLength ? `${chars.slice(0, maxLength - 1).join('')}…` : text;
}

/**
 * A value that panels send plain or as `base64:<text>` (profile-title, announce: Marzban,
 * PasarGuard, 3x-ui, Remnawave; Happ reads both). Null when the base64 part is not text.
 */
export function decodeMaybeBase64(value: string): string | null {
  const trimmed = value.trim();
  if (!/^base64:/i.test(trimmed)) return trimmed;
  return decodeBase64Text(trimmed.slice('base64:'.length));
}

/** An https URL, normalised, or null: buttons in the window open nothing else. */
export function httpsUrl(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const text = raw.trim();
  if (text === '' || /\s/.test(text)) return null;
  try {
    const url = new URL(text);
    if (url.protocol !== 'https:' || url.hostname === '') return null;
    if (url.username !== '' || url.password !== '') return null;
    return url.toString();
  } catch {
    return null;
  }
}
