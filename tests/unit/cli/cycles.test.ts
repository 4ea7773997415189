// Billing cycles typed on the command line: only the panels' four keys pass; "quarter" and other
// spellings (which panels answer with HTTP 500) are refused with the key that was meant.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CYCLE_KEYS, meantCycle, parseCycle } from '../../../src/main/cli/cycles';
import { parseId } from '../../../src/main/cli/commands/common';
import { mainText } from '../../../src/main/i18n';
import { expectErr } from '../../support/expect';

describe('parseCycle', () => {
  it('accepts the four keys, in any case and with spaces around', () => {
    expect(CYCLE_KEYS).toEqual(['month', 'quater', 'semiannual', 'annual']);
    for (const key of CYCLE_KEYS) {
      expect(parseCycle(key)).toEqual({ ok: true, value: key });
      expect(parseCycle(` ${key.toUpperCase()} `)).toEqual({ ok: true, value: key });
    }
  });

  it('refuses quarter with the panels spelling and why', () => {
    const result = parseCycle('quarter');
    expect(result).toEqual({
      ok: false,
      error: {
        kind: 'validation',
        message:
          '"quarter" is not a billing cycle: use month, quater, semiannual, annual. Did you mean quater? That is the panels\' own spelling; they answer "quarter" with an HTTP 500 error.',
        language: 'en',
      },
    });
  });

  it('says it in the language it is given, the keys as they are typed', () => {
    const russian = expectErr(parseCycle('monthly', mainText('ru', 'en')), 'validation');
    expect(russian.message).toBe(
      '«monthly» — не период оплаты: используйте month, quater, semiannual, annual. Может быть, month?',
    );
    expect(russian.language).toBe('ru');
  });

  it('names the meant key for common words and small typos', () => {
    expect(meantCycle('Quarterly')).toBe('quater');
    expect(meantCycle('quaterly')).toBe('quater');
    expect(meantCycle('monthly')).toBe('month');
    expect(meantCycle('yearly')).toBe('annual');
    expect(meantCycle('semi-annual')).toBe('semiannual');
    expect(meantCycle('anual')).toBe('annual');
    expect(meantCycle('mnth')).toBe('month');
    expect(meantCycle('weekly')).toBeNull();
  });

  it('accepts exactly the keys: every other string is refused with a validation error', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.constantFrom('quarter', 'quarterly', 'monthly', 'annualy', 'topup_traffic')),
        (text) => {
          const result = parseCycle(text);
          const key = text.trim().toLowerCase();
          if ((CYCLE_KEYS as readonly string[]).includes(key))
            expect(result).toEqual({ ok: true, value: key });
          else {
            expect(expectErr(result).message.startsWith(`"${text}" is not a billing cycle`)).toBe(true);
          }
        },
      ),
    );
  });

  it("reads words that name an object's own properties as nothing", () => {
    for (const word of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expect(meantCycle(word)).toBeNull();
      expect(expectErr(parseCycle(word), 'validation').message).not.toContain('Did you mean');
    }
  });

  it('every hint it gives is one of the keys, and it passes itself', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 14 }), (text) => {
        const meant = meantCycle(text);
        if (meant !== null) expect(parseCycle(meant)).toEqual({ ok: true, value: meant });
      }),
    );
  });
});

describe('parseId', () => {
  it('reads positive whole numbers up to 2^31 and nothing else', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 }), (n) => {
        expect(parseId(String(n))).toBe(n);
      }),
    );
    fc.assert(
      fc.property(fc.string(), (text) => {
        const id = parseId(text);
        if (id !== null) expect(String(id)).toBe(text.replace(/^0+/, ''));
      }),
    );
    for (const bad of ['0', '-1', '1.5', '1e3', ' 4', '4 ', '', 'x', String(2 ** 31 + 1)])
      expect(parseId(bad)).toBeNull();
  });
});
