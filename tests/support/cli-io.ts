// A CliIo for tests: captured stdout and stderr, stdin text, scripted answers to questions, an
// injectable clock and timers that fire only when the test says so.
import type { CliIo, CliTimers } from '../../src/main/cli/io';

export interface TestIoOptions {
  env?: NodeJS.ProcessEnv;
  stdin?: string;
  /** A person at a terminal: questions get the scripted answers. */
  interactive?: boolean;
  /** No standard input at all (the installed Windows app). */
  noInput?: boolean;
  /** Answers to prompt() in order; null once they run out. */
  answers?: string[];
  /** Answers to promptSecret() in order; null once they run out. */
  secrets?: string[];
  now?: () => number;
  timers?: CliTimers;
}

export interface TestIo {
  io: CliIo;
  out(): string;
  err(): string;
  /** The questions asked, in order (prompt and promptSecret). */
  questions: string[];
}

export function testIo(options: TestIoOptions = {}): TestIo {
  const out: string[] = [];
  const err: string[] = [];
  const questions: string[] = [];
  const answers = [...(options.answers ?? [])];
  const secrets = [...(options.secrets ?? [])];
  const interactive = options.interactive ?? false;
  const io: CliIo = {
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    readStdin: async () => options.stdin ?? '',
    interactive,
    ...(options.noInput ? { noInput: true } : {}),
    async prompt(question) {
      questions.push(question);
      return interactive ? (answers.shift() ?? null) : null;
    },
    async promptSecret(question) {
      questions.push(question);
      return interactive ? (secrets.shift() ?? null) : null;
    },
    env: options.env ?? {},
    now: options.now ?? (() => Date.now()),
    ...(options.timers ? { timers: options.timers } : {}),
    random: () => 0.5,
  };
  return { io, out: () => out.join(''), err: () => err.join(''), questions };
}

export interface PendingTimer {
  ms: number;
  fire(): void;
}

/** Timers that wait for the test: next() resolves with the next timer set, which runs on fire(). */
export function manualTimers(): CliTimers & { next(): Promise<PendingTimer>; pending(): number } {
  let seq = 0;
  const live = new Map<number, { ms: number; callback: () => void }>();
  const queue: PendingTimer[] = [];
  const waiters: ((timer: PendingTimer) => void)[] = [];
  return {
    setTimeout(callback, ms) {
      const id = ++seq;
      live.set(id, { ms, callback });
      const timer: PendingTimer = {
        ms,
        fire() {
          const entry = live.get(id);
          live.delete(id);
          entry?.callback();
        },
      };
      const waiter = waiters.shift();
      if (waiter) waiter(timer);
      else queue.push(timer);
      return id;
    },
    clearTimeout(handle) {
      live.delete(handle as number);
    },
    next() {
      const queued = queue.shift();
      return queued ? Promise.resolve(queued) : new Promise((resolve) => waiters.push(resolve));
    },
    pending: () => live.size,
  };
}
