// What each panel family answers on its subscription link: the path it serves, the headers it
// sets, the body format it picks (by flag or User-Agent) and how it refuses. Every behaviour here is
// listed, with its public source, in docs/subscription-headers.md.
import { formatSize } from '../format';
import { base64, clashBody, linksBody, pseudoLink, singboxBody, sip008Body } from './render';
import type { SimServer } from '../types';

export const FAMILIES = [
  'marzban',
  'marzneshin',
  'pasarguard',
  '3x-ui',
  'remnawave',
  'xboard',
  'sspanel',
  'hiddify',
  'xmplus',
] as const;
export type Family = (typeof FAMILIES)[number];

export interface SubUser {
  token: string;
  username: string;
  uploadBytes: number;
  downloadBytes: number;
  /** null: unlimited. */
  totalBytes: number | null;
  /** Epoch ms; null: never. */
  expiresAt: number | null;
  /** 3x-ui "starts on first use": the plan's length in days; the header's expire goes negative. */
  startsOnFirstUseDays: number | null;
  status: 'active' | 'disabled' | 'limited' | 'expired';
  /** Remnawave's device limit: without an x-hwid header the servers are hidden. */
  hwidLimit: boolean;
  /** Remnawave's traffic reset strategy, for subscription-refill-date. */
  resetStrategy: 'NO_RESET' | 'DAY' | 'WEEK' | 'MONTH';
  servers: SimServer[];
}

export interface SubRequest {
  /** Path after the family prefix, and the query. */
  path: string;
  query: URLSearchParams;
  userAgent: string;
  headers: Readonly<Record<string, string>>;
  /** The URL the client asked for, as the panel reports it back (profile-web-page-url). */
  requestUrl: string;
}

export interface SubAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface FamilyContext {
  now: number;
  title: string;
  supportUrl: string;
  announce: string;
  announceUrl: string;
  updateIntervalHours: number;
}

const sec = (ms: number | null): number => (ms === null ? 0 : Math.floor(ms / 1000));
const textAnswer = (status: number, body: string, type = 'text/plain; charset=utf-8'): SubAnswer => ({
  status,
  headers: { 'content-type': type },
  body,
});
const jsonAnswer = (status: number, json: unknown): SubAnswer => ({
  status,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(json),
});
const notFound = (): SubAnswer => jsonAnswer(404, { detail: 'Not Found' });

function userinfo(u: SubUser, opts: { upload?: boolean; expire?: string } = {}): string {
  const upload = opts.upload === false ? 0 : u.uploadBytes;
  const download = opts.upload === false ? u.uploadBytes + u.downloadBytes : u.downloadBytes;
  return `upload=${upload}; download=${download}; total=${u.totalBytes ?? 0}; expire=${opts.expire ?? sec(u.expiresAt)}`;
}

type Format = 'links' | 'base64' | 'clash' | 'singbox';

function body(format: Format, servers: readonly SimServer[]): { body: string; type: string } {
  switch (format) {
    case 'clash':
      return { body: clashBody(servers), type: 'text/yaml' };
    case 'singbox':
      return { body: singboxBody(servers), type: 'application/json' };
    case 'links':
      return { body: linksBody(servers), type: 'text/plain' };
    case 'base64':
      return { body: base64(linksBody(servers)), type: 'text/plain' };
  }
}

/** Marzban `app/routers/subscription.py`: the User-Agent picks the format; base64 links otherwise. */
function marzbanFormat(ua: string): Format {
  if (/^([Cc]lash-verge|[Cc]lash[-.]?[Mm]eta|[Ff][Ll][Cc]lash|[Mm]ihomo)/.test(ua)) return 'clash';
  if (/^([Cc]lash|[Ss]tash)/.test(ua)) return 'clash';
  if (/^(SFA|SFI|SFM|SFT|[Kk]aring|[Hh]iddify[Nn]ext)/.test(ua)) return 'singbox';
  return 'base64';
}

/**
 * PasarGuard matches the User-Agent against the admin's rules and answers 406 "Client not
 * supported" when none matches. These are the simulator's rules, in the spirit of its defaults.
 */
function pasarguardFormat(ua: string): Format | null {
  if (/^([Cc]lash-verge|[Cc]lash[-.]?[Mm]eta|[Ff][Ll][Cc]lash|[Mm]ihomo|[Cc]lash|[Ss]tash)/.test(ua))
    return 'clash';
  if (/^(SFA|SFI|SFM|SFT|[Kk]aring|[Hh]iddify[Nn]ext)|[Ss]ing-?[Bb]ox/.test(ua)) return 'singbox';
  if (/^(v2rayN|v2rayNG|[Hh]app|[Ss]treisand|v2box|[Nn]eko[Bb]ox|[Hh]iddify)/.test(ua)) return 'base64';
  return null;
}

function marzbanLike(u: SubUser, req: SubRequest, ctx: FamilyContext, format: Format): SubAnswer {
  const b = body(format, u.servers);
  return {
    status: 200,
    headers: {
      'content-type': b.type,
      'content-disposition': `attachment; filename="${u.username}"`,
      'profile-web-page-url': req.requestUrl,
      'support-url': ctx.supportUrl,
      'profile-title': `base64:${base64(ctx.title)}`,
      'profile-update-interval': String(ctx.updateIntervalHours),
      'subscription-userinfo': userinfo(u, { upload: false }),
    },
    body: b.body,
  };
}

/** 3x-ui `sub/subService.go` genRemark with Show Info on: traffic and time left on every remark. */
function xuiRemark(u: SubUser, s: SimServer, now: number): string {
  const parts = [`${u.username}`];
  if (u.totalBytes !== null) {
    const left = u.totalBytes - u.uploadBytes - u.downloadBytes;
    if (left > 0) parts.push(`${formatSize(left).replace(' ', '')}📊`);
  }
  const seconds =
    u.startsOnFirstUseDays !== null
      ? u.startsOnFirstUseDays * 86_400
      : u.expiresAt === null
        ? 0
        : (u.expiresAt - now) / 1000;
  if (seconds > 0) {
    const d = Math.floor(seconds / 86_400);
    const h = Math.floor((seconds % 86_400) / 3600);
    parts.push(d > 0 ? (h > 0 ? `${d}D,${h}H⏳` : `${d}D⏳`) : `${h}H⏳`);
  }
  return `${s.remark} ${parts.join('-')}`;
}

/** Remnawave `getSubscriptionRefillDate`: the next reset by strategy, unix seconds. */
function refillDate(strategy: SubUser['resetStrategy'], now: number): string | null {
  const d = new Date(now);
  switch (strategy) {
    case 'NO_RESET':
      return null;
    case 'DAY':
      return String(Math.floor(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1) / 1000));
    case 'WEEK':
      return String(
        Math.floor(
          Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + (8 - d.getUTCDay())) / 1000,
        ),
      );
    case 'MONTH':
      return String(Math.floor(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / 1000));
  }
}

const dateOnly = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** The token a family's path carries, or null when the path is not its subscription path. */
export function tokenFor(family: Family, path: string, query: URLSearchParams): string | null {
  const parts = path.split('/').filter((p) => p !== '');
  switch (family) {
    case 'marzban':
    case 'pasarguard':
    case '3x-ui':
      return parts[0] === 'sub' && parts.length === 2 ? decodeURIComponent(parts[1] ?? '') : null;
    case 'marzneshin':
      return parts[0] === 'sub' && parts.length === 3 ? decodeURIComponent(parts[2] ?? '') : null;
    case 'remnawave':
      return parts[0] === 'api' && parts[1] === 'sub' && parts.length === 3
        ? decodeURIComponent(parts[2] ?? '')
        : null;
    case 'xboard':
      return path === '/api/v1/client/subscribe' ? query.get('token') : null;
    case 'sspanel':
      return parts[0] === 'sub' && parts.length === 3 ? decodeURIComponent(parts[1] ?? '') : null;
    case 'hiddify':
      return parts[0] === 'sub' && parts.length === 3 && parts[2] === 'all.txt'
        ? decodeURIComponent(parts[1] ?? '')
        : null;
    case 'xmplus':
      return parts[0] === 'link' && parts.length === 2 ? decodeURIComponent(parts[1] ?? '') : null;
  }
}

/** The family-shaped path of a user's link (after the `/<family>` prefix). */
export function pathFor(family: Family, u: SubUser): string {
  const t = encodeURIComponent(u.token);
  switch (family) {
    case 'marzban':
    case 'pasarguard':
    case '3x-ui':
      return `/sub/${t}`;
    case 'marzneshin':
      return `/sub/${encodeURIComponent(u.username)}/${t}`;
    case 'remnawave':
      return `/api/sub/${t}`;
    case 'xboard':
      return `/api/v1/client/subscribe?token=${t}`;
    case 'sspanel':
      return `/sub/${t}/clash`;
    case 'hiddify':
      return `/sub/${t}/all.txt`;
    case 'xmplus':
      return `/link/${t}?client=latest`;
  }
}

export function answer(
  family: Family,
  u: SubUser | undefined,
  req: SubRequest,
  ctx: FamilyContext,
): SubAnswer {
  if (!u) return family === 'xboard' ? jsonAnswer(403, { message: 'token is error' }) : notFound();
  const active = u.status === 'active';
  switch (family) {
    case 'marzban':
      return marzbanLike(u, req, ctx, marzbanFormat(req.userAgent));

    case 'marzneshin': {
      // app/routes/subscription.py leaves out the keys whose value is None: no total when
      // unlimited, no expire when it never ends.
      const a = marzbanLike(u, req, ctx, marzbanFormat(req.userAgent));
      const pairs = [`upload=0`, `download=${u.uploadBytes + u.downloadBytes}`];
      if (u.totalBytes !== null) pairs.push(`total=${u.totalBytes}`);
      if (u.expiresAt !== null) pairs.push(`expire=${sec(u.expiresAt)}`);
      a.headers['subscription-userinfo'] = pairs.join('; ');
      return a;
    }

    case 'pasarguard': {
      const format = pasarguardFormat(req.userAgent);
      if (format === null) return jsonAnswer(406, { detail: 'Client not supported' });
      const a = marzbanLike(u, req, ctx, format);
      a.headers.announce = `base64:${base64(ctx.announce)}`;
      a.headers['announce-url'] = ctx.announceUrl;
      return a;
    }

    case '3x-ui': {
      // subController.go: no enabled client -> 400 "Error!".
      if (!active) return textAnswer(400, 'Error!');
      const expire =
        u.startsOnFirstUseDays !== null ? String(-u.startsOnFirstUseDays * 86_400) : String(sec(u.expiresAt));
      const servers = u.servers.map((s) => ({ ...s, uri: '', remark: xuiRemark(u, s, ctx.now) }));
      return {
        status: 200,
        headers: {
          'content-type': 'text/plain; charset=utf-8',
          'subscription-userinfo': `upload=${u.uploadBytes}; download=${u.downloadBytes}; total=${u.totalBytes ?? 0}; expire=${expire}`,
          'profile-update-interval': String(ctx.updateIntervalHours),
          'profile-title': `base64:${base64(ctx.title)}`,
        },
        body: base64(linksBody(servers)),
      };
    }

    case 'remnawave': {
      const headers: Record<string, string> = {
        'content-type': 'text/plain',
        'content-disposition': `attachment; filename=${u.username}`,
        // get-user-info.headers.ts: a 2099 expiry (lifetime) is sent as 0.
        'subscription-userinfo': userinfo(u, {
          upload: false,
          expire: String(
            u.expiresAt !== null && new Date(u.expiresAt).getUTCFullYear() === 2099 ? 0 : sec(u.expiresAt),
          ),
        }),
        'profile-title': `base64:${base64(ctx.title)}`,
        'profile-update-interval': String(ctx.updateIntervalHours),
        'support-url': ctx.supportUrl,
        'profile-web-page-url': req.requestUrl,
      };
      const refill = refillDate(u.resetStrategy, ctx.now);
      if (refill !== null) headers['subscription-refill-date'] = refill;
      if (u.hwidLimit && req.headers['x-hwid'] === undefined) {
        // subscription.service.ts: no device id under a device limit -> the profile headers, no body.
        headers['x-hwid-active'] = 'true';
        headers['x-hwid-not-supported'] = 'true';
        headers['x-hwid-limit'] = 'true';
        return { status: 200, headers, body: '' };
      }
      if (!active) {
        const label =
          u.status === 'expired'
            ? '⚠️ Subscription expired'
            : u.status === 'limited'
              ? '⚠️ Traffic limit reached'
              : '⛔ Subscription disabled';
        return { status: 200, headers, body: base64(pseudoLink(label, '0.0.0.0')) };
      }
      return { status: 200, headers, body: base64(linksBody(u.servers)) };
    }

    case 'xboard': {
      // ClientController::subscribe: an unavailable account is refused with 403.
      if (!active) return jsonAnswer(403, { message: 'Account unavailable' });
      const first = u.servers[0];
      const host = first?.address ?? '127.0.0.1';
      const left = u.totalBytes === null ? 0 : u.totalBytes - u.uploadBytes - u.downloadBytes;
      const pseudo = [
        `剩余流量：${formatSize(Math.max(0, left))}`,
        `距离下次重置剩余：12 天`,
        `套餐到期：${u.expiresAt === null ? '长期有效' : dateOnly(u.expiresAt)}`,
      ];
      // General.php prints `expire={$user['expired_at']}`: empty when the plan never expires.
      const header = `upload=${u.uploadBytes}; download=${u.downloadBytes}; total=${u.totalBytes ?? 0}; expire=${u.expiresAt === null ? '' : sec(u.expiresAt)}`;
      const flag = (req.query.get('flag') ?? req.userAgent).toLowerCase();
      if (/clash|meta|mihomo|stash/.test(flag))
        return {
          status: 200,
          headers: { 'content-type': 'text/yaml', 'subscription-userinfo': header },
          body: clashBody(
            u.servers,
            pseudo.map((name) => ({ name, server: host })),
          ),
        };
      return {
        status: 200,
        headers: { 'content-type': 'text/plain', 'subscription-userinfo': header },
        body: base64(
          pseudo.map((p) => pseudoLink(p, host, first?.port ?? 443)).join('\r\n') +
            '\r\n' +
            u.servers.map((s) => s.uri).join('\r\n'),
        ),
      };
    }

    case 'sspanel': {
      const subtype = req.path.split('/').filter((p) => p !== '')[2] ?? 'clash';
      if (!active) return jsonAnswer(200, { ret: 0, msg: '订阅链接无效' });
      if (subtype === 'sip008' || subtype === 'json')
        return { status: 200, headers: { 'content-type': 'application/json' }, body: sip008Body(u.servers) };
      // SubController::getContent: the header value starts with a space.
      return {
        status: 200,
        headers: {
          'content-type': 'text/plain',
          'subscription-userinfo': ` upload=${u.uploadBytes}; download=${u.downloadBytes}; total=${u.totalBytes ?? 0}; expire=${sec(u.expiresAt)}`,
        },
        body: clashBody(u.servers),
      };
    }

    case 'hiddify': {
      // Usage in `#` meta lines at the top of the body, no usage header (Hiddify and Happ read them).
      const meta = [
        `#profile-title: base64:${base64(ctx.title)}`,
        `#profile-update-interval: ${ctx.updateIntervalHours}`,
        `#subscription-userinfo: upload=${u.uploadBytes}; download=${u.downloadBytes}; total=${u.totalBytes ?? 0}; expire=${sec(u.expiresAt)}`,
        `#support-url: ${ctx.supportUrl}`,
        `#profile-web-page-url: ${req.requestUrl}`,
        '',
      ];
      return {
        status: 200,
        headers: { 'content-type': 'text/plain; charset=utf-8' },
        body: meta.join('\n') + linksBody(u.servers),
      };
    }

    case 'xmplus': {
      const flag = (req.query.get('client') ?? '').toLowerCase();
      const headers: Record<string, string> = {
        'subscription-userinfo': userinfo(u, { upload: false }),
        'profile-update-interval': String(ctx.updateIntervalHours),
        'profile-title': `base64:${base64(ctx.title)}`,
      };
      if (['meta', 'clash', 'stash', 'clashmeta'].includes(flag)) {
        headers['content-disposition'] =
          `attachment; filename*=UTF-8''${encodeURIComponent(`${ctx.title}.yaml`)}`;
        return {
          status: 200,
          headers: { ...headers, 'content-type': 'text/yaml' },
          body: clashBody(u.servers),
        };
      }
      if (flag === 'singbox' || flag === 'sing-box')
        return {
          status: 200,
          headers: { ...headers, 'content-type': 'application/json' },
          body: singboxBody(u.servers),
        };
      const used = u.uploadBytes + u.downloadBytes;
      const pseudo = [
        pseudoLink(
          `Total: ${u.totalBytes === null ? 'Unlimited' : formatSize(u.totalBytes)} Used: ${formatSize(used)}`,
        ),
        pseudoLink(`Expire: ${u.expiresAt === null ? 'Never' : dateOnly(u.expiresAt)}`),
      ];
      headers['content-disposition'] =
        `attachment; filename*=UTF-8''${encodeURIComponent(`${ctx.title}.txt`)}`;
      return {
        status: 200,
        headers: { ...headers, 'content-type': 'text/plain' },
        body: base64(linksBody(u.servers, pseudo)),
      };
    }
  }
}
