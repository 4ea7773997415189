// Traffic used of the plan's total as an accessible progress bar, coloured by warning level.
import type { Level } from '../lib/levels';
import { useI18n } from '../i18n';

interface UsageBarProps {
  id: string;
  label: string;
  usedBytes: number;
  totalBytes: number;
  percent: number | null;
  level: Level;
}

export function UsageBar({ id, label, usedBytes, totalBytes, percent, level }: UsageBarProps) {
  const { t, bytes, number } = useI18n();
  const used = bytes(usedBytes);
  if (percent === null) {
    return (
      <p className="usage-text" id={id}>
        {t('service.usageUnlimited', { used })}
      </p>
    );
  }
  const rounded = Math.round(percent);
  const valueText = t('service.usageValue', { used, total: bytes(totalBytes), percent: rounded });
  return (
    <div className="usage" id={id}>
      <div
        className={`usage-bar level-${level}`}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={rounded}
        aria-valuetext={valueText}
      >
        {/* Width via the CSSOM (React's style prop), which the page's CSP allows. */}
        <div className="usage-fill" style={{ inlineSize: `${Math.max(percent, percent > 0 ? 1 : 0)}%` }} />
      </div>
      <p className="usage-text">
        <span>{t('service.usageText', { used, total: bytes(totalBytes) })}</span>
        <span className="usage-percent">{number(rounded / 100, { style: 'percent' })}</span>
      </p>
    </div>
  );
}
