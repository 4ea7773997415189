// Labelled form fields with hint and inline error, wired with aria-describedby / aria-invalid.
import { forwardRef, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from 'react';
import type { AppError } from '../../../shared/errors';
import { useI18n } from '../i18n';
import { describeError } from '../lib/errors';
import { ErrorDetails } from './ErrorDetails';

interface FieldFrameProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
}

const describedBy = (id: string, hint: unknown, error: unknown): string | undefined =>
  [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

function FieldNotes({ id, hint, error }: Omit<FieldFrameProps, 'label'>) {
  return (
    <>
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </>
  );
}

type TextFieldProps = FieldFrameProps & Omit<InputHTMLAttributes<HTMLInputElement>, 'id'>;

export const TextField = forwardRef<HTMLInputElement, TextFieldProps>(function TextField(
  { id, label, hint, error, className, ...input },
  ref,
) {
  return (
    <div className={`field${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        ref={ref}
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...input}
      />
      <FieldNotes id={id} hint={hint} error={error} />
    </div>
  );
});

type SelectFieldProps = FieldFrameProps &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> & { children: ReactNode };

export function SelectField({ id, label, hint, error, children, ...select }: SelectFieldProps) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...select}
      >
        {children}
      </select>
      <FieldNotes id={id} hint={hint} error={error} />
    </div>
  );
}

type CheckboxFieldProps = FieldFrameProps & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'type'>;

export function CheckboxField({ id, label, hint, error, ...input }: CheckboxFieldProps) {
  return (
    <div className="field field-checkbox">
      <input
        id={id}
        type="checkbox"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...input}
      />
      <div>
        <label htmlFor={id}>{label}</label>
        <FieldNotes id={id} hint={hint} error={error} />
      </div>
    </div>
  );
}

/**
 * A form-level error, announced when it appears: the panel's words, or main's error in the user's
 * language with its English `original` under Details (see lib/errors.ts).
 */
export function FormError(
  props: { message: string | null; original?: string | null } | { error: AppError | null },
) {
  const i18n = useI18n();
  const shown =
    'error' in props
      ? props.error
        ? describeError(props.error, i18n)
        : null
      : props.message
        ? { text: props.message, original: props.original ?? null }
        : null;
  return (
    <div className="form-error" role="alert">
      {shown?.text}
      {shown ? <ErrorDetails original={shown.original} /> : null}
    </div>
  );
}

/** A form-level success or progress line, announced politely. */
export function FormStatus({ message }: { message: string | null }) {
  return (
    <div className="form-status" role="status">
      {message}
    </div>
  );
}
