// The Export page's one-click import for one service: the primary "Import into …" for the default
// client, then every client installed here ("Open in <app>"), then "More clients" for phones with a
// QR code of each import link. A client whose format the panel does not serve is never offered as an
// import: it gets the app's own export instead (saved and opened, or copied). Everything is decided
// in main (import.*); this panel shows it.
import { useId } from 'react';
import type { ImportOption, ImportOptions } from '../../../../shared/contract';
import { fail, ok } from '../../../../shared/errors';
import { IMPORT_CLIENTS } from '../../../../shared/import-clients';
import { api } from '../../api';
import { BusyButton } from '../../components/Button';
import { ErrorBox } from '../../components/ErrorBox';
import { ErrorDetails } from '../../components/ErrorDetails';
import { Icon } from '../../components/Icon';
import { ImportButton, useImportOptions, useOpenImport } from '../../components/import/ImportButton';
import { useImportText, type ImportKey, type ImportText } from '../../components/import/messages';
import { copyText } from '../../lib/clipboard';
import { svgDataUrl } from '../../lib/svg';
import { describeError } from '../../lib/errors';
import { useAction } from '../../lib/useAction';
import { Loading } from './Loading';

/** What each client's part of the panel needs. */
interface ClientProps {
  text: ImportText;
  serviceId: number;
  option: ImportOption;
}

function Mismatch({ text, options }: { text: ImportText; options: ImportOptions }) {
  if (options.mismatch.length === 0) return null;
  const value = (field: 'used' | 'total' | 'expire', n: number | null) =>
    n === null ? text.it('import.noExpiry') : field === 'expire' ? text.date(n) : text.bytes(n);
  return (
    <div className="banner banner-warning import-mismatch" role="note" data-testid="import-mismatch">
      <Icon name="alert" />
      <div>
        <p>{text.it('import.mismatch')}</p>
        <ul>
          {options.mismatch.map((m) => (
            <li key={m.field}>
              {text.it(`import.mismatch.${m.field}` as ImportKey, {
                subscription: value(m.field, m.subscription),
                panel: value(m.field, m.panel),
              })}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

/** The fallback's two ways out, in button order: save the file and open it, or copy it. */
const FALLBACK_ACTIONS = [
  { action: 'save', label: 'import.saveFallback' },
  { action: 'copy', label: 'import.copyFallback' },
] as const satisfies readonly { action: 'save' | 'copy'; label: ImportKey }[];

/** The app's own export for a client whose format the panel does not serve. */
function Fallback({ text, serviceId, option }: ClientProps) {
  const format = text.it(`import.format.${IMPORT_CLIENTS[option.client].fallback}` as ImportKey);
  const fallback = useAction(
    async (action: 'save' | 'copy') => {
      const outcome = await api().importFallback({ serviceId, client: option.client, action });
      return outcome.ok ? ok({ action, file: outcome.value.file }) : fail(outcome.error);
    },
    (action) => action,
  );
  const busy = fallback.pending;
  const done = fallback.result;
  const shown = fallback.error ? describeError(fallback.error, text) : null;
  const status = shown
    ? text.it('import.fallbackFailed', { message: shown.text })
    : done?.action === 'copy'
      ? text.it('import.fallbackCopied', { client: option.name })
      : done?.file
        ? text.it('import.fallbackSaved', { file: `\u2068${done.file}\u2069` })
        : null;
  return (
    <div className="import-fallback">
      <p className="small">{text.it('import.fallbackHint', { format, client: option.name })}</p>
      <div className="import-actions">
        {FALLBACK_ACTIONS.map(({ action, label }) => (
          <BusyButton
            key={action}
            variant="secondary"
            busy={busy === action}
            disabled={fallback.busy}
            onClick={() => void fallback.run(action)}
          >
            {text.it(label, { format })}
          </BusyButton>
        ))}
      </div>
      <p role="status" className={`small${shown ? ' level-text-critical' : ''}`}>
        {status}
      </p>
      <ErrorDetails original={shown?.original ?? null} />
    </div>
  );
}

function Unavailable({ text, serviceId, option }: ClientProps) {
  if (option.status === 'failed' && option.error) {
    const shown = describeError(option.error, text);
    return (
      <>
        <p className="small level-text-warning">{text.it('import.failed', { message: shown.text })}</p>
        <ErrorDetails original={shown.original} />
        <Fallback text={text} serviceId={serviceId} option={option} />
      </>
    );
  }
  return (
    <>
      <p className="small level-text-warning">{text.it('import.notServed', { client: option.name })}</p>
      <ErrorDetails original={option.reason} />
      <Fallback text={text} serviceId={serviceId} option={option} />
    </>
  );
}

function InstalledClient({ text, serviceId, option }: ClientProps) {
  const opener = useOpenImport(serviceId);
  const app = option.appName ?? option.name;
  return (
    <li className="import-client" data-client={option.client} data-status={option.status}>
      <div className="import-client-head">
        <h4>{option.name}</h4>
        {option.servers !== null ? (
          <span className="muted small">{text.it('import.servers', { count: option.servers })}</span>
        ) : null}
      </div>
      {option.status === 'served' ? (
        <>
          <BusyButton variant="secondary" busy={opener.busy} onClick={() => opener.open(option)}>
            {text.it('import.openIn', { app })}
          </BusyButton>
          <p role="status" className={`small${opener.failed ? ' level-text-critical' : ''}`}>
            {opener.status}
          </p>
          <ErrorDetails original={opener.original} />
        </>
      ) : (
        <Unavailable text={text} serviceId={serviceId} option={option} />
      )}
    </li>
  );
}

function PhoneClient({ text, serviceId, option }: ClientProps) {
  // The value says whether the clipboard took the link.
  const copying = useAction(async (link: string) => ok(await copyText(link)));
  return (
    <li className="import-client" data-client={option.client} data-status={option.status}>
      <div className="import-client-head">
        <h4>{option.name}</h4>
        <span className="muted small">{text.it('import.notInstalled')}</span>
      </div>
      {option.status === 'served' && option.link ? (
        <>
          {option.qrSvg ? (
            <img
              className="import-qr"
              src={svgDataUrl(option.qrSvg)}
              alt={text.it('import.qrAlt', { client: option.name })}
              width={168}
              height={168}
            />
          ) : null}
          <BusyButton
            variant="secondary"
            aria-label={text.it('import.copyLinkOf', { client: option.name })}
            busy={copying.busy}
            onClick={() => void copying.run(option.link!)}
          >
            <Icon name="copy" /> {text.it('import.copyLink')}
          </BusyButton>
          <p role="status" className="small">
            {copying.result ? text.it('import.linkCopied') : null}
          </p>
        </>
      ) : (
        <Unavailable text={text} serviceId={serviceId} option={option} />
      )}
    </li>
  );
}

export function ImportPanel({
  serviceId,
  serviceName,
  refreshKey,
}: {
  serviceId: number | null;
  serviceName: string;
  refreshKey: string | number;
}) {
  const text = useImportText();
  const titleId = useId();
  const load = useImportOptions(serviceId, refreshKey);
  const { options } = load;
  const installed = options?.clients.filter((c) => c.installed) ?? [];
  const others = options?.clients.filter((c) => !c.installed) ?? [];
  const checkedAt = options ? Math.min(...options.clients.map((c) => c.checkedAt)) : null;

  return (
    <section
      className="card import-panel"
      aria-labelledby={titleId}
      data-testid="import-panel"
      aria-busy={load.loading}
    >
      <h2 id={titleId} className="section-title">
        {text.it('import.title')}
      </h2>
      <p className="muted">{text.it('import.intro')}</p>
      {serviceId === null ? (
        <p>{text.it('import.chooseService')}</p>
      ) : (
        <>
          {load.error ? (
            <ErrorBox
              error={load.error}
              i18n={text}
              className="export-error"
              onRetry={() => load.reload(true)}
              retryLabel={text.it('import.checkAgain')}
            />
          ) : null}
          {!options && load.loading ? <Loading label={text.it('import.checking')} /> : null}
          {options ? (
            <>
              <Mismatch text={text} options={options} />
              <div className="import-top">
                {options.defaultClient ? (
                  <ImportButton
                    serviceId={serviceId}
                    serviceName={serviceName}
                    refreshKey={refreshKey}
                    known={options}
                  />
                ) : (
                  <p data-testid="import-none">{text.it('import.noneInstalled')}</p>
                )}
                <BusyButton
                  variant="ghost"
                  busy={load.loading}
                  busyLabel={text.it('import.checkingAgain')}
                  onClick={() => load.reload(true)}
                >
                  <Icon name="refresh" /> {text.it('import.checkAgain')}
                </BusyButton>
                {checkedAt !== null ? (
                  <span className="muted small">
                    {text.it('import.checkedAt', { time: text.date(checkedAt, { timeStyle: 'short' }) })}
                  </span>
                ) : null}
              </div>
              {installed.length > 0 ? (
                <section aria-labelledby={`${titleId}-here`}>
                  <h3 id={`${titleId}-here`}>{text.it('import.installedTitle')}</h3>
                  <ul className="import-clients">
                    {installed.map((option) => (
                      <InstalledClient
                        key={option.client}
                        text={text}
                        serviceId={serviceId}
                        option={option}
                      />
                    ))}
                  </ul>
                </section>
              ) : null}
              <details className="import-more" open={installed.length === 0}>
                <summary>
                  <h3>{text.it('import.moreTitle')}</h3>
                </summary>
                <p className="muted small">{text.it('import.moreHint')}</p>
                <ul className="import-clients import-phones">
                  {others.map((option) => (
                    <PhoneClient key={option.client} text={text} serviceId={serviceId} option={option} />
                  ))}
                </ul>
              </details>
            </>
          ) : null}
        </>
      )}
    </section>
  );
}
