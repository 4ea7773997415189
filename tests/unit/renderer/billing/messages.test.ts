// The Billing/Invoices message catalogues (one file per locale): every locale has exactly the English
// keys, the same {placeholders}, no empty message, and is really translated (not English copied over).
import { describe, expect, it } from 'vitest';
import { BILLING_CATALOGUES } from '../../../../src/renderer/src/pages/billing/messages';
import { interpolate } from '../../../../src/renderer/src/i18n/format';
import { catalogueChecks } from '../catalogue-checks';

describe('billing messages', () => {
  catalogueChecks(BILLING_CATALOGUES);

  it('uses Russian plural forms for the stock count', () => {
    const message = BILLING_CATALOGUES.ru['billing.stockLeft'];
    expect(interpolate('ru', message, { count: 1 })).toBe('Осталась 1 шт.');
    expect(interpolate('ru', message, { count: 5 })).toBe('Осталось 5 шт.');
  });
});
