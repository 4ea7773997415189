// Which subscription links the background probe may fetch. The probe runs for every client with no
// user action, on an address the panel names: without a check a hostile panel could have the app
// request hosts on the user's own network (a router's admin page, a local service) or itself.
// https only (plain http only to this computer); the host is resolved first and every address it
// resolves to must be public, unless the panel itself sits on that kind of address (a panel on the
// LAN, the simulator on loopback).
import { lookup } from 'node:dns/promises';
import { isIP, isIPv4, type LookupFunction } from 'node:net';
import { appError, fail, ok, type Result } from '../../shared/errors';
import { isLoopbackHost } from '../../shared/loopback';

/** What kind of address an IP is, for the probe's purposes. */
export type AddressClass = 'public' | 'loopback' | 'private' | 'link-local' | 'unspecified' | 'reserved';

/** Host name -> every address it resolves to (tests pass their own). */
export type Resolver = (host: string) => Promise<string[]>;

export const systemResolver: Resolver = async (host) =>
  (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);

function ipv4Number(address: string): number {
  return address.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

/** [first address, prefix length, class] for the IPv4 ranges that are not the public Internet. */
const IPV4_RANGES: readonly [string, number, AddressClass][] = [
  ['0.0.0.0', 8, 'unspecified'], // "this network" (RFC 1122)
  ['10.0.0.0', 8, 'private'], // RFC 1918
  ['100.64.0.0', 10, 'private'], // carrier-grade NAT, shared address space (RFC 6598)
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'], // also where cloud metadata services answer
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved'], // IETF protocol assignments (RFC 6890)
  ['192.168.0.0', 16, 'private'],
  ['224.0.0.0', 4, 'reserved'], // multicast
  ['240.0.0.0', 4, 'reserved'], // reserved, and the broadcast address
  // Not listed: 198.18.0.0/15. mihomo's and sing-box's fake-IP DNS answers every name from it, so
  // refusing it would stop every probe for users whose proxy client runs in that mode.
];

function classifyIpv4(address: string): AddressClass {
  const n = ipv4Number(address);
  for (const [first, bits, kind] of IPV4_RANGES) {
    const size = 2 ** (32 - bits);
    const start = ipv4Number(first);
    if (n >= start && n < start + size) return kind;
  }
  return 'public';
}

/** The eight 16-bit groups of an IPv6 address (a trailing dotted IPv4 part included). */
function ipv6Groups(address: string): number[] | null {
  let text = address.toLowerCase();
  const dotted = /(\d{1,3}(?:\.\d{1,3}){3})$/.exec(text);
  if (dotted) {
    const n = ipv4Number(dotted[1]!);
    text = `${text.slice(0, -dotted[1]!.length)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const part = (s: string | undefined) => (s ? s.split(':').map((g) => parseInt(g, 16)) : []);
  const front = part(head);
  const back = part(tail);
  const groups =
    tail === undefined
      ? front
      : [...front, ...Array<number>(8 - front.length - back.length).fill(0), ...back];
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff)
    ? groups
    : null;
}

const v4From = (high: number, low: number) => [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');

function classifyIpv6(address: string): AddressClass {
  const g = ipv6Groups(address);
  if (!g) return 'reserved';
  const [a, b, c, d, e, f, g6, h] = g as [number, number, number, number, number, number, number, number];
  const zeros = (...groups: number[]) => groups.every((x) => x === 0);
  if (zeros(a, b, c, d, e, f, g6, h)) return 'unspecified';
  if (zeros(a, b, c, d, e, f, g6) && h === 1) return 'loopback';
  // IPv4 inside IPv6 reaches that IPv4 address: mapped (::ffff:0:0/96), compatible (::/96),
  // NAT64 (64:ff9b::/96) and 6to4 (2002::/16). Each is judged by the IPv4 address it carries.
  if (zeros(a, b, c, d, e) && f === 0xffff) return classifyIpv4(v4From(g6, h));
  if (zeros(a, b, c, d, e, f)) return classifyIpv4(v4From(g6, h));
  if (a === 0x64 && b === 0xff9b && zeros(c, d, e, f)) return classifyIpv4(v4From(g6, h));
  if (a === 0x2002) return classifyIpv4(v4From(b, c));
  if ((a & 0xffc0) === 0xfe80) return 'link-local'; // fe80::/10
  if ((a & 0xfe00) === 0xfc00) return 'private'; // unique local fc00::/7
  if ((a & 0xffc0) === 0xfec0) return 'private'; // site-local fec0::/10 (deprecated, still routed)
  if ((a & 0xff00) === 0xff00) return 'reserved'; // multicast
  return 'public';
}

/** The class of an IP address (IPv4, IPv6, IPv6 with an IPv4 inside); 'reserved' for a non-IP. */
export function classifyAddress(address: string): AddressClass {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (isIPv4(bare)) return classifyIpv4(bare);
  if (isIP(bare) === 6) return classifyIpv6(bare);
  return 'reserved';
}

/** Every address a URL's host stands for: itself when it is an IP literal, else what it resolves to. */
async function addressesOf(hostname: string, resolve: Resolver): Promise<string[]> {
  const bare = hostname.replace(/^\[|\]$/g, '');
  if (isIP(bare)) return [bare];
  // "localhost" and its subdomains are this computer whatever DNS says (RFC 6761).
  if (bare === 'localhost' || bare.endsWith('.localhost')) return ['127.0.0.1'];
  return resolve(bare);
}

/** The classes the panel's own address falls in: the non-public ones its sublinks may use too. */
async function panelClasses(panelUrl: string | null, resolve: Resolver): Promise<Set<AddressClass>> {
  const classes = new Set<AddressClass>();
  if (!panelUrl || !URL.canParse(panelUrl)) return classes;
  try {
    for (const address of await addressesOf(new URL(panelUrl).hostname, resolve)) {
      classes.add(classifyAddress(address));
    }
  } catch {
    // The panel's name does not resolve here (blocked, reached through a proxy): no exemption.
  }
  return classes;
}

export interface ProbeTargetOptions {
  /** The panel's address (the active profile's); its kind of address is allowed for its links. */
  panelUrl: string | null;
  resolve?: Resolver;
  /** True when the request goes through a proxy: a name the local DNS cannot resolve may still be reached. */
  proxied: boolean;
}

const refused = (message: string) => fail<never>(appError('validation', message, { detail: 'probeRefused' }));

/**
 * Whether the probe may fetch `url`: https (http only to loopback), and every address of its host
 * public or of a kind the panel itself is on. Checked before connecting; the answer is the addresses
 * checked (to connect to those and no others: pinnedLookup), or null when a proxy will resolve the
 * name instead.
 */
export async function checkProbeTarget(
  url: URL,
  options: ProbeTargetOptions,
): Promise<Result<string[] | null>> {
  const resolve = options.resolve ?? systemResolver;
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return refused(
      `The subscription link of this service uses plain http to ${url.hostname}; the app checks only https links in the background.`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return refused('The subscription link of this service is not a web address.');
  }
  let addresses: string[];
  try {
    addresses = await addressesOf(url.hostname, resolve);
  } catch {
    // Users of blocked panels resolve names through their proxy; only then is an unknown name fine.
    if (options.proxied) return ok(null);
    return refused(`The address ${url.hostname} of the subscription link could not be found.`);
  }
  if (addresses.length === 0)
    return refused(`The address ${url.hostname} of the subscription link could not be found.`);
  const allowed = await panelClasses(options.panelUrl, resolve);
  for (const address of addresses) {
    const kind = classifyAddress(address);
    if (kind === 'public' || allowed.has(kind)) continue;
    return refused(
      `The subscription link of this service points to ${url.hostname}, a ${kind} address (${address}) outside the panel's network; the app does not fetch it in the background.`,
    );
  }
  return ok(addresses);
}

/**
 * A DNS lookup that answers only `addresses` (the ones checked): the connection goes where the
 * check looked, even if the name now resolves elsewhere (DNS rebinding).
 */
export function pinnedLookup(addresses: readonly string[]): LookupFunction {
  const entries = addresses.map((address) => ({ address, family: isIP(address) }));
  return (_hostname, options, callback) => {
    const wanted = options.family === 4 || options.family === 6 ? options.family : 0;
    const usable = entries.filter((e) => wanted === 0 || e.family === wanted);
    const first = usable[0];
    if (!first) {
      callback(Object.assign(new Error('No checked address of that family.'), { code: 'ENOTFOUND' }), '', 0);
      return;
    }
    if (options.all) callback(null, usable);
    else callback(null, first.address, first.family);
  };
}
