import { z } from 'zod';
import type { RequestEvent, TransportConfig } from './http.js';

export const DEFAULT_BASE_URL = 'https://app.connexcs.com/api/cp/';

const ms = z.number().int().min(0);

const BaseUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
  .transform((text) => new URL(text))
  .refine((url) => !url.username && !url.password, 'must not carry credentials: pass them as auth')
  .transform((url) => {
    url.search = '';
    url.hash = '';
    if (!url.pathname.endsWith('/')) url.pathname += '/';
    return url;
  });

const ClientOptions = z.object({
  baseUrl: BaseUrl,
  auth: z.union([
    z.object({ username: z.string().min(1), password: z.string().min(1) }),
    z.object({ token: z.string().min(1) }),
  ]),
  timeouts: z
    .object({
      connectMs: ms.positive().default(5_000),
      headersMs: ms.positive().default(10_000),
      bodyMs: ms.positive().default(30_000),
    })
    .prefault({}),
  retries: z.number().int().min(0).max(10).default(3),
  backoff: z
    .object({ baseMs: ms.default(250), maxMs: ms.default(8_000), retryAfterMaxMs: ms.default(30_000) })
    .prefault({}),
  onRequest: z.custom<(event: RequestEvent) => void>((value) => typeof value === 'function').optional(),
});

/** How to reach a control plane; everything but `baseUrl` and `auth` has a default. */
export type ControlPlaneClientOptions = z.input<typeof ClientOptions>;

export function transportConfig(options: ControlPlaneClientOptions): TransportConfig {
  const parsed = ClientOptions.safeParse(options);
  // The messages name fields and rules, never values, so a password cannot leak through here.
  if (!parsed.success)
    throw new TypeError(`Invalid control-plane client options:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
