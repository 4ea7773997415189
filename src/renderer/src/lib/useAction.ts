// One action a person starts (a form's submit, a button): whether it is running, the error main
// reported and the last value it returned. A second start while one runs is ignored, so a double
// click never sends twice, and nothing is set after the component has gone.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppError, Result } from '../../../shared/errors';

export interface Action<A extends unknown[], T, K = never> {
  busy: boolean;
  /**
   * Which run is in flight (which row of a list is busy), as the caller's `key` names it; null when
   * none runs or no key was given. Only the key is kept, never the arguments, which may hold a
   * password.
   */
  pending: K | null;
  error: AppError | null;
  /** The value of the last run that succeeded, until the next run starts. */
  result: T | null;
  /** Starts the action; resolves with its result, or with `null` when one was already running. */
  run(...args: A): Promise<Result<T> | null>;
  /** Clears error and result, for example when the user edits the form again. */
  reset(): void;
  /** Shows an error that did not come from the action (e.g. a check before sending). */
  setError(error: AppError | null): void;
}

export function useAction<A extends unknown[], T, K = never>(
  action: (...args: A) => Promise<Result<T>>,
  key?: (...args: A) => K,
): Action<A, T, K> {
  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState<K | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [result, setResult] = useState<T | null>(null);
  const running = useRef(false);
  const mounted = useRef(true);
  const latest = useRef(action);
  latest.current = action;
  const keyOf = useRef(key);
  keyOf.current = key;

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const run = useCallback(async (...args: A): Promise<Result<T> | null> => {
    if (running.current) return null;
    running.current = true;
    setBusy(true);
    setPending(keyOf.current ? keyOf.current(...args) : null);
    setError(null);
    setResult(null);
    try {
      const outcome = await latest.current(...args);
      if (mounted.current) {
        if (outcome.ok) setResult(outcome.value);
        else setError(outcome.error);
      }
      return outcome;
    } finally {
      running.current = false;
      if (mounted.current) {
        setBusy(false);
        setPending(null);
      }
    }
  }, []);

  const reset = useCallback(() => {
    setError(null);
    setResult(null);
  }, []);

  return { busy, pending, error, result, run, reset, setError };
}
