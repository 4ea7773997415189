// Daily traffic as a hand-drawn SVG bar chart, with a text summary (what the chart says, for
// everyone) and a table alternative. Time runs left to right in every locale, like the dates.
import { useId } from 'react';
import type { UsageDay } from '../../../shared/contract';
import { ColumnHeads } from './ColumnHeads';
import { useI18n } from '../i18n';
import { niceCeiling } from '../lib/chart';

const WIDTH = 640;
const HEIGHT = 220;
const PAD = { top: 12, right: 12, bottom: 28, left: 88 };
const MAX_DAYS = 30;

/** Panel dates are 'YYYY-MM-DD'; read them as local noon so no time zone shifts the day. */
const dayTime = (date: string): number => {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1, 12).getTime();
};

export function UsageChart({ days, name }: { days: UsageDay[]; name: string }) {
  const { t, bytes, date } = useI18n();
  const titleId = useId();
  const descId = useId();
  const shown = days.slice(-MAX_DAYS);
  const count = shown.length;
  const total = shown.reduce((sum, day) => sum + Math.max(0, day.deltaBytes), 0);
  const max = shown.reduce<UsageDay | null>(
    (best, day) => (!best || day.deltaBytes > best.deltaBytes ? day : best),
    null,
  );
  const top = niceCeiling(max?.deltaBytes ?? 0);
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const slot = plotW / Math.max(count, 1);
  const barW = Math.max(2, Math.min(28, slot * 0.7));
  const short = (day: string) => date(dayTime(day), { month: 'short', day: 'numeric' });
  const summary = max
    ? t('services.chartSummary', {
        count,
        total: bytes(total),
        average: bytes(total / Math.max(count, 1)),
        max: bytes(max.deltaBytes),
        date: short(max.date),
      })
    : '';
  const labelIndexes = new Set([0, Math.floor((count - 1) / 2), count - 1]);

  return (
    <figure className="chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby={`${titleId} ${descId}`}
        className="chart-svg"
        direction="ltr"
      >
        <title id={titleId}>{t('services.chartTitle', { name, count })}</title>
        <desc id={descId}>{summary}</desc>
        {[0, 0.5, 1].map((fraction) => {
          const y = PAD.top + plotH * (1 - fraction);
          return (
            <g key={fraction} className="chart-grid">
              <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y} y2={y} />
              <text x={PAD.left - 8} y={y + 4} textAnchor="end">
                {bytes(top * fraction)}
              </text>
            </g>
          );
        })}
        {shown.map((day, index) => {
          const h = Math.max(0, (Math.max(0, day.deltaBytes) / top) * plotH);
          const x = PAD.left + slot * index + (slot - barW) / 2;
          return (
            <g key={day.date}>
              <rect
                className={day === max ? 'chart-bar chart-bar-max' : 'chart-bar'}
                x={x}
                y={PAD.top + plotH - h}
                width={barW}
                height={Math.max(h, day.deltaBytes > 0 ? 1 : 0)}
                rx={2}
              >
                <title>{`${short(day.date)}: ${bytes(day.deltaBytes)}`}</title>
              </rect>
              {labelIndexes.has(index) ? (
                <text className="chart-x" x={x + barW / 2} y={HEIGHT - 8} textAnchor="middle">
                  {short(day.date)}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption className="chart-summary">{summary}</figcaption>
      <details className="chart-table">
        <summary>{t('services.showTable')}</summary>
        <div className="table-wrap">
          <table>
            <ColumnHeads labels={[t('services.colDate'), t('services.colUsed'), t('services.colTotal')]} />
            <tbody>
              {shown.map((day) => (
                <tr key={day.date}>
                  <th scope="row">{date(dayTime(day.date))}</th>
                  <td>{bytes(day.deltaBytes)}</td>
                  <td>{bytes(day.usedBytes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
