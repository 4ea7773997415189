// describeError: how a main-process AppError reads in each app language. The panel's own words stay
// as they are everywhere; English shows main's sentence unchanged; zh-CN, fa and ru get a sentence
// for the kind with main's English kept as `original`.
import { describe, expect, it } from 'vitest';
import { appError, type AppError, type ErrorKind } from '../../../src/shared/errors';
import { describeError, type ErrorI18n } from '../../../src/renderer/src/lib/errors';
import { fieldErrorsFrom } from '../../../src/renderer/src/pages/onboarding/fieldErrors';
import type { Catalogue, MessageKey } from '../../../src/renderer/src/i18n/catalogue';
import { interpolate } from '../../../src/renderer/src/i18n/format';
import { en } from '../../../src/renderer/src/i18n/locales/en';
import { zhCN } from '../../../src/renderer/src/i18n/locales/zh-CN';
import { fa } from '../../../src/renderer/src/i18n/locales/fa';
import { ru } from '../../../src/renderer/src/i18n/locales/ru';
import { LOCALES, type LocaleCode } from '../../../src/renderer/src/i18n/types';

const CATALOGUES: Record<LocaleCode, Catalogue> = { en, 'zh-CN': zhCN, fa, ru };

/** The shell's t() without React: the same catalogue lookup and interpolation createI18n does. */
const i18nFor = (locale: LocaleCode): ErrorI18n => ({
  locale,
  t: (key, vars) => interpolate(locale, CATALOGUES[locale][key], vars),
});

// One error per kind, worded like main words them (hosts included, as main's messages have them).
const SAMPLES: Record<ErrorKind, { error: AppError; key: MessageKey }> = {
  network: {
    error: appError(
      'network',
      'Could not reach the panel at x.com (connection refused). Check your connection.',
    ),
    key: 'error.network',
  },
  timeout: {
    error: appError('timeout', 'The panel at x.com did not answer within 15 s. Try again later.'),
    key: 'error.timeout',
  },
  http: {
    error: appError('http', 'The panel at x.com answered with HTTP 502 (Bad Gateway). Try again later.', {
      status: 502,
    }),
    key: 'error.httpStatus',
  },
  panel: {
    error: appError('panel', 'Invalid email or password.', { code: 208 }),
    key: 'error.internal', // unused: panel messages are never translated
  },
  auth: {
    error: appError('auth', 'You are signed out. Sign in to refresh.'),
    key: 'error.auth',
  },
  schema: {
    error: appError(
      'schema',
      'The panel at x.com answered /api/client/info in a shape the app does not understand.',
    ),
    key: 'error.schema',
  },
  keychain: {
    error: appError('keychain', 'The system keychain is locked or unavailable.'),
    key: 'error.keychain',
  },
  validation: {
    error: appError('validation', 'Check the input: email: Invalid email address', {
      issues: [{ path: 'email', message: 'Invalid email address' }],
    }),
    key: 'error.validation',
  },
  state: {
    error: appError('state', 'There is nothing to export: the profile has no services.'),
    key: 'error.state',
  },
  internal: {
    error: appError('internal', 'Something went wrong inside the app: boom'),
    key: 'error.internal',
  },
};

const KINDS = Object.keys(SAMPLES) as ErrorKind[];
const TRANSLATED = LOCALES.filter((l) => l !== 'en');
// The script each translation must be written in (so an English fallback cannot pass).
const SCRIPT: Record<Exclude<LocaleCode, 'en'>, RegExp> = {
  'zh-CN': /\p{Script=Han}/u,
  fa: /\p{Script=Arabic}/u,
  ru: /\p{Script=Cyrillic}/u,
};

describe('describeError', () => {
  for (const locale of LOCALES) {
    it(`${locale}: the panel's own message is shown as the panel wrote it`, () => {
      const shown = describeError(SAMPLES.panel.error, i18nFor(locale));
      expect(shown).toEqual({ text: 'Invalid email or password.', original: null });
    });
  }

  it("en: every kind shows main's message unchanged, with no separate original", () => {
    for (const kind of KINDS) {
      expect(describeError(SAMPLES[kind].error, i18nFor('en'))).toEqual({
        text: SAMPLES[kind].error.message,
        original: null,
      });
    }
  });

  for (const locale of TRANSLATED) {
    it(`${locale}: every other kind reads in the language, with main's English kept as original`, () => {
      for (const kind of KINDS.filter((k) => k !== 'panel')) {
        const { error, key } = SAMPLES[kind];
        const shown = describeError(error, i18nFor(locale));
        expect(shown.original, kind).toBe(error.message);
        expect(shown.text, kind).toBe(interpolate(locale, CATALOGUES[locale][key], { status: '502' }));
        expect(shown.text, kind).not.toBe(error.message);
        expect(shown.text, kind).toMatch(SCRIPT[locale]);
        // The translation is about the kind; the host and the English detail stay in `original`.
        expect(shown.text, kind).not.toContain('x.com');
      }
    });

    it(`${locale}: an HTTP error names its status, and reads without one when there is none`, () => {
      const withStatus = describeError(SAMPLES.http.error, i18nFor(locale));
      expect(withStatus.text).toContain('HTTP 502');
      const bare = describeError(
        appError('http', 'The panel at x.com sent a web page instead of data.'),
        i18nFor(locale),
      );
      expect(bare.text).toBe(CATALOGUES[locale]['error.http']);
      expect(bare.text).not.toContain('HTTP');
    });

    it(`${locale}: a refused or missing API key is told apart from being signed out, by reason`, () => {
      // The reasons main sets (tests/unit/main/error-reasons.test.ts checks main's side).
      const refused = appError('auth', 'The panel at x.com refused the client API key.', {
        reason: 'apiKeyRefused',
      });
      expect(describeError(refused, i18nFor(locale)).text).toBe(CATALOGUES[locale]['error.authKey']);
      const missing = appError('auth', 'Enter the client API key.', { reason: 'apiKeyMissing' });
      expect(describeError(missing, i18nFor(locale)).text).toBe(CATALOGUES[locale]['error.authKey']);
      const session = appError('auth', "The panel at x.com no longer accepts this app's session.", {
        reason: 'tokenRefused',
      });
      expect(describeError(session, i18nFor(locale)).text).toBe(CATALOGUES[locale]['error.auth']);
      // The words do not decide: an auth error that only mentions the key, with no reason, is "signed out".
      const wordsOnly = appError('auth', 'The panel at x.com refused the client API key.');
      expect(describeError(wordsOnly, i18nFor(locale)).text).toBe(CATALOGUES[locale]['error.auth']);
    });
  }

  it('zh-CN: the sentences a user sees for a 502 and for no connection', () => {
    expect(describeError(SAMPLES.http.error, i18nFor('zh-CN')).text).toBe(
      '面板返回了错误（HTTP 502）。请稍后重试。',
    );
    expect(describeError(SAMPLES.network.error, i18nFor('zh-CN')).text).toBe(
      '无法连接到面板。请检查网络连接后重试。',
    );
  });
});

describe('fieldErrorsFrom', () => {
  const error = SAMPLES.validation.error;

  it("en: the field shows main's issue text", () => {
    expect(fieldErrorsFrom(error, ['email', 'password'], i18nFor('en'))).toEqual({
      email: 'Invalid email address',
    });
  });

  it('other languages: the field shows a translated "not accepted" line', () => {
    for (const locale of TRANSLATED) {
      expect(fieldErrorsFrom(error, ['email'], i18nFor(locale))).toEqual({
        email: CATALOGUES[locale]['error.field'],
      });
    }
  });

  it('only validation errors, and only the listed fields, mark fields', () => {
    expect(fieldErrorsFrom(error, ['password'], i18nFor('ru'))).toEqual({});
    expect(fieldErrorsFrom(SAMPLES.panel.error, ['email'], i18nFor('en'))).toEqual({});
  });

  it("a map puts the issue under the form's own name for the field, and leaves out paths not in it", () => {
    expect(fieldErrorsFrom(error, { email: 'login' }, i18nFor('en'))).toEqual({
      login: 'Invalid email address',
    });
    expect(fieldErrorsFrom(error, { password: 'email' }, i18nFor('en'))).toEqual({});
  });
});

describe('a new-generation panel', () => {
  const error = appError('http', '"Aurora" at x.com is a panel of the new XMPlus generation. …', {
    status: 404,
    reason: 'newPanelGeneration',
    detail: 'Aurora',
  });

  it('is named and explained in every language, never as an HTTP status', () => {
    for (const locale of LOCALES) {
      const shown = describeError(error, i18nFor(locale));
      expect(shown.text, locale).toContain('Aurora');
      expect(shown.text, locale).toContain('XMPlus');
      expect(shown.text, locale).not.toMatch(/404|HTTP/);
      expect(shown.original, locale).toBe(locale === 'en' ? null : error.message);
    }
  });
});
