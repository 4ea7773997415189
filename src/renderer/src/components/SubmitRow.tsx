// The end of a form: its submit button, busy while the request runs, then what came of it: a
// status line (announced politely) and the error (announced at once).
import type { AppError } from '../../../shared/errors';
import { BusyButton } from './Button';
import { FormError, FormStatus } from './Field';

interface SubmitRowProps {
  /** The running request, e.g. a `useAction`: busy while it runs, its error once it failed. */
  action: { busy: boolean; error: AppError | null };
  label: string;
  busyLabel: string;
  /**
   * The status line's text. Leave it out for a form that has none; pass null for "nothing yet",
   * so the live region exists before its first message.
   */
  status?: string | null;
  /** The status beside the button (a short "Saved") rather than below it. */
  statusBeside?: boolean;
}

export function SubmitRow({ action, label, busyLabel, status, statusBeside = false }: SubmitRowProps) {
  const statusLine = status === undefined ? null : <FormStatus message={status} />;
  return (
    <>
      <div className="form-actions">
        <BusyButton type="submit" busy={action.busy} busyLabel={busyLabel}>
          {label}
        </BusyButton>
        {statusBeside ? statusLine : null}
      </div>
      {statusBeside ? null : statusLine}
      <FormError error={action.error} />
    </>
  );
}
