// `npm run sim -- [--port N] [--latency MS] [--token-ttl S] [--api-key K] [--tz ZONE] [--subscriptions]`:
// serves the demo panel until SIGINT/SIGTERM. The first stdout line is JSON with the url, API key and
// demo login (and, with --subscriptions, the demo subscription link of every panel family, served by
// subscription/); log lines follow.
import { parseArgs } from 'node:util';
import { startPanelSim } from './index';
import { FAMILIES, startSubscriptionSim } from './subscription';

function numberArg(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0)
    throw new Error(`--${name} must be a non-negative number, got '${value}'`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      latency: { type: 'string' },
      'token-ttl': { type: 'string' },
      'api-key': { type: 'string' },
      tz: { type: 'string' },
      'auto-pay': { type: 'string' },
      subscriptions: { type: 'boolean' },
    },
  });
  const sim = await startPanelSim({
    port: numberArg(values.port, 'port'),
    latencyMs: numberArg(values.latency, 'latency'),
    tokenTtlSec: numberArg(values['token-ttl'], 'token-ttl'),
    autoPayAfterMs: numberArg(values['auto-pay'], 'auto-pay') ?? null,
    apiKey: values['api-key'],
    timeZone: values.tz,
    log: (line) => process.stdout.write(`${new Date().toISOString()} ${line}\n`),
  });
  const log = (line: string): void => void process.stdout.write(`${new Date().toISOString()} ${line}\n`);
  const subs = values.subscriptions ? await startSubscriptionSim({ log }) : null;
  const info: Record<string, unknown> = {
    url: sim.url,
    apiKey: sim.apiKey,
    email: sim.demo.email,
    password: sim.demo.password,
  };
  if (subs) info.subscriptions = Object.fromEntries(FAMILIES.map((family) => [family, subs.link(family)]));
  process.stdout.write(`${JSON.stringify(info)}\n`);
  const stop = (): void => {
    void Promise.all([sim.close(), subs?.close()]).then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`panel-sim: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
