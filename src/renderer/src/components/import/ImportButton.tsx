// The one-click import's primary action, on the service card and at the top of the Export page's
// import panel: "Import into <client>" for the service's default client (installed here and served
// by the panel), opening it through main; without one, a way to the Export page's full choice.
import { useEffect, useId, useState } from 'react';
import type { ImportOptions } from '../../../../shared/contract';
import type { AppError, Result } from '../../../../shared/errors';
import { api } from '../../api';
import { describeError } from '../../lib/errors';
import { useApp } from '../../state/app';
import { BusyButton } from '../Button';
import { ErrorDetails } from '../ErrorDetails';
import { useImportText } from './messages';
import './import.css';

export type OptionsLoad =
  | { status: 'loading'; last: ImportOptions | null }
  | { status: 'error'; error: AppError }
  | { status: 'ready'; value: ImportOptions };

/**
 * import.options for a service, again whenever `key` changes (new data) or on reload(true), which
 * asks main to probe again instead of answering from its cache.
 */
export function useImportOptions(
  serviceId: number | null,
  key: string | number,
): [OptionsLoad, (refresh?: boolean) => Promise<void>] {
  const [state, setState] = useState<OptionsLoad>({ status: 'loading', last: null });
  const [attempt, setAttempt] = useState<{ n: number; refresh: boolean }>({ n: 0, refresh: false });
  useEffect(() => {
    if (serviceId === null) return;
    let current = true;
    setState((prev) => ({ status: 'loading', last: prev.status === 'ready' ? prev.value : null }));
    void api()
      .importOptions({ serviceId, ...(attempt.refresh ? { refresh: true } : {}) })
      .then((result: Result<ImportOptions>) => {
        if (!current) return;
        setState(
          result.ok ? { status: 'ready', value: result.value } : { status: 'error', error: result.error },
        );
      });
    return () => {
      current = false;
    };
  }, [serviceId, key, attempt]);
  return [state, async (refresh = false) => setAttempt((a) => ({ n: a.n + 1, refresh }))];
}

/** Opens a client's import through main and says how it went, in a status line beside the button. */
export function useOpenImport(serviceId: number) {
  const text = useImportText();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<
    { ok: true; client: string } | { ok: false; client: string; error: AppError } | null
  >(null);
  const open = async (client: ImportOptions['clients'][number]) => {
    setBusy(true);
    setOutcome(null);
    const result = await api().importOpen({ serviceId, client: client.client });
    setBusy(false);
    setOutcome(
      result.ok ? { ok: true, client: client.name } : { ok: false, client: client.name, error: result.error },
    );
  };
  const shown = outcome && !outcome.ok ? describeError(outcome.error, text) : null;
  const status = outcome
    ? outcome.ok
      ? text.it('import.opened', { client: outcome.client })
      : text.it('import.openFailed', { client: outcome.client, message: shown?.text ?? '' })
    : null;
  return { busy, open, status, failed: outcome?.ok === false, original: shown?.original ?? null };
}

export function ImportButton({
  serviceId,
  serviceName,
  refreshKey,
  known,
}: {
  serviceId: number;
  serviceName: string;
  refreshKey: string | number;
  /** Options the caller already has (the Export page's panel): not asked again. */
  known?: ImportOptions;
}) {
  const text = useImportText();
  const { navigate } = useApp();
  const [own] = useImportOptions(known ? null : serviceId, refreshKey);
  const load: OptionsLoad = known ? { status: 'ready', value: known } : own;
  const opener = useOpenImport(serviceId);
  const hintId = useId();
  const options = load.status === 'ready' ? load.value : load.status === 'loading' ? load.last : null;
  const client = options?.clients.find((c) => c.client === options.defaultClient) ?? null;

  if (!client) {
    // Still checking, or no default client here (or the check failed): the way to the full choice.
    return !options && load.status === 'loading' ? (
      <BusyButton
        variant="secondary"
        busy
        busyLabel={text.it('import.checkingAgain')}
        data-testid="import-button"
      >
        {text.it('import.choose')}
      </BusyButton>
    ) : (
      <button
        type="button"
        className="button button-secondary"
        data-testid="import-button"
        onClick={() => navigate('export', { serviceId })}
      >
        {text.it('import.choose')}
      </button>
    );
  }
  return (
    <span className="import-primary">
      <BusyButton
        busy={opener.busy}
        data-testid="import-button"
        aria-label={text.it('import.intoNamed', { name: serviceName, client: client.name })}
        aria-describedby={hintId}
        onClick={() => void opener.open(client)}
      >
        {text.it('import.into', { client: client.name })}
      </BusyButton>
      <span id={hintId} className="visually-hidden">
        {text.it('import.opens', { app: client.appName ?? client.name })}
      </span>
      <span role="status" className={`import-status small${opener.failed ? ' level-text-critical' : ''}`}>
        {opener.status}
      </span>
      <ErrorDetails original={opener.original} />
    </span>
  );
}
