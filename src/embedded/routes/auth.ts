import { z } from 'zod';
import { parseInput } from '../http/input.js';
import { jsonReply } from '../http/reply.js';
import type { Route } from '../http/router.js';
import { ACCESS_TOKEN_SECONDS, type TokenIssuer } from '../http/tokens.js';

const RefreshRequest = z.strictObject({
  lifetime: z
    .number()
    .int()
    .min(60)
    .max(365 * 86_400),
  audience: z.string().min(1),
});

function bearerToken(header: string | undefined): string {
  return (header ?? '').trim().replace(/^bearer\s+/i, '');
}

/** The official CLI's flow: Basic credentials buy a refresh token, a refresh token buys access tokens. */
export function authRoutes(tokens: TokenIssuer, username: string): Route[] {
  return [
    {
      method: 'POST',
      path: 'auth/jwt/refresh',
      accepts: ['basic', 'password-token'],
      handler: ({ body }) => {
        const { lifetime, audience } = parseInput(RefreshRequest, body, 'body');
        return jsonReply({ token: tokens.issue('refresh', username, audience, lifetime) });
      },
    },
    {
      method: 'GET',
      path: 'auth/jwt',
      accepts: ['refresh-token'],
      handler: ({ headers }) => {
        // The route accepts only a valid refresh token, so its claims are there to carry over.
        const refresh = tokens.verify(bearerToken(headers.authorization), 'refresh')!;
        return jsonReply({ token: tokens.issue('access', username, refresh.aud, ACCESS_TOKEN_SECONDS) });
      },
    },
  ];
}
