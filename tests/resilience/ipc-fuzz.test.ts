// Randomized IPC fuzz: for every contract channel, 1,000 generated inputs (any JSON, any
// structured-cloneable value, the channel's own keys with wrong types, huge strings, prototype
// pollution keys, and plausible valid values) go through router.dispatch on a signed-out core.
// Every answer must be a Result whose error kind is an ErrorKind (validation when the schema refuses
// the input), nothing may throw or crash a handler, and Object.prototype must stay clean.
// No real network: a branded provider pins the panel URL to a closed loopback port.
// Part of the inputs are derived from the channel's own schema (tests/support/schema-arbitrary), so
// every handler runs on valid inputs: each input is drawn from that valid generator with probability
// VALID_WEIGHT / TOTAL_WEIGHT = 1/4, so a channel's handler runs on at least Binomial(1,000, 1/4)
// inputs (expected 250); 20 or fewer has probability about 1.2e-93 per channel, under 1e-91 for all
// 45. (The hand-made generators alone reached import.fallback's handler 25 to 35 times in 1,000, so
// "more than 20" failed on about one run in twenty for that channel alone.)
// Every run prints its seed. Replay a failure with FUZZ_SEED=<seed> (the whole file: the core's state
// carries over from channel to channel), and a counterexample alone with FUZZ_PATH=<channel>=<path>
// too; fast-check's report gives both, and every message names the channel.
import { createServer } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, channels, type ChannelName } from '../../src/shared/contract';
import type { ProviderConfig } from '../../src/main/provider';
import { ERROR_KINDS, makeCoreRig, recordUnhandled, type CoreRig } from '../support/core-rig';
import { validArbitrary } from '../support/schema-arbitrary';

const RUNS = 1_000;
/** A channel whose handler ran this many times or fewer fails "ran every handler". */
const MIN_HANDLER_RUNS = 20;
const SEED = process.env.FUZZ_SEED
  ? Number(process.env.FUZZ_SEED)
  : (Date.now() ^ (Math.random() * 2 ** 31)) | 0;
if (!Number.isSafeInteger(SEED)) throw new Error(`FUZZ_SEED is not an integer: ${process.env.FUZZ_SEED}`);
const replay = `FUZZ_SEED=${SEED}`;
const [pathChannel, pathValue] = (process.env.FUZZ_PATH ?? '').split('=');
const replayPath = (name: ChannelName) => (pathChannel === name && pathValue ? { path: pathValue } : {});
const API_KEY = 'fuzz-client-api-key-0123456789';
let rig: CoreRig;
/** A loopback port nothing listens on: where the panel and generated subscription links point. */
let deadPort = 9;
let unhandled: ReturnType<typeof recordUnhandled>;
const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();

async function closedLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  console.info(`ipc-fuzz: seed ${SEED} (replay with ${replay})`);
  unhandled = recordUnhandled();
  const port = await closedLoopbackPort();
  deadPort = port;
  const provider: ProviderConfig = {
    info: {
      name: 'Fuzz',
      logo: null,
      panelUrl: `http://127.0.0.1:${port}`,
      hasApiKey: true,
      supportUrl: null,
      subscriptionLinks: true,
    },
    apiKey: API_KEY,
  };
  rig = await makeCoreRig({ memory: true, provider });
});

afterAll(async () => {
  await rig.dispose();
  unhandled.stop();
});

/** The top-level keys a channel's input object has (all inputs are z.object). */
function keysOf(name: ChannelName): string[] {
  const schema = channels[name].input as unknown as { shape?: Record<string, unknown> };
  return schema.shape ? Object.keys(schema.shape) : [];
}

const hugeString = fc
  .tuple(fc.constantFrom('A', '€', '\u202e', '<', '\u0000', '𝕏'), fc.integer({ min: 5_000, max: 100_000 }))
  .map(([ch, n]) => ch.repeat(n));

/** Values of the wrong type for nearly any field, and some hostile ones. */
const hostile = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(
    null,
    NaN,
    Infinity,
    -0,
    2 ** 53,
    -1,
    0,
    '',
    ' ',
    '\u0000',
    'javascript:alert(1)',
    'file:///etc/passwd',
    '../../etc/passwd',
    '<img src=x onerror=alert(1)>',
    [],
    {},
    true,
  ),
  fc.bigInt(),
  fc.date(),
  hugeString,
);

/** Plausible values by field name, so part of the inputs pass validation and reach the handlers. */
const plausible: Record<string, fc.Arbitrary<unknown>> = {
  panelUrl: fc.constantFrom('https://panel.example.com', 'http://127.0.0.1:9', 'not a url', 'ftp://x'),
  apiKey: fc.constantFrom(undefined, 'k', API_KEY),
  email: fc.oneof(fc.emailAddress(), fc.constant('nobody@example.com')),
  password: fc.oneof(fc.string({ minLength: 8, maxLength: 40 }), fc.string({ maxLength: 8 })),
  remember: fc.boolean(),
  displayName: fc.string({ maxLength: 90 }),
  name: fc.string({ minLength: 1, maxLength: 70 }),
  code: fc.string({ minLength: 1, maxLength: 40 }),
  aff: fc.string({ maxLength: 70 }),
  id: fc.oneof(fc.string({ maxLength: 70 }), fc.integer()),
  serviceId: fc.oneof(fc.integer({ min: -2, max: 2 ** 31 + 2 }), fc.constant(null)),
  packageId: fc.integer({ min: -2, max: 100 }),
  gatewayId: fc.integer({ min: -2, max: 100 }),
  invoiceId: fc.string({ maxLength: 70 }),
  format: fc.constantFrom('links', 'base64', 'clash', 'singbox', 'xray', 'sublink', 'bogus'),
  formats: fc.array(fc.constantFrom('links', 'clash', 'singbox', 'xray', 'bogus'), { maxLength: 6 }),
  // Web URLs moved onto a dead loopback port: profiles.addSubscription fetches what passes, and the
  // test must not depend on DNS or the network.
  url: fc.oneof(
    fc.webUrl({ withQueryParameters: true }).map((u) => {
      const url = new URL(u);
      url.protocol = 'http:';
      url.host = `127.0.0.1:${deadPort}`;
      return url.toString();
    }),
    fc.constantFrom('javascript:alert(1)', 'file:///etc/passwd', 'https://x', 'ftp://127.0.0.1/x'),
  ),
  cycle: fc.constantFrom('month', 'quater', 'quarter', 'annual', 'topup_traffic'),
  client: fc.constantFrom('clash-verge', 'sing-box', 'v2rayng', null, 'clashx', ''),
  action: fc.constantFrom('save', 'copy', 'delete'),
  refresh: fc.constantFrom(undefined, true, false, 'yes'),
  coupon: fc.string({ maxLength: 40 }),
  qty: fc.integer({ min: -1, max: 20 }),
  // The setup proxy of provider.check and auth.*: none, a dead local port, or one refused.
  proxyUrl: fc.constantFrom('', 'socks5://127.0.0.1:1', 'http://127.0.0.1:1', 'socks4://x:1'),
  options: fc.record(
    {
      proxyUrl: fc.constantFrom('', 'http://127.0.0.1:1', 'socks5://x', 'nope'),
      timeZone: fc.constantFrom('', 'UTC', 'Mars/Base'),
    },
    { requiredKeys: [] },
  ),
  refreshMinutes: fc.integer({ min: -5, max: 2_000 }),
  theme: fc.constantFrom('system', 'light', 'dark', 'neon'),
  language: fc.constantFrom('system', 'en', 'fa', 'xx'),
  trafficThresholds: fc.array(fc.integer({ min: -1, max: 101 }), { maxLength: 10 }),
  expiryThresholds: fc.array(fc.integer({ min: -1, max: 400 }), { maxLength: 10 }),
  notifications: fc.boolean(),
  watch: fc.boolean(),
  startAtLogin: fc.boolean(),
  autoUpdateCheck: fc.boolean(),
  clearClipboard: fc.boolean(),
};

/**
 * Valid values for keys that reach the network, wherever they appear (setup, profile options): a
 * dead loopback port or none, never a host to resolve. All valid for those fields' schemas.
 */
const offline = {
  panelUrl: fc.constantFrom('http://127.0.0.1:9', 'not a url'),
  proxyUrl: fc.constantFrom('', 'socks5://127.0.0.1:1', 'http://127.0.0.1:1'),
  // A link the add and re-link channels fetch: a host to resolve would make each run wait on DNS.
  url: fc.constantFrom(`http://127.0.0.1:${deadPort}/sub/fuzz-token`, `https://127.0.0.1:${deadPort}/s/x`),
};

/** Inputs the channel's schema accepts, derived from the schema itself (every field it names). */
const validInput = (name: ChannelName) => validArbitrary(channels[name].input, offline, name);

const POLLUTION = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'];

/** The share of inputs derived valid from the schema: VALID_WEIGHT of TOTAL_WEIGHT (see the header). */
const VALID_WEIGHT = 4;
/** The weights of inputFor's branches, in order; the header's figure assumes VALID_WEIGHT / this = 1/4. */
const TOTAL_WEIGHT = VALID_WEIGHT + 3 + 2 + 2 + 2 + 2 + 1;
if (VALID_WEIGHT / TOTAL_WEIGHT < 1 / 4)
  throw new Error('the valid share fell below the figure the header states');

function inputFor(name: ChannelName): fc.Arbitrary<unknown> {
  const keys = keysOf(name);
  const fieldKeys = keys.length > 0 ? keys : ['x'];
  const fieldValue = (key: string) => fc.oneof(plausible[key] ?? hostile, hostile);
  // The channel's own keys, each plausible or of the wrong type, any subset present.
  const ownKeys = fc.record(Object.fromEntries(fieldKeys.map((k) => [k, fieldValue(k)])), {
    requiredKeys: [],
  });
  // Valid-looking fields plus prototype-pollution keys, as JSON.parse builds them (own __proto__).
  const polluted = fc
    .tuple(ownKeys, fc.subarray(POLLUTION, { minLength: 1 }), fc.jsonValue({ maxDepth: 2 }))
    .map(([fields, bad, payload]) => {
      const extra = bad.map((k) => `${JSON.stringify(k)}:{"polluted":${JSON.stringify(payload ?? null)}}`);
      const json = `{${[JSON.stringify(fields, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)).slice(1, -1), ...extra].filter(Boolean).join(',')}}`;
      return JSON.parse(json) as unknown;
    });
  // Every key, each from the plausible pool only: mostly valid, so the handlers run.
  const validish = fc.record(Object.fromEntries(fieldKeys.map((k) => [k, plausible[k] ?? hostile])));
  return fc.oneof(
    { arbitrary: validInput(name), weight: VALID_WEIGHT },
    { arbitrary: ownKeys, weight: 3 },
    { arbitrary: validish, weight: 2 },
    { arbitrary: polluted, weight: 2 },
    { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 2 },
    {
      arbitrary: fc.anything({
        maxDepth: 2,
        withBigInt: true,
        withDate: true,
        withMap: true,
        withSet: true,
        withTypedArray: true,
        withNullPrototype: true,
        withBoxedValues: true,
        withSparseArray: true,
      }),
      weight: 2,
    },
    { arbitrary: hugeString, weight: 1 },
  );
}

function assertResult(name: ChannelName, input: unknown, result: unknown) {
  expect(result, name).toBeTypeOf('object');
  const r = result as { ok: unknown; value?: unknown; error?: { kind: unknown; message: unknown } };
  expect(typeof r.ok, name).toBe('boolean');
  if (r.ok) {
    expect('value' in r, name).toBe(true);
  } else {
    expect(ERROR_KINDS as readonly unknown[], name).toContain(r.error?.kind);
    expect(typeof r.error?.message, name).toBe('string');
    // Messages are for people: bounded even when the input was 100,000 characters.
    expect((r.error?.message as string).length, name).toBeLessThan(2_000);
  }
  if (!channels[name].input.safeParse(input ?? {}).success) {
    expect(r.ok, name).toBe(false);
    expect(r.error?.kind, name).toBe('validation');
  }
  // Whatever comes back must cross IPC (structured clone) unharmed.
  expect(() => structuredClone(result), name).not.toThrow();
}

describe('IPC fuzz through router.dispatch', () => {
  it.each(CHANNEL_NAMES.map((n) => [n]))(
    '%s: 1,000 generated inputs each answer with a Result',
    async (name) => {
      const before = rig.handlerRuns.get(name) ?? 0;
      try {
        await fc.assert(
          fc.asyncProperty(inputFor(name), async (input) => {
            const result = await rig.router.dispatch(name, input);
            assertResult(name, input, result);
          }),
          { numRuns: RUNS, seed: SEED, ...replayPath(name) },
        );
      } catch (error) {
        // fast-check's report carries the seed and path; say which channel, and how to replay.
        const message = error instanceof Error ? error.message : String(error);
        throw new Error(`${name} (replay with ${replay}): ${message}`, { cause: error });
      }
      const ran = (rig.handlerRuns.get(name) ?? 0) - before;
      expect(ran, `${name}: the handler ran on ${ran} of ${RUNS} inputs (${replay})`).toBeGreaterThan(
        MIN_HANDLER_RUNS,
      );
      expect(rig.internalErrors).toEqual([]);
      expect(unhandled.reasons).toEqual([]);
      expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
    60_000,
  );

  it('unknown channel names are a validation error, never a lookup on the prototype', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string(), fc.constantFrom(...POLLUTION, 'hasOwnProperty', 'valueOf', '')),
        fc.jsonValue({ maxDepth: 1 }),
        async (channel, input) => {
          fc.pre(!(CHANNEL_NAMES as readonly string[]).includes(channel));
          const result = await rig.router.dispatch(channel, input);
          expect(result.ok).toBe(false);
          if (!result.ok) expect(result.error.kind).toBe('validation');
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('the schema-derived inputs are valid for every channel', () => {
    // Else "ran every handler" would rest on luck again: a generator gap fails here, naming the channel.
    for (const name of CHANNEL_NAMES) {
      for (const input of fc.sample(validInput(name), { numRuns: 200, seed: SEED })) {
        const parsed = channels[name].input.safeParse(input ?? {});
        expect(parsed.success, `${name}: ${JSON.stringify(input)} (${replay})`).toBe(true);
      }
    }
  });

  it('a share of the inputs was valid and ran every handler', () => {
    // Counted where the rig hands the handler to the router: a run, not an input that merely parsed.
    const starved = CHANNEL_NAMES.map((name) => ({ name, runs: rig.handlerRuns.get(name) ?? 0 })).filter(
      ({ runs }) => runs <= MIN_HANDLER_RUNS,
    );
    expect(starved, `handlers run ${MIN_HANDLER_RUNS} times or fewer (${replay})`).toEqual([]);
  });

  it('the process and the core are alive afterwards: a valid request still answers', async () => {
    const info = await rig.call<{ name: string }>('app.info');
    expect(info.ok && info.value.name).toBe('xmplus-tray');
    const data = await rig.call('data.refresh');
    expect(data.ok ? null : data.error.kind).toMatch(/^(auth|state)$/);
    expect(rig.internalErrors).toEqual([]);
    expect(unhandled.reasons).toEqual([]);
  });
});
