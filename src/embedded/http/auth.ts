import { createHash, timingSafeEqual } from 'node:crypto';
import type { Credential } from './router.js';
import type { TokenIssuer } from './tokens.js';

export interface Credentials {
  username: string;
  password: string;
}

export const AUTH_CHALLENGE = 'Basic realm="ConnexCS embedded control plane", charset="UTF-8"';

/** Compares digests so neither the length nor the content leaks through timing. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

function basic(encoded: string, credentials: Credentials): boolean {
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return false;
  const userOk = sameSecret(decoded.slice(0, colon), credentials.username);
  const passwordOk = sameSecret(decoded.slice(colon + 1), credentials.password);
  return userOk && passwordOk;
}

/**
 * Who the Authorization header says the caller is, or null. `Bearer <password>` stands in for a
 * long-lived ConnexCS API token (CONNEXCS_TOKEN): the embedded plane has one user, so its
 * password doubles as that token. Tokens from `auth/jwt` are accepted too.
 */
export function identify(
  header: string | undefined,
  credentials: Credentials,
  tokens: TokenIssuer,
): Credential | null {
  const [scheme, value] = (header ?? '').trim().split(/\s+/, 2);
  if (!scheme || !value) return null;
  switch (scheme.toLowerCase()) {
    case 'basic':
      return basic(value, credentials) ? 'basic' : null;
    case 'bearer':
      if (sameSecret(value, credentials.password)) return 'password-token';
      if (tokens.verify(value, 'access')) return 'access-token';
      if (tokens.verify(value, 'refresh')) return 'refresh-token';
      return null;
    default:
      return null;
  }
}
