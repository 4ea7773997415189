// The Export page's one-click import for one service: the primary "Import into …" for the default
// client, then every client installed here ("Open in <app>"), then "More clients" for phones with a
// QR code of each import link. A client whose format the panel does not serve is never offered as an
// import: it gets the app's own export instead (saved and opened, or copied). Everything is decided
// in main (import.*); this panel shows it.
import { useId, useState } from 'react';
import type { ImportOption, ImportOptions } from '../../../../shared/contract';
import type { AppError } from '../../../../shared/errors';
import { IMPORT_CLIENTS } from '../../../../shared/import-clients';
import { api } from '../../api';
import { BusyButton } from '../../components/Button';
import { ErrorDetails } from '../../components/ErrorDetails';
import { Icon } from '../../components/Icon';
import { ImportButton, useImportOptions, useOpenImport } from '../../components/import/ImportButton';
import { useImportText, type ImportKey, type ImportText } from '../../components/import/messages';
import { copyText } from '../../lib/clipboard';
import { svgDataUrl } from '../../lib/svg';
import { describeError } from '../../lib/errors';
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

/** The app's own export for a client whose format the panel does not serve. */
function Fallback({ text, serviceId, option }: ClientProps) {
  const format = text.it(`import.format.${IMPORT_CLIENTS[option.client].fallback}` as ImportKey);
  const [busy, setBusy] = useState<'save' | 'copy' | null>(null);
  const [status, setStatus] = useState<{ text: string; error: AppError | null } | null>(null);
  const run = async (action: 'save' | 'copy') => {
    setBusy(action);
    setStatus(null);
    const result = await api().importFallback({ serviceId, client: option.client, action });
    setBusy(null);
    if (!result.ok) {
      setStatus({
        text: text.it('import.fallbackFailed', { message: describeError(result.error, text).text }),
        error: result.error,
      });
    } else if (action === 'copy') {
      setStatus({ text: text.it('import.fallbackCopied', { client: option.name }), error: null });
    } else if (result.value.file) {
      setStatus({
        text: text.it('import.fallbackSaved', { file: `\u2068${result.value.file}\u2069` }),
        error: null,
      });
    }
  };
  const shown = status?.error ? describeError(status.error, text) : null;
  return (
    <div className="import-fallback">
      <p className="small">{text.it('import.fallbackHint', { format, client: option.name })}</p>
      <div className="import-actions">
        <BusyButton variant="secondary" busy={busy === 'save'} onClick={() => void run('save')}>
          {text.it('import.saveFallback', { format })}
        </BusyButton>
        <BusyButton variant="secondary" busy={busy === 'copy'} onClick={() => void run('copy')}>
          {text.it('import.copyFallback', { format })}
        </BusyButton>
      </div>
      <p role="status" className={`small${status?.error ? ' level-text-critical' : ''}`}>
        {status?.text}
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
          <BusyButton variant="secondary" busy={opener.busy} onClick={() => void opener.open(option)}>
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
  const [copied, setCopied] = useState<boolean | null>(null);
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
            onClick={async () => setCopied(await copyText(option.link!))}
          >
            <Icon name="copy" /> {text.it('import.copyLink')}
          </BusyButton>
          <p role="status" className="small">
            {copied ? text.it('import.linkCopied') : null}
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
  const [load, reload] = useImportOptions(serviceId, refreshKey);
  const options = load.status === 'ready' ? load.value : load.status === 'loading' ? load.last : null;
  const installed = options?.clients.filter((c) => c.installed) ?? [];
  const others = options?.clients.filter((c) => !c.installed) ?? [];
  const checkedAt = options ? Math.min(...options.clients.map((c) => c.checkedAt)) : null;
  const failure = load.status === 'error' ? describeError(load.error, text) : null;

  return (
    <section
      className="card import-panel"
      aria-labelledby={titleId}
      data-testid="import-panel"
      aria-busy={load.status === 'loading'}
    >
      <h2 id={titleId} className="section-title">
        {text.it('import.title')}
      </h2>
      <p className="muted">{text.it('import.intro')}</p>
      {serviceId === null ? (
        <p>{text.it('import.chooseService')}</p>
      ) : (
        <>
          {failure ? (
            <div className="banner banner-error" role="alert">
              <Icon name="alert" />
              <div className="banner-text">
                <p>{failure.text}</p>
                <ErrorDetails original={failure.original} />
              </div>
            </div>
          ) : null}
          {!options && load.status === 'loading' ? <Loading label={text.it('import.checking')} /> : null}
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
                  busy={load.status === 'loading'}
                  busyLabel={text.it('import.checkingAgain')}
                  onClick={() => void reload(true)}
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
