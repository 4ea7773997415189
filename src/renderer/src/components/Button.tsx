// Buttons with a busy state: disabled, aria-busy and a spinner while work is in flight, so a
// second press cannot start it twice and screen readers hear that something is happening.
import type { ButtonHTMLAttributes, ReactNode } from 'react';

interface BusyButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  busy?: boolean;
  /** Text while busy ("Signing in…"); the idle children otherwise. */
  busyLabel?: string;
  variant?: 'primary' | 'secondary' | 'danger' | 'ghost';
  children: ReactNode;
}

export function BusyButton({
  busy = false,
  busyLabel,
  variant = 'primary',
  className,
  disabled,
  children,
  type = 'button',
  ...rest
}: BusyButtonProps) {
  return (
    <button
      {...rest}
      type={type}
      className={`button button-${variant}${className ? ` ${className}` : ''}`}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
    >
      {busy ? <span className="spinner" aria-hidden="true" /> : null}
      <span>{busy && busyLabel ? busyLabel : children}</span>
    </button>
  );
}
