// Labelled form fields with hint and inline error, wired with aria-describedby / aria-invalid; the
// form that checks them itself; and the form-level error and status lines.
import {
  forwardRef,
  type FormHTMLAttributes,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
} from 'react';
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

type PasswordFieldProps = Omit<TextFieldProps, 'type' | 'dir' | 'value' | 'defaultValue'> & {
  autoComplete: 'current-password' | 'new-password';
};

/**
 * A password input. Left uncontrolled on purpose: the form reads it through the ref on submit and
 * clears it, so the password never sits in React state. Left to right in every language.
 */
export const PasswordField = forwardRef<HTMLInputElement, PasswordFieldProps>(
  function PasswordField(props, ref) {
    return <TextField ref={ref} type="password" dir="ltr" {...props} />;
  },
);

type EmailFieldProps = Omit<TextFieldProps, 'type' | 'dir' | 'label'> & {
  autoComplete: 'username' | 'email';
};

/** The account's email address, labelled "Email"; left to right in every language. */
export function EmailField(props: EmailFieldProps) {
  const { t } = useI18n();
  return <TextField type="email" dir="ltr" label={t('auth.email')} {...props} />;
}

/** A field label followed by the muted "(optional)" in the user's language. */
export function OptionalLabel({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  return (
    <>
      {children} <span className="muted">{t('common.optional')}</span>
    </>
  );
}

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

/** A select over a fixed list of values, typed by them, each shown by `labelOf`. */
export function ChoiceField<T extends string>({
  id,
  label,
  hint,
  error,
  value,
  options,
  labelOf,
  langOf,
  onChange,
}: FieldFrameProps & {
  value: T;
  options: readonly T[];
  labelOf(option: NoInfer<T>): string;
  /** The language an option is written in, when it differs from the page's (a language's own name). */
  langOf?(option: NoInfer<T>): string | undefined;
  onChange(value: NoInfer<T>): void;
}) {
  return (
    <SelectField
      id={id}
      label={label}
      hint={hint}
      error={error}
      value={value}
      // The options are exactly `options`, so the value read back is one of them.
      onChange={(event) => onChange(event.target.value as T)}
    >
      {options.map((option) => (
        <option key={option} value={option} lang={langOf?.(option)}>
          {labelOf(option)}
        </option>
      ))}
    </SelectField>
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

type FormProps = Omit<FormHTMLAttributes<HTMLFormElement>, 'onSubmit' | 'noValidate'> & {
  /** Runs on submit (Enter or the submit button); the page does not reload. */
  onSubmit(): Promise<void>;
};

/**
 * A form whose fields its own code checks, with errors in the user's language, so the browser's
 * checks and bubbles are off.
 */
export function Form({ onSubmit, children, ...form }: FormProps) {
  return (
    <form
      {...form}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void onSubmit();
      }}
    >
      {children}
    </form>
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
