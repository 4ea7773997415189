// The Export page: pick a service (or all), a format, see what that format holds (and which servers
// it had to leave out, and why), copy it, save several formats to a folder, or scan per-server QR
// codes and the subscription link. Everything is rendered in main (export.*); this page only shows it.
import { useCallback, useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import type { ExportFormat, QrItem, SkippedServer } from '../../../../shared/contract';
import { fail, ok, type Result } from '../../../../shared/errors';
import { api } from '../../api';
import { copyText } from '../../lib/clipboard';
import { svgDataUrl } from '../../lib/svg';
import { useAction } from '../../lib/useAction';
import { useLoad, type Load } from '../../lib/useLoad';
import { describeError } from '../../lib/errors';
import { BusyButton } from '../../components/Button';
import { ErrorBox } from '../../components/ErrorBox';
import { FormError, SelectField } from '../../components/Field';
import { Icon } from '../../components/Icon';
import { useApp } from '../../state/app';
import { EXPORT_FORMATS, useExportText, type ExportKey, type ExportText } from './messages';
import { ImportPanel } from './ImportPanel';
import { Loading } from './Loading';
import './export.css';
import { ServersStatus } from './ServersStatus';
import { PageHeader } from '../../components/PageHeader';

/** The value a load may show: none after a failure, so an error never sits beside stale output. */
const shownValue = <T,>(load: Load<T>): T | null => (load.error ? null : load.data);

/** A load's state before (or instead of) its value: the error with a retry, or progress. */
function LoadStatus({
  text,
  load,
  shown,
  label,
}: {
  text: ExportText;
  load: Load<unknown>;
  /** Whether a value is on screen already (a reload keeps the last one). */
  shown: boolean;
  label: string;
}) {
  if (load.error) {
    return (
      <ErrorBox
        error={load.error}
        i18n={text}
        className="export-error"
        template={(message) => text.et('export.loadFailed', { message })}
        onRetry={load.retry}
        retryLabel={text.et('export.retry')}
      />
    );
  }
  return load.loading && !shown ? <Loading label={label} /> : null;
}

/** The same server and reason once, with how often it occurs (plans often share nodes). */
function groupSkipped(skipped: SkippedServer[]): { remark: string; reason: string; times: number }[] {
  const groups = new Map<string, { remark: string; reason: string; times: number }>();
  for (const s of skipped) {
    const key = `${s.remark}\u0000${s.reason}`;
    const found = groups.get(key);
    if (found) found.times += 1;
    else groups.set(key, { ...s, times: 1 });
  }
  return [...groups.values()];
}

/** The servers a format could not take, each with the reason, so nothing goes missing silently. */
function SkippedList({ text, skipped }: { text: ExportText; skipped: SkippedServer[] }) {
  const id = useId();
  if (skipped.length === 0) return null;
  return (
    <section
      className="banner banner-warning export-skipped"
      aria-labelledby={id}
      data-testid="export-skipped"
    >
      <Icon name="alert" />
      <div>
        <h3 id={id}>{text.et('export.skippedTitle', { count: skipped.length })}</h3>
        <ul>
          {groupSkipped(skipped).map((s) => (
            <li key={`${s.remark}|${s.reason}`}>
              <bdi className="strong">{s.remark}</bdi>
              {s.times > 1 ? ` (×${text.number(s.times)})` : ''}: <bdi>{s.reason}</bdi>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}

/** A copy button whose outcome is announced in a status line beside it. */
function CopyButton({
  label,
  ariaLabel,
  text,
  copy,
  variant = 'primary',
}: {
  label: string;
  ariaLabel?: string;
  text: ExportText;
  copy(): Promise<Result<unknown> | boolean>;
  variant?: 'primary' | 'secondary';
}) {
  // The value says whether the clipboard took the text; an error is main's.
  const copying = useAction(async (): Promise<Result<boolean>> => {
    const outcome = await copy();
    if (typeof outcome === 'boolean') return ok(outcome);
    return outcome.ok ? ok(true) : fail(outcome.error);
  });
  const failed = copying.error !== null || copying.result === false;
  const shown = copying.error ? describeError(copying.error, text) : { text: '—', original: null };
  return (
    <div className="copy-control">
      <BusyButton
        variant={variant}
        busy={copying.busy}
        aria-label={ariaLabel}
        onClick={() => void copying.run()}
      >
        <Icon name="copy" /> {label}
      </BusyButton>
      <div className="copy-note" role="status">
        {copying.result === true ? (
          <>
            <Icon name="check" /> {text.et('export.copied')}
          </>
        ) : null}
      </div>
      {failed ? (
        <FormError
          message={text.et('export.copyFailed', { message: shown.text })}
          original={shown.original}
        />
      ) : null}
    </div>
  );
}

function TextPreview({
  text,
  serviceId,
  format,
  refreshKey,
}: {
  text: ExportText;
  serviceId: number | null;
  format: Exclude<ExportFormat, 'qr'>;
  refreshKey: number;
}) {
  const titleId = useId();
  const preview = useLoad(() => api().exportPreview({ serviceId, format }), [serviceId, format, refreshKey]);
  const name = text.formatName(format);
  const shown = shownValue(preview);
  // While another format loads, the previous one must not be shown under this format's name.
  const value = shown && shown.format === format ? shown : null;

  return (
    <section className="card export-preview-card" aria-labelledby={titleId} aria-busy={preview.loading}>
      <div className="export-preview-head">
        <h2 id={titleId} className="section-title">
          {text.et('export.preview')}
        </h2>
        {value ? (
          <span className="export-count" data-testid="export-count">
            {text.et('export.count', { count: value.count })}
          </span>
        ) : null}
        {value && value.count > 0 ? (
          <CopyButton
            // A new selection starts without the last one's "Copied".
            key={`${serviceId}|${format}`}
            text={text}
            label={text.et('export.copyFormat', { format: name })}
            copy={() => api().exportCopy({ serviceId, format })}
          />
        ) : null}
      </div>
      <LoadStatus text={text} load={preview} shown={value !== null} label={text.et('export.loading')} />
      {value ? (
        <>
          <SkippedList text={text} skipped={value.skipped} />
          {value.count === 0 ? (
            <p className="empty-state muted">{text.et('export.noServers')}</p>
          ) : (
            <pre
              className={`export-preview export-preview-${format}`}
              dir="ltr"
              // A scrollable region must be reachable from the keyboard.
              tabIndex={0}
              aria-label={text.et('export.previewLabel', { format: name })}
              data-testid="export-preview"
            >
              {value.text}
            </pre>
          )}
        </>
      ) : null}
    </section>
  );
}

function QrFigure({
  text,
  item,
  alt,
  children,
}: {
  text: ExportText;
  item: QrItem;
  alt: string;
  /** In place of the per-server copy button (the subscription has its own beside it). */
  children?: ReactNode;
}) {
  return (
    <figure className="qr-figure">
      <div className="qr-frame">
        <img className="qr-image" src={svgDataUrl(item.svg)} alt={alt} width={256} height={256} />
      </div>
      <figcaption>
        <bdi className="strong">{item.remark}</bdi>
      </figcaption>
      {children !== undefined ? (
        children
      ) : (
        <CopyButton
          text={text}
          variant="secondary"
          label={text.et('export.copyLink')}
          ariaLabel={text.et('export.copyLinkOf', { remark: item.remark })}
          copy={() => copyText(item.link)}
        />
      )}
    </figure>
  );
}

function QrView({
  text,
  serviceId,
  refreshKey,
}: {
  text: ExportText;
  serviceId: number | null;
  refreshKey: number;
}) {
  const subId = useId();
  const serversId = useId();
  const qr = useLoad(() => api().exportQr({ serviceId }), [serviceId, refreshKey]);
  const value = shownValue(qr);

  return (
    <>
      <LoadStatus text={text} load={qr} shown={value !== null} label={text.et('export.loadingQr')} />
      {value ? (
        <>
          <section className="card" aria-labelledby={subId}>
            <h2 id={subId} className="section-title">
              {text.et('export.subscription')}
            </h2>
            {value.subscription ? (
              <div className="subscription">
                <QrFigure text={text} item={value.subscription} alt={text.et('export.subscriptionAlt')}>
                  {null}
                </QrFigure>
                <div className="subscription-text">
                  <p className="muted">{text.et('export.subscriptionHint')}</p>
                  <code className="export-link" dir="ltr" data-testid="subscription-link">
                    {value.subscription.link}
                  </code>
                  <CopyButton
                    key={serviceId}
                    text={text}
                    label={text.et('export.copySubscription')}
                    copy={() => api().exportCopy({ serviceId, format: 'sublink' })}
                  />
                </div>
              </div>
            ) : (
              <p className="muted">{text.et('export.subscriptionChoose')}</p>
            )}
          </section>
          <section className="card" aria-labelledby={serversId} aria-busy={qr.loading}>
            <div className="export-preview-head">
              <h2 id={serversId} className="section-title">
                {text.et('export.servers')}
              </h2>
              <span className="export-count" data-testid="export-count">
                {text.et('export.count', { count: value.items.length })}
              </span>
            </div>
            <SkippedList text={text} skipped={value.skipped} />
            {value.items.length === 0 ? (
              <p className="empty-state muted">{text.et('export.noServers')}</p>
            ) : (
              <ul className="qr-grid" aria-labelledby={serversId}>
                {value.items.map((item, index) => (
                  <li key={`${index}-${item.link}`}>
                    <QrFigure
                      text={text}
                      item={item}
                      alt={text.et('export.qrAlt', { remark: item.remark })}
                    />
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      ) : null}
    </>
  );
}

const DEFAULT_SAVE: readonly ExportFormat[] = ['links', 'clash', 'singbox'];

function SavePanel({ text, serviceId }: { text: ExportText; serviceId: number | null }) {
  const titleId = useId();
  const [chosen, setChosen] = useState<ExportFormat[]>([...DEFAULT_SAVE]);
  const saving = useAction((formats: ExportFormat[]) => api().exportSave({ serviceId, formats }));
  const { reset } = saving;
  // Saving was asked with no format ticked: said beside the button, nothing is sent.
  const [noneChosen, setNoneChosen] = useState(false);
  const failure = saving.error ? describeError(saving.error, text) : null;
  // Cancelled in the folder dialog: nothing happened, so nothing is said.
  const saved = saving.result?.saved ? saving.result : null;

  // What was saved for another selection is not news about this one.
  useEffect(() => {
    reset();
    setNoneChosen(false);
  }, [serviceId, reset]);

  const toggle = (format: ExportFormat, on: boolean) =>
    setChosen((prev) => EXPORT_FORMATS.filter((f) => (f === format ? on : prev.includes(f))));

  const save = () => {
    reset();
    setNoneChosen(chosen.length === 0);
    if (chosen.length > 0) void saving.run(chosen);
  };

  return (
    <section className="card export-save" aria-labelledby={titleId}>
      <h2 id={titleId} className="section-title">
        {text.et('export.saveTitle')}
      </h2>
      <p className="muted">{text.et('export.saveHint')}</p>
      <fieldset className="save-formats">
        <legend className="visually-hidden">{text.et('export.saveFormats')}</legend>
        {EXPORT_FORMATS.map((format) => (
          <label key={format} className="save-format">
            <input
              type="checkbox"
              name="export-save"
              value={format}
              checked={chosen.includes(format)}
              onChange={(event) => toggle(format, event.currentTarget.checked)}
            />
            <span>{text.formatName(format)}</span>
          </label>
        ))}
      </fieldset>
      <div className="form-actions">
        <BusyButton busy={saving.busy} busyLabel={text.et('export.saving')} onClick={save}>
          {text.et('export.save')}
        </BusyButton>
      </div>
      <FormError
        message={
          noneChosen
            ? text.et('export.saveNone')
            : failure
              ? text.et('export.saveFailed', { message: failure.text })
              : null
        }
        original={failure?.original ?? null}
      />
      <div role="status" className="save-result" data-testid="save-result">
        {saved ? (
          <>
            <p>
              <Icon name="check" />{' '}
              {text.et('export.saved', {
                count: saved.files.length,
                folder: '\u2068' + saved.folder + '\u2069',
              })}
            </p>
            <ul className="save-files" dir="ltr">
              {saved.files.map((file) => (
                <li key={file}>
                  <code>{file}</code>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
    </section>
  );
}

function FormatChoice({
  text,
  format,
  onChange,
}: {
  text: ExportText;
  format: ExportFormat;
  onChange(format: ExportFormat): void;
}) {
  const base = useId();
  return (
    <fieldset className="format-choice">
      <legend className="section-title">{text.et('export.format')}</legend>
      <div className="format-options">
        {EXPORT_FORMATS.map((f) => (
          <label key={f} className="format-option" data-format={f}>
            <input
              type="radio"
              name="export-format"
              value={f}
              checked={format === f}
              onChange={() => onChange(f)}
              aria-describedby={`${base}-${f}`}
            />
            <span className="format-text">
              <span className="format-name">{text.formatName(f)}</span>
              <span className="format-help muted small" id={`${base}-${f}`}>
                {text.et(`help.${f}` as ExportKey)}
              </span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export default function ExportPage() {
  const text = useExportText();
  const { et } = text;
  const { data, nav } = useApp();
  const snapshot = data?.snapshot ?? null;
  const services = useMemo(() => snapshot?.services ?? [], [snapshot]);
  const known = useCallback(
    (id: number | null) => id !== null && services.some((s) => s.id === id),
    [services],
  );
  const [serviceId, setServiceId] = useState<number | null>(() =>
    known(nav.serviceId) ? nav.serviceId : null,
  );
  const [format, setFormat] = useState<ExportFormat>('links');

  // Another page (or the tray) pointed at a service: follow it.
  useEffect(() => {
    if (nav.serviceId !== null && known(nav.serviceId)) setServiceId(nav.serviceId);
  }, [nav.serviceId, known]);

  const scope = known(serviceId) ? serviceId : null;
  const refreshKey = snapshot?.fetchedAt ?? 0;

  return (
    <div className="page export-page">
      <PageHeader title={et('export.title')} />
      {!snapshot || services.length === 0 ? (
        data?.monitor.refreshing ? (
          <Loading label={et('export.loading')} />
        ) : (
          <div className="card empty-state" data-testid="export-empty">
            <p>{et('export.noData')}</p>
          </div>
        )
      ) : (
        <>
          <p className="muted export-intro">{et('export.intro')}</p>
          <div className="card export-controls">
            <SelectField
              id="export-service"
              label={et('export.service')}
              value={scope === null ? 'all' : String(scope)}
              onChange={(event) => {
                const value = event.currentTarget.value;
                setServiceId(value === 'all' ? null : Number(value));
              }}
            >
              <option value="all">{et('export.allServices')}</option>
              {services.map((service) => (
                <option key={service.id} value={String(service.id)}>
                  {`${service.packageName} #${service.id}`}
                </option>
              ))}
            </SelectField>
            <FormatChoice text={text} format={format} onChange={setFormat} />
            <ServersStatus snapshot={snapshot} serviceId={scope} />
          </div>
          <ImportPanel
            serviceId={scope}
            serviceName={services.find((s) => s.id === scope)?.packageName ?? ''}
            refreshKey={refreshKey}
          />
          {format === 'qr' ? (
            <QrView text={text} serviceId={scope} refreshKey={refreshKey} />
          ) : (
            <TextPreview text={text} serviceId={scope} format={format} refreshKey={refreshKey} />
          )}
          <SavePanel text={text} serviceId={scope} />
        </>
      )}
    </div>
  );
}
