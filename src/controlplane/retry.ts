/** When a GET that failed is tried again: capped exponential backoff with full jitter, or the server's `Retry-After`. */
export interface BackoffPolicy {
  /** Ceiling of the first retry's delay; each retry doubles it. */
  baseMs: number;
  /** No backoff delay grows past this. */
  maxMs: number;
  /** A `Retry-After` longer than this is not waited for: the request fails at once and says when to try again. */
  retryAfterMaxMs: number;
}

/**
 * Full jitter (a uniform delay between 0 and the capped exponential ceiling): clients that failed
 * together do not come back together. `retry` counts from 1.
 */
export function backoffDelayMs(
  policy: BackoffPolicy,
  retry: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** (retry - 1));
  return Math.floor(random() * ceiling);
}

/** `Retry-After` as milliseconds from `now`: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfterMs(
  header: string | string[] | undefined,
  now: number = Date.now(),
): number | undefined {
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // Every HTTP date names its month; Date.parse alone would read "-5" as a year.
  if (!/[a-z]/i.test(value)) return undefined;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
