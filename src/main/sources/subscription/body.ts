// The body of a subscription, in every shape panels serve: share links one per line, plain or
// base64 (standard or URL-safe, padded or not, wrapped or not); Clash / mihomo YAML with `proxies`;
// sing-box JSON with `outbounds`; SIP008 JSON (SSPanel). `#` / `//` meta lines at the top carry
// headers in the body (Hiddify reads them, Happ documents them). Pseudo-servers (plan info shown
// as a server) are recognised, read for usage and expiry, and never counted as servers.
// Pure and linear in the body's size; never throws.

import { parse as parseYaml } from 'yaml';
import {
  decodeBase64Text,
  parseShareLink,
  pseudoServerReason,
  type ServerModel,
  type SkipNote,
} from '../../export/model';
import type { ParseResult } from '../../export/model/types';
import { fromClashProxy } from './clash';
import { isPlain, name, port, text, type Plain } from './fields';
import { hasPlan, mayCarryPlan, readPlanRemark, type PlanHints } from './plan';
import { fromSingboxOutbound, SINGBOX_NON_SERVERS } from './singbox';

export type BodyFormat = 'links' | 'base64-links' | 'clash' | 'singbox' | 'sip008' | 'empty' | 'unknown';

export interface BodyReading {
  format: BodyFormat;
  servers: ServerModel[];
  /** Entries left out, each with the sentence the user sees: pseudo-servers, unreadable entries. */
  notes: SkipNote[];
  /** `#key: value` lines from the top of the body, keys lower-cased (only the headers read here). */
  meta: Map<string, string>;
  /** Usage and expiry read from pseudo-servers and info remarks. */
  plan: PlanHints;
  /** Entries that were meant as servers (read or not); pseudo-servers are not counted. */
  entries: number;
}

/** Keys a body meta line may set: the headers the readers know (Hiddify and Happ read the same). */
const META_KEYS = new Set([
  'subscription-userinfo',
  'profile-title',
  'profile-update-interval',
  'support-url',
  'profile-web-page-url',
  'announce',
  'announce-url',
  'subscription-refill-date',
  'content-disposition',
]);
/** Hiddify reads the first 10 lines; Happ puts a handful. A margin, but still "the top". */
const META_LINES = 32;

/** `happ://routing/...` lines: settings for the Happ app carried in the body (Happ's routing docs), not servers. */
const APP_DIRECTIVE = /^happ:\/\//i;

/** Extra pseudo-server wordings the export model's list does not know (Xboard's filter notice). */
const MORE_PSEUDO = /^过滤掉\s*\d+\s*条线路$/;

class Collector {
  readonly servers: ServerModel[] = [];
  readonly notes: SkipNote[] = [];
  readonly plan: PlanHints = {};
  entries = 0;

  /** One entry: a model or a failure, with the remark and address it showed. */
  add(result: ParseResult, remark: string, address: string): void {
    const pseudo = MORE_PSEUDO.test(remark.trim())
      ? 'a panel notice shown as a server entry, not a server'
      : pseudoServerReason({ remark, address });
    if (pseudo !== null) {
      readPlanRemark(remark, this.plan);
      this.notes.push({ remark, reason: pseudo });
      return;
    }
    this.entries++;
    if (!result.ok) {
      this.notes.push({ remark, reason: `cannot read this server: ${result.reason}` });
      return;
    }
    if (mayCarryPlan(remark)) readPlanRemark(remark, this.plan);
    this.servers.push(result.model);
  }

  note(remark: string, reason: string): void {
    this.entries++;
    this.notes.push({ remark, reason });
  }
}

function stripBom(body: string): string {
  return body.charCodeAt(0) === 0xfeff ? body.slice(1) : body;
}

/** Reads `#key: value` / `//key: value` lines at the top; returns the index of the first other line. */
function readMetaLines(lines: readonly string[], meta: Map<string, string>): number {
  let i = 0;
  for (; i < lines.length && i < META_LINES; i++) {
    const line = (lines[i] ?? '').trim();
    if (line === '') continue;
    const m = /^(?:#|\/\/)\s*([A-Za-z][A-Za-z0-9_-]*)\s*:\s*(.*)$/.exec(line);
    if (!m) {
      if (line.startsWith('#') || line.startsWith('//')) continue; // a plain comment
      if (APP_DIRECTIVE.test(line)) continue; // Happ's routing link may sit among the meta lines
      break;
    }
    const key = (m[1] ?? '').toLowerCase();
    if (META_KEYS.has(key) && !meta.has(key)) meta.set(key, (m[2] ?? '').trim());
  }
  return i;
}

/** The remark a share link shows (its fragment), for notes about links that cannot be read. */
function linkRemark(line: string, index: number): string {
  const hash = line.indexOf('#');
  if (hash >= 0) {
    try {
      return decodeURIComponent(line.slice(hash + 1)).trim();
    } catch {
      return line.slice(hash + 1).trim();
    }
  }
  return `entry ${index + 1}`;
}

function readLinks(lines: readonly string[], from: number, into: Collector): void {
  for (let i = from; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    if (line === '' || line.startsWith('#') || line.startsWith('//') || APP_DIRECTIVE.test(line)) continue;
    if (/^https?:\/\//i.test(line)) {
      into.note(`entry ${i + 1}`, 'a link to another subscription inside this one; it is not followed');
      continue;
    }
    if (!line.includes('://')) {
      into.note(`entry ${i + 1}`, 'not a share link');
      continue;
    }
    const result = parseShareLink(line);
    if (result.ok) into.add(result, result.model.remark, result.model.host);
    else into.add(result, linkRemark(line, i), '');
  }
}

function yamlOrNull(body: string): unknown {
  try {
    // A hostile body's unknown tags are its problem, not warnings for the app's log.
    return parseYaml(body, { maxAliasCount: 100, logLevel: 'error' });
  } catch {
    return null;
  }
}

function readClash(doc: unknown, into: Collector): boolean {
  if (!isPlain(doc) || !Array.isArray(doc.proxies)) return false;
  doc.proxies.forEach((entry: unknown, i: number) => {
    if (!isPlain(entry)) return into.note(`proxy ${i + 1}`, 'not a proxy entry');
    into.add(fromClashProxy(entry), name(entry, 'name') || `proxy ${i + 1}`, text(entry, 'server'));
  });
  return true;
}

function readSingbox(doc: Plain, into: Collector): void {
  const outbounds = Array.isArray(doc.outbounds) ? (doc.outbounds as unknown[]) : [];
  outbounds.forEach((entry, i) => {
    if (!isPlain(entry)) return into.note(`outbound ${i + 1}`, 'not an outbound');
    if (SINGBOX_NON_SERVERS.has(text(entry, 'type').toLowerCase())) return;
    into.add(fromSingboxOutbound(entry), name(entry, 'tag') || `outbound ${i + 1}`, text(entry, 'server'));
  });
}

/** SIP008 (`{"version":1,"servers":[{server, server_port, password, method, remarks}]}`). */
function readSip008(docs: readonly Plain[], into: Collector): boolean {
  let found = false;
  for (const doc of docs) {
    if (!Array.isArray(doc.servers)) continue;
    found = true;
    (doc.servers as unknown[]).forEach((entry, i) => {
      if (!isPlain(entry)) return into.note(`server ${i + 1}`, 'not a server entry');
      const remark = name(entry, 'remarks', 'name') || `server ${i + 1}`;
      const host = text(entry, 'server');
      const serverPort = port(entry, 'server_port');
      const method = text(entry, 'method').toLowerCase();
      const password = text(entry, 'password');
      const result: ParseResult =
        host === '' || serverPort === null || method === '' || password === ''
          ? { ok: false, reason: 'the SIP008 entry lacks a server, port, method or password' }
          : {
              ok: true,
              model: {
                protocol: 'shadowsocks',
                remark,
                host,
                port: serverPort,
                method,
                password,
                plugin: text(entry, 'plugin'),
              },
            };
      into.add(result, remark, host);
    });
  }
  return found;
}

function readJson(body: string, into: Collector): BodyFormat | null {
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch {
    return null;
  }
  const docs = (Array.isArray(doc) ? doc : [doc]).filter(isPlain);
  const singbox = docs.find(
    (d) => Array.isArray(d.outbounds) && d.outbounds.some((o) => isPlain(o) && 'server' in o),
  );
  if (singbox) {
    readSingbox(singbox, into);
    return 'singbox';
  }
  if (readSip008(docs, into)) return 'sip008';
  into.note(
    'the whole body',
    'a JSON configuration this app does not read (only sing-box and SIP008 are read)',
  );
  return 'unknown';
}

function reading(format: BodyFormat, into: Collector, meta: Map<string, string>): BodyReading {
  return { format, servers: into.servers, notes: into.notes, meta, plan: into.plan, entries: into.entries };
}

function readText(body: string, meta: Map<string, string>, depth: number): BodyReading {
  const into = new Collector();
  const trimmed = body.trim();
  if (trimmed === '') return reading('empty', into, meta);

  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    const format = readJson(trimmed, into);
    if (format !== null) return reading(format, into, meta);
  }

  const lines = trimmed.split(/\r?\n|\r/);
  const first = readMetaLines(lines, meta);

  if (/^proxies\s*:/m.test(trimmed)) {
    if (readClash(yamlOrNull(trimmed), into)) return reading('clash', into, meta);
  }

  let hasLink = false;
  for (let i = first; i < lines.length && !hasLink; i++) hasLink = (lines[i] ?? '').includes('://');
  if (hasLink) {
    readLinks(lines, first, into);
    return reading('links', into, meta);
  }
  if (depth === 0) {
    const decoded = decodeBase64Text(lines.slice(first).join(''));
    if (decoded !== null) {
      const inner = readText(decoded, meta, 1);
      return inner.format === 'links' ? { ...inner, format: 'base64-links' } : inner;
    }
  }
  if (lines.slice(first).every((l) => l.trim() === '' || l.trim().startsWith('#')))
    return reading('empty', into, meta);
  into.note('the whole body', 'neither share links, base64, Clash YAML nor sing-box JSON');
  return reading('unknown', into, meta);
}

/** Reads a subscription body. */
export function readBody(body: string): BodyReading {
  return readText(stripBom(body), new Map(), 0);
}

export { hasPlan };
