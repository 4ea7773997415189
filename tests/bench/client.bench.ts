// Panel client figures against the simulator with 100 ms added to every request: how many round
// trips a refresh costs (steady and cold), how many requests it sends the panel (a steady refresh
// is account/info alone; cold adds the token and one service/info per service), and how many
// token requests polling and bursts cause.
import type { Figure } from './run';
import { startPanelSim } from '../../tools/panel-sim/index';
import type { PanelSim } from '../../tools/panel-sim/index';
import type { PanelSession } from '../../src/main/sources/xmplus/panel-session';
import { createPanelSession } from '../../src/main/sources/xmplus/panel-session';
import { ok } from '../../src/shared/errors';

const LATENCY_MS = 100;
const DEFAULT_TTL_SEC = 84_600;

function sessionFor(sim: PanelSim, now: () => number): PanelSession {
  const created = createPanelSession({
    panelUrl: sim.url,
    timeZone: 'UTC',
    getApiKey: async () => ok(sim.apiKey),
    getCredentials: async () => ok({ ...sim.demo }),
    now,
  });
  if (!created.ok) throw new Error(created.error.message);
  return created.value;
}

async function timed(task: () => Promise<{ ok: boolean }>): Promise<number> {
  const started = performance.now();
  const result = await task();
  if (!result.ok) throw new Error('request failed during the benchmark');
  return performance.now() - started;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export async function run(): Promise<Figure[]> {
  const figures: Figure[] = [];
  const clock = { now: Date.now() };
  const now = () => clock.now;
  const sim = await startPanelSim({ latencyMs: LATENCY_MS, now, tokenTtlSec: DEFAULT_TTL_SEC });
  try {
    // One request's time: account/info with a valid token on a warm connection.
    const warm = sessionFor(sim, now);
    // Two snapshots first: the token, the known service list, and one open connection per
    // parallel request (the steady state of a tray that polls).
    await warm.snapshot('bench');
    await warm.snapshot('bench');
    // Single requests and steady refreshes alternate, so load from elsewhere on the machine
    // affects both sides of the ratio alike.
    const single: number[] = [];
    const steady: number[] = [];
    for (let i = 0; i < 9; i++) {
      single.push(await timed(() => warm.accountInfo()));
      steady.push(await timed(() => warm.snapshot('bench')));
    }
    const rtt = median(single);
    figures.push({
      name: 'refresh_steady_rtt_ratio',
      value: median(steady) / rtt,
      unit: 'x one request',
      target: '<= 1.2',
    });

    // Requests a steady refresh sends the panel, from the simulator's request log.
    const totalRequests = () => Object.values(sim.admin.stats().requests).reduce((a, b) => a + b, 0);
    sim.admin.resetStats();
    await warm.snapshot('bench');
    figures.push({
      name: 'panel_requests_steady_refresh',
      value: totalRequests(),
      unit: 'requests',
      target: '1',
    });

    // Cold: a new session (no token, no known services) on the three-service demo account.
    const listed = await warm.accountInfo();
    const services = listed.ok ? listed.value.services.length : 0;
    sim.admin.resetStats();
    const first = sessionFor(sim, now);
    await first.snapshot('bench');
    await first.close();
    figures.push({
      name: 'panel_requests_cold',
      value: totalRequests(),
      unit: `requests (${services} services)`,
      target: `${2 + services} (token, account, one per service)`,
    });
    const cold: number[] = [];
    for (let i = 0; i < 5; i++) {
      const fresh = sessionFor(sim, now);
      cold.push(await timed(() => fresh.snapshot('bench')));
      await fresh.close();
    }
    figures.push({
      name: 'refresh_cold_rtt_ratio',
      value: median(cold) / rtt,
      unit: `x one request (${services} services)`,
      target: '<= 3.3',
    });

    // 100 concurrent calls at expiry.
    clock.now += (DEFAULT_TTL_SEC + 60) * 1000;
    sim.admin.resetStats();
    await Promise.all(Array.from({ length: 100 }, () => warm.gateways()));
    figures.push({
      name: 'token_burst_requests',
      value: sim.admin.stats().tokenRequests,
      unit: 'token requests',
      target: '1',
    });
    await warm.close();
  } finally {
    await sim.close();
  }

  // 48 h of polling every 15 min on fake time. Latency does not change the count, so none is added.
  const fake = { now: Date.now() };
  const quiet = await startPanelSim({ now: () => fake.now, tokenTtlSec: DEFAULT_TTL_SEC });
  try {
    const poller = sessionFor(quiet, () => fake.now);
    for (let t = 0; t <= 48 * 60; t += 15) {
      const r = await poller.snapshot('bench');
      if (!r.ok) throw new Error(r.error.message);
      fake.now += 15 * 60_000;
    }
    figures.push({
      name: 'token_requests_48h',
      value: quiet.admin.stats().tokenRequests,
      unit: 'token requests',
      target: '<= 4',
    });
    await poller.close();
  } finally {
    await quiet.close();
  }
  return figures;
}
