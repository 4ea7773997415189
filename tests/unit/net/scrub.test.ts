// scrubError: the secrets the client knows are masked in every text of an error, and so are the
// credentials any URL in it carries (a panel message may quote a subscription link, a transport
// error a proxy address), while the panel's own sentences stay as it wrote them.
import { describe, expect, it } from 'vitest';
import { appError } from '../../../src/shared/errors';
import { scrubError, scrubUrls } from '../../../src/main/net/scrub';

describe('scrubError', () => {
  it('hides subscription tokens and URL userinfo even when no secret is listed', () => {
    const error = appError(
      'panel',
      'Your link https://panel.example/subscribe/Tok3nTok3nX was reset; use https://panel.example/sub/AnotherTok3n',
      {
        detail: 'via socks5://alice:hunter2pw@127.0.0.1:1080',
        issues: [{ path: 'x', message: 'token=Zz9Yy8Xx7' }],
      },
    );
    const out = scrubError(error, []);
    const text = JSON.stringify(out);
    for (const secret of ['Tok3nTok3nX', 'AnotherTok3n', 'hunter2pw', 'alice'])
      expect(text).not.toContain(secret);
    expect(out.message).toBe(
      'Your link https://panel.example/subscribe/[hidden] was reset; use https://panel.example/sub/[hidden]',
    );
  });

  it('still masks the listed secrets, and leaves a panel sentence without URLs as written', () => {
    const error = appError('panel', 'Password must be at least 8 characters: try again, hunter2pw.');
    expect(scrubError(error, ['hunter2pw']).message).toBe(
      'Password must be at least 8 characters: try again, •••.',
    );
    const plain = appError('panel', 'Service not found. Token: expired? Contact support@example.com.');
    expect(scrubError(plain, []).message).toBe(plain.message);
  });

  it('scrubUrls keeps the host, the path before the token and the rest of the query', () => {
    expect(scrubUrls('https://v2b.example/api/v1/client/subscribe?token=abc123def&flag=meta')).toBe(
      'https://v2b.example/api/v1/client/subscribe?token=[hidden]&flag=meta',
    );
  });
});
