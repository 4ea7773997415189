// Text for people at a terminal: aligned tables, times, sizes and money; --json is the form for
// machines.
import type { Money } from '../../shared/domain';
import { formatBytes } from '../i18n';
import { terminalText } from './io';
import { displayWidth } from './text';

/** Columns padded to their widest cell, in terminal columns (displayWidth: CJK and emoji take two). */
export function table(cells: readonly (readonly string[])[]): string {
  if (cells.length === 0) return '';
  // Cells hold panel text: stripped here too, so the widths are those of what is printed.
  const rows = cells.map((r) => r.map(terminalText));
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((r) => displayWidth(r[col] ?? ''))));
  return `${rows
    .map((r) =>
      r
        .map((cell, col) => cell + ' '.repeat(Math.max(0, (widths[col] ?? 0) - displayWidth(cell))))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')}\n`;
}

/** "2026-12-03 14:00 UTC"; "—" for none. */
export function dateText(epochMs: number | null): string {
  if (epochMs === null) return '—';
  return `${new Date(epochMs).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export const bytesText = (bytes: number) => formatBytes(bytes);

/** The panel's own money text, or the amount with its currency. */
export function moneyText(money: Money): string {
  if (money.text) return money.text;
  return `${money.currency ? `${money.currency} ` : ''}${money.amount.toFixed(2)}`;
}

/** "4:59" / "1:02:03" until a deadline; "0:00" once passed. */
export function countdownText(msLeft: number): string {
  const total = Math.max(0, Math.ceil(msLeft / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

/**
 * A time field in the objects the CLI prints with --json: the domain's `…At` fields and the before /
 * after expiry of a plan change. Each holds epoch milliseconds in the core.
 */
const isTimeKey = (key: string) => key.endsWith('At') || key === 'expiresBefore' || key === 'expiresAfter';

/**
 * --json output: one JSON document and a newline. Times are ISO 8601 UTC strings
 * ("2026-12-03T14:00:00.000Z"), the same in every command (`status --json` documents them so): the
 * domain keeps epoch milliseconds, which a person reading the output, or `jq`, cannot tell from any
 * other number. JSON.stringify leaves DEL and the C1 controls raw; they are written as \u escapes, so
 * the output filter has nothing to strip and the data stays whole.
 */
export const json = (value: unknown) =>
  `${JSON.stringify(value, (key, field: unknown) =>
    isTimeKey(key) && typeof field === 'number' && Number.isFinite(field)
      ? new Date(field).toISOString()
      : field,
  ).replace(/[\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;
