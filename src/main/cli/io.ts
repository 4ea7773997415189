// What a command may do with the world around it: print, read stdin, ask a person at a terminal,
// read the environment and the clock. Tests pass their own; the process gets nodeIo(). main()
// puts terminalSafeIo() in front of either, so nothing a panel sent reaches the terminal as control.
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
  /**
   * True where the process has no standard input at all: the installed Windows app is a GUI program,
   * and Electron hands its main process an empty stdin there (electron/electron#4218), so neither
   * --password-stdin nor a prompt can reach it.
   */
  noInput?: boolean;
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
    noInput: process.platform === 'win32' && Boolean(process.versions.electron),
    prompt: (question) => ask(question, false),
    promptSecret: (question) => ask(question, true),
    env: process.env,
    now: () => Date.now(),
  };
}

/**
 * C0 controls except tab and newline, DEL, and C1 controls. Through them text from a panel (a
 * package name, a server remark, an error message) could move the cursor, rewrite what was printed,
 * set the window title or write the clipboard (OSC 52, in its ESC form or its 8-bit C1 form).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** `text` without the control characters a terminal would act on. */
export function terminalText(text: string): string {
  return text.replace(CONTROL, '');
}

/** Texts the CLI composed and coloured itself, let through once by terminalSafeIo (see styled()). */
const styledTexts = new Set<string>();

/**
 * Marks text the CLI drew itself with escapes (the terminal QR code's colours, the countdown's
 * carriage return) to pass the filter unchanged, wherever it sits in the printed text. Outside text
 * is never marked: it is stripped before it is put beside the styled part.
 */
export function styled(text: string): string {
  if (text !== '') styledTexts.add(text);
  return text;
}

/** Strips control characters from everything but the styled parts of `text`; those are used up. */
function filterOutput(text: string): string {
  const found = [...styledTexts].filter((part) => text.includes(part));
  const strip = (rest: string, parts: readonly string[]): string => {
    const [part, ...others] = parts;
    if (part === undefined) return terminalText(rest);
    return rest
      .split(part)
      .map((piece) => strip(piece, others))
      .join(part);
  };
  for (const part of found) styledTexts.delete(part);
  return strip(text, found);
}

/** `io` with every printed text (and every question asked) filtered by terminalText, styled parts aside. */
export function terminalSafeIo(io: CliIo): CliIo {
  return {
    ...io,
    stdout: (text) => io.stdout(filterOutput(text)),
    stderr: (text) => io.stderr(filterOutput(text)),
    prompt: (question) => io.prompt(filterOutput(question)),
    promptSecret: (question) => io.promptSecret(filterOutput(question)),
  };
}
