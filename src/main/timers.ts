// The timer functions the core schedules with (polling, retries, payment watches, start-up waits).
// Injected rather than global so tests, the soak and the bench can run the same code on a virtual
// clock; `realTimers` is what the app uses.

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  // Looked up at call time so fake timers installed after import still apply.
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as Parameters<typeof globalThis.clearTimeout>[0]),
};
