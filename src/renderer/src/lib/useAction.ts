// One action a person starts (a form's submit, a button): whether it is running, the error main
// reported and the last value it returned. A second start while one runs is ignored, so a double
// click never sends twice, and nothing is set after the component has gone.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppError, Result } from '../../../shared/errors';

export interface Action<A extends unknown[], T> {
  busy: boolean;
  /** The arguments of the run in flight (which row of a list is busy); null when none runs. */
  pending: A | null;
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

export function useAction<A extends unknown[], T>(action: (...args: A) => Promise<Result<T>>): Action<A, T> {
  const [pending, setPending] = useState<A | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [result, setResult] = useState<T | null>(null);
  const running = useRef(false);
  const mounted = useRef(true);
  const latest = useRef(action);
  latest.current = action;

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const run = useCallback(async (...args: A): Promise<Result<T> | null> => {
    if (running.current) return null;
    running.current = true;
    setPending(args);
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
      if (mounted.current) setPending(null);
    }
  }, []);

  const reset = useCallback(() => {
    setError(null);
    setResult(null);
  }, []);

  return { busy: pending !== null, pending, error, result, run, reset, setError };
}
