// Bench: does reading a subscription scale linearly? Times readSubscription over bodies of 500 and
// 5,000 servers in the three shapes panels serve (base64 share links with pseudo-servers, Clash YAML,
// sing-box JSON), after a warm-up, taking medians. A ratio near 10 is linear; far above means
// something quadratic (line splitting, pseudo-server checks, meta lines).
// And the cost of watching a subscription profile: requests the simulator sees per steady refresh of
// the subscription source (target 1: usage, metadata and servers come in one GET).

import { performance } from 'node:perf_hooks';
import { stringify } from 'yaml';
import { openSource } from '../../src/main/sources';
import { readSubscription } from '../../src/main/sources/subscription';
import { ok } from '../../src/shared/errors';
import { startSubscriptionSim } from '../../tools/panel-sim/subscription';

const UUID = (i: number) => `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;

function links(n: number): string {
  const lines = [
    'vless://00000000-0000-0000-0000-000000000000@127.0.0.1:1?type=tcp#Total%3A%20150%20GB%20Used%3A%203%20GB',
    'vless://00000000-0000-0000-0000-000000000000@127.0.0.1:1?type=tcp#Expire%3A%202027-01-01',
  ];
  for (let i = 0; i < n; i++) {
    const remark = encodeURIComponent(`🇩🇪 Node ${i % 700}`);
    lines.push(
      i % 3 === 0
        ? `vless://${UUID(i)}@n${i}.example.com:443?encryption=none&security=reality&sni=www.example.com&fp=chrome&pbk=7xhH4b_VkliBxGulljcyPOH-bYUA2dl-XAdZAsfhk04&sid=6ba85179&type=tcp&flow=xtls-rprx-vision#${remark}`
        : i % 3 === 1
          ? `trojan://pw${i}@n${i}.example.com:443?security=tls&sni=n${i}.example.com&type=ws&path=%2Fws#${remark}`
          : `ss://${Buffer.from(`aes-256-gcm:p${i}`).toString('base64url')}@n${i}.example.com:8388#${remark}`,
    );
  }
  return Buffer.from(lines.join('\n')).toString('base64');
}

function clash(n: number): string {
  const proxies = Array.from({ length: n }, (_, i) => ({
    name: `Node ${i}`,
    type: 'vmess',
    server: `n${i}.example.com`,
    port: 443,
    uuid: UUID(i),
    alterId: 0,
    cipher: 'auto',
    tls: true,
    network: 'ws',
    'ws-opts': { path: '/ws', headers: { Host: 'cdn.example.com' } },
  }));
  return stringify({ 'mixed-port': 7890, proxies, rules: ['MATCH,DIRECT'] });
}

function singbox(n: number): string {
  const outbounds = Array.from({ length: n }, (_, i) => ({
    type: 'trojan',
    tag: `Node ${i}`,
    server: `n${i}.example.com`,
    server_port: 443,
    password: `pw${i}`,
    tls: { enabled: true, server_name: `n${i}.example.com` },
  }));
  return JSON.stringify({
    outbounds: [{ type: 'selector', tag: 'proxy' }, ...outbounds, { type: 'direct', tag: 'direct' }],
  });
}

const HEADERS = {
  'subscription-userinfo': 'upload=0; download=1; total=2; expire=0',
  'profile-title': 'Bench',
};

/** `npm run bench` exposes gc: collecting before each run keeps one run's garbage off the next. */
const gc = (globalThis as { gc?: () => void }).gc;

function timeAll(bodies: string[], expected: number, repeat: number): number {
  gc?.();
  const start = performance.now();
  for (let r = 0; r < repeat; r++) {
    for (const body of bodies) {
      const reading = readSubscription({ headers: HEADERS, body, url: 'https://sub.example.com/x' });
      if (reading.servers.length !== expected)
        throw new Error(`read ${reading.servers.length} of ${expected} servers`);
    }
  }
  return (performance.now() - start) / repeat;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

async function requestsPerRefresh(): Promise<number> {
  const sim = await startSubscriptionSim();
  try {
    const link = sim.link('marzban');
    const opened = openSource(
      { kind: 'subscription', panelUrl: new URL(link).origin, options: { proxyUrl: '', timeZone: '' } },
      {
        route: {},
        now: Date.now,
        getApiKey: () => Promise.reject(new Error('unused')),
        getCredentials: () => Promise.reject(new Error('unused')),
        getSubscriptionLink: () => Promise.resolve(ok(link)),
      },
    );
    if (!opened.ok) throw new Error(opened.error.message);
    const refreshes = 20;
    for (let i = 0; i < refreshes; i++) {
      const snap = await opened.value.refresh('bench');
      if (!snap.ok) throw new Error(snap.error.message);
    }
    await opened.value.close();
    return sim.requests().length / refreshes;
  } finally {
    await sim.close();
  }
}

export async function run(): Promise<{ name: string; value: number; unit: string; target?: string }[]> {
  const small = [links(500), clash(500), singbox(500)];
  const large = [links(5_000), clash(5_000), singbox(5_000)];
  for (let i = 0; i < 3; i++) timeAll(small, 500, 5);
  timeAll(large, 5_000, 1);
  const smallTimes: number[] = [];
  const largeTimes: number[] = [];
  // Alternate the sizes so a change in machine load hits both alike.
  for (let round = 0; round < 5; round++) {
    smallTimes.push(timeAll(small, 500, 5));
    largeTimes.push(timeAll(large, 5_000, 1));
  }
  return [
    {
      name: 'sub_parse_scaling',
      value: median(largeTimes) / median(smallTimes),
      unit: 'ratio',
      target: '<= 11',
    },
    { name: 'sub_requests_steady_refresh', value: await requestsPerRefresh(), unit: 'requests', target: '1' },
  ];
}
