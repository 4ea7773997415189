// The Xray export checked by a real binary: Debian's v2ray 4.34 (`v2ray -test -config`).
// v2ray 4.34 predates vless reality, xhttp, httpupgrade and grpc, so the config under test holds
// the servers it does know: vmess (tcp, tcp+http header, ws, kcp; none and tls), trojan (tcp, ws
// over tls) and shadowsocks aes-256-gcm. The rest of the Xray output is covered by formats.test.ts.

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderXray } from '../../../src/main/export/formats/xray';
import type { ServerModel } from '../../../src/main/export/model';
import { TLS_BARE, TLS_FULL, TRANSPORTS, UUID } from './fixtures';

const V2RAY = '/usr/bin/v2ray';
const run = promisify(execFile);
const haveV2ray = existsSync(V2RAY);

async function v2rayTest(file: string): Promise<{ ok: boolean; output: string }> {
  try {
    const { stdout, stderr } = await run(V2RAY, ['-test', '-config', file], { timeout: 15_000 });
    return { ok: true, output: stdout + stderr };
  } catch (thrown) {
    const failure = thrown as { stdout?: string; stderr?: string };
    return { ok: false, output: `${failure.stdout ?? ''}${failure.stderr ?? ''}` };
  }
}

const supported = TRANSPORTS.filter((t) => t.type === 'tcp' || t.type === 'ws' || t.type === 'kcp');
const servers: ServerModel[] = [
  ...supported.flatMap((transport, i): ServerModel[] => [
    {
      protocol: 'vmess',
      remark: `vmess ${i} none`,
      host: 'vm.example.com',
      port: 10086,
      uuid: UUID,
      alterId: 0,
      cipher: 'auto',
      transport,
      security: { type: 'none' },
    },
    {
      protocol: 'vmess',
      remark: `vmess ${i} tls`,
      host: '2001:db8::7',
      port: 443,
      uuid: UUID,
      alterId: 0,
      cipher: 'aes-128-gcm',
      transport,
      security: TLS_FULL,
    },
  ]),
  {
    protocol: 'trojan',
    remark: 'trojan tcp',
    host: 'tr.example.com',
    port: 443,
    password: 'pw',
    transport: TRANSPORTS[0]!,
    security: TLS_BARE,
  },
  {
    protocol: 'trojan',
    remark: 'trojan ws',
    host: 'tr.example.com',
    port: 443,
    password: 'pw',
    transport: TRANSPORTS[2]!,
    security: TLS_FULL,
  },
  {
    protocol: 'shadowsocks',
    remark: 'ss gcm',
    host: '203.0.113.5',
    port: 8388,
    method: 'aes-256-gcm',
    password: 'secret',
    plugin: '',
  },
];

describe.skipIf(!haveV2ray)(
  'Xray export accepted by the real v2ray binary (skipped: /usr/bin/v2ray is not installed)',
  () => {
    let dir = '';
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'xmplus-v2ray-'));
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('v2ray -test says "Configuration OK" for vmess + trojan + shadowsocks outbounds', async () => {
      const out = renderXray(servers);
      expect(out.skipped).toEqual([]);
      const file = join(dir, 'xray.json');
      await writeFile(file, out.text);
      const result = await v2rayTest(file);
      expect(result.output).toContain('Configuration OK');
      expect(result.ok).toBe(true);
    });

    it('the same binary refuses a broken config (the check can fail)', async () => {
      const config = JSON.parse(renderXray(servers).text) as { outbounds: { protocol: string }[] };
      config.outbounds[0]!.protocol = 'vmesss';
      const file = join(dir, 'broken.json');
      await writeFile(file, JSON.stringify(config));
      const result = await v2rayTest(file);
      expect(result.ok).toBe(false);
    });
  },
);
