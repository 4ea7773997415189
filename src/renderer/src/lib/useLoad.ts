// Data a view loads from main when it opens or when its inputs change, with a retry for the error
// box. An answer that arrives after the inputs changed (or after the view closed) is dropped, so a
// slow old request never overwrites a newer one. The last good value stays while a reload runs or
// fails, so a refresh that fails does not blank the page.
import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';
import type { AppError, Result } from '../../../shared/errors';

export interface Load<T> {
  data: T | null;
  error: AppError | null;
  /** True while a request is out, the first one included. */
  loading: boolean;
  /** Asks again (the error box's Retry, or after a change made elsewhere). */
  retry(): void;
  /** Replaces the value in place, e.g. with what an action returned. */
  set(value: T): void;
}

export interface LoadOptions {
  /** While true nothing is asked and the last value stays: the view that shows it is hidden for now.
   * Turning it false again loads anew. */
  paused?: boolean;
}

export function useLoad<T>(
  load: () => Promise<Result<T>>,
  deps: DependencyList,
  { paused = false }: LoadOptions = {},
): Load<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [loading, setLoading] = useState(!paused);
  const [attempt, setAttempt] = useState(0);
  const latest = useRef(load);
  latest.current = load;

  useEffect(() => {
    if (paused) {
      setLoading(false);
      return undefined;
    }
    let current = true;
    setLoading(true);
    setError(null);
    void latest.current().then(
      (outcome) => {
        if (!current) return;
        if (outcome.ok) setData(outcome.value);
        else setError(outcome.error);
        setLoading(false);
      },
      (thrown: unknown) => {
        if (!current) return;
        setError({ kind: 'internal', message: thrown instanceof Error ? thrown.message : String(thrown) });
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
    // The caller's deps decide when to load again; `load` itself is read through the ref.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, attempt, paused]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  const set = useCallback((value: T) => {
    setData(value);
    setError(null);
  }, []);

  return { data, error, loading, retry, set };
}
