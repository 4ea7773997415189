// The servers service/info lists carry correct standard share links that agree with their fields,
// and the sublink serves them base64-encoded after the panel's pseudo-servers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPanelSim } from '../../../tools/panel-sim';
import type { PanelSim } from '../../../tools/panel-sim';
import { formatSize } from '../../../tools/panel-sim/format';
import { clientFor, field } from './helpers';
import type { Body } from './helpers';

let sim: PanelSim;
let servers: Body[];
let api: Awaited<ReturnType<typeof clientFor>>;

beforeAll(async () => {
  sim = await startPanelSim();
  api = await clientFor(sim);
  servers = field<Body[]>(await api.user('service/info', { serviceid: 4 }), 'servers');
});
afterAll(() => sim.close());

const byRemark = (part: string): Body => {
  const s = servers.find((x) => String(x.remark).includes(part));
  if (!s) throw new Error(`no server ${part}`);
  return s;
};

/** WHATWG URL parses any scheme's authority when we swap in a special one. */
const parse = (uri: string): URL => new URL(uri.replace(/^[a-z0-9]+:\/\//, 'http://'));

describe('share links', () => {
  it('every remark carries an emoji flag and every uri ends with the encoded remark', () => {
    for (const s of servers) {
      expect(String(s.remark)).toMatch(/^\p{Regional_Indicator}{2} /u);
      if (!String(s.uri).startsWith('vmess://ey')) {
        expect(String(s.uri).endsWith(`#${encodeURIComponent(String(s.remark))}`)).toBe(true);
      }
    }
  });

  it('vless reality vision follows the API document and the Xray standard', () => {
    const s = byRemark('US Reality');
    const url = parse(String(s.uri));
    expect(String(s.uri).startsWith(`vless://${String(s.password)}@${String(s.address)}:443?`)).toBe(true);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      encryption: 'none',
      headerType: 'none',
      type: 'tcp',
      security: 'reality',
      sni: s.sni,
      fp: 'chrome',
      pbk: s.publickey,
      sid: s.shortid,
      flow: 'xtls-rprx-vision',
    });
  });

  it('vless ws+tls and vmess ws+tls (URL form) carry path and host', () => {
    for (const [remark, scheme, encryption] of [
      ['Frankfurt', 'vless', 'none'],
      ['Tokyo', 'vmess', 'auto'],
    ] as const) {
      const s = byRemark(remark);
      expect(String(s.uri).startsWith(`${scheme}://`)).toBe(true);
      const q = parse(String(s.uri)).searchParams;
      expect(q.get('type')).toBe('ws');
      expect(q.get('security')).toBe('tls');
      expect(q.get('encryption')).toBe(encryption);
      expect(q.get('path')).toBe(s.path);
      expect(q.get('host')).toBe(s.host);
      expect(q.get('sni')).toBe(s.sni);
    }
  });

  it('one vmess server uses the v2rayN base64 JSON form', () => {
    const s = byRemark('Singapore');
    const json = JSON.parse(
      Buffer.from(String(s.uri).slice('vmess://'.length), 'base64').toString('utf8'),
    ) as Body;
    expect(json).toMatchObject({
      v: '2',
      ps: s.remark,
      add: s.address,
      port: String(s.port),
      id: s.password,
      aid: '0',
      net: 'ws',
      type: 'none',
      host: s.host,
      path: s.path,
      tls: 'tls',
      sni: s.sni,
    });
  });

  it('trojan grpc+tls percent-encodes the password and names the gRPC service', () => {
    const s = byRemark('London');
    const url = parse(String(s.uri));
    expect(decodeURIComponent(url.username)).toBe(s.password);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      type: 'grpc',
      security: 'tls',
      serviceName: s.servicename,
      mode: 'gun',
      sni: s.sni,
    });
  });

  it('shadowsocks: SIP002 base64url userinfo for aes-256-gcm, plain percent-encoded for 2022', () => {
    const aead = byRemark('Amsterdam');
    const userinfo = /^ss:\/\/([^@]+)@/.exec(String(aead.uri))?.[1] ?? '';
    expect(userinfo).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Buffer.from(userinfo, 'base64url').toString()).toBe(`aes-256-gcm:${String(aead.password)}`);

    const ss2022 = byRemark('Paris');
    const url = parse(String(ss2022.uri));
    expect(decodeURIComponent(url.username)).toBe('2022-blake3-aes-128-gcm');
    expect(decodeURIComponent(url.password)).toBe(ss2022.password);
    expect(Buffer.from(String(ss2022.password), 'base64')).toHaveLength(16);
    expect(ss2022.method).toBe('2022-blake3-aes-128-gcm');
  });

  it('hysteria2 and tuic use their URI schemes', () => {
    const hy2 = byRemark('Hysteria2');
    expect(String(hy2.uri)).toMatch(/^hysteria2:\/\/[^@]+@ca1\.sim-panel\.example:443\/\?/);
    const h = parse(String(hy2.uri));
    expect(decodeURIComponent(h.username)).toBe(hy2.password);
    expect(Object.fromEntries(h.searchParams)).toEqual({
      sni: hy2.sni,
      obfs: 'salamander',
      'obfs-password': hy2.obfs_password,
    });

    const tuic = byRemark('TUIC');
    const t = parse(String(tuic.uri));
    expect(decodeURIComponent(t.username)).toBe(tuic.uuid);
    expect(decodeURIComponent(t.password)).toBe(tuic.password);
    expect(Object.fromEntries(t.searchParams)).toEqual({
      congestion_control: 'bbr',
      alpn: 'h3',
      sni: tuic.sni,
    });
  });

  it('an IPv6 server is bracketed in the uri, bare in address', () => {
    const s = byRemark('IPv6');
    expect(s.address).toBe('2001:db8::1');
    expect(String(s.uri)).toContain('@[2001:db8::1]:443?');
    expect(parse(String(s.uri)).searchParams.get('spx')).toBe('/');
  });

  it('patchServer with a hostile remark rewrites the uri to match', async () => {
    sim.admin.patchServer(4, 0, { remark: '<script>alert(1)</script>' });
    const s = field<Body>(await api.user('service/info', { serviceid: 4 }), 'servers', 0);
    expect(s.remark).toBe('<script>alert(1)</script>');
    expect(String(s.uri).endsWith(`#${encodeURIComponent('<script>alert(1)</script>')}`)).toBe(true);
    sim.admin.reset();
  });
});

describe('sublink', () => {
  it('serves base64 share links after pseudo-servers, with subscription-userinfo', async () => {
    const sublink = String(
      field(await api.user('account/info', { serviceid: 4 }), 'data', 'services', 0, 'sublink'),
    );
    const res = await fetch(sublink);
    expect(res.status).toBe(200);
    expect(res.headers.get('subscription-userinfo')).toMatch(/download=\d+; total=\d+/);
    const lines = Buffer.from(await res.text(), 'base64')
      .toString('utf8')
      .split('\n');
    const stored = sim.admin.state().services.find((s) => s.sid === 4);
    expect(decodeURIComponent(lines[0]?.split('#')[1] ?? '')).toBe(
      `Total: ${formatSize(stored?.trafficBytes ?? NaN)} Used: ${formatSize(stored?.usedBytes ?? NaN)}`,
    );
    expect(decodeURIComponent(lines[1]?.split('#')[1] ?? '')).toMatch(/^Expire: \d{4}-\d{2}-\d{2}/);
    expect(lines.slice(2)).toEqual(servers.map((s) => s.uri));
  });
});
