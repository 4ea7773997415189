// The text a form's fields hold and the errors shown under them. `bind` gives a field its id
// (`<form>-<name>`), value, change handler and error, so each field is named once; `check` shows
// the errors a submit found and puts the cursor in the first field that has one.
import { useCallback, useState, type ChangeEvent } from 'react';

export interface BoundField {
  id: string;
  value: string;
  error: string | null;
  onChange(event: ChangeEvent<HTMLInputElement>): void;
}

export interface Fields<N extends string> {
  values: Record<N, string>;
  /** By field name; may also name inputs the form keeps out of state (a password). */
  errors: Record<string, string>;
  bind(name: N): BoundField;
  set(patch: Partial<Record<N, string>>): void;
  /** The input's id, for a field whose input is not bound (a password). */
  idOf(name: string): string;
  /**
   * Shows these errors (listed in the form's order) and focuses the first one's field.
   * True when there are none, so the form may send.
   */
  check(errors: Record<string, string>): boolean;
  /** Shows errors without moving the cursor (what main refused after a send). */
  setErrors(errors: Record<string, string>): void;
}

export function useFields<N extends string>(prefix: string, initial: Record<N, string>): Fields<N> {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const idOf = useCallback((name: string) => `${prefix}-${name}`, [prefix]);
  const set = useCallback(
    (patch: Partial<Record<N, string>>) => setValues((now) => ({ ...now, ...patch })),
    [],
  );

  const bind = (name: N): BoundField => ({
    id: idOf(name),
    value: values[name],
    error: errors[name] ?? null,
    onChange: (event) => {
      const value = event.target.value;
      setValues((now) => ({ ...now, [name]: value }));
    },
  });

  const check = (next: Record<string, string>): boolean => {
    setErrors(next);
    const first = Object.keys(next)[0];
    if (first === undefined) return true;
    document.getElementById(idOf(first))?.focus();
    return false;
  };

  return { values, errors, bind, set, idOf, check, setErrors };
}
