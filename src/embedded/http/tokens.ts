import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export type TokenKind = 'refresh' | 'access';

/** How long an access token from `GET auth/jwt` lives. */
export const ACCESS_TOKEN_SECONDS = 15 * 60;

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');
const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

/**
 * JWTs for the `auth/jwt` flow of the real API, signed with a key that lives only as long as
 * this process: a restart logs every token out, as a real key rotation would.
 */
export class TokenIssuer {
  private readonly key = randomBytes(32);

  issue(kind: TokenKind, subject: string, audience: string, lifetimeSeconds: number): string {
    const issuedAt = Math.floor(Date.now() / 1000);
    const payload = base64url(
      JSON.stringify({
        sub: subject,
        aud: audience,
        typ: kind,
        iat: issuedAt,
        exp: issuedAt + lifetimeSeconds,
      }),
    );
    return `${HEADER}.${payload}.${this.sign(`${HEADER}.${payload}`)}`;
  }

  /** The token's claims when it is ours, unexpired and of this kind. */
  verify(token: string, kind: TokenKind): { sub: string; aud: string } | undefined {
    const [header, payload, signature] = token.split('.');
    if (!header || !payload || !signature) return undefined;
    const expected = Buffer.from(this.sign(`${header}.${payload}`));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (claims.typ !== kind || typeof claims.exp !== 'number' || claims.exp * 1000 <= Date.now())
      return undefined;
    return { sub: String(claims.sub), aud: String(claims.aud) };
  }

  private sign(data: string): string {
    return createHmac('sha256', this.key).update(data).digest('base64url');
  }
}
