// Billing cycles as typed on the command line. The panels' keys are month, quater (sic),
// semiannual and annual; many panels answer HTTP 500 to "quarter" and other spellings, so anything
// else is refused here with the key that was probably meant, before a request is sent.
import { FULL_CYCLES, type BillingCycle } from '../../shared/domain';
import { fail, ok, type Result } from '../../shared/errors';
import { ENGLISH, type MainText } from '../i18n';
import { worded } from './errors';

export type FullCycle = Exclude<BillingCycle, 'topup_traffic'>;
export const CYCLE_KEYS = FULL_CYCLES as readonly FullCycle[];

/**
 * Words people type for each cycle (English and the panels' labels). A Map, not an object, so that
 * typed words such as "__proto__" or "constructor" look up nothing.
 */
const MEANT: ReadonlyMap<string, FullCycle> = new Map<string, FullCycle>(
  Object.entries({
    monthly: 'month',
    months: 'month',
    mo: 'month',
    '1m': 'month',
    quarter: 'quater',
    quarterly: 'quater',
    quaterly: 'quater',
    quarters: 'quater',
    qtr: 'quater',
    '3m': 'quater',
    semiannually: 'semiannual',
    'semi-annual': 'semiannual',
    'semi-annually': 'semiannual',
    semi_annual: 'semiannual',
    halfyear: 'semiannual',
    'half-year': 'semiannual',
    '6m': 'semiannual',
    annually: 'annual',
    yearly: 'annual',
    year: 'annual',
    '12m': 'annual',
    '1y': 'annual',
  } satisfies Record<string, FullCycle>),
);

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const above = row[j]!;
      row[j] = Math.min(above + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/** The key a mistyped cycle most likely meant, or null when none is close. */
export function meantCycle(text: string): FullCycle | null {
  const word = text.trim().toLowerCase();
  const known = MEANT.get(word);
  if (known) return known;
  // Short words are too far from everything to guess at; longer ones may have two typos.
  const allowed = word.length < 3 ? 0 : word.length < 6 ? 1 : 2;
  let best: { key: FullCycle; d: number } | null = null;
  const candidates: [string, FullCycle][] = [
    ...CYCLE_KEYS.map((key) => [key, key] as [string, FullCycle]),
    ...MEANT,
  ];
  for (const [spelling, target] of candidates) {
    const d = distance(word, spelling);
    if (d <= allowed && (best === null || d < best.d)) best = { key: target, d };
  }
  return best?.key ?? null;
}

/** A cycle key exactly (any case, spaces around allowed); anything else is refused with a hint. */
export function parseCycle(text: string, words: MainText = ENGLISH): Result<FullCycle> {
  const word = text.trim().toLowerCase();
  const key = CYCLE_KEYS.find((k) => k === word);
  if (key) return ok(key);
  const meant = meantCycle(text);
  const hint = meant
    ? meant === 'quater'
      ? words.t('cli.billing.meantQuater')
      : words.t('cli.error.didYouMean', { name: meant })
    : '';
  const refused = words.t('cli.billing.notCycle', { value: text, cycles: CYCLE_KEYS.join(', ') });
  return fail(worded(words, 'validation', hint ? `${refused} ${hint}` : refused));
}
