// The one-click import's primary action, on the service card and at the top of the Export page's
// import panel: "Import into <client>" for the service's default client (installed here and served
// by the panel), opening it through main; without one, a way to the Export page's full choice.
import { useCallback, useId, useRef, useState } from 'react';
import type { ImportOption, ImportOptions } from '../../../../shared/contract';
import { ok, type AppError } from '../../../../shared/errors';
import { api } from '../../api';
import { describeError } from '../../lib/errors';
import { useAction } from '../../lib/useAction';
import { useLoad } from '../../lib/useLoad';
import { useApp } from '../../state/app';
import { BusyButton } from '../Button';
import { ErrorDetails } from '../ErrorDetails';
import { useImportText } from './messages';
import './import.css';

export interface OptionsLoad {
  /** What main answered last, kept while a reload runs; null before the first answer or after a failure. */
  options: ImportOptions | null;
  error: AppError | null;
  loading: boolean;
  /** Asks again; `probe` has main check the clients and the panel anew instead of using its cache. */
  reload(probe?: boolean): void;
}

/** import.options for a service, again whenever `key` changes (new data) or on reload(). */
export function useImportOptions(serviceId: number | null, key: string | number): OptionsLoad {
  const probeNext = useRef(false);
  // No service chosen (or the caller has the options already): nothing is asked, the last answer stays.
  const load = useLoad<ImportOptions | null>(
    () => {
      if (serviceId === null) return Promise.resolve(ok(null)); // not called while paused
      const refresh = probeNext.current;
      probeNext.current = false;
      return api().importOptions({ serviceId, ...(refresh ? { refresh: true } : {}) });
    },
    [serviceId, key],
    { paused: serviceId === null },
  );
  const { retry } = load;
  const reload = useCallback(
    (probe = false) => {
      probeNext.current = probe;
      retry();
    },
    [retry],
  );
  return { options: load.error ? null : load.data, error: load.error, loading: load.loading, reload };
}

/** Opens a client's import through main and says how it went, in a status line beside the button. */
export function useOpenImport(serviceId: number) {
  const text = useImportText();
  // The client of the last run, for the sentence about it.
  const [client, setClient] = useState('');
  const opening = useAction(async (option: ImportOption) => {
    setClient(option.name);
    return api().importOpen({ serviceId, client: option.client });
  });
  const shown = opening.error ? describeError(opening.error, text) : null;
  const status = shown
    ? text.it('import.openFailed', { client, message: shown.text })
    : opening.result
      ? text.it('import.opened', { client })
      : null;
  return {
    busy: opening.busy,
    open: (option: ImportOption) => void opening.run(option),
    status,
    failed: shown !== null,
    original: shown?.original ?? null,
  };
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
  const own = useImportOptions(known ? null : serviceId, refreshKey);
  const opener = useOpenImport(serviceId);
  const hintId = useId();
  const options = known ?? own.options;
  const client = options?.clients.find((c) => c.client === options.defaultClient) ?? null;

  if (!client) {
    // Still checking, or no default client here (or the check failed): the way to the full choice.
    return !options && own.loading ? (
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
        onClick={() => opener.open(client)}
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
