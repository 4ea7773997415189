// Usage and expiry written into server names: the pseudo-servers panels put at the top of a
// subscription (XMPlus `Total: 150 GB Used: 3 GB` / `Expire: 2026-01-01`; Xboard `剩余流量：12.5 GB`
// / `套餐到期：2026-01-01` / `距离下次重置剩余：5 天`) and 3x-ui's "show info" remarks on real servers
// (`name-5.20GB📊-12D,3H⏳`). Used when the panel sends no usage header. Sizes are 1024-based, as
// these panels print them; dates carry no zone, so they are read as UTC.

export interface PlanHints {
  totalBytes?: number;
  usedBytes?: number;
  remainingBytes?: number;
  /** Epoch ms; null: the panel says the plan never expires (Xboard `长期有效`). */
  expiresAt?: number | null;
  /** Days (and fractions) left, when a remark counts them rather than dating them. */
  daysLeft?: number;
  /** Days until the traffic resets (Xboard). */
  resetInDays?: number;
}

const UNIT_POWER: Record<string, number> = { b: 0, k: 1, m: 2, g: 3, t: 4, p: 5 };

/** "150 GB", "150G", "12.34 GiB", "5.20GB", "800 MB" -> bytes; null when it is not a size. */
export function parseSize(raw: string): number | null {
  const m = /^\s*(\d+(?:[.,]\d+)?)\s*([bkmgtp])(?:i?b)?\s*$/i.exec(raw);
  if (!m) return null;
  const value = Number((m[1] ?? '').replace(',', '.'));
  const power = UNIT_POWER[(m[2] ?? '').toLowerCase()];
  if (!Number.isFinite(value) || power === undefined) return null;
  return Math.round(value * 1024 ** power);
}

const SIZE = String.raw`(\d+(?:[.,]\d+)?\s*[bkmgtp](?:i?b)?)`;
const DATE = String.raw`(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?`;

function parseDate(m: RegExpExecArray, at: number): number | null {
  const [y, mo, d, h, mi, s] = [0, 1, 2, 3, 4, 5].map((i) => Number(m[at + i] ?? 0));
  if (!y || !mo || !d || mo > 12 || d > 31) return null;
  const ms = Date.UTC(y, mo - 1, d, h ?? 0, mi ?? 0, s ?? 0);
  return Number.isFinite(ms) ? ms : null;
}

const TOTAL = new RegExp(String.raw`\btotal\s*[:：=]?\s*${SIZE}`, 'i');
const USED = new RegExp(String.raw`\bused\s*[:：=]?\s*${SIZE}`, 'i');
const REMAINING = new RegExp(
  String.raw`(?:剩余流量|\bremaining(?:\s+traffic)?|\btraffic\s+left)\s*[:：=]?\s*${SIZE}`,
  'i',
);
const EXPIRE_DATE = new RegExp(
  String.raw`(?:套餐到期|过期时间|到期时间|\bexpir\w*(?:\s+date)?)\s*[:：=]?\s*${DATE}`,
  'i',
);
const NEVER =
  /(?:套餐到期|过期时间|到期时间|\bexpir\w*)\s*[:：=]?\s*(?:长期有效|永久|never|unlimited|lifetime|∞)/i;
const RESET_DAYS = /(?:下次重置剩余|重置剩余|reset\s+in)\s*[:：=]?\s*(\d+)\s*(?:天|days?)/i;
const DAYS_LEFT = /(?:\bdays?\s+left|剩余天数)\s*[:：=]?\s*(\d+)/i;
/** 3x-ui: `5.20GB📊` (traffic left) and `12D,3H⏳` / `5H⏳` / `30M⏳` (time left). */
const XUI_TRAFFIC = new RegExp(String.raw`${SIZE}\s*📊`, 'i');
const XUI_TIME = /(?:(\d+)D)?,?(?:(\d+)H)?(?:(\d+)M)?⏳/;

/** True when a remark may carry plan info worth reading (a cheap test for real servers). */
export const mayCarryPlan = (remark: string): boolean => /📊|⏳/.test(remark);

/** Adds what one remark says to `hints` (first word wins: later remarks do not overwrite). */
export function readPlanRemark(remark: string, hints: PlanHints): void {
  const set = <K extends keyof PlanHints>(key: K, value: PlanHints[K] | null | undefined): void => {
    if (value !== undefined && value !== null && hints[key] === undefined) hints[key] = value;
  };
  const total = TOTAL.exec(remark);
  if (total) set('totalBytes', parseSize(total[1] ?? ''));
  const used = USED.exec(remark);
  if (used) set('usedBytes', parseSize(used[1] ?? ''));
  const remaining = REMAINING.exec(remark) ?? XUI_TRAFFIC.exec(remark);
  if (remaining) set('remainingBytes', parseSize(remaining[1] ?? ''));
  const expire = EXPIRE_DATE.exec(remark);
  if (expire) set('expiresAt', parseDate(expire, 1));
  else if (NEVER.test(remark) && hints.expiresAt === undefined) hints.expiresAt = null;
  const reset = RESET_DAYS.exec(remark);
  if (reset) set('resetInDays', Number(reset[1]));
  const days = DAYS_LEFT.exec(remark);
  if (days) set('daysLeft', Number(days[1]));
  const xuiTime = XUI_TIME.exec(remark);
  if (xuiTime && (xuiTime[1] ?? xuiTime[2] ?? xuiTime[3]) !== undefined) {
    const d = Number(xuiTime[1] ?? 0);
    const h = Number(xuiTime[2] ?? 0);
    const m = Number(xuiTime[3] ?? 0);
    set('daysLeft', d + h / 24 + m / 1440);
  }
}

export const hasPlan = (hints: PlanHints): boolean => Object.keys(hints).length > 0;
