// What a command may do with the world around it: print, read stdin, ask a person at a terminal,
// read the environment and the clock. Tests pass their own; the process gets nodeIo().
import { createInterface } from 'node:readline';
import type { Result } from '../../shared/errors';

export interface CliTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Reads all of stdin (for --password-stdin). */
  readStdin(): Promise<string>;
  /** True when a person is at a terminal (stdin and stdout): questions can be asked. */
  interactive: boolean;
  /** Asks for a line of text; null when there is no terminal. */
  prompt(question: string): Promise<string | null>;
  /** Asks for a secret without echo; null when there is no terminal. */
  promptSecret(question: string): Promise<string | null>;
  env: NodeJS.ProcessEnv;
  now(): number;
  /** Timers for waiting (the payment watch, the countdown); the real ones when not given. */
  timers?: CliTimers;
  /** Source of the payment watch's backoff jitter (0..1); Math.random when not given. */
  random?: () => number;
  /** Opens a link with the OS; the OS's own opener (xdg-open, open, Windows' URL handler) when not given. */
  openLink?(link: string): Promise<Result<{ opened: true }>>;
}

function ask(question: string, secret: boolean): Promise<string | null> {
  if (!process.stdin.isTTY || !process.stdout.isTTY) return Promise.resolve(null);
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    let answered = false;
    if (secret) {
      // Echo nothing while the secret is typed (readline has no option for it).
      process.stdout.write(question);
      (rl as unknown as { _writeToOutput(s: string): void })._writeToOutput = () => undefined;
    }
    rl.on('close', () => {
      // Ctrl-D or Ctrl-C: no answer.
      if (!answered) resolve(null);
    });
    rl.question(secret ? '' : question, (answer) => {
      answered = true;
      rl.close();
      if (secret) process.stdout.write('\n');
      resolve(answer);
    });
  });
}

export function nodeIo(): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    async readStdin() {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
    prompt: (question) => ask(question, false),
    promptSecret: (question) => ask(question, true),
    env: process.env,
    now: () => Date.now(),
  };
}
