// Client API tokens as XMPlus issues them: an HS512 JWT (iss/aud/iat/nbf/exp, no user claim)
// followed by '#' and a 43-character base64url suffix. The whole string is the bearer token.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { unixSeconds } from './format';

export function md5Hex(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}

function b64urlJson(value: object): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

export type TokenCheck = 'ok' | 'missing' | 'unknown' | 'expired';

export class TokenIssuer {
  private readonly secret = randomBytes(48);
  /** token -> exp (unix seconds). Only tokens issued here are accepted. */
  private readonly issued = new Map<string, number>();

  constructor(
    private readonly issuer: () => string,
    private readonly ttlSec: number,
    private readonly now: () => number,
  ) {}

  issue(): string {
    const iat = unixSeconds(this.now());
    const exp = iat + this.ttlSec;
    const header = b64urlJson({ typ: 'JWT', alg: 'HS512' });
    const payload = b64urlJson({ iss: this.issuer(), aud: this.issuer(), iat, nbf: iat, exp });
    const signature = this.sign(`${header}.${payload}`);
    const token = `${header}.${payload}.${signature}#${randomBytes(32).toString('base64url')}`;
    this.issued.set(token, exp);
    return token;
  }

  check(authorization: string | undefined): TokenCheck {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? '');
    if (!match?.[1]) return 'missing';
    const token = match[1];
    const exp = this.issued.get(token);
    if (exp === undefined || !this.signatureValid(token)) return 'unknown';
    return unixSeconds(this.now()) < exp ? 'ok' : 'expired';
  }

  /** Every token issued so far becomes refused (as after a panel restart with a new key). */
  expireAll(): void {
    for (const token of this.issued.keys()) this.issued.set(token, 0);
  }

  private sign(input: string): string {
    return createHmac('sha512', this.secret).update(input).digest('base64url');
  }

  private signatureValid(token: string): boolean {
    const jwt = token.split('#')[0] ?? '';
    const dot = jwt.lastIndexOf('.');
    const expected = Buffer.from(this.sign(jwt.slice(0, dot)));
    const actual = Buffer.from(jwt.slice(dot + 1));
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  }
}
