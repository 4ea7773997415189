// A private D-Bus session bus for tests: its own dbus-daemon (package dbus), so the fake desktop
// services own their names there without meeting a real desktop's tray host or notification daemon,
// and whatever the app under test is started with (DBUS_SESSION_BUS_ADDRESS) talks only to them.
// Connections go through dbus-native, the pure-JavaScript client the harness is written with.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import dbus, { type Message, type MessageBus } from 'dbus-native';

export type { MessageBus };
export type BusMessage = Message;

export const DBUS = { name: 'org.freedesktop.DBus', path: '/org/freedesktop/DBus' } as const;
export const PROPERTIES = 'org.freedesktop.DBus.Properties';
/** RequestName flag: fail at once rather than wait in line for a name someone else owns. */
export const DO_NOT_QUEUE = 4;

/** Why the harness cannot run here, or null when dbus-daemon exists (Linux with the dbus package). */
export function privateBusUnavailable(): string | null {
  if (process.platform !== 'linux')
    return `D-Bus desktop services are Linux only (this is ${process.platform})`;
  const found = spawnSync('sh', ['-c', 'command -v dbus-daemon']).status === 0;
  return found ? null : 'dbus-daemon is not installed (Debian package dbus)';
}

export interface PrivateBus {
  /** The bus address, for DBUS_SESSION_BUS_ADDRESS of a process that should use this bus. */
  address: string;
  /** A new client connection to this bus (closed by stop()). */
  connect(): Promise<MessageBus>;
  /** Closes every connection made through connect() and ends the daemon. */
  stop(): Promise<void>;
}

/**
 * A session bus with no service files: the system's session configuration would let the bus start a
 * real notification daemon or tray host (their .service files) the moment a name is asked for.
 */
const busConfig = (
  dir: string,
) => `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir=${dir}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`;

/** Starts a dbus-daemon of its own and waits for its address. */
export async function startPrivateBus(): Promise<PrivateBus> {
  const dir = mkdtempSync(join(tmpdir(), 'xmplus-bus-'));
  const config = join(dir, 'bus.conf');
  writeFileSync(config, busConfig(dir));
  const daemon: ChildProcess = spawn(
    'dbus-daemon',
    [`--config-file=${config}`, '--nofork', '--print-address=1'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  // Kept for the failure message only.
  let complaints = '';
  daemon.stderr!.on('data', (chunk: Buffer) => {
    complaints = (complaints + chunk.toString('utf8')).slice(-2000);
  });
  const address = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: daemon.stdout! });
    lines.once('line', (line) => {
      lines.close();
      resolve(line.trim());
    });
    daemon.once('error', reject);
    daemon.once('exit', (code) =>
      reject(new Error(`dbus-daemon exited (${code}) before printing its address: ${complaints}`)),
    );
  });
  const clients: MessageBus[] = [];
  return {
    address,
    async connect() {
      const bus = dbus.sessionBus({ busAddress: address });
      clients.push(bus);
      // Hello is the first message on the wire; a round trip after it means the bus knows us.
      await bus.getNameOwner(DBUS.name);
      return bus;
    },
    async stop() {
      await Promise.all(clients.map((bus) => bus.close().catch(() => undefined)));
      if (daemon.exitCode === null) {
        const exited = new Promise((resolve) => daemon.once('exit', resolve));
        daemon.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Calls a method and resolves with its reply: undefined, the one value, or the values as an array. */
export async function call<T = unknown>(bus: MessageBus, message: BusMessage): Promise<T> {
  return (await bus.invoke(message)) as T;
}

/** The unique name (":1.42") that owns `name` now, or null when nobody does. */
export async function ownerOf(bus: MessageBus, name: string): Promise<string | null> {
  try {
    return (await bus.getNameOwner(name)) as string;
  } catch {
    return null;
  }
}

/** A signal as it arrived: who sent it, where from, and its arguments in plain values. */
export interface SeenSignal {
  sender: string;
  path: string;
  interface: string;
  member: string;
  body: unknown[];
}

/**
 * Records every signal from `sender` (a unique name) in arrival order, through a match rule on the
 * bus; `waitFor` resolves with the first one after `from` that passes the test.
 */
export interface SignalLog {
  readonly seen: readonly SeenSignal[];
  waitFor(
    test: (signal: SeenSignal) => boolean,
    options?: { from?: number; timeoutMs?: number },
  ): Promise<SeenSignal>;
  stop(): Promise<void>;
}

export async function recordSignals(bus: MessageBus, sender: string): Promise<SignalLog> {
  const seen: SeenSignal[] = [];
  const waiters = new Set<() => void>();
  const onMessage = (message: BusMessage) => {
    if (message.type !== dbus.messageType.signal || message.sender !== sender) return;
    seen.push({
      sender,
      path: message.path ?? '',
      interface: message.interface ?? '',
      member: message.member ?? '',
      body: (message.body ?? []) as unknown[],
    });
    for (const wake of waiters) wake();
  };
  bus.connection.on('message', onMessage);
  const subscription = await bus.watch(`type='signal',sender='${sender}'`);
  return {
    seen,
    waitFor(test, { from = 0, timeoutMs = 15_000 } = {}) {
      return waitUntil(
        () => seen.slice(from).find(test) ?? null,
        waiters,
        timeoutMs,
        () =>
          `no matching signal from ${sender}; seen: ${seen.map((s) => `${s.interface}.${s.member}`).join(', ') || 'none'}`,
      );
    },
    async stop() {
      bus.connection.off('message', onMessage);
      await subscription.remove();
    },
  };
}

/**
 * Resolves with the first non-null value of `probe`, tried now and whenever a waiter is woken; a
 * deadline turns a wait that would hang into a failure that says what was seen.
 */
export function waitUntil<T>(
  probe: () => T | null,
  waiters: Set<() => void>,
  timeoutMs: number,
  describe: () => string,
): Promise<T> {
  const now = probe();
  if (now !== null) return Promise.resolve(now);
  return new Promise<T>((resolve, reject) => {
    const wake = () => {
      const value = probe();
      if (value === null) return;
      clearTimeout(timer);
      waiters.delete(wake);
      resolve(value);
    };
    const timer = setTimeout(() => {
      waiters.delete(wake);
      reject(new Error(`waited ${timeoutMs} ms: ${describe()}`));
    }, timeoutMs);
    waiters.add(wake);
  });
}
